// What a data-parallel run adds to the training loop, in one object the trainer asks: rank and
// world, the device of this rank, rank 0's initial state for every rank, gradients averaged after
// each backward pass, BatchNorm synchronised or per process, the methods' gathers across ranks,
// and agreement on the few numbers the ranks must share (the loss, stop, divergence). It works on
// Collectives, so c10d stays in process_group; a one-process run has none (the trainer's
// DataParallel* is null).
#pragma once

#include <torch/nn/module.h>
#include <torch/types.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "distributed/data_parallel_checks.h"
#include "distributed/gradient_buckets.h"
#include "runtime/collectives.h"

namespace lt {

class MethodImpl;

struct DataParallelOptions {
  // BatchNorm over the whole global batch (SyncBatchNorm); off: each process normalises its own
  // share, as one GPU of the paper's code does with its batch.
  bool sync_batch_norm = false;
  // Gradient sums started during the backward pass; off: all after it.
  bool overlap = true;
  int64_t bucket_bytes = GradientBuckets::kDefaultBucketBytes;
};

class DataParallel {
 public:
  // `local_rank` of `local_world_size` processes on this machine.
  DataParallel(std::shared_ptr<Collectives> collectives, int64_t local_rank,
               int64_t local_world_size, DataParallelOptions options = {});

  int64_t rank() const { return collectives_->rank(); }
  int64_t world_size() const { return collectives_->world_size(); }
  int64_t local_rank() const { return local_rank_; }
  // CPU threads for a config's `threads`: 0 (all cores) shares the cores among this machine's
  // processes instead of giving each of them all.
  int64_t threads_for(int64_t configured) const;
  const DataParallelOptions& options() const { return options_; }
  Collectives& collectives() { return *collectives_; }
  // Only rank 0 writes the run's folder (config, metrics, checkpoints) and the run store.
  bool writes_run_files() const { return rank() == 0; }
  // e.g. "2 processes, gloo, per-process BatchNorm"
  std::string description() const;

  // The device this rank trains on, for the device a config names: "cuda" (and "auto" where CUDA
  // is there) become this machine's GPU local_rank; "cpu" and "cuda:N" stay.
  static std::string device_for(const std::string& configured, int64_t local_rank);

  // Once the model is on its device (and a resumed one loaded): every rank takes rank 0's
  // parameters and buffers, BatchNorm and the method's gathers are wired to the other ranks,
  // and the gradient buckets are laid out over `parameters` (what the optimiser trains).
  void prepare(MethodImpl& method, const std::vector<torch::Tensor>& parameters);
  // After each backward pass: each parameter's gradient becomes the mean over the ranks.
  void average_gradients();
  // Rank 0's buffers (BatchNorm's running statistics) on every rank; with per-process BatchNorm
  // they drift apart within an epoch, and what is computed from the model in eval mode (rwSAM's
  // weights) must be the same everywhere.
  void broadcast_buffers(torch::nn::Module& module);

  // The mean over the ranks of a value each rank measured (a loss).
  torch::Tensor mean(const torch::Tensor& value);
  // The largest over the ranks (a flag, a step index).
  torch::Tensor max(const torch::Tensor& value);
  // A fingerprint of this rank's parameters (their bytes, hashed), and every rank's, in rank
  // order: equal when the replicas are bitwise equal.
  std::vector<std::string> parameter_fingerprints(const std::vector<torch::Tensor>& parameters);

 private:
  std::shared_ptr<Collectives> collectives_;
  int64_t local_rank_, local_world_size_;
  DataParallelOptions options_;
  std::unique_ptr<GradientBuckets> buckets_;
};

// The fingerprint of a list of tensors: a 64-bit hash of their bytes, as 16 hex digits.
std::string tensor_fingerprint(const std::vector<torch::Tensor>& tensors);

}  // namespace lt
