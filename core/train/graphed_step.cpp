#include "train/graphed_step.h"

#include <torch/cuda.h>
#include <torch/torch.h>

#include <stdexcept>

#if defined(LONGTAIL_HAVE_CUDA_KERNELS)
#include <ATen/autocast_mode.h>
#include <ATen/cuda/CUDAEvent.h>
#include <ATen/cuda/CUDAGraph.h>
#include <c10/cuda/CUDAGuard.h>
#include <c10/cuda/CUDAStream.h>
#endif

namespace lt {

#if defined(LONGTAIL_HAVE_CUDA_KERNELS)

struct GraphedStep::Captured {
  at::cuda::CUDAGraph graph;
  torch::Tensor loss;
};

GraphedStep::GraphedStep(std::function<torch::Tensor()> step, int warmup)
    : captured_(std::make_unique<Captured>()) {
  if (!torch::cuda::is_available()) throw std::runtime_error("GraphedStep: no CUDA device");
  const auto main = c10::cuda::getCurrentCUDAStream();
  const auto side = c10::cuda::getStreamFromPool();
  at::cuda::CUDAEvent ready;
  ready.record(main);
  ready.block(side);  // the side stream starts after what the caller has queued
  {
    const c10::cuda::CUDAStreamGuard on_side(side);
    for (int i = 0; i < warmup; ++i) step();
    side.synchronize();
    // Autocast's cache of bf16 weight copies would be captured as allocations of the first
    // call only: PyTorch turns it off for capture too.
    const bool cache = at::autocast::is_autocast_cache_enabled();
    at::autocast::set_autocast_cache_enabled(false);
    try {
      captured_->graph.capture_begin();
      captured_->loss = step();
      captured_->graph.capture_end();
    } catch (...) {
      at::autocast::set_autocast_cache_enabled(cache);
      throw;
    }
    at::autocast::set_autocast_cache_enabled(cache);
  }
  at::cuda::CUDAEvent captured;
  captured.record(side);
  captured.block(main);  // replays on the main stream come after the capture's warm-up work
}

torch::Tensor GraphedStep::replay() {
  captured_->graph.replay();
  return captured_->loss;
}

bool cuda_graphs_available() {
  return torch::cuda::is_available();
}

#else

struct GraphedStep::Captured {};

GraphedStep::GraphedStep(std::function<torch::Tensor()>, int) {
  throw std::runtime_error(
      "GraphedStep: this build has no CUDA graphs (nvcc was not found when it was configured)");
}

torch::Tensor GraphedStep::replay() {
  return {};
}

bool cuda_graphs_available() {
  return false;
}

#endif

GraphedStep::~GraphedStep() = default;

}  // namespace lt
