// Gradient averaging over the ranks after each backward pass, as PyTorch's DistributedDataParallel
// does it, on our own buckets rather than c10d::Reducer: the Reducer's C++ constructor is an
// internal interface that changes between releases and expects Python DDP's forward protocol
// (prepare_for_forward / prepare_for_backward, bucket rebuilding), while SAM's steps need two
// backward passes each; the buckets here are the same algorithm in 200 lines we own.
//
// The parameters are grouped in reverse order (the order backward produces their gradients) into
// buckets of about `bucket_bytes` (the first 1 MB, so that communication starts early). With
// `overlap`, a hook on each parameter copies its gradient into its bucket as soon as backward
// produces it, and a bucket's sum starts when its last gradient is in, while backward goes on;
// buckets start strictly in order, so every rank issues the same collectives in the same order.
// finish() starts what is left, waits, and writes the mean into each parameter's gradient.
//
// Requires the gradients to be zeroed (set to none) before each backward pass, as the trainer
// does: a bucket carries the gradient of one backward pass.
#pragma once

#include <torch/types.h>

#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

#include "runtime/collectives.h"

namespace lt {

class GradientBuckets {
 public:
  static constexpr int64_t kDefaultBucketBytes = 25 << 20;  // DDP's default
  static constexpr int64_t kFirstBucketBytes = 1 << 20;

  GradientBuckets(std::vector<torch::Tensor> parameters, std::shared_ptr<Collectives> collectives,
                  bool overlap = true, int64_t bucket_bytes = kDefaultBucketBytes);
  ~GradientBuckets();  // removes the hooks
  GradientBuckets(const GradientBuckets&) = delete;
  GradientBuckets& operator=(const GradientBuckets&) = delete;

  // After a backward pass: every parameter's gradient becomes the mean over the ranks.
  void finish();
  int64_t bucket_count() const { return int64_t(buckets_.size()); }

 private:
  struct Bucket {
    std::vector<size_t> members;  // indices into parameters_
    std::vector<int64_t> offsets;
    torch::Tensor flat;
    int64_t missing = 0;  // gradients not yet copied in, this backward pass
    Collectives::Wait wait;
  };
  void take(size_t parameter, const torch::Tensor& grad);
  void start_ready_buckets();
  void reset_round();

  std::vector<torch::Tensor> parameters_;
  std::shared_ptr<Collectives> collectives_;
  bool overlap_;
  std::vector<Bucket> buckets_;
  std::vector<size_t> bucket_of_, slot_of_;
  std::vector<bool> arrived_;  // per parameter, this backward pass
  std::vector<unsigned> hooks_;
  size_t next_to_start_ = 0;
  std::mutex mutex_;
};

}  // namespace lt
