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
  int64_t cpus_per_run = 0;   // the run's cores (0: 4 with a GPU, else 2, per process)
  // Processes that train each run together (data-parallel, started by srun on one node).
  // 0: one per GPU where --gpus-per-run > 1, else 1.
  int64_t tasks_per_run = 0;
  std::string mem;          // e.g. 16G ("": the partition's default)
  std::string time;         // e.g. 12:00:00 ("": the partition's default)
  int64_t max_running = 0;  // K of --array=...%K (0: no limit)
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
  SlurmOptions options;            // resolved: gpus_per_run, cpus_per_run, tasks_per_run set
  std::string device;              // what each task trains on: cuda:0 or cpu (cuda with processes)
};

// "0-39%4", "1,3,5-7": Slurm's --array value for these task ids (sorted, distinct) and K.
std::string slurm_array_spec(std::vector<int64_t> positions, int64_t max_running);

// The ports a data-parallel run's rank 0 may listen on: kSlurmFirstPort + Slurm's job id (each
// array task has its own) modulo kSlurmPortCount, or the next free one on the node after it.
// Below 29500 (where a plain srun's rendezvous lands by default) and below Linux's ephemeral
// ports (32768 up), so that no outgoing connection holds it by chance.
constexpr int kSlurmFirstPort = 20000;
constexpr int kSlurmPortCount = 9000;

// The script's text. Throws kSetting naming the option when a value cannot go on an #SBATCH line.
// With tasks_per_run N > 1 each array task asks for N tasks on one node and starts the run's N
// processes with srun (each with cpus_per_run / N cores and threads); they meet at a port picked
// by the script and train the run data-parallel.
std::string slurm_job_script(const SlurmScriptInput& input);

}  // namespace lt
