// The paper's semi-synthetic split-image data set (Section 3.2, Appendix B), built from a
// labelled source split. Every image is two source images put side by side:
//   frequent class c: LEFT = an image of class c, RIGHT = a random image of any class;
//   rare class c:     LEFT = blank (zero bytes), RIGHT = an image of class c.
// Supervised learning can solve the frequent classes from the left half alone and ignore the
// right; self-supervised learning also learns the right half's features, which is what the rare
// classes need. A probe on the rare classes then tells the two representations apart.
#pragma once

#include <cstdint>
#include <string>

#include "data/dataset.h"

namespace lt {

enum class SplitLayout {
  kSqueezed,    // each source image squeezed to half the width: H x W, the source's shape
  kSideBySide,  // two whole source images: H x 2W
  // The paper's text ("the right halves are random half images"): each half is the same half of
  // a source image, uncropped and unresampled: the left W/2 columns of the left image beside the
  // right W/2 columns of the right one: H x W, the source's shape.
  kHalf,
};

enum class SplitSetKind {
  kImbalanced,  // frequent classes `frequent_per_class` each, rare classes `rare_per_class`
  kBalanced,    // every class `frequent_per_class`, built as its kind (frequent or rare)
  kRareProbe,   // rare classes only, `probe_per_class` each; source labels and class names
  kRareOnly,    // rare classes only, `rare_per_class` each, relabelled 0..R-1 (a 5-way set)
};

struct SplitImageOptions {
  SplitSetKind kind = SplitSetKind::kImbalanced;
  SplitLayout layout = SplitLayout::kSqueezed;
  int64_t frequent_classes = 5;       // classes 0..frequent_classes-1 are frequent, the rest rare
  int64_t frequent_per_class = 5000;  // 0 = every image of the class in the split
  int64_t rare_per_class = 10;        // imbalanced and rare-only sets; 0 = every image
  int64_t probe_per_class = 5000;     // rare-probe set; 0 = every image
  uint64_t seed = 0;
};

// Builds one set from a source split with more than `frequent_classes` classes. The images are
// in class order. Under one seed every kind draws each class's images from the same
// permutation, so the rare-only set holds exactly the rare images of the imbalanced set.
// Throws kSetting for nonsensical options and kData when a class holds fewer images than asked
// or a squeezed or half source has an odd width.
Dataset build_split_images(const Dataset& source, const SplitImageOptions& options);

std::string to_string(SplitLayout layout);  // "squeezed", "side-by-side", "half"
SplitLayout parse_split_layout(const std::string& text);
std::string to_string(SplitSetKind kind);  // "imbalanced", "balanced", "rare-probe", "rare-only"
SplitSetKind parse_split_set_kind(const std::string& text);

// Which half carries the label of a source label: true (left) for the frequent classes, false
// (right) for the rare ones; Grad-CAM groups its maps by it. For a rare-only set, whose labels
// were renumbered, every image is rare.
bool is_frequent_class(int64_t label, int64_t frequent_classes = 5);

}  // namespace lt
