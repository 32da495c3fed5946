// Torch's intra-op thread count is one process-wide setting; this is its one owner. Whoever
// sets it (the trainer, a probe, the theory sweep's scoped count) goes through here, under one
// lock, so a scoped count that ends never undoes a count another caller set meanwhile.
#pragma once

#include <cstdint>

namespace lt {

// Sets torch's intra-op threads; 0 means all cores. (Also declared in runtime/device.h.)
void set_torch_threads(int threads);

// Torch's thread count for one call (0: leave it), given back afterwards unless another caller
// changed it meanwhile: then that caller's count stays.
class ScopedTorchThreads {
 public:
  explicit ScopedTorchThreads(int64_t threads);
  ~ScopedTorchThreads();
  ScopedTorchThreads(const ScopedTorchThreads&) = delete;
  ScopedTorchThreads& operator=(const ScopedTorchThreads&) = delete;

 private:
  int before_ = 0;
  int set_ = 0;  // what this scope set; 0 when it set nothing
};

}  // namespace lt
