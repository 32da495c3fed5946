#include <numeric>

#include "data/longtail_design.h"
#include "synthetic_dataset.h"
#include "test_support.h"
#include "util/error.h"

namespace lt {
namespace {

int64_t total(const std::vector<int64_t>& counts) {
  return std::accumulate(counts.begin(), counts.end(), int64_t{0});
}

const std::vector<int64_t> kCifarTrain(10, 5000);

std::vector<std::string> names(size_t n) {
  return test::synthetic_dataset(std::vector<int64_t>(n, 1)).class_names;
}

TEST(LongTailDesign, GivesThePapersCifar10LtTotals) {
  DesignSpec spec;
  spec.distribution = Distribution::kExponential;
  spec.ratio = 0.1;
  EXPECT_EQ(total(design_counts(spec, kCifarTrain, names(10))), 20431);
  spec.ratio = 0.01;
  const auto exp = design_counts(spec, kCifarTrain, names(10));
  EXPECT_EQ(total(exp), 12406);
  EXPECT_EQ(exp.front(), 5000);
  EXPECT_EQ(exp.back(), 50);
  spec.distribution = Distribution::kStep;
  const auto step = design_counts(spec, kCifarTrain, names(10));
  EXPECT_EQ(total(step), 25250);
  EXPECT_EQ(step, (std::vector<int64_t>{5000, 5000, 5000, 5000, 5000, 50, 50, 50, 50, 50}));
}

TEST(LongTailDesign, SamplingRatioDownsamplesEveryClass) {
  DesignSpec spec;
  spec.ratio = 0.01;
  spec.sample = 0.5;
  const auto half = design_counts(spec, kCifarTrain, names(10));
  EXPECT_EQ(half.front(), 2500);
  EXPECT_EQ(half.back(), 25);
  spec.distribution = Distribution::kBalanced;
  spec.sample = 0.125;
  EXPECT_EQ(design_counts(spec, kCifarTrain, names(10)), std::vector<int64_t>(10, 625));
}

TEST(LongTailDesign, ParetoLooksLikeImageNetLt) {
  DesignSpec spec;
  spec.distribution = Distribution::kPareto;
  spec.pareto_shape = 6;
  spec.ratio = 5.0 / 1280.0;
  spec.max_per_class = 1280;
  const auto counts = counts_by_rank(spec, 1000, 1280);
  EXPECT_EQ(counts.front(), 1280);
  EXPECT_EQ(counts.back(), 5);
  EXPECT_TRUE(std::is_sorted(counts.rbegin(), counts.rend()));
  // ImageNet-LT holds 115,846 images; our deterministic profile lands within 5% of it.
  EXPECT_NEAR(double(total(counts)), 115846.0, 0.05 * 115846.0);
  RecordProperty("pareto_imagenet_lt_total", std::to_string(total(counts)));
}

TEST(LongTailDesign, OrderDecidesWhichClassesAreRare) {
  DesignSpec spec;
  spec.ratio = 0.1;
  parse_class_order("class2,class0,class1", names(3), spec);
  const auto counts = design_counts(spec, {100, 100, 100}, names(3));
  EXPECT_EQ(counts, (std::vector<int64_t>{31, 10, 100}));
  spec.order = ClassOrder::kShuffled;
  spec.seed = 5;
  auto ranking = class_ranking(spec, 10);
  std::sort(ranking.begin(), ranking.end());
  EXPECT_EQ(ranking, (std::vector<int64_t>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
  EXPECT_NE(class_ranking(spec, 10), class_ranking(DesignSpec{}, 10));
  EXPECT_LT_ERROR(parse_class_order("class2,class0", names(3), spec), ErrorKind::kSetting,
                  "every one of the 3 classes");
  EXPECT_LT_ERROR(parse_class_order("class2,nope,class1", names(3), spec), ErrorKind::kSetting,
                  "\"nope\"");
}

TEST(LongTailDesign, NonsensicalSettingsNameTheField) {
  DesignSpec spec;
  spec.ratio = 0;
  EXPECT_LT_ERROR(design_counts(spec, kCifarTrain, names(10)), ErrorKind::kSetting, "--ratio");
  spec.ratio = 1.5;
  EXPECT_LT_ERROR(design_counts(spec, kCifarTrain, names(10)), ErrorKind::kSetting, "--ratio");
  spec.ratio = 0.1;
  spec.sample = 0;
  EXPECT_LT_ERROR(design_counts(spec, kCifarTrain, names(10)), ErrorKind::kSetting, "--sample");
  spec.sample = 1.01;
  EXPECT_LT_ERROR(design_counts(spec, kCifarTrain, names(10)), ErrorKind::kSetting, "--sample");
  spec.sample = 1;
  spec.distribution = Distribution::kStep;
  spec.frequent = 11;
  EXPECT_LT_ERROR(design_counts(spec, kCifarTrain, names(10)), ErrorKind::kSetting, "--frequent");
  EXPECT_LT_ERROR(parse_distribution("zipf"), ErrorKind::kSetting, "zipf");
}

TEST(LongTailDesign, RefusesMoreImagesThanExistAndEmptyClasses) {
  DesignSpec spec;
  spec.ratio = 0.1;
  spec.max_per_class = 6000;
  EXPECT_LT_ERROR(design_counts(spec, kCifarTrain, names(10)), ErrorKind::kData,
                  "class0 has 5000 images, the design asks for 6000");
  spec.max_per_class = 0;
  spec.ratio = 0.001;
  spec.sample = 0.1;
  EXPECT_LT_ERROR(design_counts(spec, kCifarTrain, names(10)), ErrorKind::kData,
                  "would keep no image");
  // The default n_max is the smallest class, so every class can serve it.
  spec = DesignSpec{};
  spec.ratio = 0.5;
  EXPECT_EQ(design_counts(spec, {30, 10}, names(2)), (std::vector<int64_t>{10, 5}));
}

TEST(LongTailDesign, BalancedCountsSpreadTheRemainderByRank) {
  EXPECT_EQ(balanced_counts(12406, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}),
            (std::vector<int64_t>{1241, 1241, 1241, 1241, 1241, 1241, 1240, 1240, 1240, 1240}));
  EXPECT_EQ(balanced_counts(7, {2, 0, 1}), (std::vector<int64_t>{2, 2, 3}));
}

}  // namespace
}  // namespace lt
