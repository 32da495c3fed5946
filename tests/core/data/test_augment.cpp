#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

#include "data/augment.h"
#include "test_support.h"
#include "util/error.h"

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
  const auto x = images(4, 3, 8);
  const auto out = augment(x, gen);
  // Every channel is the same grey, and that grey is the image's luma (ITU-R 601, as
  // torchvision's Grayscale), not any one channel.
  EXPECT_TRUE(torch::allclose(out.select(1, 0), out.select(1, 1), 1e-5, 1e-6));
  EXPECT_TRUE(torch::allclose(out.select(1, 1), out.select(1, 2), 1e-5, 1e-6));
  const auto f = x.to(torch::kFloat) / 255.0;
  const auto luma = 0.299 * f.select(1, 0) + 0.587 * f.select(1, 1) + 0.114 * f.select(1, 2);
  EXPECT_TRUE(torch::allclose(out.select(1, 1), luma, 1e-4, 1e-5));
  // Without greyscale the random test images keep three different channels.
  config.grayscale_probability = 0;
  const auto colour = Augmenter(config, 3)(x, gen);
  EXPECT_FALSE(torch::allclose(colour.select(1, 0), colour.select(1, 1), 1e-3, 1e-3));
  EXPECT_FALSE(torch::allclose(colour.select(1, 1), colour.select(1, 2), 1e-3, 1e-3));
}

// He et al.'s supervised protocol: every view is the image moved by a whole number of pixels
// (at most 4 each way) with zeros where it moved in from outside, possibly mirrored; nothing
// is interpolated, and no colour changes.
TEST(Augment, TheStandardProtocolPadsFourAndCropsBackToTheImagesSize) {
  for (int64_t side : {28, 32}) {
    at::Generator gen = at::make_generator<at::CPUGeneratorImpl>(3);
    AugmentConfig config;
    config.protocol = "standard";
    config.mean = {0.0};
    config.std = {1.0};
    Augmenter augment(config, 1);
    // Pixels 1..255, so a zero in the output can only be padding.
    const auto x = torch::randint(1, 256, {64, 1, side, side}, torch::kUInt8);
    const auto out = augment(x, gen);
    ASSERT_EQ(out.sizes(), x.sizes());
    const auto unit = x.to(torch::kFloat) / 255.0;
    const auto padded = torch::constant_pad_nd(unit, {4, 4, 4, 4}, 0);
    int shifted = 0, mirrored = 0;
    for (int64_t i = 0; i < 64; ++i) {
      bool found = false;
      for (int64_t dy = 0; dy <= 8 && !found; ++dy) {
        for (int64_t dx = 0; dx <= 8 && !found; ++dx) {
          const auto window = padded[i].slice(1, dy, dy + side).slice(2, dx, dx + side);
          for (bool flip : {false, true}) {
            if (torch::allclose(out[i], flip ? window.flip({2}) : window, 0, 1e-6)) {
              found = true;
              shifted += dy != 4 || dx != 4;
              mirrored += flip;
              break;
            }
          }
        }
      }
      EXPECT_TRUE(found) << "view " << i << " is not a pad-4 crop of its image";
    }
    EXPECT_GT(shifted, 40);  // 1 in 81 windows is the centred one
    EXPECT_GT(mirrored, 16);
    EXPECT_LT(mirrored, 48);
  }
}

TEST(Augment, SupervisedViewsFollowTheProtocol) {
  AugmentConfig ssl;
  ssl.protocol = "ssl";
  EXPECT_EQ(supervised_view(ssl).jitter_probability, 0);  // crop and flip of the SSL views
  EXPECT_EQ(supervised_view(ssl).crop_scale_min, ssl.crop_scale_min);
  AugmentConfig standard;
  standard.protocol = "standard";
  EXPECT_EQ(supervised_view(standard).protocol, "standard");
  AugmentConfig unknown;
  unknown.protocol = "simclr";
  EXPECT_LT_ERROR(Augmenter(unknown, 3), ErrorKind::kSetting, "standard");
}

}  // namespace
}  // namespace lt
