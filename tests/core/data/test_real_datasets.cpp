// Tests on the real data sets: Fashion-MNIST and digits.png from Debian's packages (installed by
// scripts/install-deps.sh), and CIFAR-10 from ../shared/data when it is there.
#include <cstring>
#include <filesystem>
#include <numeric>

#include "data/dataset_cache.h"
#include "data/image_files.h"
#include "data/opencv_digits.h"
#include "data/source.h"
#include "data/variant.h"
#include "test_support.h"

namespace lt {
namespace {

int64_t total(const std::vector<int64_t>& counts) {
  return std::accumulate(counts.begin(), counts.end(), int64_t{0});
}

double mean_pixel(const Dataset& d) {
  double sum = 0;
  for (size_t i = 0; i < d.pixels.size(); ++i) sum += d.pixels.data()[i];
  return sum / double(d.pixels.size());
}

TEST(RealFashionMnist, HasTheKnownSizesAndStatistics) {
  const Dataset train = load_source({"fashion-mnist", "train", true, {}});
  const Dataset test = load_source({"fashion-mnist", "test", true, {}});
  EXPECT_EQ(train.size(), 60000);
  EXPECT_EQ(test.size(), 10000);
  EXPECT_EQ(train.shape, (ImageShape{1, 28, 28}));
  EXPECT_EQ(train.class_counts(), std::vector<int64_t>(10, 6000));
  EXPECT_EQ(test.class_counts(), std::vector<int64_t>(10, 1000));
  EXPECT_EQ(train.class_names[9], "Ankle boot");
  // The usual normalisation constant of Fashion-MNIST is mean 0.2860.
  EXPECT_NEAR(mean_pixel(train) / 255.0, 0.2860, 0.001);
}

TEST(RealFashionMnist, SurvivesTheCacheAndGivesTheSameVariant) {
  test::TempDir dir;
  const Dataset train = load_source({"fashion-mnist", "train", true, {}});
  write_cache(train, {"train", "fashion-mnist"}, dir.file("fm.ltds"));
  const Dataset cached = load_source({dir.file("fm.ltds"), "train", false, {}});
  ASSERT_EQ(cached.pixels.size(), train.pixels.size());
  EXPECT_EQ(0, std::memcmp(cached.pixels.data(), train.pixels.data(), train.pixels.size()));
  DesignSpec spec;
  spec.ratio = 0.01;
  spec.seed = 7;
  const Variant a = build_variant(train, "fashion-mnist", "train", spec);
  const Variant b = build_variant(cached, dir.file("fm.ltds"), "train", spec);
  EXPECT_EQ(a.hash, b.hash);
  EXPECT_EQ(total(a.counts), 14886);
}

TEST(RealDigits, SplitsFourHundredAndOneHundredPerDigit) {
  if (!can_decode_images()) GTEST_SKIP() << "built without OpenCV";
  const Dataset train = load_source({"digits", "train", true, {}});
  const Dataset test = load_source({"digits", "test", true, {}});
  EXPECT_EQ(train.class_counts(), std::vector<int64_t>(10, 400));
  EXPECT_EQ(test.class_counts(), std::vector<int64_t>(10, 100));
  EXPECT_EQ(train.shape, (ImageShape{1, 20, 20}));
  // White strokes on black: mostly dark, not blank.
  EXPECT_GT(mean_pixel(train), 10.0);
  EXPECT_LT(mean_pixel(train), 80.0);
}

TEST(RealCifar10, GivesThePapersLongTailTotals) {
  const std::string dir = LONGTAIL_CIFAR_DIR;
  if (!std::filesystem::exists(dir + "/train")) {
    GTEST_SKIP() << "no CIFAR-10 at " << dir << " (../shared/data/cifar10-jpeg.tar.gz absent)";
  }
  if (!can_decode_images()) GTEST_SKIP() << "built without OpenCV";
  const Dataset train = load_source({"cifar10:" + dir, "train", true, {}});
  EXPECT_EQ(train.size(), 50000);
  EXPECT_EQ(train.shape, (ImageShape{3, 32, 32}));
  EXPECT_EQ(train.class_counts(), std::vector<int64_t>(10, 5000));
  EXPECT_EQ(train.class_names.front(), "airplane");
  EXPECT_EQ(train.class_names.back(), "truck");
  DesignSpec spec;
  spec.ratio = 0.1;
  EXPECT_EQ(total(build_variant(train, "cifar10", "train", spec).counts), 20431);
  spec.ratio = 0.01;
  EXPECT_EQ(total(build_variant(train, "cifar10", "train", spec).counts), 12406);
  spec.distribution = Distribution::kStep;
  EXPECT_EQ(total(build_variant(train, "cifar10", "train", spec).counts), 25250);
  // Colour order: the mean red of CIFAR-10 (0.4914) is above its mean blue (0.4465).
  double red = 0, blue = 0;
  for (int64_t i = 0; i < train.size(); i += 50) {
    for (int p = 0; p < 1024; ++p) {
      red += train.image(i)[p];
      blue += train.image(i)[2048 + p];
    }
  }
  EXPECT_GT(red, blue);
}

}  // namespace
}  // namespace lt
