// The other processes of a data-parallel run, as the models, methods and trainer see them: sums,
// maxima, broadcasts and gathers of tensors across the ranks. core/distributed/process_group
// implements it on c10d (Gloo or NCCL); nothing that includes this header sees c10d.
//
// Every rank calls the same collectives in the same order with tensors of the same shape, on
// the run's device; that is what matches one rank's call with the others'.
#pragma once

#include <torch/types.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace lt {

class Collectives {
 public:
  virtual ~Collectives() = default;
  virtual int64_t rank() const = 0;
  virtual int64_t world_size() const = 0;
  // e.g. "gloo" or "nccl"
  virtual std::string backend() const = 0;

  // In place and blocking: `values` becomes the element-wise sum (maximum) over the ranks.
  virtual void sum(torch::Tensor& values) = 0;
  virtual void max(torch::Tensor& values) = 0;
  // In place and blocking: every rank's `values` becomes rank `root`'s.
  virtual void broadcast(torch::Tensor& values, int64_t root) = 0;
  // Every rank's `values` (same shape on each) concatenated along dimension 0, in rank order.
  virtual torch::Tensor gather(const torch::Tensor& values) = 0;

  // Starts an in-place sum and returns at once; the returned function waits for it (and
  // throws what the collective threw). Collectives started this way keep their order with the
  // blocking ones: the gradient buckets overlap them with the backward pass.
  using Wait = std::function<void()>;
  virtual Wait start_sum(torch::Tensor& values) = 0;
};

// Differentiable collectives, for what spans the ranks inside a forward pass (synchronised
// BatchNorm's statistics, SimCLR's negatives). The loss the ranks minimise together is the sum of
// their losses, so the backward of a sum is the sum of every rank's gradient, and the backward of
// a gather is this rank's slice of that sum.
torch::Tensor differentiable_sum(const torch::Tensor& values,
                                 const std::shared_ptr<Collectives>& collectives);
torch::Tensor differentiable_gather(const torch::Tensor& values,
                                    const std::shared_ptr<Collectives>& collectives);

}  // namespace lt
