#include "runtime/torch_threads.h"

#include <torch/torch.h>

#include <algorithm>
#include <mutex>
#include <thread>

namespace lt {
namespace {

std::mutex& owner() {
  static std::mutex m;
  return m;
}

// The count the last setter asked for; torch's own getter is per thread pool and may lag.
int& current() {
  static int threads = 0;
  return threads;
}

void set_locked(int threads) {
  torch::set_num_threads(threads);
  current() = threads;
}

}  // namespace

void set_torch_threads(int threads) {
  const int cores = int(std::max(1u, std::thread::hardware_concurrency()));
  std::lock_guard<std::mutex> lock(owner());
  set_locked(threads > 0 ? threads : cores);
}

ScopedTorchThreads::ScopedTorchThreads(int64_t threads) {
  std::lock_guard<std::mutex> lock(owner());
  before_ = current() > 0 ? current() : torch::get_num_threads();
  if (threads > 0) {
    set_ = int(threads);
    set_locked(set_);
  }
}

ScopedTorchThreads::~ScopedTorchThreads() {
  if (set_ == 0) return;
  std::lock_guard<std::mutex> lock(owner());
  if (current() == set_) set_locked(before_);
}

}  // namespace lt
