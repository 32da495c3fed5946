#include "distributed/rendezvous.h"

#include <cstdlib>

#include "distributed/slurm_nodelist.h"
#include "util/error.h"

namespace lt {
namespace {

int64_t number(const EnvironmentLookup& env, const std::string& name, int64_t fallback,
               int64_t lowest, int64_t highest) {
  const auto text = env(name);
  if (!text || text->empty()) return fallback;
  try {
    size_t used = 0;
    const long long value = std::stoll(*text, &used);
    if (used == text->size() && value >= lowest && value <= highest) return value;
  } catch (const std::exception&) {
  }
  throw_setting("the environment variable " + name + "=\"" + *text + "\" is not a number in [" +
                std::to_string(lowest) + ", " + std::to_string(highest) + "]");
}

void check(const Rendezvous& r, const std::string& rank_name, const std::string& world_name) {
  if (r.rank >= r.world_size) {
    throw_setting("the environment variable " + rank_name + "=" + std::to_string(r.rank) +
                  " is not below " + world_name + "=" + std::to_string(r.world_size));
  }
}

}  // namespace

std::optional<std::string> process_environment(const std::string& name) {
  const char* value = std::getenv(name.c_str());
  if (value == nullptr) return std::nullopt;
  return std::string(value);
}

Rendezvous rendezvous_from_environment(
    const EnvironmentLookup& env,
    const std::function<std::string(const std::string&)>& first_host) {
  Rendezvous r;
  constexpr int64_t kMostProcesses = 1 << 20;
  if (env("RANK") && env("WORLD_SIZE")) {
    r.launcher = "torchrun";
    r.world_size = number(env, "WORLD_SIZE", 1, 1, kMostProcesses);
    r.rank = number(env, "RANK", 0, 0, kMostProcesses);
    r.local_rank = number(env, "LOCAL_RANK", 0, 0, kMostProcesses);
    r.local_world_size = number(env, "LOCAL_WORLD_SIZE", 1, 1, kMostProcesses);
    check(r, "RANK", "WORLD_SIZE");
    if (const auto addr = env("MASTER_ADDR"); addr && !addr->empty()) r.master_addr = *addr;
    r.master_port = int(number(env, "MASTER_PORT", r.master_port, 1, 65535));
    return r;
  }
  // srun sets SLURM_STEP_ID to its step's number for the tasks it starts; a batch script that
  // starts longtail directly has its allocation's SLURM_NTASKS but is one process (its step
  // id, where set, is one of Slurm's special ids from 0xfffffff0 up: batch, extern, ...).
  const auto step = env("SLURM_STEP_ID");
  const bool srun_step = step && !step->empty() &&
                         step->find_first_not_of("0123456789") == std::string::npos &&
                         step->size() < 11 && std::stoll(*step) < 0xfffffff0LL;
  if (env("SLURM_PROCID") && env("SLURM_NTASKS") && srun_step) {
    r.launcher = "slurm";
    // The step's own task count where srun gives it (a step may use part of the allocation).
    r.world_size = env("SLURM_STEP_NUM_TASKS")
                       ? number(env, "SLURM_STEP_NUM_TASKS", 1, 1, kMostProcesses)
                       : number(env, "SLURM_NTASKS", 1, 1, kMostProcesses);
    r.rank = number(env, "SLURM_PROCID", 0, 0, kMostProcesses);
    r.local_rank = number(env, "SLURM_LOCALID", 0, 0, kMostProcesses);
    r.local_world_size = number(env, "SLURM_NTASKS_PER_NODE", 1, 1, kMostProcesses);
    check(r, "SLURM_PROCID", "SLURM_NTASKS");
    if (const auto addr = env("MASTER_ADDR"); addr && !addr->empty()) {
      r.master_addr = *addr;
    } else if (const auto nodes = env("SLURM_JOB_NODELIST"); nodes && !nodes->empty()) {
      r.master_addr = first_host ? first_host(*nodes) : first_slurm_host(*nodes);
    } else if (r.world_size > 1) {
      throw_setting("under srun with SLURM_NTASKS=" + std::to_string(r.world_size) +
                    " but no SLURM_JOB_NODELIST: set MASTER_ADDR to rank 0's host");
    }
    // Two jobs on one node must not share a port: the job id picks one unless MASTER_PORT does.
    const int64_t job = number(env, "SLURM_JOB_ID", 0, 0, int64_t(1) << 40);
    r.master_port = int(number(env, "MASTER_PORT", 29500 + job % 1000, 1, 65535));
    return r;
  }
  return r;
}

bool is_loopback_address(const std::string& address) {
  return address == "localhost" || address == "::1" || address.rfind("127.", 0) == 0;
}

}  // namespace lt
