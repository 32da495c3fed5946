// `longtail train --nproc-per-node N`: this machine's share of a data-parallel run, started the
// way torchrun starts one. The launcher execs N workers of the same program with torchrun's
// environment (RANK, WORLD_SIZE, LOCAL_RANK, LOCAL_WORLD_SIZE, MASTER_ADDR, MASTER_PORT), forwards
// SIGINT, SIGTERM and SIGHUP to them, and fails the run as a whole when one of them fails: the
// others are stopped (SIGTERM, then SIGKILL after a grace period) and waited for. Workers run in
// their own process group (a terminal's Ctrl-C reaches them once, through the launcher) and die
// with the launcher (PR_SET_PDEATHSIG), so no worker outlives it. Plain POSIX: no torch.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace lt {

struct LaunchPlan {
  std::string program;                 // the worker's executable
  std::vector<std::string> arguments;  // after the program name
  int64_t nproc_per_node = 1;
  int64_t nnodes = 1;
  int64_t node_rank = 0;
  std::string master_addr = "127.0.0.1";
  int master_port = 29500;
  std::chrono::milliseconds grace{5000};  // between SIGTERM and SIGKILL of the survivors
};

struct LaunchOutcome {
  int exit_status = 0;       // what the launcher exits with: 0, or the first failure's
  int64_t failed_rank = -1;  // the first worker that failed; -1 when none did
  std::string message;       // what happened, for the user; empty when all succeeded
  bool interrupted = false;  // the launcher got SIGINT, SIGTERM or SIGHUP and forwarded it
};

// Starts the workers and waits for them. `on_started` hears each (rank, pid) as it starts.
// Throws a kSetting lt::Error for an impossible plan, kIo when a worker cannot be started.
LaunchOutcome launch_workers(const LaunchPlan& plan,
                             const std::function<void(int64_t, pid_t)>& on_started = nullptr);

// A TCP port free on the loopback interface now (the kernel's choice): a one-machine run's
// rendezvous when none is given.
int free_loopback_port();

// This program's executable (/proc/self/exe).
std::string current_executable();

}  // namespace lt
