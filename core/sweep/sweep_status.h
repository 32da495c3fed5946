// Where a sweep stands, as one plain snapshot: every variant and run with its state, epochs,
// latest kNN accuracy and probe accuracies. Read from the run store's file by any thread or
// process (its own SQLite connections), so the GUI can poll it while a runner works elsewhere.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace lt {

struct SweepRunStatus {
  std::string key;  // unique in the sweep
  std::string variant;
  std::string method;
  int64_t seed = 0;
  bool balanced = false;
  double ratio = 0;
  double sample = 0;
  // queued, running, evaluating, finished, failed, or interrupted (its process died; the next
  // runner takes it again and resumes it from its checkpoint)
  std::string state;
  std::string message;  // failed: why
  std::string run_dir;
  std::string run_id;  // in the run store, once it started
  int64_t pid = 0;
  std::string host, worker;
  int64_t attempts = 0;
  int64_t images = 0;  // n, once the run started
  int64_t epochs_done = 0;
  int64_t epochs_planned = 0;
  std::optional<double> knn;           // the latest kNN monitor accuracy
  int64_t knn_epoch = 0;               // its epoch
  std::map<std::string, double> top1;  // id, ood: mean over probe seeds
  std::map<std::string, std::vector<double>> top1_per_probe_seed;
  std::string updated;
};

struct SweepVariantStatus {
  std::string id;
  bool balanced_twin = false;
  std::string twin_of;
  double ratio = 0;
  double sample = 0;
  std::string path;
  bool built = false;  // its file exists
};

struct SweepStatus {
  std::string sweep_id;
  std::string name;
  std::string dir;
  std::string plan_json;
  std::string source;
  std::string distribution;  // exp, step or pareto
  // running (a live process holds a run), paused, cancelled, finished (every run finished),
  // incomplete (nothing left to run, some failed), stopped (runs left, no runner)
  std::string state;
  std::string request;  // "", pause or cancel
  int64_t queued = 0, running = 0, evaluating = 0, finished = 0, failed = 0, interrupted = 0;
  std::vector<int64_t> seeds;
  std::vector<uint64_t> probe_seeds;
  std::vector<SweepVariantStatus> variants;
  std::vector<SweepRunStatus> runs;
  std::string created, updated;
};

// The sweep `sweep_id` (an id, a prefix naming one, or "" for the latest) of the store at
// `store_path`. Throws kIo when the store or the sweep is not there, naming what to run.
SweepStatus read_sweep_status(const std::string& store_path, const std::string& sweep_id = "");

}  // namespace lt
