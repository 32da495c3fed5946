// The job script of a sweep on Slurm: a plain sbatch array script, one task per queued run (the
// task id is the run's position in the sweep, so the same script can be resubmitted by hand for
// any subset of runs), which a user can read, edit and submit again. Every value that comes from
// the plan or the command line is a quoted shell word in the script's body; the #SBATCH lines,
// which Slurm parses itself, take only values without blanks or quotes (checked here).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace lt {

struct SlurmOptions {
  std::string partition;
  int64_t gpus_per_run = -1;  // -1: 1 when the plan's device is CUDA, else 0
  int64_t cpus_per_run = 0;   // 0: 4 with a GPU, else 2
  std::string mem;            // e.g. 16G ("": the partition's default)
  std::string time;           // e.g. 12:00:00 ("": the partition's default)
  int64_t max_running = 0;    // K of --array=...%K (0: no limit)
  std::string account;
  std::string qos;
  std::vector<std::string> sbatch_args;  // more #SBATCH lines, e.g. --constraint=a100
};

struct SlurmScriptInput {
  std::string sweep_id;
  std::string sweep_name;
  std::string sweep_dir;           // absolute
  std::string longtail;            // the absolute path of the longtail that submits
  std::vector<int64_t> positions;  // the runs (their positions) this submission runs
  SlurmOptions options;            // resolved: gpus_per_run and cpus_per_run set
  std::string device;              // what each task trains on: cuda:0 or cpu
};

// "0-39%4", "1,3,5-7": Slurm's --array value for these task ids (sorted, distinct) and K.
std::string slurm_array_spec(std::vector<int64_t> positions, int64_t max_running);

// The script's text. Throws kSetting naming the option when a value cannot go on an #SBATCH line.
std::string slurm_job_script(const SlurmScriptInput& input);

}  // namespace lt
