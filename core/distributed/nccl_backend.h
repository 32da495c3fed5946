// NCCL's process group, in a file of its own because its headers need CUDA's (built only where
// the LibTorch has CUDA and nccl.h is found: LONGTAIL_HAVE_NCCL).
#pragma once

#include <torch/csrc/distributed/c10d/Backend.hpp>
#include <torch/csrc/distributed/c10d/Store.hpp>

#include <chrono>

namespace lt {

c10::intrusive_ptr<c10d::Backend> make_nccl_backend(const c10::intrusive_ptr<c10d::Store>& store,
                                                    int rank, int world_size,
                                                    std::chrono::milliseconds timeout,
                                                    int device_index);

}  // namespace lt
