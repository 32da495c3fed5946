// A sweep on a Slurm cluster: Slurm schedules, LongTail Lab plans, runs one queued run per array
// task, and merges. The store stays where the user submits (SQLite's locks are not to be trusted
// on network file systems), so tasks never write it:
//   submit   registers the plan in the store's queue (as `sweep run` does), writes the queue's
//            runs to <sweep>/slurm/queue.json for the tasks, the job script to
//            <sweep>/slurm/sweep.sbatch, submits the runs not finished nor already in Slurm, and
//            records the job id and each run's array task in the store;
//   exec     (one array task) runs the run at that position through execute_queued_run, like the
//            local runner, with no store: results stay in the run's folder, and what became of
//            the task in <sweep>/slurm/tasks/<key>.json;
//   collect  reads those files and Slurm's task states and brings finished runs into the store
//            (idempotent), marks runs whose task failed with the reason, and records each run's
//            Slurm state for `sweep status`.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "sweep/queued_run.h"
#include "sweep/slurm_script.h"
#include "sweep/sweep_plan.h"

namespace lt {

struct SlurmSubmitOptions {
  std::string store;            // the run store that holds the queue
  std::string out;              // required: a new sweep's folder is out/<sweep id>
  std::string longtail;         // the absolute path of the submitting longtail
  std::string device = "auto";  // auto (cuda for GPU plans), cpu or cuda
  SlurmOptions slurm;
  bool dry_run = false;  // write the script (and the queue file), submit nothing, store nothing
};

struct SlurmSubmission {
  std::string sweep_id;
  std::string sweep_dir;
  std::string script;  // the job script's path ("" when nothing was left to submit)
  std::string script_text;
  std::string job_id;     // "" for a dry run or when nothing was left to submit
  int64_t run_count = 0;  // runs in this submission (the array's tasks)
  int64_t runs = 0;       // in the sweep
  int64_t finished = 0;   // finished before this submission
  int64_t in_slurm = 0;   // pending or running in an earlier submission, not submitted again
  SlurmOptions options;   // as resolved (gpus and cpus per run)
};

SlurmSubmission submit_sweep_to_slurm(const SweepPlan& plan, const SlurmSubmitOptions& options);

// This process's part of a data-parallel run (the processes srun started for the task), null when
// it trains the run alone. `run_config` gives the run's config with device and threads set; it is
// asked only for a data-parallel run.
using JoinRun =
    std::function<std::shared_ptr<DataParallel>(const std::function<RunConfig()>& run_config)>;

// The run at `position` of the sweep in `sweep_dir`, executed here as one array task. `keep_going`
// returning false (SIGTERM from scancel or a preemption) stops it at the next step; its
// checkpoint stays and the next task of that run resumes from it. `join_run`, where given, is
// asked first: under a data-parallel step every process trains the run, and rank 0 alone writes
// the task's file, logs, and probes (the others write nothing).
RunOutcome exec_sweep_task(const std::string& sweep_dir, int64_t position,
                           const std::string& device, int64_t threads,
                           const std::function<bool()>& keep_going,
                           const std::function<void(const std::string& line)>& log,
                           const JoinRun& join_run = nullptr);

struct SlurmRunState {
  std::string key;
  std::string job_id;  // of its latest submission
  int64_t task = -1;
  std::string state;  // pending, running, completed, failed, cancelled
  std::string slurm;  // Slurm's own word
  std::string reason;
};

struct CollectSummary {
  std::string sweep_id;
  int64_t collected = 0;  // finished runs brought into the store by this call
  int64_t failed = 0;     // runs marked failed by this call
  int64_t finished = 0;   // finished in all
  int64_t runs = 0;
  std::vector<std::string> failures;  // "key: reason", marked by this call
  std::string slurm_error;            // squeue could not be asked (the states are the last known)
};

// Whether the sweep was ever submitted to Slurm from this store.
bool sweep_in_slurm(const std::string& store, const std::string& sweep_id);

CollectSummary collect_sweep(const std::string& store, const std::string& sweep_id);

// Each submitted run's Slurm state as the last collect saw it, by run key.
std::map<std::string, SlurmRunState> slurm_run_states(const std::string& store,
                                                      const std::string& sweep_id);

// Cancels the sweep's array jobs that still have pending or running tasks; returns their ids.
std::vector<std::string> cancel_sweep_in_slurm(const std::string& store,
                                               const std::string& sweep_id);

// The sweep id named by `sweep`: an id (or prefix) as given, or the id of the sweep whose folder
// `sweep` is.
std::string sweep_id_of(const std::string& sweep);

}  // namespace lt
