// Collectives of a world of one process, for tests of what runs on them (synchronised
// BatchNorm, gradient buckets) without c10d: every collective is the identity, and the order in
// which sums start is recorded.
#pragma once

#include <vector>

#include "runtime/collectives.h"

namespace lt::test {

class SingleProcessCollectives : public Collectives {
 public:
  int64_t rank() const override { return 0; }
  int64_t world_size() const override { return 1; }
  std::string backend() const override { return "none"; }
  void sum(torch::Tensor&) override { ++blocking; }
  void max(torch::Tensor&) override { ++blocking; }
  void broadcast(torch::Tensor&, int64_t) override { ++blocking; }
  torch::Tensor gather(const torch::Tensor& values) override {
    ++blocking;
    return values.clone();
  }
  Wait start_sum(torch::Tensor& values) override {
    started.push_back(values.data_ptr());
    return [] {};
  }
  int blocking = 0;
  std::vector<void*> started;  // the buffers of started sums, in order
};

}  // namespace lt::test
