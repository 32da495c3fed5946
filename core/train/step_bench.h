// The throughput of one full training step (augmentation of two views, forward, backward,
// optimiser) on synthetic uint8 images resident on the device, counting source images per
// second as the Python references do.
#pragma once

#include <cstdint>
#include <string>

namespace lt {

struct StepBenchOptions {
  std::string method = "simsiam";
  std::string model = "resnet-small";
  int64_t size = 28;
  int64_t channels = 1;
  int64_t batch = 256;
  int64_t steps = 5;
  int64_t warmup = 1;
  int64_t projector_layers = 2;
  std::string device = "auto";
  std::string precision = "auto";
  int64_t threads = 0;
  bool augment = true;  // false: the views are ready tensors (what augmentation costs)
  // CUDA: the whole step captured once in a CUDA graph and replayed (train/graphed_step.h), the
  // augmentation by the fused kernel from tables copied in before each replay.
  bool cuda_graph = false;
};

struct StepBenchResult {
  double images_per_s = 0;
  std::string device;
};

StepBenchResult bench_step(const StepBenchOptions& options);

}  // namespace lt
