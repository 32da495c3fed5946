// The fused augmentation (data/fused_view.h) against torch's operations: the same random draws
// must give the same views, on every configuration the fused path covers; the CUDA kernel runs
// the same arithmetic (fused_view_math.h), and test_cuda.cpp checks it where there is a GPU.
#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

#include <cstdlib>

#include "data/augment.h"
#include "data/fused_view.h"
#include "test_support.h"
#include "util/error.h"

namespace lt {
namespace {

torch::Tensor images(int64_t n, int64_t c, int64_t h, int64_t w, uint64_t seed) {
  at::Generator gen = at::make_generator<at::CPUGeneratorImpl>(seed);
  return torch::randint(0, 256, {n, c, h, w}, gen, torch::TensorOptions().dtype(torch::kUInt8));
}

// The largest difference between the two paths' views of the same images under the same seed.
double largest_difference(const AugmentConfig& config, const torch::Tensor& x, uint64_t seed) {
  const Augmenter operations(config, x.size(1), AugmentKernel::kOperations);
  const Augmenter fused(config, x.size(1), AugmentKernel::kFused);
  at::Generator a = at::make_generator<at::CPUGeneratorImpl>(seed);
  at::Generator b = at::make_generator<at::CPUGeneratorImpl>(seed);
  const auto expected = operations(x, a);
  const auto actual = fused(x, b);
  EXPECT_EQ(actual.sizes(), expected.sizes());
  EXPECT_EQ(actual.scalar_type(), torch::kFloat);
  // Both paths drew the same numbers: the generators are left in the same state.
  EXPECT_TRUE(torch::equal(torch::rand({4}, a), torch::rand({4}, b)));
  return (actual - expected).abs().max().item<double>();
}

// Normalised values span about 10 units; 1e-4 is far below one grey level (1 / 255 / 0.2 = 0.02).
constexpr double kTolerance = 1e-4;

TEST(FusedView, GivesTheOperationsViewsOnColourImages) {
  const auto x = images(64, 3, 32, 32, 1);
  EXPECT_LT(largest_difference(AugmentConfig{}, x, 11), kTolerance);
  AugmentConfig always;  // every image jittered and grey: every branch taken
  always.jitter_probability = 1;
  always.grayscale_probability = 1;
  EXPECT_LT(largest_difference(always, x, 12), kTolerance);
}

TEST(FusedView, GivesTheOperationsViewsOnGreyImagesAndOddSizes) {
  EXPECT_LT(largest_difference(AugmentConfig{}, images(32, 1, 28, 28, 2), 21), kTolerance);
  // Not square, not a multiple of anything: the crop's grid and the reflection at the borders.
  EXPECT_LT(largest_difference(AugmentConfig{}, images(16, 3, 17, 45, 3), 22), kTolerance);
}

TEST(FusedView, GivesTheOperationsViewsWhenStepsAreOff) {
  const auto x = images(32, 3, 24, 24, 4);
  AugmentConfig no_crop;  // the flip alone
  no_crop.crop = false;
  EXPECT_LT(largest_difference(no_crop, x, 31), kTolerance);
  AugmentConfig crop_only = crop_and_flip(AugmentConfig{});  // supervised SSL-protocol view
  crop_only.flip = false;
  EXPECT_LT(largest_difference(crop_only, x, 32), kTolerance);
  AugmentConfig nothing = crop_only;
  nothing.crop = false;
  const Augmenter fused(nothing, 3, AugmentKernel::kFused);
  at::Generator gen = at::make_generator<at::CPUGeneratorImpl>(33);
  // With no step left the view is the normalised image itself.
  EXPECT_LT((fused(x, gen) - fused.normalize(x)).abs().max().item<double>(), kTolerance);
  AugmentConfig wide;  // a crop scale reaching past the image: reflected borders
  wide.crop_scale_min = 0.9;
  wide.jitter_probability = 0.5;
  EXPECT_LT(largest_difference(wide, x, 34), kTolerance);
}

TEST(FusedView, KeepsASharesViewsOfTheGlobalBatch) {
  // A data-parallel rank augments rows [8, 16) of a 16-image batch: the fused path must draw
  // those rows' parameters, as the operations do.
  const auto x = images(16, 3, 16, 16, 5);
  const Augmenter operations(AugmentConfig{}, 3, AugmentKernel::kOperations);
  const Augmenter fused(AugmentConfig{}, 3, AugmentKernel::kFused);
  at::Generator a = at::make_generator<at::CPUGeneratorImpl>(41);
  at::Generator b = at::make_generator<at::CPUGeneratorImpl>(41);
  const auto share = x.slice(0, 8, 16);
  const auto expected = operations(share, a, BatchShare{8, 16});
  const auto actual = fused(share, b, BatchShare{8, 16});
  EXPECT_LT((actual - expected).abs().max().item<double>(), kTolerance);
}

TEST(FusedView, ATableDrawnAheadGivesTheSameViews) {
  // The graphed step (train/graphed_step.h) draws each view's table on the host and replays the
  // kernel on it: the same views as one call, and the generator moves on the same way.
  const auto x = images(16, 3, 32, 32, 7);
  const Augmenter augment(AugmentConfig{}, 3, AugmentKernel::kFused);
  at::Generator a = at::make_generator<at::CPUGeneratorImpl>(61);
  at::Generator b = at::make_generator<at::CPUGeneratorImpl>(61);
  const auto direct = augment(x, a);
  const auto table = augment.view_table(16, b);
  EXPECT_EQ(table.sizes(), (std::vector<int64_t>{16, fused::kColumns}));
  EXPECT_TRUE(torch::equal(augment.view_from_table(x, table), direct));
  EXPECT_TRUE(torch::equal(torch::rand({4}, a), torch::rand({4}, b)));
  AugmentConfig standard;
  standard.protocol = "standard";
  EXPECT_FALSE(Augmenter(standard, 3).fusable());
  EXPECT_THROW(Augmenter(standard, 3).view_table(4, b), std::invalid_argument);
}

TEST(FusedView, LeavesWhatItDoesNotCoverToTheOperations) {
  // Blur and the standard protocol are not fused: both kernels give identical views there.
  const auto x = images(8, 3, 16, 16, 6);
  AugmentConfig blur;
  blur.blur_probability = 0.5;
  AugmentConfig standard;
  standard.protocol = "standard";
  for (const AugmentConfig& config : {blur, standard}) {
    const Augmenter operations(config, 3, AugmentKernel::kOperations);
    const Augmenter fused(config, 3, AugmentKernel::kFused);
    at::Generator a = at::make_generator<at::CPUGeneratorImpl>(51);
    at::Generator b = at::make_generator<at::CPUGeneratorImpl>(51);
    EXPECT_TRUE(torch::equal(operations(x, a), fused(x, b))) << config.protocol;
  }
}

TEST(FusedView, RefusesAnUnknownKernelNamedInTheEnvironment) {
  ::setenv("LONGTAIL_AUGMENT_KERNEL", "fastest", 1);
  try {
    augment_kernel_from_environment();
    ADD_FAILURE() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kSetting);
    EXPECT_NE(std::string(e.what()).find("use fused"), std::string::npos) << e.what();
  }
  ::setenv("LONGTAIL_AUGMENT_KERNEL", "ops", 1);
  EXPECT_EQ(augment_kernel_from_environment(), AugmentKernel::kOperations);
  ::unsetenv("LONGTAIL_AUGMENT_KERNEL");
  EXPECT_EQ(augment_kernel_from_environment(), AugmentKernel::kAuto);
  // The default stays the operations (slower fused loop on the CPU, kernel unmeasured on CUDA);
  // asking for fused on the CPU gets it.
  EXPECT_FALSE(prefer_fused(AugmentKernel::kAuto, torch::kCPU));
  EXPECT_FALSE(prefer_fused(AugmentKernel::kAuto, torch::Device(torch::kCUDA, 0)));
  EXPECT_FALSE(prefer_fused(AugmentKernel::kOperations, torch::kCPU));
  EXPECT_TRUE(prefer_fused(AugmentKernel::kFused, torch::kCPU));
}

}  // namespace
}  // namespace lt
