#include "data/split_images.h"

#include <cstring>
#include <random>
#include <vector>

#include "util/error.h"
#include "util/random.h"

namespace lt {
namespace {

constexpr int64_t kBlank = -1;  // a half left as zero bytes

// One output image: the source images of its halves (or kBlank) and its label.
struct SplitImage {
  int64_t left = kBlank;
  int64_t right = kBlank;
  int64_t label = 0;
};

// What a class contributes: how many images, built as frequent or rare, under which label.
struct ClassPlan {
  int64_t source_class = 0;
  int64_t count = 0;  // 0 = every image of the class
  const char* count_flag = "";
  bool frequent = false;
  int64_t label = 0;
};

void check_options(const Dataset& source, const SplitImageOptions& o) {
  const int64_t classes = source.num_classes();
  if (o.frequent_classes < 1 || o.frequent_classes > classes - 1) {
    throw_setting("the number of frequent classes (" + std::to_string(o.frequent_classes) +
                  ") must be from 1 to " + std::to_string(classes - 1) + ": " + source.origin +
                  " has " + std::to_string(classes) +
                  " classes and the split-image set needs at least one rare class");
  }
  const std::pair<const char*, int64_t> counts[] = {{"--frequent-per-class", o.frequent_per_class},
                                                    {"--rare-per-class", o.rare_per_class},
                                                    {"--probe-per-class", o.probe_per_class}};
  for (const auto& [flag, count] : counts) {
    if (count < 0) {
      throw_setting(std::string(flag) + " " + std::to_string(count) +
                    " is negative; give a number of images, or 0 for every image of the class");
    }
  }
  if (o.layout != SplitLayout::kSideBySide && source.shape.width % 2 != 0) {
    throw_data(source.origin + ": images are " + std::to_string(source.shape.width) +
               " pixels wide, and the " + to_string(o.layout) +
               " layout puts two halves into one width, which needs an even width; use "
               "--layout side-by-side or resize the source to an even width");
  }
}

std::vector<ClassPlan> plan_classes(const SplitImageOptions& o, int64_t classes) {
  std::vector<ClassPlan> plans;
  for (int64_t c = 0; c < classes; ++c) {
    const bool frequent = c < o.frequent_classes;
    ClassPlan p;
    p.source_class = c;
    p.frequent = frequent;
    p.label = c;
    switch (o.kind) {
      case SplitSetKind::kImbalanced:
        p.count = frequent ? o.frequent_per_class : o.rare_per_class;
        p.count_flag = frequent ? "--frequent-per-class" : "--rare-per-class";
        break;
      case SplitSetKind::kBalanced:
        p.count = o.frequent_per_class;
        p.count_flag = "--frequent-per-class";
        break;
      case SplitSetKind::kRareProbe:
        if (frequent) continue;
        p.count = o.probe_per_class;
        p.count_flag = "--probe-per-class";
        break;
      case SplitSetKind::kRareOnly:
        if (frequent) continue;
        p.count = o.rare_per_class;
        p.count_flag = "--rare-per-class";
        // A 5-class set, so that a classifier trained on it is 5-way.
        p.label = c - o.frequent_classes;
        break;
    }
    plans.push_back(p);
  }
  return plans;
}

int64_t resolve_count(const ClassPlan& p, int64_t available, const Dataset& source) {
  if (p.count == 0) return available;
  if (p.count > available) {
    throw_data(std::string(p.count_flag) + " " + std::to_string(p.count) +
               " asks more images of class " + std::to_string(p.source_class) + " (" +
               source.class_names[p.source_class] + ") than " + source.origin + " holds (" +
               std::to_string(available) + "); lower the count, or give 0 for every image");
  }
  return p.count;
}

// Copies source image `index` into the left or right half of `out`. Squeezed: each pair of
// adjacent columns becomes their mean (area resampling, exact for a factor of 2), rounded half
// up so that two equal pixels stay that value. Half: the source's own columns of that half, where
// they were.
void paste_half(const Dataset& source, int64_t index, SplitLayout layout, bool right,
                uint8_t* out) {
  const ImageShape& s = source.shape;
  const uint8_t* image = source.image(index);
  const int64_t out_width = layout == SplitLayout::kSideBySide ? 2 * s.width : s.width;
  const int64_t half = out_width / 2;
  for (int64_t c = 0; c < s.channels; ++c) {
    for (int64_t y = 0; y < s.height; ++y) {
      const uint8_t* row = image + (c * s.height + y) * s.width;
      uint8_t* target = out + (c * s.height + y) * out_width + (right ? half : 0);
      if (layout == SplitLayout::kSideBySide) {
        std::memcpy(target, row, size_t(s.width));
      } else if (layout == SplitLayout::kHalf) {
        std::memcpy(target, row + (right ? half : 0), size_t(half));
      } else {
        for (int64_t x = 0; x < half; ++x) {
          target[x] = uint8_t((unsigned(row[2 * x]) + unsigned(row[2 * x + 1]) + 1) / 2);
        }
      }
    }
  }
}

}  // namespace

Dataset build_split_images(const Dataset& source, const SplitImageOptions& options) {
  // Labels index the per-class lists below: a damaged source must stop here.
  validate(source);
  check_options(source, options);
  const int64_t classes = source.num_classes();

  // One permutation per class, drawn for every class whatever the kind, so that all kinds built
  // under one seed take each class's images in the same order: the rare-only set is exactly the
  // rare part of the imbalanced set, and the probe set holds it too.
  std::vector<std::vector<int64_t>> by_class(classes);
  for (int64_t i = 0; i < source.size(); ++i) by_class[source.labels[i]].push_back(i);
  std::mt19937_64 rng(options.seed);
  for (auto& members : by_class) portable_shuffle(members, rng);
  // The random right halves come from their own stream, so they do not shift the permutations.
  std::mt19937_64 right_rng(options.seed ^ 0x72696768742d68ULL);

  std::vector<SplitImage> images;
  for (const ClassPlan& plan : plan_classes(options, classes)) {
    const auto& members = by_class[plan.source_class];
    const int64_t count = resolve_count(plan, int64_t(members.size()), source);
    for (int64_t k = 0; k < count; ++k) {
      SplitImage image;
      image.label = plan.label;
      if (plan.frequent) {
        image.left = members[k];
        if (source.size() < 2) {
          throw_data(source.origin +
                     " holds a single image; a frequent-class image needs "
                     "another one for its right half");
        }
        // Uniform over every other image of the split: never the left half's own image.
        int64_t r = int64_t(uniform_below(right_rng, uint64_t(source.size() - 1)));
        if (r >= image.left) ++r;
        image.right = r;
      } else {
        image.right = members[k];
      }
      images.push_back(image);
    }
  }

  Dataset out;
  out.shape = source.shape;
  if (options.layout == SplitLayout::kSideBySide) out.shape.width = 2 * source.shape.width;
  if (options.kind == SplitSetKind::kRareOnly) {
    out.class_names.assign(source.class_names.begin() + options.frequent_classes,
                           source.class_names.end());
  } else {
    out.class_names = source.class_names;
  }
  out.origin = "semisynth(" + to_string(options.kind) + ", " + to_string(options.layout) +
               ", seed " + std::to_string(options.seed) + ") of " + source.origin;
  const size_t stride = size_t(out.shape.pixels());
  std::vector<uint8_t> pixels(images.size() * stride, 0);  // blank halves stay zero
  out.labels.reserve(images.size());
  for (size_t k = 0; k < images.size(); ++k) {
    uint8_t* target = pixels.data() + k * stride;
    if (images[k].left != kBlank) paste_half(source, images[k].left, options.layout, false, target);
    paste_half(source, images[k].right, options.layout, true, target);
    out.labels.push_back(images[k].label);
  }
  out.pixels = PixelBuffer::own(std::move(pixels));
  validate(out);
  return out;
}

std::string to_string(SplitLayout layout) {
  switch (layout) {
    case SplitLayout::kSqueezed:
      return "squeezed";
    case SplitLayout::kSideBySide:
      return "side-by-side";
    case SplitLayout::kHalf:
      return "half";
  }
  return "squeezed";
}

SplitLayout parse_split_layout(const std::string& text) {
  for (auto layout : {SplitLayout::kSqueezed, SplitLayout::kSideBySide, SplitLayout::kHalf}) {
    if (text == to_string(layout)) return layout;
  }
  throw_setting("--layout \"" + text + "\" is unknown; use squeezed, half or side-by-side");
}

std::string to_string(SplitSetKind kind) {
  switch (kind) {
    case SplitSetKind::kImbalanced:
      return "imbalanced";
    case SplitSetKind::kBalanced:
      return "balanced";
    case SplitSetKind::kRareProbe:
      return "rare-probe";
    case SplitSetKind::kRareOnly:
      return "rare-only";
  }
  return "imbalanced";
}

SplitSetKind parse_split_set_kind(const std::string& text) {
  for (auto kind : {SplitSetKind::kImbalanced, SplitSetKind::kBalanced, SplitSetKind::kRareProbe,
                    SplitSetKind::kRareOnly}) {
    if (text == to_string(kind)) return kind;
  }
  throw_setting("split-image set kind \"" + text +
                "\" is unknown; use imbalanced, balanced, rare-probe or rare-only");
}

bool is_frequent_class(int64_t label, int64_t frequent_classes) {
  return label >= 0 && label < frequent_classes;
}

}  // namespace lt
