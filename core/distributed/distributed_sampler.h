// Which images each process trains on at each step. Every epoch draws one permutation of the
// variant from the run's generator (seeded, and the same on every rank), cuts it into global
// batches of `batch_size` (the last partial batch is dropped, as a one-process run drops it), and
// each global batch into `world_size` equal consecutive shares, rank r taking the r-th. So the
// ranks together see every image of the epoch's batches exactly once, the global batch is the
// configured one (each rank gets batch / world), and a one-process run (rank 0 of 1) trains on
// exactly the batches it always did.
#pragma once

#include <ATen/core/Generator.h>
#include <torch/types.h>

#include <cstdint>

#include "data/augment.h"

namespace lt {

class DistributedSampler {
 public:
  // Throws a kSetting lt::Error when `batch_size` does not split into `world_size` shares of at
  // least two images (BatchNorm needs two: check_batch_splits).
  DistributedSampler(int64_t images, int64_t batch_size, int64_t rank, int64_t world_size);

  int64_t steps_per_epoch() const { return images_ / batch_size_; }
  int64_t share_size() const { return batch_size_ / world_size_; }
  // Where this rank's share sits in the global batch (what the augmentation is seeded by).
  BatchShare share() const { return {rank_ * share_size(), batch_size_}; }

  // The epoch's order of every image index, on the CPU; draws from `generator`.
  torch::Tensor epoch_order(at::Generator& generator) const;
  // This rank's image indices at `step` of the epoch whose order is `order`.
  torch::Tensor indices(const torch::Tensor& order, int64_t step) const;

 private:
  int64_t images_, batch_size_, rank_, world_size_;
};

}  // namespace lt
