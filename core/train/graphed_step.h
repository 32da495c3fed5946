// A whole training step (augmentation, forward, backward, optimiser) captured once in a CUDA
// graph and then replayed: one launch per step instead of hundreds, no host work between the
// kernels. The step must read its inputs from buffers that stay put (the caller copies each step's
// images and augmentation tables into them before replay) and must not wait on the host (no
// .item(), no host-side randomness, no allocation outside the graph's pool). PyTorch's recipe
// (torch.cuda.graphs, "whole network capture"): warm up on a side stream, capture with the
// autocast cache off, replay on the current stream.
#pragma once

#include <torch/types.h>

#include <functional>
#include <memory>

namespace lt {

class GraphedStep {
 public:
  // Runs `step` `warmup` times eagerly on a side stream (cuDNN's autotuning, the optimiser's
  // state), then captures one more call. Throws where this build or device has no CUDA graphs.
  GraphedStep(std::function<torch::Tensor()> step, int warmup);
  ~GraphedStep();
  GraphedStep(const GraphedStep&) = delete;
  GraphedStep& operator=(const GraphedStep&) = delete;

  // Replays the step on the current stream; returns the captured loss tensor (its value is the
  // last replay's once the stream gets there).
  torch::Tensor replay();

 private:
  struct Captured;
  std::unique_ptr<Captured> captured_;
};

// Whether GraphedStep works here: a CUDA build of this program (nvcc found) and a CUDA device.
bool cuda_graphs_available();

}  // namespace lt
