// One queued run of a sweep, executed here: its variant file built when missing (deterministic
// from the design and the source, so two executors writing it write the same images), its
// pre-training started, resumed from its checkpoint, or reused when finished, then a linear probe
// per probe seed in domain and out of domain, whose mean is the run's accuracy. Everything lands
// in the run directory (eval-id.json holds the mean and each probe seed's top-1; each seed's own
// result stays in eval-id-seedK.json, so a kill loses at most one probe) and in the run store.
//
// This is the unit a back-end executes: the local runner (sweep_runner.h) calls it from its
// worker threads; a cluster back-end would call it on a node with the same QueuedRun.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "sweep/sweep_queue.h"
#include "train/trainer.h"

namespace lt {

struct ExecuteOptions {
  std::string store;  // the run store to record into ("" or "none": none)
  std::string device = "auto";
  int64_t threads = 0;  // torch CPU threads for this run (0: all cores)
  // This process's part of a data-parallel run (null: it trains the run alone). Every rank
  // trains; rank 0 alone builds the variant file, writes the run's folder, probes and records,
  // and the others come back "finished" with no result once the pre-training is done.
  DataParallel* data_parallel = nullptr;
};

struct RunOutcome {
  std::string state;        // finished, failed, or stopped (asked to stop; resumable)
  std::string message;      // failed: why, and what to do
  std::string result_json;  // finished: {"id": {"top1": mean, "per_probe_seed": [...]}, ...}
};

// `on_train` hears every training step (TrainCallback); `on_stage` hears "training" and
// "evaluating" as they start. Either returning false stops the run: its state is "stopped" and
// what it finished (epochs up to the checkpoint, probe seeds done) stays. Failures (a diverged
// run, a bad config, data that cannot be read, out of memory) come back as "failed" with the
// reason, never as an exception; but a full disk throws its NoSpaceError (util/no_space_error.h):
// the next run would meet the same disk, so the sweep stops and the run goes back to its queue.
RunOutcome execute_queued_run(const QueuedRun& run, const std::vector<QueuedVariant>& variants,
                              const ExecuteOptions& options, const TrainCallback& on_train,
                              const std::function<bool(const std::string& stage)>& on_stage);

}  // namespace lt
