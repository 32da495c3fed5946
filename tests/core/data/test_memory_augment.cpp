// BCL's memory augmentation: each operation at values computed by hand, strength 0 as no
// change at all, and the same generator giving the same views.
#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

#include "data/augment.h"
#include "data/memory_augment.h"
#include "test_support.h"

namespace lt {
namespace {

torch::Tensor filled(float value) {
  return torch::full({1, 1, 8, 8}, value);
}

TEST(MemoryAugment, ColourOperationsMatchAHandComputation) {
  const auto up = torch::tensor({1.0f}), down = torch::tensor({-1.0f});
  // Brightness blends with black: factor 1 + 0.9 m.
  EXPECT_NEAR(apply_memory_operation("brightness", filled(0.5f), up).mean().item<float>(), 0.95f,
              1e-6);
  EXPECT_NEAR(apply_memory_operation("brightness", filled(0.5f), down).mean().item<float>(), 0.05f,
              1e-6);
  // Contrast blends with the mean grey: two halves 0.2 and 0.6 at factor 0.1.
  auto halves = filled(0.2f);
  halves.slice(3, 4, 8).fill_(0.6f);
  const auto flat = apply_memory_operation("contrast", halves, down);
  EXPECT_NEAR(flat[0][0][0][0].item<float>(), 0.4f - 0.02f, 1e-6);
  EXPECT_NEAR(flat[0][0][0][7].item<float>(), 0.4f + 0.02f, 1e-6);
  // Posterize at full magnitude keeps 4 bits: level 200 becomes 192.
  EXPECT_NEAR(apply_memory_operation("posterize", filled(200 / 255.0f), up).mean().item<float>(),
              192 / 255.0f, 1e-6);
  // Solarize at magnitude 0.5 inverts levels at or above 0.5.
  const auto half = torch::tensor({0.5f});
  EXPECT_NEAR(apply_memory_operation("solarize", filled(0.8f), half).mean().item<float>(), 0.2f,
              1e-6);
  EXPECT_NEAR(apply_memory_operation("solarize", filled(0.3f), half).mean().item<float>(), 0.3f,
              1e-6);
  // Equalize spreads two levels to black and white; a flat image stays.
  const auto spread = apply_memory_operation("equalize", halves, up);
  EXPECT_NEAR(spread[0][0][0][0].item<float>(), 0.0f, 1e-6);
  EXPECT_NEAR(spread[0][0][0][7].item<float>(), 1.0f, 1e-6);
  EXPECT_TRUE(
      torch::allclose(apply_memory_operation("equalize", filled(0.4f), up), filled(0.4f), 0, 1e-2));
  // Sharpness at factor 1 (magnitude 0) is the identity.
  const auto noise = torch::rand({2, 3, 8, 8});
  EXPECT_TRUE(torch::allclose(apply_memory_operation("sharpness", noise, torch::zeros({2})), noise,
                              1e-6, 1e-6));
}

TEST(MemoryAugment, GeometricOperationsMoveThePixels) {
  const auto x = torch::rand({2, 1, 16, 16});
  for (const std::string op : {"rotate", "shear", "translate"}) {
    EXPECT_TRUE(torch::allclose(apply_memory_operation(op, x, torch::zeros({2})), x, 1e-5, 1e-5))
        << op;
  }
  // A full translation (0.45 of the side) leaves black pixels behind.
  const auto moved =
      apply_memory_operation("translate", torch::ones({1, 1, 20, 20}), torch::tensor({1.0f}));
  const double black = (moved < 0.01).to(torch::kFloat).mean().item<double>();
  EXPECT_NEAR(black, 0.45, 0.06);
}

TEST(MemoryAugment, StrengthZeroChangesNothingAndOneChangesTheImages) {
  auto gen = at::make_generator<at::CPUGeneratorImpl>(7);
  const auto x = torch::rand({16, 3, 8, 8});
  EXPECT_TRUE(torch::equal(memory_augment(x, torch::zeros({16}), 2, gen), x));
  const auto strong = memory_augment(x, torch::ones({16}), 1, gen);
  const auto changed = (strong - x).abs().flatten(1).amax(1) > 1e-4;
  EXPECT_GE(changed.sum().item<int64_t>(), 12);  // equalize or a tiny move may leave a few
  auto a = at::make_generator<at::CPUGeneratorImpl>(3),
       b = at::make_generator<at::CPUGeneratorImpl>(3);
  EXPECT_TRUE(torch::equal(memory_augment(x, torch::full({16}, 0.7f), 2, a),
                           memory_augment(x, torch::full({16}, 0.7f), 2, b)));
}

TEST(MemoryAugment, BoostedViewsAtStrengthZeroAreThePlainViews) {
  AugmentConfig config;
  config.protocol = "ssl";
  const Augmenter augment(config, 3);
  const auto images = torch::randint(0, 256, {8, 3, 12, 12}, torch::kUInt8);
  auto a = at::make_generator<at::CPUGeneratorImpl>(5),
       b = at::make_generator<at::CPUGeneratorImpl>(5);
  EXPECT_TRUE(torch::equal(augment(images, a), augment.boosted(images, torch::zeros({8}), 1, b)));
}

}  // namespace
}  // namespace lt
