// What is checked before the processes of a data-parallel run start: whether this build can run
// one at all, whether the method can, and whether the global batch splits among the processes.
// Plain C++ (no LibTorch header), so that a planner (`sweep submit --tasks-per-run`) refuses a
// run up front, before anything is queued, with the words the run itself would use.
#pragma once

#include <cstdint>
#include <string>

namespace lt {

// Whether this build can run data-parallel (LONGTAIL_DISTRIBUTED), and with NCCL.
bool distributed_available();
bool nccl_available();
// Throws a kSetting lt::Error saying how to get data-parallel training where this build has
// none and `world_size` processes are asked for.
void require_distributed(int64_t world_size);

// Refuses, naming what to do, a method that cannot train data-parallel across `world_size`
// processes (BCL: each image's loss memory lives in the process that saw it).
void check_method_runs_data_parallel(const std::string& method, int64_t world_size);

// Throws a kSetting lt::Error when a global batch of `batch_size` does not split into
// `world_size` equal shares of at least two images (BatchNorm needs two).
void check_batch_splits(int64_t batch_size, int64_t world_size);

}  // namespace lt
