#include "distributed/distributed_sampler.h"

#include <torch/torch.h>

#include <string>

#include "distributed/data_parallel_checks.h"
#include "util/error.h"

namespace lt {

DistributedSampler::DistributedSampler(int64_t images, int64_t batch_size, int64_t rank,
                                       int64_t world_size)
    : images_(images), batch_size_(batch_size), rank_(rank), world_size_(world_size) {
  if (world_size < 1 || rank < 0 || rank >= world_size) {
    throw_setting("rank " + std::to_string(rank) + " is outside a world of " +
                  std::to_string(world_size) + " processes");
  }
  check_batch_splits(batch_size, world_size);
}

torch::Tensor DistributedSampler::epoch_order(at::Generator& generator) const {
  return torch::randperm(images_, generator, torch::kLong);
}

torch::Tensor DistributedSampler::indices(const torch::Tensor& order, int64_t step) const {
  const int64_t begin = step * batch_size_ + rank_ * share_size();
  return order.slice(0, begin, begin + share_size());
}

}  // namespace lt
