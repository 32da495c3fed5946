#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

#include "data/augment.h"
#include "test_support.h"

namespace lt {
namespace {

torch::Tensor images(int64_t n, int64_t c, int64_t side) {
  return torch::randint(0, 256, {n, c, side, side}, torch::TensorOptions().dtype(torch::kUInt8));
}

TEST(Augment, KeepsShapesAndNormalisedRanges) {
  at::Generator gen = at::make_generator<at::CPUGeneratorImpl>(1);
  AugmentConfig config;
  config.blur_probability = 0.5;
  Augmenter augment(config, 3);
  const auto out = augment(images(16, 3, 32), gen);
  EXPECT_EQ(out.sizes(), (std::vector<int64_t>{16, 3, 32, 32}));
  EXPECT_EQ(out.scalar_type(), torch::kFloat);
  // Pixels in [0, 1] normalised by CIFAR's constants stay within these bounds.
  EXPECT_GE(out.min().item<float>(), (0 - 0.4914f) / 0.1994f - 1e-4f);
  EXPECT_LE(out.max().item<float>(), (1 - 0.4465f) / 0.1994f + 1e-4f);
  EXPECT_TRUE(out.isfinite().all().item<bool>());
}

TEST(Augment, TheFlipOffIsReallyOff) {
  at::Generator gen = at::make_generator<at::CPUGeneratorImpl>(2);
  AugmentConfig config;
  config.crop = false;
  config.flip = false;
  config.jitter_probability = 0;
  config.grayscale_probability = 0;
  Augmenter augment(config, 3);
  const auto x = images(32, 3, 16);
  EXPECT_TRUE(torch::allclose(augment(x, gen), augment.normalize(x), 1e-4, 1e-5));
  config.flip = true;
  Augmenter flipping(config, 3);
  const auto out = flipping(x, gen);
  const auto plain = augment.normalize(x), mirrored = augment.normalize(x.flip({3}));
  int flipped = 0;
  for (int64_t i = 0; i < 32; ++i) {
    const bool same = torch::allclose(out[i], plain[i], 1e-4, 1e-5);
    const bool mirror = torch::allclose(out[i], mirrored[i], 1e-4, 1e-5);
    EXPECT_TRUE(same || mirror) << i;
    flipped += mirror && !same;
  }
  EXPECT_GT(flipped, 4);
  EXPECT_LT(flipped, 28);
}

TEST(Augment, IsDeterministicUnderASeed) {
  Augmenter augment(AugmentConfig{}, 1);
  const auto x = images(8, 1, 28);
  at::Generator a = at::make_generator<at::CPUGeneratorImpl>(7);
  at::Generator b = at::make_generator<at::CPUGeneratorImpl>(7);
  at::Generator c = at::make_generator<at::CPUGeneratorImpl>(8);
  const auto first = augment(x, a);
  EXPECT_TRUE(torch::equal(first, augment(x, b)));
  EXPECT_FALSE(torch::equal(first, augment(x, c)));
}

TEST(Augment, GreyscaleMakesTheChannelsEqual) {
  at::Generator gen = at::make_generator<at::CPUGeneratorImpl>(3);
  AugmentConfig config;
  config.crop = false;
  config.flip = false;
  config.jitter_probability = 0;
  config.grayscale_probability = 1;
  config.mean = {0, 0, 0};
  config.std = {1, 1, 1};
  Augmenter augment(config, 3);
  const auto out = augment(images(4, 3, 8), gen);
  EXPECT_TRUE(torch::allclose(out.select(1, 0), out.select(1, 2), 1e-5, 1e-6));
}

}  // namespace
}  // namespace lt
