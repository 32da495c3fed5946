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

// The grey images' normalisation, and the CPU.
lt::AugmentConfig grey_augment() {
  lt::AugmentConfig augment;
  augment.mean = {0.5};
  augment.std = {0.25};
  return augment;
}

lt::DeviceChoice cpu_device() {
  lt::DeviceChoice cpu;
  cpu.device = torch::kCPU;
  return cpu;
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
  const lt::ProbeResult r = lt::fine_tune(encoder, train_x, train_y, test_x, test_y, 4,
                                          grey_augment(), cpu_device(), options);
  EXPECT_GT(r.top1, 0.9);  // chance is 0.25
  ASSERT_EQ(r.per_class.size(), 4u);
  EXPECT_EQ(r.test_counts[0], 16);
}

TEST(FineTune, RefusesNonsenseSettings) {
  EXPECT_LT_ERROR(lt::fine_tune_preset("slow"), lt::ErrorKind::kSetting,
                  "default, fast or imagenet-transfer");
  at::Generator init = lt::init_generator(0);
  const auto encoder = lt::make_encoder({"resnet-small", true, 1}, init);
  const auto [x, y] = brightness_classes(2, 1);
  lt::FineTuneOptions options;
  options.lr = 0;
  lt::DeviceChoice cpu;
  cpu.device = torch::kCPU;
  EXPECT_LT_ERROR(lt::fine_tune(encoder, x, y, x, y, 4, {}, cpu, options), lt::ErrorKind::kSetting,
                  "lr positive");
  options = lt::FineTuneOptions{};
  options.iterations_per_epoch = -1;
  EXPECT_LT_ERROR(lt::fine_tune(encoder, x, y, x, y, 4, {}, cpu, options), lt::ErrorKind::kSetting,
                  "iterations per epoch");
}

// The official ImageNet-LT transfer (imagenet/ft_moco.py): 20 epochs of 500 batches of 48,
// Nesterov SGD, weight decay 5e-4, head lr 0.01 and backbone a tenth of it, step at epoch 12.
TEST(FineTune, TheImageNetTransferPresetIsTheOfficialScripts) {
  const lt::FineTuneOptions o = lt::fine_tune_preset("imagenet-transfer");
  EXPECT_EQ(o.epochs, 20);
  EXPECT_EQ(o.iterations_per_epoch, 500);
  EXPECT_EQ(o.batch_size, 48);
  EXPECT_DOUBLE_EQ(o.lr, 0.001);
  EXPECT_DOUBLE_EQ(o.lr * o.head_lr_factor, 0.01);
  EXPECT_TRUE(o.nesterov);
  EXPECT_DOUBLE_EQ(o.momentum, 0.9);
  EXPECT_DOUBLE_EQ(o.weight_decay, 5e-4);
  EXPECT_EQ(o.milestones, std::vector<int64_t>{12});
  // The lr is the base one through epoch 11 and a tenth from epoch 12 on (MultiStepLR).
  EXPECT_DOUBLE_EQ(lt::fine_tune_lr_scale(o, 11, 5999, 10000), 1.0);
  EXPECT_DOUBLE_EQ(lt::fine_tune_lr_scale(o, 12, 6000, 10000), 0.1);
  EXPECT_DOUBLE_EQ(lt::fine_tune_lr_scale(o, 19, 9999, 10000), 0.1);
  // Without milestones: the cosine over every step.
  const lt::FineTuneOptions cosine;
  EXPECT_DOUBLE_EQ(lt::fine_tune_lr_scale(cosine, 0, 0, 100), 1.0);
  EXPECT_NEAR(lt::fine_tune_lr_scale(cosine, 3, 50, 100), 0.5, 1e-12);
}

// A fixed number of whole batches an epoch, drawn from passes that run on across epochs, with
// the step schedule and Nesterov momentum: it still learns the easy task.
TEST(FineTune, FixedIterationsPerEpochWithAStepScheduleLearnToo) {
  torch::set_num_threads(1);
  at::Generator init = lt::init_generator(0);
  const auto encoder = lt::make_encoder({"resnet-small", true, 1}, init);
  const auto [train_x, train_y] = brightness_classes(12, 1);  // 48 images: 1.5 batches a pass
  const auto [test_x, test_y] = brightness_classes(16, 2);
  lt::FineTuneOptions options;
  options.epochs = 12;
  options.iterations_per_epoch = 4;
  options.batch_size = 32;
  options.nesterov = true;
  options.milestones = {9};
  const lt::ProbeResult r = lt::fine_tune(encoder, train_x, train_y, test_x, test_y, 4,
                                          grey_augment(), cpu_device(), options);
  EXPECT_GT(r.top1, 0.9);  // chance is 0.25
}

}  // namespace
