// On CUDA, where there is a device (the GPU machine); each test skips, saying so, elsewhere.
// Defaults there: bf16 autocast and channels_last, with the fp32 path still a flag away; the
// GPU's augmentation draws the same crops as the CPU's; runs train, resume and are probed on it.
#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

#include <cmath>

#include "data/augment.h"
#include "data/fused_view.h"
#include "distributed/process_group.h"
#include "distributed/worker_launcher.h"
#include "eval/linear_probe.h"
#include "runtime/device.h"
#include "test_support.h"
#include "tiny_run.h"
#include "train/graphed_step.h"
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

TEST(Cuda, TheFusedKernelGivesTheViewsOfTheOperations) {
  SKIP_WITHOUT_CUDA();
  if (!fused_view_available(torch::Device(torch::kCUDA, 0))) {
    GTEST_SKIP() << "this build has no CUDA kernels (nvcc was not found when it was configured)";
  }
  torch::manual_seed(0);
  for (const int64_t channels : {3, 1}) {
    const auto images = torch::randint(0, 256, {64, channels, 32, 32}, torch::kUInt8);
    const Augmenter operations(AugmentConfig{}, channels, AugmentKernel::kOperations);
    const Augmenter fused(AugmentConfig{}, channels, AugmentKernel::kFused);
    at::Generator a = at::make_generator<at::CPUGeneratorImpl>(5);
    at::Generator b = at::make_generator<at::CPUGeneratorImpl>(5);
    at::Generator c = at::make_generator<at::CPUGeneratorImpl>(5);
    const auto by_operations = operations(images.to(torch::kCUDA), a);
    const auto by_kernel = fused(images.to(torch::kCUDA), b);
    const auto on_cpu = fused(images, c);  // the kernel's arithmetic, run by the CPU
    ASSERT_TRUE(by_kernel.is_cuda());
    EXPECT_LT((by_kernel.cpu() - on_cpu).abs().max().item<double>(), 1e-4) << channels;
    // The operations on CUDA may round through TF32 (the hue transform's bmm), hence the looser
    // bound.
    EXPECT_LT((by_kernel - by_operations).abs().max().item<double>(), 2e-2) << channels;
  }
}

TEST(Cuda, AGraphedStepTrainsAsTheSameStepsRunOneByOne) {
  SKIP_WITHOUT_CUDA();
  if (!cuda_graphs_available()) GTEST_SKIP() << "this build has no CUDA graphs";
  torch::manual_seed(0);
  const auto inputs = torch::randn({64, 16}, torch::kCUDA);
  const auto targets = torch::randn({64, 4}, torch::kCUDA);
  torch::nn::Sequential eager(torch::nn::Linear(16, 32), torch::nn::ReLU(),
                              torch::nn::Linear(32, 4));
  eager->to(torch::kCUDA);
  auto graphed_model = std::dynamic_pointer_cast<torch::nn::SequentialImpl>(eager->clone());
  const auto options = torch::optim::SGDOptions(0.05).momentum(0.9).weight_decay(5e-4);
  torch::optim::SGD eager_sgd(eager->parameters(), options);
  torch::optim::SGD graphed_sgd(graphed_model->parameters(), options);
  const auto step_of = [&](torch::nn::SequentialImpl& model, torch::optim::SGD& sgd) {
    sgd.zero_grad();
    const auto loss = torch::mse_loss(model.forward(inputs), targets);
    loss.backward();
    sgd.step();
    return loss;
  };
  // Three warm-up steps run, the capture runs nothing, then five replays: eight steps in all.
  GraphedStep graphed([&] { return step_of(*graphed_model, graphed_sgd); }, 3);
  torch::Tensor graphed_loss;
  for (int i = 0; i < 5; ++i) graphed_loss = graphed.replay();
  torch::Tensor eager_loss;
  for (int i = 0; i < 8; ++i) eager_loss = step_of(*eager, eager_sgd);
  EXPECT_NEAR(graphed_loss.item<double>(), eager_loss.item<double>(), 1e-4);
  const auto a = eager->parameters(), b = graphed_model->parameters();
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_LT((a[i] - b[i]).abs().max().item<double>(), 1e-4) << i;
  }
}

// Issue 22's first GPU check: one GPU holds one NCCL rank, so a group of one is what a one-GPU
// machine can show; the collectives run on the GPU's tensors in place.
TEST(Cuda, AProcessGroupOfOneOnTheGpuIsNcclAndSumsOnTheDevice) {
  SKIP_WITHOUT_CUDA();
  if (!nccl_available()) GTEST_SKIP() << "this build has no NCCL (nccl.h was not found)";
  Rendezvous where;
  where.master_port = free_loopback_port();
  const auto group =
      join_process_group(where, std::chrono::seconds(60), torch::Device(torch::kCUDA, 0));
  EXPECT_EQ(group->backend(), "nccl");
  EXPECT_EQ(group->world_size(), 1);
  auto values = torch::arange(4, torch::kFloat).to(torch::kCUDA);
  group->sum(values);
  ASSERT_TRUE(values.is_cuda());
  EXPECT_TRUE(torch::equal(values.cpu(), torch::arange(4, torch::kFloat)));
  group->broadcast(values, 0);
  EXPECT_TRUE(torch::equal(values.cpu(), torch::arange(4, torch::kFloat)));
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
