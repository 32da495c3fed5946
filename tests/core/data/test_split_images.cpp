// The semi-synthetic split-image sets: every half of every image is traced back to the source
// image it came from, on a small source whose images are all different.
#include <algorithm>
#include <set>

#include "data/source.h"
#include "data/split_images.h"
#include "test_support.h"
#include "util/error.h"

namespace lt {
namespace {

constexpr int64_t kClasses = 10;
constexpr int64_t kPerClass = 30;

uint64_t mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// 10 classes x 30 images of 2 x 8 x 8, classes interleaved as in real files. Pixels are hashed
// from (image, channel, row, column) and never zero, so no two images (or squeezed halves) are
// alike and a blank half cannot be mistaken for an image.
Dataset make_source(int64_t width = 8) {
  Dataset d;
  d.shape = {2, 8, width};
  d.origin = "test source";
  for (int64_t c = 0; c < kClasses; ++c) d.class_names.push_back("class" + std::to_string(c));
  const int64_t n = kClasses * kPerClass;
  std::vector<uint8_t> pixels(size_t(n * d.shape.pixels()));
  for (int64_t i = 0; i < n; ++i) {
    d.labels.push_back(i % kClasses);
    for (int64_t p = 0; p < d.shape.pixels(); ++p) {
      pixels[size_t(i * d.shape.pixels() + p)] = uint8_t(1 + mix(uint64_t(i * 1000 + p)) % 255);
    }
  }
  d.pixels = PixelBuffer::own(std::move(pixels));
  return d;
}

const Dataset& source() {
  static const Dataset d = make_source();
  return d;
}

SplitImageOptions small_options(SplitSetKind kind, SplitLayout layout, uint64_t seed = 0) {
  SplitImageOptions o;
  o.kind = kind;
  o.layout = layout;
  o.frequent_per_class = 20;
  o.rare_per_class = 3;
  o.probe_per_class = 25;
  o.seed = seed;
  return o;
}

using Bytes = std::vector<uint8_t>;

// One half of image k of `set`, as C x H x (W/2) bytes.
Bytes half(const Dataset& set, int64_t k, bool right) {
  const ImageShape& s = set.shape;
  const int64_t w = s.width / 2;
  Bytes out;
  for (int64_t c = 0; c < s.channels; ++c) {
    for (int64_t y = 0; y < s.height; ++y) {
      const uint8_t* row = set.image(k) + (c * s.height + y) * s.width + (right ? w : 0);
      out.insert(out.end(), row, row + w);
    }
  }
  return out;
}

// Source image i as it appears in the left or right half: whole, the same half of its columns,
// or each column pair averaged (rounded up).
Bytes as_half(const Dataset& src, int64_t i, SplitLayout layout, bool right) {
  const uint8_t* image = src.image(i);
  if (layout == SplitLayout::kSideBySide) return Bytes(image, image + src.shape.pixels());
  if (layout == SplitLayout::kHalf) return half(src, i, right);
  Bytes out;
  for (int64_t row = 0; row < src.shape.channels * src.shape.height; ++row) {
    for (int64_t x = 0; x < src.shape.width; x += 2) {
      const uint8_t* p = image + row * src.shape.width + x;
      out.push_back(uint8_t((p[0] + p[1] + 1) / 2));
    }
  }
  return out;
}

// The source image a half came from: -1 when none, -2 when blank.
int64_t trace(const Dataset& set, int64_t k, bool right, SplitLayout layout) {
  const Bytes h = half(set, k, right);
  if (std::all_of(h.begin(), h.end(), [](uint8_t b) { return b == 0; })) return -2;
  for (int64_t i = 0; i < source().size(); ++i) {
    if (as_half(source(), i, layout, right) == h) return i;
  }
  return -1;
}

// Checks every image of an imbalanced or balanced set built from source() and returns the
// classes its frequent images' right halves came from.
std::set<int64_t> check_halves(const Dataset& set, SplitLayout layout) {
  std::set<int64_t> right_classes;
  std::set<int64_t> used;  // images that carry a label: drawn without replacement
  for (int64_t k = 0; k < set.size(); ++k) {
    const int64_t label = set.labels[k];
    const int64_t left = trace(set, k, false, layout);
    const int64_t right = trace(set, k, true, layout);
    if (right < 0 || (is_frequent_class(label) && left < 0)) {
      ADD_FAILURE() << "image " << k << ": a half from no source image";
      continue;
    }
    if (is_frequent_class(label)) {
      EXPECT_EQ(source().labels[left], label) << k;
      EXPECT_NE(right, left) << k;
      EXPECT_TRUE(used.insert(left).second) << k;
      right_classes.insert(source().labels[right]);
    } else {
      EXPECT_EQ(left, -2) << "rare image " << k << " has no blank left half";
      EXPECT_EQ(source().labels[right], label) << k;
      EXPECT_TRUE(used.insert(right).second) << k;
    }
  }
  return right_classes;
}

TEST(SplitImages, CountsOfEveryKind) {
  const auto squeezed = SplitLayout::kSqueezed;
  const Dataset imbalanced =
      build_split_images(source(), small_options(SplitSetKind::kImbalanced, squeezed));
  EXPECT_EQ(imbalanced.class_counts(), (std::vector<int64_t>{20, 20, 20, 20, 20, 3, 3, 3, 3, 3}));
  EXPECT_EQ(imbalanced.class_names, source().class_names);
  EXPECT_EQ(imbalanced.origin, "semisynth(imbalanced, squeezed, seed 0) of test source");

  const Dataset balanced =
      build_split_images(source(), small_options(SplitSetKind::kBalanced, squeezed));
  EXPECT_EQ(balanced.class_counts(), std::vector<int64_t>(10, 20));

  const Dataset probe =
      build_split_images(source(), small_options(SplitSetKind::kRareProbe, squeezed));
  EXPECT_EQ(probe.class_counts(), (std::vector<int64_t>{0, 0, 0, 0, 0, 25, 25, 25, 25, 25}));
  EXPECT_EQ(probe.class_names, source().class_names);

  const Dataset rare =
      build_split_images(source(), small_options(SplitSetKind::kRareOnly, squeezed));
  EXPECT_EQ(rare.class_counts(), (std::vector<int64_t>{3, 3, 3, 3, 3}));
  EXPECT_EQ(rare.class_names,
            (std::vector<std::string>{"class5", "class6", "class7", "class8", "class9"}));

  // 0: every image of the class.
  SplitImageOptions all = small_options(SplitSetKind::kImbalanced, squeezed);
  all.frequent_per_class = 0;
  all.rare_per_class = 0;
  EXPECT_EQ(build_split_images(source(), all).class_counts(), std::vector<int64_t>(10, 30));
}

TEST(SplitImages, SideBySideHalvesAreTheSourceImagesByteForByte) {
  const Dataset set = build_split_images(
      source(), small_options(SplitSetKind::kImbalanced, SplitLayout::kSideBySide));
  EXPECT_EQ(set.shape, (ImageShape{2, 8, 16}));
  const auto right_classes = check_halves(set, SplitLayout::kSideBySide);
  // Random right halves: from many classes, not the label's.
  EXPECT_GE(right_classes.size(), 5u);
}

TEST(SplitImages, SqueezedHalvesAreTheColumnPairAverages) {
  const Dataset set = build_split_images(
      source(), small_options(SplitSetKind::kImbalanced, SplitLayout::kSqueezed));
  EXPECT_EQ(set.shape, source().shape);
  const auto right_classes = check_halves(set, SplitLayout::kSqueezed);
  EXPECT_GE(right_classes.size(), 5u);
}

TEST(SplitImages, HalfLayoutKeepsEachHalfOfItsSourceImageInPlace) {
  // The paper's text: a frequent image is the left half of a class image beside the right half
  // of a random one; a rare image the right half of a class image beside a blank left half.
  const Dataset set =
      build_split_images(source(), small_options(SplitSetKind::kImbalanced, SplitLayout::kHalf));
  EXPECT_EQ(set.shape, source().shape);
  EXPECT_EQ(set.origin, "semisynth(imbalanced, half, seed 0) of test source");
  const auto right_classes = check_halves(set, SplitLayout::kHalf);
  EXPECT_GE(right_classes.size(), 5u);
  // Column by column: image 0 (frequent) holds its source's columns 0-3 unchanged.
  const int64_t left = trace(set, 0, false, SplitLayout::kHalf);
  ASSERT_GE(left, 0);
  for (int64_t x = 0; x < 4; ++x) EXPECT_EQ(set.image(0)[x], source().image(left)[x]) << x;
  EXPECT_EQ(parse_split_layout("half"), SplitLayout::kHalf);
  EXPECT_LT_ERROR(build_split_images(make_source(7),
                                     small_options(SplitSetKind::kImbalanced, SplitLayout::kHalf)),
                  ErrorKind::kData, "even width");
}

TEST(SplitImages, BalancedBuildsRareClassesAsRare) {
  const Dataset set = build_split_images(
      source(), small_options(SplitSetKind::kBalanced, SplitLayout::kSideBySide));
  check_halves(set, SplitLayout::kSideBySide);
  for (int64_t k = 0; k < set.size(); ++k) {
    EXPECT_EQ(trace(set, k, false, SplitLayout::kSideBySide) == -2,
              !is_frequent_class(set.labels[k]));
  }
}

TEST(SplitImages, ProbeKeepsSourceLabelsWithBlankLeftHalves) {
  const Dataset set =
      build_split_images(source(), small_options(SplitSetKind::kRareProbe, SplitLayout::kSqueezed));
  for (int64_t k = 0; k < set.size(); ++k) {
    EXPECT_GE(set.labels[k], 5);
    EXPECT_EQ(trace(set, k, false, SplitLayout::kSqueezed), -2);
    EXPECT_EQ(source().labels[trace(set, k, true, SplitLayout::kSqueezed)], set.labels[k]);
  }
}

TEST(SplitImages, RareOnlyIsTheImbalancedSetsRarePartRelabelled) {
  for (auto layout : {SplitLayout::kSqueezed, SplitLayout::kSideBySide}) {
    const Dataset imbalanced =
        build_split_images(source(), small_options(SplitSetKind::kImbalanced, layout, 7));
    const Dataset rare =
        build_split_images(source(), small_options(SplitSetKind::kRareOnly, layout, 7));
    ASSERT_EQ(rare.size(), 15);
    const int64_t first_rare = 5 * 20;
    for (int64_t k = 0; k < rare.size(); ++k) {
      EXPECT_EQ(rare.labels[k], imbalanced.labels[first_rare + k] - 5);
      EXPECT_TRUE(std::equal(rare.image(k), rare.image(k) + rare.shape.pixels(),
                             imbalanced.image(first_rare + k)))
          << k;
    }
  }
}

TEST(SplitImages, TheSeedFixesTheSet) {
  const auto options = [](uint64_t seed) {
    return small_options(SplitSetKind::kImbalanced, SplitLayout::kSqueezed, seed);
  };
  const Dataset a = build_split_images(source(), options(3));
  const Dataset b = build_split_images(source(), options(3));
  const Dataset c = build_split_images(source(), options(4));
  const auto bytes = [](const Dataset& d) {
    return Bytes(d.pixels.data(), d.pixels.data() + d.pixels.size());
  };
  EXPECT_EQ(bytes(a), bytes(b));
  EXPECT_EQ(a.labels, b.labels);
  EXPECT_NE(bytes(a), bytes(c));
  EXPECT_EQ(a.labels, c.labels);
}

TEST(SplitImages, RefusesMoreImagesThanAClassHolds) {
  SplitImageOptions o = small_options(SplitSetKind::kImbalanced, SplitLayout::kSqueezed);
  o.rare_per_class = 31;
  EXPECT_LT_ERROR(build_split_images(source(), o), ErrorKind::kData, "--rare-per-class 31");
  EXPECT_LT_ERROR(build_split_images(source(), o), ErrorKind::kData, "class5");
  o = small_options(SplitSetKind::kBalanced, SplitLayout::kSqueezed);
  o.frequent_per_class = 40;
  EXPECT_LT_ERROR(build_split_images(source(), o), ErrorKind::kData, "holds (30)");
  o = small_options(SplitSetKind::kRareProbe, SplitLayout::kSqueezed);
  o.probe_per_class = 31;
  EXPECT_LT_ERROR(build_split_images(source(), o), ErrorKind::kData, "--probe-per-class");
}

TEST(SplitImages, RefusesNonsensicalSettings) {
  SplitImageOptions o = small_options(SplitSetKind::kImbalanced, SplitLayout::kSqueezed);
  o.frequent_classes = 0;
  EXPECT_LT_ERROR(build_split_images(source(), o), ErrorKind::kSetting, "frequent classes");
  o.frequent_classes = 10;
  EXPECT_LT_ERROR(build_split_images(source(), o), ErrorKind::kSetting, "from 1 to 9");
  o = small_options(SplitSetKind::kImbalanced, SplitLayout::kSqueezed);
  o.rare_per_class = -1;
  EXPECT_LT_ERROR(build_split_images(source(), o), ErrorKind::kSetting, "negative");
  // Squeezing halves the width: an odd one cannot be squeezed, but can go side by side.
  const Dataset odd = make_source(7);
  o = small_options(SplitSetKind::kImbalanced, SplitLayout::kSqueezed);
  EXPECT_LT_ERROR(build_split_images(odd, o), ErrorKind::kData, "even width");
  o.layout = SplitLayout::kSideBySide;
  EXPECT_EQ(build_split_images(odd, o).shape, (ImageShape{2, 8, 14}));
}

TEST(SplitImages, NamesRoundTrip) {
  for (auto layout : {SplitLayout::kSqueezed, SplitLayout::kSideBySide, SplitLayout::kHalf}) {
    EXPECT_EQ(parse_split_layout(to_string(layout)), layout);
  }
  for (auto kind : {SplitSetKind::kImbalanced, SplitSetKind::kBalanced, SplitSetKind::kRareProbe,
                    SplitSetKind::kRareOnly}) {
    EXPECT_EQ(parse_split_set_kind(to_string(kind)), kind);
  }
  EXPECT_EQ(to_string(SplitLayout::kSideBySide), "side-by-side");
  EXPECT_EQ(to_string(SplitSetKind::kRareProbe), "rare-probe");
  EXPECT_LT_ERROR(parse_split_layout("stacked"), ErrorKind::kSetting,
                  "squeezed, half or side-by-side");
  EXPECT_LT_ERROR(parse_split_set_kind("rare"), ErrorKind::kSetting, "rare-only");
  EXPECT_TRUE(is_frequent_class(0));
  EXPECT_TRUE(is_frequent_class(4));
  EXPECT_FALSE(is_frequent_class(5));
  EXPECT_FALSE(is_frequent_class(2, 2));
}

TEST(SplitImages, FashionMnistTrainGivesThePapersImbalancedSet) {
  const Dataset train = load_source({"fashion-mnist", "train", true, {}});
  const Dataset set = build_split_images(train, SplitImageOptions{});
  EXPECT_EQ(set.size(), 5 * 5000 + 5 * 10);
  EXPECT_EQ(set.size(), 25050);
  EXPECT_EQ(set.shape, (ImageShape{1, 28, 28}));
  EXPECT_EQ(set.class_counts(),
            (std::vector<int64_t>{5000, 5000, 5000, 5000, 5000, 10, 10, 10, 10, 10}));
  EXPECT_EQ(set.class_names, train.class_names);
}

}  // namespace
}  // namespace lt
