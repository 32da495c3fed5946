#include <torch/torch.h>

#include <cmath>

#include "eval/linear_probe.h"
#include "eval/relative_gap.h"
#include "test_support.h"
#include "util/error.h"

namespace lt {
namespace {

// Three classes around well-separated centres in 16 dimensions.
std::pair<torch::Tensor, torch::Tensor> separable(int64_t per_class, int64_t seed) {
  torch::manual_seed(seed);
  const auto centres = torch::eye(16).slice(0, 0, 3) * 6 + 1;
  const auto labels = torch::arange(3).repeat_interleave(per_class);
  const auto x = centres.index({labels}) + torch::randn({3 * per_class, 16});
  return {x, labels};
}

TEST(LinearProbe, SeparatesLinearlySeparableFeatures) {
  const auto [train_x, train_y] = separable(200, 1);
  const auto [test_x, test_y] = separable(100, 2);
  for (const char* preset : {"paper", "fast"}) {
    ProbeOptions options = probe_preset(preset);
    options.epochs = std::min<int64_t>(options.epochs, 30);
    const ProbeResult r = train_linear_probe(train_x, train_y, test_x, test_y, 3, options);
    EXPECT_GE(r.top1, 0.95) << preset;
    ASSERT_EQ(r.per_class.size(), 3u);
    EXPECT_EQ(r.test_counts, (std::vector<int64_t>{100, 100, 100}));
    for (double a : r.per_class) EXPECT_GE(a, 0.9) << preset;
  }
}

TEST(LinearProbe, ReturnsItselfAsAMapOfTheRawFeatures) {
  // Grad-CAM's probe target differentiates the probe through the encoder's raw features: the
  // returned weights must predict on raw features what the probe predicted, standardised or not.
  auto [train_x, train_y] = separable(100, 4);
  auto [test_x, test_y] = separable(100, 5);
  train_x = train_x * 3 + 5;  // far from standardised
  test_x = test_x * 3 + 5;
  for (const char* preset : {"paper", "fast"}) {
    ProbeOptions options = probe_preset(preset);
    options.epochs = 10;
    options.lr = std::min(options.lr, 0.5);
    const ProbeResult r = train_linear_probe(train_x, train_y, test_x, test_y, 3, options);
    ASSERT_TRUE(r.weight.defined()) << preset;
    EXPECT_EQ(r.weight.sizes(), (std::vector<int64_t>{3, 16})) << preset;
    EXPECT_EQ(r.bias.sizes(), (std::vector<int64_t>{3})) << preset;
    const auto logits = torch::addmm(r.bias, test_x, r.weight.t());
    EXPECT_DOUBLE_EQ(score_predictions(logits.argmax(1), test_y, 3).top1, r.top1) << preset;
  }
}

TEST(LinearProbe, ADivergingProbeSaysWhatToChange) {
  const auto [x, y] = separable(50, 3);
  ProbeOptions options;
  options.lr = 1e30;
  options.epochs = 5;
  EXPECT_LT_ERROR(train_linear_probe(x * 1e10, y, x, y, 3, options), ErrorKind::kData,
                  "lower the probe's lr");
}

TEST(ShotSplit, GroupsClassesByPretrainingCounts) {
  // Pre-training counts 500 (many), 50 (medium), 5 (few), 150 (many).
  const ShotSplit s = shot_split({0.9, 0.6, 0.2, 0.7}, {10, 10, 10, 30}, {500, 50, 5, 150});
  EXPECT_EQ(s.many_classes, 2);
  EXPECT_EQ(s.medium_classes, 1);
  EXPECT_EQ(s.few_classes, 1);
  EXPECT_NEAR(s.many, (0.9 * 10 + 0.7 * 30) / 40, 1e-12);
  EXPECT_NEAR(s.medium, 0.6, 1e-12);
  EXPECT_NEAR(s.few, 0.2, 1e-12);
  EXPECT_TRUE(std::isnan(shot_split({0.5}, {10}, {500}).few));
}

TEST(RelativeGap, IsTheRelativeAccuracyLost) {
  EXPECT_NEAR(relative_gap(0.82, 0.814), (0.82 - 0.814) / 0.82, 1e-12);
  EXPECT_NEAR(relative_gap(0.5, 0.5), 0.0, 1e-12);
  EXPECT_LT(relative_gap(0.5, 0.6), 0.0);  // imbalance helped: a negative gap
  const GapSummary s = relative_gap(std::vector<double>{0.8, 0.9}, std::vector<double>{0.6, 0.9});
  EXPECT_NEAR(s.per_seed[0], 0.25, 1e-12);
  EXPECT_NEAR(s.per_seed[1], 0.0, 1e-12);
  EXPECT_NEAR(s.mean, (0.85 - 0.75) / 0.85, 1e-12);
  EXPECT_NEAR(s.spread, std::sqrt(0.25 * 0.25 / 2), 1e-12);
  EXPECT_LT_ERROR(relative_gap(std::vector<double>{0.8}, std::vector<double>{}),
                  ErrorKind::kSetting, "one pair per seed");
  EXPECT_LT_ERROR(relative_gap(0.0, 0.5), ErrorKind::kData, "undefined");
}

TEST(LinearProbe, TheOfficialPresetIsTheOfficialCodesProbe) {
  const ProbeOptions o = probe_preset("official");
  EXPECT_EQ(o.batch_size, 256);
  EXPECT_DOUBLE_EQ(o.lr, 30);
  EXPECT_EQ(o.epochs, 100);
  EXPECT_EQ(o.milestones, (std::vector<double>{0.6, 0.8}));
  EXPECT_TRUE(o.train_augment);
  EXPECT_DOUBLE_EQ(o.train_crop_min, 0.8);
  EXPECT_FALSE(o.standardize);
  EXPECT_FALSE(probe_preset("paper").train_augment);
  EXPECT_LT_ERROR(probe_preset("best"), ErrorKind::kSetting, "official");
}

// Training-time augmentation: the features of every batch are made afresh, every epoch.
TEST(LinearProbe, FeaturesMadePerBatchAreAskedForEveryEpoch) {
  const auto [train_x, train_y] = separable(100, 4);
  const auto [test_x, test_y] = separable(50, 5);
  ProbeOptions options = probe_preset("official");
  options.epochs = 6;
  options.lr = 1.0;
  int64_t calls = 0, examples = 0;
  const BatchFeatures noisy = [&](const torch::Tensor& idx) {
    ++calls;
    examples += idx.size(0);
    return train_x.index({idx}) + 0.1 * torch::randn({idx.size(0), train_x.size(1)});
  };
  const ProbeResult r =
      train_linear_probe(noisy, train_x.size(0), train_y, test_x, test_y, 3, options);
  EXPECT_EQ(calls, 6 * 2);  // 300 examples in batches of 256: two per epoch
  EXPECT_EQ(examples, 6 * 300);
  EXPECT_GE(r.top1, 0.95);
  options.standardize = true;
  EXPECT_LT_ERROR(train_linear_probe(noisy, train_x.size(0), train_y, test_x, test_y, 3, options),
                  ErrorKind::kSetting, "standardised");
}

TEST(RelativeGap, TwoDeltasWithinTheirCombinedSpreadAreWithinNoise) {
  // Issue 17's three Fashion-MNIST seeds: Delta ID SSL 0.032 +- 0.025, SL 0.036 +- 0.012.
  const GapSummary ssl{0.032, 0.025, {0.007, 0.030, 0.057}};
  const GapSummary sl{0.036, 0.012, {0.050, 0.030, 0.029}};
  const GapContrast noise = contrast_gaps(ssl, sl);
  EXPECT_EQ(noise.order, GapOrder::kWithinNoise);
  EXPECT_NEAR(noise.combined_spread, std::sqrt(0.025 * 0.025 + 0.012 * 0.012), 1e-12);
  EXPECT_NEAR(noise.difference, -0.004, 1e-12);
  // Its CIFAR-10 sweep: 0.049 +- 0.024 against 0.174 +- 0.008, an effect beyond the noise.
  const GapContrast effect = contrast_gaps({0.049, 0.024, {}}, {0.174, 0.008, {}});
  EXPECT_EQ(effect.order, GapOrder::kSslLosesLess);
  EXPECT_EQ(contrast_gaps({0.2, 0.01, {}}, {0.1, 0.01, {}}).order, GapOrder::kSlLosesLess);
}

}  // namespace
}  // namespace lt
