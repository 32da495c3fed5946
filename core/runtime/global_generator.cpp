#include "runtime/global_generator.h"

#include <torch/torch.h>

namespace lt {

std::unique_lock<std::mutex> seed_global_generator(uint64_t seed) {
  static std::mutex owner;
  std::unique_lock<std::mutex> lock(owner);
  torch::manual_seed(seed);
  return lock;
}

}  // namespace lt
