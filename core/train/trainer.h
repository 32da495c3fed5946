// Pre-training: one run of a method on a long-tailed variant, with per-epoch metrics, a kNN
// monitor, atomic checkpoints and exact resume. It never prints; it reports through a callback
// that returns false to stop, and a stopped run stays resumable.
//
// A data-parallel run (a DataParallel, from core/distributed) trains the same run in several
// processes: each takes its share of every global batch, gradients are averaged, and only rank 0
// writes the run directory; run.json records the world size, and a resume must use the same.
//
// A run directory holds config.json (the resolved config), run.json (status and provenance),
// variant.json (the images trained on), metrics.jsonl (one line per finished epoch) and
// checkpoint.pt (the last checkpoint).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "train/epoch_record.h"
#include "train/run_config.h"

namespace lt {

class DataParallel;

struct TrainProgress {
  int64_t epoch = 0;   // the epoch in progress, 1-based
  int64_t epochs = 0;  // planned
  int64_t step = 0;    // steps done in this epoch
  int64_t steps_per_epoch = 0;
  double loss = 0;  // running mean of this epoch
  double images_per_s = 0;
  double eta_seconds = 0;
  const EpochMetrics* finished_epoch = nullptr;  // set once per epoch, when it ends
};

// Returns false to stop the run cleanly (it stays resumable from its last checkpoint).
using TrainCallback = std::function<bool(const TrainProgress&)>;

struct RunResult {
  std::string run_id;
  std::string run_dir;
  std::string status;   // finished, cancelled or diverged
  std::string message;  // for diverged: what happened and what to do
  std::string device;   // e.g. "cpu (2 threads), fp32"
  int64_t epochs_done = 0;
  int64_t epochs_planned = 0;
  double final_loss = 0;
  std::vector<EpochMetrics> history;  // every finished epoch of the run, resumed ones included
  // train_recorded: why the run store does not hold the run's latest state (busy, unwritable);
  // empty when it does. The folder is complete either way; `longtail runs add` records it.
  std::string store_note;
  int64_t world_size = 1;  // processes that trained it (data-parallel runs: more than one)
};

// Starts a run in `run_dir`, which must not hold a run already (it is created).
// `data_parallel`: this process's part in a data-parallel run; null for one process.
RunResult train(const RunConfig& config, const std::string& run_dir,
                const TrainCallback& callback = nullptr, DataParallel* data_parallel = nullptr);

// Continues the run in `run_dir` from its checkpoint to its planned end, or to `epochs` when
// larger (the schedule is planned again for the new length, and run.json records it). Refuses
// (kSetting) a world size, or a BatchNorm synchronisation, other than the run's.
RunResult resume(const std::string& run_dir, int64_t epochs = 0,
                 const TrainCallback& callback = nullptr, DataParallel* data_parallel = nullptr);

// The world size and BatchNorm synchronisation a run directory records (1 and false for runs
// of one process); what resume() checks, and what a launcher can check before it starts.
struct RunParallelism {
  int64_t world_size = 1;
  bool sync_batch_norm = false;
};
RunParallelism recorded_parallelism(const std::string& run_dir);
// Throws kSetting when `wanted` differs from what `run_dir` records, saying what to do.
void check_resume_parallelism(const std::string& run_dir, const RunParallelism& wanted);

}  // namespace lt
