// On CUDA, where there is a device (the GPU machine); each test skips, saying so, elsewhere.
// Defaults there: bf16 autocast and channels_last, with the fp32 path still a flag away; the
// GPU's augmentation draws the same crops as the CPU's; runs train, resume and are probed on it.
#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

#include <cmath>

#include "data/augment.h"
#include "eval/linear_probe.h"
#include "runtime/device.h"
#include "test_support.h"
#include "tiny_run.h"
#include "train/run_config.h"
#include "train/trainer.h"

namespace lt {
namespace {

#define SKIP_WITHOUT_CUDA() \
  if (!torch::cuda::is_available()) GTEST_SKIP() << "no CUDA device here"

RunConfig tiny_cuda(const std::string& method, const std::string& precision) {
  return test::tiny_run(method, "cuda", precision);
}

TEST(Cuda, AutoChoosesCudaWithBf16AndChannelsLastAndFp32StaysAvailable) {
  SKIP_WITHOUT_CUDA();
  const DeviceChoice automatic = choose_device("auto", "auto");
  EXPECT_TRUE(automatic.device.is_cuda());
  EXPECT_TRUE(automatic.bf16);
  EXPECT_EQ(activation_format(automatic), torch::MemoryFormat::ChannelsLast);
  const DeviceChoice fp32 = choose_device("cuda", "fp32");
  EXPECT_FALSE(fp32.bf16);
  EXPECT_EQ(activation_format(fp32), torch::MemoryFormat::Contiguous);
  EXPECT_NE(fp32.description.find("fp32"), std::string::npos);
}

TEST(Cuda, AugmentationOnTheGpuDrawsTheSameViewsAsOnTheCpu) {
  SKIP_WITHOUT_CUDA();
  torch::manual_seed(0);
  const auto images = torch::randint(0, 256, {16, 3, 32, 32}, torch::kUInt8);
  const Augmenter augment(AugmentConfig{}, 3);
  at::Generator cpu_gen = at::make_generator<at::CPUGeneratorImpl>(7);
  at::Generator gpu_gen = at::make_generator<at::CPUGeneratorImpl>(7);
  const auto on_cpu = augment(images, cpu_gen);
  const auto on_gpu = augment(images.to(torch::kCUDA), gpu_gen);
  EXPECT_TRUE(on_gpu.is_cuda());
  // Same random parameters; only floating-point rounding may differ.
  EXPECT_LT((on_gpu.cpu() - on_cpu).abs().max().item<double>(), 2e-2);
}

TEST(Cuda, TrainsInBf16AndInFp32) {
  SKIP_WITHOUT_CUDA();
  for (const std::string precision : {"auto", "fp32"}) {
    test::TempDir dir;
    const RunResult r = train(tiny_cuda("simsiam", precision), dir.file("run"));
    EXPECT_EQ(r.status, "finished") << precision << ": " << r.message;
    EXPECT_NE(r.device.find(precision == "fp32" ? "fp32" : "bf16"), std::string::npos) << r.device;
    ASSERT_EQ(r.history.size(), 3u);
    EXPECT_TRUE(std::isfinite(r.final_loss));
    EXPECT_LT(r.history.back().loss, r.history.front().loss) << precision;
  }
}

TEST(Cuda, SupervisedRunStopsAndResumesToItsEnd) {
  SKIP_WITHOUT_CUDA();
  test::TempDir dir;
  const RunConfig c = tiny_cuda("supervised", "auto");
  int epochs_seen = 0;
  const RunResult stopped = train(c, dir.file("run"), [&](const TrainProgress& p) {
    if (p.finished_epoch) ++epochs_seen;
    return epochs_seen < 1;
  });
  EXPECT_EQ(stopped.status, "cancelled");
  const RunResult resumed = resume(dir.file("run"));
  EXPECT_EQ(resumed.status, "finished") << resumed.message;
  EXPECT_EQ(resumed.epochs_done, 3);
  EXPECT_EQ(resumed.history.size(), 3u);
}

TEST(Cuda, TheLinearProbeSeparatesSeparableFeatures) {
  SKIP_WITHOUT_CUDA();
  torch::manual_seed(1);
  const auto centers = torch::randn({5, 64}) * 4;
  const auto make = [&](int64_t n) {
    const auto y = torch::randint(0, 5, {n}, torch::kLong);
    return std::pair{(centers.index_select(0, y) + torch::randn({n, 64})).to(torch::kCUDA),
                     y.to(torch::kCUDA)};
  };
  const auto [train_x, train_y] = make(2000);
  const auto [test_x, test_y] = make(500);
  const ProbeResult r =
      train_linear_probe(train_x, train_y, test_x, test_y, 5, probe_preset("fast"));
  EXPECT_GE(r.top1, 0.95);
}

}  // namespace
}  // namespace lt
