#include "sweep/sweep_runner.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <filesystem>
#include <mutex>
#include <thread>

#include "experiments/recorded_training.h"
#include "runtime/device_list.h"
#include "sweep/queued_run.h"
#include "sweep/sweep_queue.h"
#include "sweep/worker_devices.h"
#include "util/error.h"
#include "util/file_io.h"

namespace fs = std::filesystem;

namespace lt {
namespace {

using Clock = std::chrono::steady_clock;

enum Control : int { kGo = 0, kPause = 1, kCancel = 2 };

SweepEvent event(const std::string& what, const std::string& run_key, int worker) {
  SweepEvent e;
  e.what = what;
  e.run_key = run_key;
  e.worker = worker;
  return e;
}

// Marks `key`, held by this process's worker that is ending by an exception, failed with the
// exception's text, through a connection of its own (the worker's is gone with it).
void release_failed_worker(const std::string& store, const std::string& sweep_id,
                           const std::string& key) {
  std::string why = "an unknown error";
  try {
    throw;
  } catch (const std::exception& e) {
    why = e.what();
  } catch (...) {
  }
  try {
    SweepQueue(store).fail(sweep_id, key, "its worker stopped: " + why);
  } catch (const std::exception&) {
    // The store itself fails: the claim goes stale once this runner ends and its beats stop.
  }
}

}  // namespace

void request_sweep(const std::string& store_path, const std::string& sweep_id,
                   const std::string& request) {
  if (request != "" && request != "pause" && request != "cancel") {
    throw_setting("a sweep can be asked to pause, cancel or go on (\"\"), not \"" + request + "\"");
  }
  SweepQueue queue(store_path);
  queue.set_request(sweep_id, request);
}

SweepRunSummary run_sweep(const SweepPlan& plan, const SweepRunOptions& o,
                          const SweepCallback& callback) {
  const auto start = Clock::now();
  if (!store_wanted(o.store)) {
    throw_setting("a sweep keeps its queue in the run store: give --store a file (not none)");
  }
  // An empty folder would put the sweep in the current directory, where nobody looks.
  if (o.out.empty())
    throw_setting("no output folder: give --out (the CLI defaults it beside the run store)");
  if (o.parallel < 1 || o.parallel > 64) throw_setting("--parallel must be from 1 to 64");
  if (o.threads < 0) throw_setting("--threads must be 0 (all cores) or positive");
  const SweepExpansion x = expand(plan);

  SweepQueue queue(o.store);
  const SweepRecord sweep = queue.register_sweep(plan, x, (fs::path(o.out) / x.sweep_id).string());
  std::error_code ec;
  fs::create_directories(sweep.dir, ec);
  if (ec) throw_io("cannot create the sweep's folder " + sweep.dir + ": " + ec.message());
  // Beside the runs, for people and for other back-ends.
  write_file_atomically((fs::path(sweep.dir) / "plan.json").string(), plan_to_json(plan) + "\n");
  // Starting a runner is going on: an earlier pause or cancel is over.
  queue.set_request(sweep.id, "");
  if (o.retry_failed) queue.requeue_failed(sweep.id);

  SweepRunSummary summary;
  summary.sweep_id = sweep.id;
  summary.dir = sweep.dir;
  for (const auto& run : queue.runs(sweep.id)) {
    ++summary.runs;
    if (run.state == "finished") ++summary.already_finished;
  }
  const std::vector<QueuedVariant> variants = queue.variants(sweep.id);

  std::vector<std::string> gpus;
  for (const auto& d : usable_devices()) {
    if (d.rfind("cuda", 0) == 0) gpus.push_back(d);
  }
  const WorkerDevices assigned =
      assign_worker_devices(o.devices, o.device, o.parallel, o.share_gpu, gpus);
  const int64_t workers = int64_t(assigned.devices.size());
  const int64_t cores =
      o.threads > 0 ? o.threads : int64_t(std::max(1u, std::thread::hardware_concurrency()));
  ExecuteOptions execute;
  execute.store = o.store;
  execute.device = o.device;
  execute.threads = std::max<int64_t>(1, cores / workers);

  std::atomic<int> control{kGo};
  std::atomic<int> working{int(workers)};
  std::mutex callback_mutex, summary_mutex;
  std::exception_ptr first_error;
  const auto emit = [&](const SweepEvent& e) {
    if (!callback) return;
    std::lock_guard<std::mutex> lock(callback_mutex);
    if (!callback(e)) control = kCancel;
  };

  if (!assigned.note.empty()) {
    SweepEvent note = event("note", "", 0);
    note.message = assigned.note;
    emit(note);
  }

  const auto worker = [&](int index) {
    // The run this worker holds: whatever ends the worker while it holds one (a throwing
    // callback, a store error, out of memory) fails that run with its reason, since in a process
    // that lives on (the GUI) its claim would otherwise read as running for ever.
    std::string held_key;
    ExecuteOptions own = execute;
    own.device = assigned.devices[size_t(index)];
    try {
      SweepQueue q(o.store);  // a connection of its own
      const std::string name = "worker " + std::to_string(index + 1);
      bool paused = false;
      while (control != kCancel) {
        if (control == kPause) {
          if (!paused) emit(event("paused", "", index));
          paused = true;
          std::this_thread::sleep_for(std::chrono::milliseconds(200));
          continue;
        }
        if (paused) emit(event("resumed", "", index));
        paused = false;
        const auto run = q.claim(sweep.id, name);
        if (!run) break;
        held_key = run->key;
        {
          std::lock_guard<std::mutex> lock(summary_mutex);
          ++summary.started;
        }
        emit(event("started", run->key, index));
        auto last_step = Clock::now();
        const TrainCallback on_train = [&](const TrainProgress& p) {
          if (control != kGo) return false;
          SweepEvent e = event("step", run->key, index);
          e.epoch = p.epoch;
          e.epochs = p.epochs;
          e.step = p.step;
          e.steps = p.steps_per_epoch;
          e.loss = p.loss;
          if (p.finished_epoch) {
            e.what = "epoch";
            if (p.finished_epoch->knn_accuracy >= 0) e.knn = p.finished_epoch->knn_accuracy;
            emit(e);
          } else if (Clock::now() - last_step > std::chrono::milliseconds(300)) {
            last_step = Clock::now();
            emit(e);
          }
          return control == kGo;
        };
        bool evaluating = false;
        const auto on_stage = [&](const std::string& stage) {
          if (control != kGo) return false;
          if (stage == "evaluating" && !evaluating) {
            evaluating = true;
            q.set_state(sweep.id, run->key, "evaluating");
            emit(event("evaluating", run->key, index));
          }
          return control == kGo;
        };
        const RunOutcome outcome = execute_queued_run(*run, variants, own, on_train, on_stage);
        SweepEvent done = event(outcome.state, run->key, index);
        done.message = outcome.message;
        if (outcome.state == "finished") {
          q.finish(sweep.id, run->key, outcome.result_json);
        } else if (outcome.state == "failed") {
          q.fail(sweep.id, run->key, outcome.message);
        } else {
          q.release(sweep.id, run->key);
          done.what = "requeued";
        }
        {
          std::lock_guard<std::mutex> lock(summary_mutex);
          if (done.what == "finished") ++summary.finished;
          if (done.what == "failed") {
            ++summary.failed;
            summary.failures.push_back(run->key + ": " + outcome.message);
          }
          if (done.what == "requeued") ++summary.requeued;
        }
        held_key.clear();
        emit(done);
      }
    } catch (...) {
      if (!held_key.empty()) release_failed_worker(o.store, sweep.id, held_key);
      std::lock_guard<std::mutex> lock(summary_mutex);
      if (!first_error) first_error = std::current_exception();
      control = kCancel;
    }
    --working;
  };

  std::vector<std::thread> threads;
  for (int i = 0; i < int(workers); ++i) threads.emplace_back(worker, i);
  // Requests come through the queue, so that another process (the CLI, the GUI) can make them.
  auto last_beat = Clock::now();
  try {
    while (working > 0) {
      std::this_thread::sleep_for(std::chrono::milliseconds(250));
      // The heartbeat of this process's claims (see SweepQueue::heartbeat).
      if (Clock::now() - last_beat > std::chrono::seconds(kHeartbeatEveryS)) {
        last_beat = Clock::now();
        try {
          queue.heartbeat(sweep.id);
        } catch (const Error&) {
          // A busy store: the next beat comes long before the timeout.
        }
      }
      const std::string request = queue.request(sweep.id);
      int expected = control;
      if (expected == kCancel) continue;
      const int wanted = request == "cancel" ? kCancel : request == "pause" ? kPause : kGo;
      control.compare_exchange_strong(expected, wanted);
    }
  } catch (...) {
    control = kCancel;
    for (auto& t : threads) t.join();
    throw;
  }
  for (auto& t : threads) t.join();
  if (first_error) std::rethrow_exception(first_error);

  summary.stopped = control == kCancel ? "cancelled" : "";
  for (const auto& run : queue.runs(sweep.id)) {
    if (run.state != "finished" && run.state != "failed") ++summary.remaining;
  }
  summary.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return summary;
}

}  // namespace lt
