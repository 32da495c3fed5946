// Times one SSL view of a batch (data/augment.h) by torch's operations and by the fused path
// (data/fused_view.h), in-process, on the CPU or CUDA:
//   bench_augment [--device cpu|cuda] [--batch N] [--size S] [--channels C] [--reps R]
// Prints one key=value line per kernel (the median of R timed calls after 3 warm-up calls);
// bench/augment.sh runs it beside the torchvision reference.
#include <ATen/CPUGeneratorImpl.h>
#include <torch/cuda.h>
#include <torch/torch.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "data/augment.h"
#include "runtime/torch_threads.h"

namespace {

double median_seconds(const std::function<void()>& call, int reps, bool cuda) {
  std::vector<double> times;
  for (int r = -3; r < reps; ++r) {
    const auto start = std::chrono::steady_clock::now();
    call();
    if (cuda) torch::cuda::synchronize();
    const double s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (r >= 0) times.push_back(s);
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  std::string device = "cpu";
  int64_t batch = 512, size = 32, channels = 3;
  int reps = 20;
  CLI::App app("Times one SSL view of a batch by torch's operations and by the fused path");
  app.add_option("--device", device)->check(CLI::IsMember({"cpu", "cuda"}))->capture_default_str();
  app.add_option("--batch", batch)->check(CLI::PositiveNumber)->capture_default_str();
  app.add_option("--size", size)->check(CLI::Range(8, 4096))->capture_default_str();
  app.add_option("--channels", channels)->check(CLI::IsMember({1, 3}))->capture_default_str();
  app.add_option("--reps", reps, "timed calls")->check(CLI::PositiveNumber)->capture_default_str();
  CLI11_PARSE(app, argc, argv);
  lt::set_torch_threads(0);
  const bool cuda = device == "cuda";
  if (cuda && !torch::cuda::is_available()) {
    std::fprintf(stderr, "bench_augment: no CUDA device here\n");
    return 1;
  }
  at::Generator gen = at::make_generator<at::CPUGeneratorImpl>(0);
  const auto images = torch::randint(0, 256, {batch, channels, size, size}, gen, torch::kUInt8)
                          .to(torch::Device(device));
  for (const auto& [name, kernel] :
       {std::pair{"ops", lt::AugmentKernel::kOperations}, {"fused", lt::AugmentKernel::kFused}}) {
    const lt::Augmenter augment(lt::AugmentConfig{}, channels, kernel);
    const double s = median_seconds([&] { augment(images, gen); }, reps, cuda);
    std::printf(
        "kernel=%s device=%s batch=%lld size=%lld channels=%lld images_per_s=%.0f ms=%.3f\n", name,
        device.c_str(), static_cast<long long>(batch), static_cast<long long>(size),
        static_cast<long long>(channels), double(batch) / s, 1e3 * s);
  }
  return 0;
}
