// BatchNorm that can span the processes of a data-parallel run (PyTorch's SyncBatchNorm):
// torch's BatchNorm1d/2d, same parameters, buffers and names (checkpoints are unchanged), which
// normalises each process's share of the batch by the statistics of the whole global batch once
// it is given the run's collectives (`longtail train --sync-bn`). Without them, and in eval mode,
// it is torch's module exactly (per-process BatchNorm, as a one-GPU run of the paper's code).
#pragma once

#include <torch/nn/modules/batchnorm.h>

#include <memory>

#include "runtime/collectives.h"

namespace lt {

class SyncBatchNorm1dImpl : public torch::nn::BatchNorm1dImpl {
 public:
  using torch::nn::BatchNorm1dImpl::BatchNorm1dImpl;
  torch::Tensor forward(const torch::Tensor& input);
  // Null: per-process statistics again.
  void synchronize(std::shared_ptr<Collectives> collectives) {
    collectives_ = std::move(collectives);
  }

 private:
  std::shared_ptr<Collectives> collectives_;
};
TORCH_MODULE(SyncBatchNorm1d);

class SyncBatchNorm2dImpl : public torch::nn::BatchNorm2dImpl {
 public:
  using torch::nn::BatchNorm2dImpl::BatchNorm2dImpl;
  torch::Tensor forward(const torch::Tensor& input);
  void synchronize(std::shared_ptr<Collectives> collectives) {
    collectives_ = std::move(collectives);
  }

 private:
  std::shared_ptr<Collectives> collectives_;
};
TORCH_MODULE(SyncBatchNorm2d);

// Gives every SyncBatchNorm of `module` the collectives (null: per-process again); returns how
// many it found.
int64_t synchronize_batch_norm(torch::nn::Module& module,
                               const std::shared_ptr<Collectives>& collectives);

}  // namespace lt
