// Joining the other processes of a run through torch.distributed's C++ layer (c10d): rank 0
// serves a TCPStore at MASTER_ADDR:MASTER_PORT, every rank connects to it, and the backend is
// built over it: NCCL for a CUDA device where this build has it, Gloo otherwise (CPU runs, and
// CUDA tensors where NCCL is absent). The run's Collectives come out; nothing else sees c10d.
#pragma once

#include <torch/types.h>

#include <chrono>
#include <memory>

#include "distributed/data_parallel_checks.h"
#include "distributed/rendezvous.h"
#include "runtime/collectives.h"

namespace lt {

// `timeout` bounds the rendezvous and every collective afterwards (a peer that died or hangs).
// Throws a kIo lt::Error naming the address when the others do not come within it.
std::shared_ptr<Collectives> join_process_group(const Rendezvous& where,
                                                std::chrono::seconds timeout,
                                                const torch::Device& device);

}  // namespace lt
