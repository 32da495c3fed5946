// Where this process stands in a data-parallel run and how it finds the others: its rank, the
// world size, its rank on this machine, and the address of rank 0's store. Read from what the
// launchers set, first match wins:
//   torchrun (and `longtail train --nproc-per-node`): RANK, WORLD_SIZE, LOCAL_RANK,
//     LOCAL_WORLD_SIZE, MASTER_ADDR, MASTER_PORT;
//   Slurm's srun (a job step: SLURM_STEP_ID): SLURM_PROCID, SLURM_NTASKS (the step's
//     SLURM_STEP_NUM_TASKS where set), SLURM_LOCALID (SLURM_NTASKS_PER_NODE); rank 0 on the
//     first host of SLURM_JOB_NODELIST (MASTER_ADDR wins where set), port MASTER_PORT or
//     29500 + job id % 1000;
//   otherwise one process (rank 0 of 1).
// Plain C++: no torch, no c10d.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace lt {

struct Rendezvous {
  int64_t rank = 0;
  int64_t world_size = 1;
  int64_t local_rank = 0;        // which of this machine's GPUs the process takes
  int64_t local_world_size = 1;  // processes on this machine (they share its CPU cores)
  std::string master_addr = "127.0.0.1";
  int master_port = 29500;
  std::string launcher = "none";  // "torchrun", "slurm" or "none"

  bool distributed() const { return world_size > 1; }
  std::string address() const { return master_addr + ":" + std::to_string(master_port); }
};

// Looks a variable up; the process environment by default, a map in tests.
using EnvironmentLookup = std::function<std::optional<std::string>(const std::string&)>;
std::optional<std::string> process_environment(const std::string& name);

// Throws a kSetting lt::Error naming the variable when one is not a number or out of range.
// `first_host` turns SLURM_JOB_NODELIST into its first host name (default: first_slurm_host).
Rendezvous rendezvous_from_environment(
    const EnvironmentLookup& environment = process_environment,
    const std::function<std::string(const std::string&)>& first_host = nullptr);

// Whether `address` is this machine's loopback ("localhost", 127.x.y.z, "::1"): a run on one
// machine then talks over loopback only.
bool is_loopback_address(const std::string& address);

}  // namespace lt
