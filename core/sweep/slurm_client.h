// Slurm's own commands, called as a user would: sbatch to submit, squeue (and sacct where
// accounting is configured) to read task states, scancel to cancel. Whatever SLURM_CONF the
// environment names is the cluster. Nothing here knows sweeps.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace lt {

struct SlurmTaskState {
  std::string state;   // pending, running, completed, failed, cancelled
  std::string slurm;   // Slurm's own word: PENDING, TIMEOUT, OUT_OF_MEMORY, ...
  std::string reason;  // squeue's reason (NonZeroExitCode, Priority, ...) or sacct's exit code
};

// Submits `script` with `sbatch --parsable`; returns the job id. Throws kIo with sbatch's own
// message when sbatch is missing or refuses.
std::string sbatch_submit(const std::string& script);

// The states of the array tasks of `job_ids`, keyed "JOB_TASK". Jobs Slurm has forgotten are
// absent; when squeue itself cannot be run the map is empty and `error` says why.
std::map<std::string, SlurmTaskState> slurm_task_states(const std::vector<std::string>& job_ids,
                                                        std::string* error = nullptr);

// Our word for a Slurm state: pending, running, completed, failed or cancelled.
std::string slurm_state_word(const std::string& slurm_state);

// scancel JOB... ; throws kIo with scancel's message when it fails.
void slurm_cancel(const std::vector<std::string>& job_ids);

}  // namespace lt
