#include "sweep/slurm_script.h"

#include <algorithm>

#include "util/error.h"
#include "util/shell_quote.h"

namespace lt {
namespace {

// Slurm reads #SBATCH lines itself, without a shell: a value there must be one plain token.
std::string sbatch_value(const std::string& what, const std::string& value) {
  for (char c : value) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '"' || c == '\'' || c == '\\' ||
        c == '#') {
      throw_setting(what + " \"" + value +
                    "\" has a blank, a quote, a backslash or a '#', which an #SBATCH line cannot "
                    "hold; choose a value without them");
    }
  }
  if (value.empty()) throw_setting(what + " is empty; give a value or leave the option out");
  return value;
}

}  // namespace

std::string slurm_array_spec(std::vector<int64_t> positions, int64_t max_running) {
  std::sort(positions.begin(), positions.end());
  positions.erase(std::unique(positions.begin(), positions.end()), positions.end());
  std::string spec;
  for (size_t i = 0; i < positions.size();) {
    size_t j = i;
    while (j + 1 < positions.size() && positions[j + 1] == positions[j] + 1) ++j;
    spec += (spec.empty() ? "" : ",") + std::to_string(positions[i]);
    if (j > i) spec += "-" + std::to_string(positions[j]);
    i = j + 1;
  }
  if (max_running > 0) spec += "%" + std::to_string(max_running);
  return spec;
}

std::string slurm_job_script(const SlurmScriptInput& in) {
  const SlurmOptions& o = in.options;
  if (in.positions.empty()) throw_setting("a job script needs at least one run");
  std::string s;
  s += "#!/bin/bash\n";
  s += "# LongTail Lab sweep " + in.sweep_id + ": one array task per run, the task id being the\n";
  s += "# run's position in the sweep. Written by `longtail sweep submit`; edit it and submit it\n";
  s += "# again by hand with `sbatch " + shell_quote(in.sweep_dir + "/slurm/sweep.sbatch") +
       "` if you like\n";
  s += "# (--array picks the runs). A requeued or resubmitted task resumes its run from its\n";
  s += "# checkpoint. Tasks never write the run store: each leaves its results in its run's\n";
  s += "# folder, and `longtail sweep collect --sweep " + shell_quote(in.sweep_dir) + "`\n";
  s += "# (run by `sweep status` and `sweep report` too) brings them into the store.\n";
  s += "#SBATCH --job-name=" + sbatch_value("the sweep's name", "lt-" + in.sweep_name) + "\n";
  s += "#SBATCH --array=" + slurm_array_spec(in.positions, o.max_running) + "\n";
  if (!o.partition.empty())
    s += "#SBATCH --partition=" + sbatch_value("--partition", o.partition) + "\n";
  if (!o.account.empty()) s += "#SBATCH --account=" + sbatch_value("--account", o.account) + "\n";
  if (!o.qos.empty()) s += "#SBATCH --qos=" + sbatch_value("--qos", o.qos) + "\n";
  const int64_t processes = std::max<int64_t>(1, o.tasks_per_run);
  if (o.cpus_per_run % processes != 0) {
    throw_setting("--cpus-per-run " + std::to_string(o.cpus_per_run) + " does not split among " +
                  std::to_string(processes) + " processes (each gets the same share); give a " +
                  "multiple of " + std::to_string(processes));
  }
  const int64_t cpus_per_process = o.cpus_per_run / processes;
  if (processes > 1) s += "#SBATCH --nodes=1\n";
  s += "#SBATCH --ntasks=" + std::to_string(processes) + "\n";
  s += "#SBATCH --cpus-per-task=" + std::to_string(cpus_per_process) + "\n";
  if (o.gpus_per_run > 0) s += "#SBATCH --gres=gpu:" + std::to_string(o.gpus_per_run) + "\n";
  if (!o.mem.empty()) s += "#SBATCH --mem=" + sbatch_value("--mem", o.mem) + "\n";
  if (!o.time.empty()) s += "#SBATCH --time=" + sbatch_value("--time", o.time) + "\n";
  const std::string dir = sbatch_value("the sweep's folder " + in.sweep_dir, in.sweep_dir);
  s += "#SBATCH --chdir=" + dir + "\n";
  s += "#SBATCH --output=" + dir + "/slurm/%A_%a.out\n";
  s += "#SBATCH --open-mode=append\n";
  s += "#SBATCH --requeue\n";
  for (const auto& arg : o.sbatch_args) s += "#SBATCH " + sbatch_value("--sbatch-arg", arg) + "\n";
  s += "\n";
  s += "set -euo pipefail\n";
  s += "# A compute node's PATH is not the submitter's: the longtail that wrote this script.\n";
  s += "longtail=" + shell_quote(in.longtail) + "\n";
  s += "sweep_dir=" + shell_quote(in.sweep_dir) + "\n";
  if (o.gpus_per_run > 0 && processes == 1) {
    s += "# Slurm shows the task only the GPUs it was given (CUDA_VISIBLE_DEVICES): cuda:0 is "
         "one.\n";
  }
  const std::string exec_args =
      "\"$longtail\" sweep exec --sweep \"$sweep_dir\" --task "
      "\"$SLURM_ARRAY_TASK_ID\" --device " +
      shell_quote(in.device) + " --threads " + std::to_string(cpus_per_process) + "\n";
  if (processes == 1) return s + "exec " + exec_args;
  const std::string n = std::to_string(processes);
  const std::string first = std::to_string(kSlurmFirstPort);
  const std::string count = std::to_string(kSlurmPortCount);
  s += "# The run's " + n + " processes train it together (data-parallel). They meet at rank 0's\n";
  s += "# rendezvous on this node: port " + first + " + the job id modulo " + count +
       " (each array task\n";
  s += "# has a job id of its own), or the next port nobody listens on here.\n";
  s += "master_port=$(( " + first + " + SLURM_JOB_ID % " + count + " ))\n";
  s += "for _ in $(seq 1 100); do\n";
  s += "  (exec 3<>\"/dev/tcp/127.0.0.1/$master_port\") 2>/dev/null || break\n";
  s += "  master_port=$(( " + first + " + (master_port - " + first + " + 1) % " + count + " ))\n";
  s += "done\n";
  s += "export MASTER_ADDR=127.0.0.1 MASTER_PORT=\"$master_port\"\n";
  if (o.gpus_per_run > 0) {
    s += "# Every process sees the task's " + std::to_string(o.gpus_per_run) +
         " GPUs (CUDA_VISIBLE_DEVICES); the one of local rank r takes cuda:r.\n";
  }
  s += "# srun starts the " + n + " processes of one job step (SLURM_PROCID is each one's rank;\n";
  s += "# rank 0 alone writes the run's folder and the task's result) and waits for all of them;\n";
  s += "# --kill-on-bad-exit stops the others when one fails, so that the task fails as a whole.\n";
  s += "# Each process has " + std::to_string(cpus_per_process) + " of the run's " +
       std::to_string(o.cpus_per_run) + " cores and as many torch threads (srun is told again:\n";
  s += "# a step does not take --cpus-per-task from sbatch in every Slurm version).\n";
  s += "exec srun --ntasks=" + n + " --cpus-per-task=" + std::to_string(cpus_per_process) +
       " --kill-on-bad-exit=1 " + exec_args;
  return s;
}

}  // namespace lt
