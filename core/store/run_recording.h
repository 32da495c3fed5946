// Bringing the run store up to date with a run directory. The directory (run.json, config.json,
// metrics.jsonl, eval-*.json) is the truth; recording it is idempotent and one transaction, so
// it can run after every epoch, after a kill, or on a folder of old runs.
#pragma once

#include <cstdint>
#include <string>

namespace lt {

class RunStore;

// Records the run in `run_dir` and returns its id in the store. `pid`: the process training it
// (recorded while the run is "running", so a run whose process died reads as interrupted).
// Throws kIo when `run_dir` holds no run.json.
std::string record_run_dir(RunStore& store, const std::string& run_dir, int64_t pid = 0);

// The run directory named by `run`: a directory as given, else the directory
// of the run with that id in the store at `store_path`. Throws kIo naming both places looked in.
std::string resolve_run_dir(const std::string& run, const std::string& store_path);

}  // namespace lt
