// train() and resume() that keep the run store up to date as they go: the run appears when its
// first steps are done, each finished epoch is recorded before its checkpoint is written, and
// the final status when it ends. An empty `store_path` (or "none") records nothing.
#pragma once

#include <string>

#include "train/trainer.h"

namespace lt {

// `data_parallel`: as train()'s; only the process that writes the run directory (rank 0) records.
RunResult train_recorded(const RunConfig& config, const std::string& run_dir,
                         const std::string& store_path, const TrainCallback& callback = nullptr,
                         DataParallel* data_parallel = nullptr);

RunResult resume_recorded(const std::string& run_dir, int64_t epochs, const std::string& store_path,
                          const TrainCallback& callback = nullptr,
                          DataParallel* data_parallel = nullptr);

// The run in `run_dir` brought to its end: reused when finished, resumed when it stopped part
// way, started from `config` when the directory holds no run. What experiments made of several
// runs (quick, table1) do for each cell, so an interrupted experiment continues.
// `data_parallel`: as train()'s; every rank reads the folder before rank 0 writes anything, and
// they agree on what to do.
RunResult train_or_resume(const RunConfig& config, const std::string& run_dir,
                          const std::string& store_path, const TrainCallback& callback = nullptr,
                          DataParallel* data_parallel = nullptr);

// Whether `store_path` asks for recording ("" and "none" do not).
bool store_wanted(const std::string& store_path);

}  // namespace lt
