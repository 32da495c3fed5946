// The data-parallel side of `longtail train`: its options, the launcher behind --nproc-per-node
// (core/distributed/worker_launcher) and a worker's joining of the run it was started for.
#pragma once

#include <CLI/CLI.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "distributed/data_parallel.h"
#include "train/run_config.h"

namespace lt::cli {

struct DistributedFlags {
  int64_t nproc_per_node = 0;  // > 0: start that many workers on this machine
  int64_t nnodes = 1;
  int64_t node_rank = 0;
  std::string master_addr;  // default: 127.0.0.1 on one machine
  int master_port = 0;      // default: a free port on one machine, 29500 on several
  int64_t timeout_s = 300;  // rendezvous and collectives: a peer that died or hangs
  bool sync_bn = false;
};

void add_distributed_options(CLI::App* cmd, DistributedFlags& flags);

// The launcher: starts the workers with the command line of this process minus the launcher's
// own options (plus `--name run_name` when given: every worker must name the same run), waits,
// and throws an lt::Error saying which worker failed when one did.
void launch_training_workers(const DistributedFlags& flags, const std::string& run_name);

// The world size a launch with `flags` makes.
int64_t launched_world_size(const DistributedFlags& flags);

// A worker (or a process under torchrun or srun): this process's part in the run its
// environment describes, connected to the others; null when the environment describes none.
// `run_config` gives the config the run trains with (asked only for a distributed run).
std::unique_ptr<DataParallel> join_training_run(const DistributedFlags& flags,
                                                const std::function<RunConfig()>& run_config);

}  // namespace lt::cli
