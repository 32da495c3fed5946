#include "experiments/recorded_training.h"

#include <unistd.h>

#include <exception>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>

#include "distributed/data_parallel.h"
#include "distributed/rank_zero.h"
#include "store/run_recording.h"
#include "store/run_store.h"

namespace fs = std::filesystem;

namespace lt {
namespace {

// The run store is an index of the run folders: a store that is busy (another process holds its
// write lock) or cannot be written must never stop a run. A failed record is tried again at the
// next epoch and at the end; what is still missing then is reported in RunResult::store_note,
// and `longtail runs add` repairs it from the folder.
class DeferredRecorder {
 public:
  DeferredRecorder(std::string store_path, std::string run_dir)
      : store_path_(std::move(store_path)), run_dir_(std::move(run_dir)), pid_(getpid()) {}

  // Records the folder as it is now; never throws. `busy_ms`: how long to wait for a lock.
  void record(int busy_ms) {
    try {
      if (!store_) store_ = std::make_unique<RunStore>(store_path_);
      store_->set_busy_timeout(busy_ms);
      record_run_dir(*store_, run_dir_, pid_);
      attempted_ = true;
      note_.clear();
    } catch (const std::exception& e) {
      attempted_ = true;
      store_.reset();  // a fresh connection next time
      note_ = std::string("the run store ") + store_path_ + " does not hold the run's latest " +
              "state (" + e.what() + "); the run folder is complete: record it with longtail " +
              "runs add " + run_dir_;
    }
  }
  bool attempted() const { return attempted_; }
  bool pending() const { return !note_.empty(); }
  const std::string& note() const { return note_; }

 private:
  std::string store_path_, run_dir_;
  int64_t pid_;
  std::unique_ptr<RunStore> store_;
  bool attempted_ = false;
  std::string note_;
};

// While training, a lock is waited on briefly (the next epoch tries again); at the end, as long
// as the store's usual timeout.
constexpr int kBusyWhileTrainingMs = 2000;
constexpr int kBusyAtTheEndMs = 5000;

template <typename Start>
RunResult run_recorded(const std::string& run_dir, const std::string& store_path,
                       const TrainCallback& callback, Start start) {
  if (!store_wanted(store_path)) return start(callback);
  DeferredRecorder recorder(store_path, run_dir);
  const TrainCallback recording = [&](const TrainProgress& p) {
    if (!recorder.attempted() || p.finished_epoch != nullptr) recorder.record(kBusyWhileTrainingMs);
    return callback ? callback(p) : true;
  };
  RunResult result;
  try {
    result = start(recording);
  } catch (...) {
    // Keep what the directory says (the run stays resumable); the first error is the one shown.
    recorder.record(kBusyWhileTrainingMs);
    throw;
  }
  recorder.record(kBusyAtTheEndMs);
  result.store_note = recorder.note();
  return result;
}

}  // namespace

bool store_wanted(const std::string& store_path) {
  return !store_path.empty() && store_path != "none";
}

RunResult train_recorded(const RunConfig& config, const std::string& run_dir,
                         const std::string& store_path, const TrainCallback& callback,
                         DataParallel* data_parallel) {
  const std::string store = data_parallel && !data_parallel->writes_run_files() ? "" : store_path;
  return run_recorded(run_dir, store, callback, [&](const TrainCallback& cb) {
    return train(config, run_dir, cb, data_parallel);
  });
}

RunResult resume_recorded(const std::string& run_dir, int64_t epochs, const std::string& store_path,
                          const TrainCallback& callback, DataParallel* data_parallel) {
  const std::string store = data_parallel && !data_parallel->writes_run_files() ? "" : store_path;
  return run_recorded(run_dir, store, callback, [&](const TrainCallback& cb) {
    return resume(run_dir, epochs, cb, data_parallel);
  });
}

RunResult train_or_resume(const RunConfig& config, const std::string& run_dir,
                          const std::string& store_path, const TrainCallback& callback,
                          DataParallel* data_parallel) {
  std::string status;
  try {
    const auto info = nlohmann::json::parse(std::ifstream(fs::path(run_dir) / "run.json"));
    status = info.value("status", "");
  } catch (const std::exception&) {
    // No run.json (or a torn one from a kill before the first epoch): start afresh.
  }
  enum Step : int64_t { kTrain = 0, kResume = 1, kDone = 2 };
  const int64_t mine = status == "finished" ? kDone : status.empty() ? kTrain : kResume;
  // The exchange is also a barrier: no rank goes on (and rank 0 writes no run.json) before every
  // rank has read the folder.
  const int64_t step = agreed_max(data_parallel, mine);
  if (step == kDone) {
    RunResult done;
    done.run_dir = run_dir;
    done.status = "finished";
    return done;
  }
  if (step == kResume) return resume_recorded(run_dir, 0, store_path, callback, data_parallel);
  return train_recorded(config, run_dir, store_path, callback, data_parallel);
}

}  // namespace lt
