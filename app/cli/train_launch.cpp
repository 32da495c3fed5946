#include "cli/train_launch.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <vector>

#include "distributed/process_group.h"
#include "distributed/rendezvous.h"
#include "distributed/worker_launcher.h"
#include "runtime/device.h"
#include "util/build_info.h"
#include "util/error.h"

namespace lt::cli {
namespace {

// The launcher's own options: the workers get the rest of the command line.
const std::set<std::string> kLauncherOptions = {"--nproc-per-node", "--nnodes", "--node-rank",
                                                "--master-addr", "--master-port"};

std::vector<std::string> worker_arguments(const std::string& run_name) {
  const std::vector<std::string> all = command_line_arguments();
  std::vector<std::string> out;
  for (size_t i = 1; i < all.size(); ++i) {
    const std::string& word = all[i];
    const std::string name = word.substr(0, word.find('='));
    if (kLauncherOptions.count(name) > 0) {
      if (word.find('=') == std::string::npos) ++i;  // "--flag value": skip the value too
      continue;
    }
    out.push_back(word);
  }
  if (!run_name.empty()) {
    out.push_back("--name");
    out.push_back(run_name);
  }
  return out;
}

}  // namespace

void add_distributed_options(CLI::App* cmd, DistributedFlags& f) {
  const std::string group = "Data-parallel training (see README: One run on several GPUs)";
  cmd->add_option("--nproc-per-node", f.nproc_per_node,
                  "start this many processes here, one per GPU (or sharing the CPU), that train "
                  "one run together; the batch is split among all processes")
      ->group(group);
  cmd->add_option("--nnodes", f.nnodes, "machines taking part (each runs this command)")
      ->capture_default_str()
      ->group(group);
  cmd->add_option("--node-rank", f.node_rank, "this machine's number, 0 to nnodes-1")
      ->capture_default_str()
      ->group(group);
  cmd->add_option("--master-addr", f.master_addr,
                  "machine 0's address (default on one machine: 127.0.0.1)")
      ->group(group);
  cmd->add_option("--master-port", f.master_port,
                  "machine 0's rendezvous port (default: a free one on one machine, 29500 on "
                  "several)")
      ->group(group);
  cmd->add_option("--dist-timeout", f.timeout_s,
                  "seconds to wait for the other processes, at the start and at each exchange, "
                  "before the run fails (it stays resumable)")
      ->capture_default_str()
      ->check(CLI::Range(int64_t(1), int64_t(24 * 3600)))
      ->group(group);
  cmd->add_flag("--sync-bn", f.sync_bn,
                "BatchNorm over the whole global batch (synchronised across processes); "
                "default: each process normalises its own share")
      ->group(group);
}

int64_t launched_world_size(const DistributedFlags& f) {
  return f.nproc_per_node * f.nnodes;
}

void launch_training_workers(const DistributedFlags& f, const std::string& run_name) {
  require_distributed(launched_world_size(f));
  LaunchPlan plan;
  plan.program = current_executable();
  plan.arguments = worker_arguments(run_name);
  plan.nproc_per_node = f.nproc_per_node;
  plan.nnodes = f.nnodes;
  plan.node_rank = f.node_rank;
  if (f.nnodes > 1 && f.master_addr.empty()) {
    throw_setting("--nnodes " + std::to_string(f.nnodes) +
                  " needs --master-addr: the address "
                  "of the machine with --node-rank 0, the same on every machine");
  }
  plan.master_addr = f.master_addr.empty() ? "127.0.0.1" : f.master_addr;
  plan.master_port = f.master_port > 0 ? f.master_port
                     : f.nnodes == 1   ? free_loopback_port()
                                       : 29500;
  // The workers record the launcher's command line: it is what reproduces the run.
  ::setenv("LONGTAIL_LAUNCHER_COMMAND_LINE", command_line().c_str(), 1);
  const LaunchOutcome outcome = launch_workers(plan);
  ::unsetenv("LONGTAIL_LAUNCHER_COMMAND_LINE");
  if (outcome.failed_rank < 0) return;
  if (outcome.interrupted) {
    throw_data("interrupted; the " + std::to_string(f.nproc_per_node) + " workers stopped");
  }
  const std::string message = outcome.message + "; the run failed as a whole (it is resumable " +
                              "from its last checkpoint with the same --nproc-per-node)";
  if (outcome.exit_status == 2) throw_setting(message);
  throw_data(message);
}

std::unique_ptr<DataParallel> join_training_run(const DistributedFlags& f,
                                                const std::function<RunConfig()>& run_config) {
  const Rendezvous where = rendezvous_from_environment();
  if (!where.distributed()) return nullptr;
  require_distributed(where.world_size);
  const RunConfig config = run_config();
  if (const char* line = std::getenv("LONGTAIL_LAUNCHER_COMMAND_LINE"); line && *line) {
    set_recorded_command_line(line);
  }
  const DeviceChoice choice =
      choose_device(DataParallel::device_for(config.device, where.local_rank), config.precision);
  auto collectives = join_process_group(where, std::chrono::seconds(f.timeout_s), choice.device);
  DataParallelOptions options;
  options.sync_batch_norm = f.sync_bn;
  // For measuring what the overlap of gradient sums with the backward pass gains (README).
  if (const char* overlap = std::getenv("LONGTAIL_GRADIENT_OVERLAP"); overlap && *overlap) {
    options.overlap = std::string(overlap) != "0";
  }
  return std::make_unique<DataParallel>(collectives, where.local_rank, where.local_world_size,
                                        options);
}

}  // namespace lt::cli
