// Fine-tuning trains the whole encoder: from random weights it learns a task the images make
// easy (classes told apart by brightness, which crops and flips keep), and it refuses nonsense.
#include "eval/fine_tune.h"

#include <torch/torch.h>

#include "runtime/run_generator.h"
#include "test_support.h"
#include "util/error.h"

namespace {

// 4 classes of 16x16 grey images: brightness 30, 90, 150 or 210, plus noise.
std::pair<torch::Tensor, torch::Tensor> brightness_classes(int64_t per_class, uint64_t seed) {
  torch::manual_seed(int64_t(seed));
  const auto labels = torch::arange(4, torch::kLong).repeat_interleave(per_class);
  auto images = (labels.to(torch::kFloat) * 60 + 30).view({-1, 1, 1, 1}).expand({-1, 1, 16, 16});
  images = (images + torch::randn(images.sizes()) * 10).clamp(0, 255).to(torch::kUInt8);
  return {images.contiguous(), labels};
}

TEST(FineTune, LearnsAnEasyTaskEndToEnd) {
  torch::set_num_threads(1);
  at::Generator init = lt::init_generator(0);
  const auto encoder = lt::make_encoder({"resnet-small", true, 1}, init);
  const auto [train_x, train_y] = brightness_classes(48, 1);
  const auto [test_x, test_y] = brightness_classes(16, 2);
  lt::FineTuneOptions options = lt::fine_tune_preset("fast");
  options.epochs = 15;
  options.batch_size = 32;
  lt::AugmentConfig augment;
  augment.mean = {0.5};
  augment.std = {0.25};
  lt::DeviceChoice cpu;
  cpu.device = torch::kCPU;
  const lt::ProbeResult r =
      lt::fine_tune(encoder, train_x, train_y, test_x, test_y, 4, augment, cpu, options);
  EXPECT_GT(r.top1, 0.9);  // chance is 0.25
  ASSERT_EQ(r.per_class.size(), 4u);
  EXPECT_EQ(r.test_counts[0], 16);
}

TEST(FineTune, RefusesNonsenseSettings) {
  EXPECT_LT_ERROR(lt::fine_tune_preset("slow"), lt::ErrorKind::kSetting, "default or fast");
  at::Generator init = lt::init_generator(0);
  const auto encoder = lt::make_encoder({"resnet-small", true, 1}, init);
  const auto [x, y] = brightness_classes(2, 1);
  lt::FineTuneOptions options;
  options.lr = 0;
  lt::DeviceChoice cpu;
  cpu.device = torch::kCPU;
  EXPECT_LT_ERROR(lt::fine_tune(encoder, x, y, x, y, 4, {}, cpu, options), lt::ErrorKind::kSetting,
                  "lr positive");
}

}  // namespace
