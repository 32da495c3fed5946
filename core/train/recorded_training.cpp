#include "train/recorded_training.h"

#include <unistd.h>

#include <exception>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>

#include "store/run_recording.h"
#include "store/run_store.h"

namespace fs = std::filesystem;

namespace lt {
namespace {

template <typename Start>
RunResult run_recorded(const std::string& run_dir, const std::string& store_path,
                       const TrainCallback& callback, Start start) {
  if (!store_wanted(store_path)) return start(callback);
  auto store = std::make_unique<RunStore>(store_path);
  const int64_t pid = getpid();
  bool recorded = false;
  const TrainCallback recording = [&](const TrainProgress& p) {
    if (!recorded || p.finished_epoch != nullptr) {
      record_run_dir(*store, run_dir, pid);
      recorded = true;
    }
    return callback ? callback(p) : true;
  };
  RunResult result;
  try {
    result = start(recording);
  } catch (...) {
    // Keep what the directory says (the run stays resumable); the first error is the one shown.
    try {
      record_run_dir(*store, run_dir, pid);
    } catch (const std::exception&) {
    }
    throw;
  }
  record_run_dir(*store, run_dir, pid);
  return result;
}

}  // namespace

bool store_wanted(const std::string& store_path) {
  return !store_path.empty() && store_path != "none";
}

RunResult train_recorded(const RunConfig& config, const std::string& run_dir,
                         const std::string& store_path, const TrainCallback& callback) {
  return run_recorded(run_dir, store_path, callback,
                      [&](const TrainCallback& cb) { return train(config, run_dir, cb); });
}

RunResult resume_recorded(const std::string& run_dir, int64_t epochs, const std::string& store_path,
                          const TrainCallback& callback) {
  return run_recorded(run_dir, store_path, callback,
                      [&](const TrainCallback& cb) { return resume(run_dir, epochs, cb); });
}

RunResult train_or_resume(const RunConfig& config, const std::string& run_dir,
                          const std::string& store_path, const TrainCallback& callback) {
  std::string status;
  try {
    const auto info = nlohmann::json::parse(std::ifstream(fs::path(run_dir) / "run.json"));
    status = info.value("status", "");
  } catch (const std::exception&) {
    // No run.json (or a torn one from a kill before the first epoch): start afresh.
  }
  if (status == "finished") {
    RunResult done;
    done.run_dir = run_dir;
    done.status = "finished";
    return done;
  }
  if (!status.empty()) return resume_recorded(run_dir, 0, store_path, callback);
  return train_recorded(config, run_dir, store_path, callback);
}

}  // namespace lt
