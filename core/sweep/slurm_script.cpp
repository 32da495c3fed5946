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
  s += "#SBATCH --ntasks=1\n";
  s += "#SBATCH --cpus-per-task=" + std::to_string(o.cpus_per_run) + "\n";
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
  if (o.gpus_per_run > 0) {
    s += "# Slurm shows the task only the GPUs it was given (CUDA_VISIBLE_DEVICES): cuda:0 is "
         "one.\n";
  }
  s += "exec \"$longtail\" sweep exec --sweep \"$sweep_dir\" --task \"$SLURM_ARRAY_TASK_ID\" "
       "--device " +
       shell_quote(in.device) + " --threads " + std::to_string(o.cpus_per_run) + "\n";
  return s;
}

}  // namespace lt
