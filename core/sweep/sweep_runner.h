// The local back-end of sweeps: registers a plan in the queue and executes its runs in this
// process with K worker threads (each with its own store connection and cores / K torch
// threads) until nothing is left to take. Idempotent: a finished run is never run again, a
// half-finished one resumes from its checkpoint, and one whose runner was killed is taken again.
// A run that fails (diverged, bad config, out of memory) is marked with its reason and the
// sweep goes on.
//
// Pause and cancel are requests in the queue (request_sweep below, from any process: the CLI's
// `sweep pause|resume|cancel`, or the GUI), polled about twice a second; the callback returning
// false cancels too. Either stops the runs in progress at once; they go back to the queue and
// resume from their last checkpoint on the next start.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sweep/sweep_plan.h"

namespace lt {

struct SweepRunOptions {
  std::string store;     // the run store that holds the queue (required)
  std::string out;       // required: a new sweep's folder is out/<sweep id>
  int64_t parallel = 1;  // K: runs at once
  std::string device = "auto";
  // One device per worker, round robin (empty: `device`); on CUDA one run per GPU unless
  // share_gpu (worker_devices.h), so with K above the GPUs the extra runs wait in the queue.
  std::vector<std::string> devices;
  bool share_gpu = false;
  int64_t threads = 0;        // torch CPU threads in all (0: all cores), split among the workers
  bool retry_failed = false;  // failed runs go back to the queue first
};

struct SweepEvent {
  // note (a remark on the whole sweep, e.g. fewer workers than asked), started, epoch (a finished
  // epoch), step (at most a few a second), evaluating, finished, failed, requeued (stopped and back
  // in the queue), paused, resumed
  std::string what;
  std::string run_key;
  int worker = 0;
  int64_t epoch = 0, epochs = 0;
  int64_t step = 0, steps = 0;
  double loss = 0;
  std::optional<double> knn;
  std::string message;  // failed: why
};

// Called from the worker threads, one call at a time. Returning false cancels the sweep.
using SweepCallback = std::function<bool(const SweepEvent&)>;

struct SweepRunSummary {
  std::string sweep_id;
  std::string dir;
  int64_t runs = 0;                   // in the plan
  int64_t already_finished = 0;       // before this call
  int64_t started = 0;                // claimed by this call
  int64_t finished = 0;               // by this call
  int64_t failed = 0;                 // by this call
  int64_t requeued = 0;               // stopped by pause or cancel, back in the queue
  int64_t remaining = 0;              // not finished nor failed when this call ended
  std::string stopped;                // "": ran out of work; "cancelled" (request or callback)
  std::vector<std::string> failures;  // "key: reason", of this call
  double seconds = 0;
};

SweepRunSummary run_sweep(const SweepPlan& plan, const SweepRunOptions& options,
                          const SweepCallback& callback = nullptr);

// Asks the runners of a sweep to pause, resume ("") or cancel, from any thread or process.
void request_sweep(const std::string& store_path, const std::string& sweep_id,
                   const std::string& request);

}  // namespace lt
