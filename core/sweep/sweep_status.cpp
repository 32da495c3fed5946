#include "sweep/sweep_status.h"

#include <filesystem>
#include <nlohmann/json.hpp>

#include "store/run_store.h"
#include "sweep/sweep_plan.h"
#include "sweep/sweep_queue.h"
#include "util/error.h"

namespace fs = std::filesystem;

namespace lt {

SweepStatus read_sweep_status(const std::string& store_path, const std::string& sweep_id) {
  if (!fs::exists(store_path)) {
    throw_io("there is no run store at " + store_path +
             "; start a sweep with longtail sweep run (or pass the store with --store)");
  }
  SweepQueue queue(store_path);
  const auto record = queue.find(sweep_id);
  if (!record) {
    throw_io(sweep_id.empty() ? "the run store " + store_path +
                                    " holds no sweep; start one with longtail sweep run"
                              : "no sweep " + sweep_id + " in the run store " + store_path +
                                    " (longtail sweep list shows them)");
  }
  SweepStatus s;
  s.sweep_id = record->id;
  s.name = record->name;
  s.dir = record->dir;
  s.plan_json = record->plan_json;
  s.request = record->request;
  s.created = record->created;
  s.updated = record->updated;
  try {
    const SweepPlan plan = plan_from_json(record->plan_json, "the plan of sweep " + record->id);
    s.source = plan.source;
    s.distribution = to_string(plan.distribution);
    s.seeds = plan.seeds;
    s.probe_seeds = plan.probe_seeds;
  } catch (const Error&) {
    // A plan of another version: the runs still show.
  }
  for (const auto& v : queue.variants(record->id)) {
    s.variants.push_back(
        {v.id, v.balanced_twin, v.twin_of, v.ratio, v.sample, v.path, fs::exists(v.path)});
  }

  RunStore store(store_path);
  bool live = false;
  for (const QueuedRun& q : queue.runs(record->id)) {
    SweepRunStatus r;
    r.key = q.key;
    r.variant = q.variant;
    r.method = q.method;
    r.seed = q.seed;
    r.balanced = q.balanced;
    r.ratio = q.ratio;
    r.sample = q.sample;
    r.state = q.state;
    r.message = q.message;
    r.run_dir = q.run_dir;
    r.pid = q.pid;
    r.host = q.host;
    r.worker = q.worker;
    r.attempts = q.attempts;
    r.updated = q.updated;
    if (const auto stored = store.find_run(q.run_dir)) {
      r.run_id = stored->id;
      r.images = stored->total_images;
      r.epochs_done = stored->epochs_done;
      r.epochs_planned = stored->epochs_planned;
      for (const StoredEpoch& e : store.epochs(stored->id)) {
        r.epochs_done = std::max(r.epochs_done, e.epoch);
        if (e.knn_accuracy) {
          r.knn = e.knn_accuracy;
          r.knn_epoch = e.epoch;
        }
      }
    }
    if (!q.result_json.empty()) {
      try {
        const auto result = nlohmann::json::parse(q.result_json);
        for (const auto& [probe, value] : result.items()) {
          r.top1[probe] = value.at("top1").get<double>();
          r.top1_per_probe_seed[probe] = value.at("per_probe_seed").get<std::vector<double>>();
        }
      } catch (const nlohmann::json::exception& e) {
        // Shown, not swallowed: the run finished but its accuracies cannot be read back.
        r.top1.clear();
        r.top1_per_probe_seed.clear();
        r.message = (r.message.empty() ? "" : r.message + "; ") +
                    "its recorded result is damaged (" + e.what() + "); its evaluations are in " +
                    q.run_dir + " (eval-*.json, longtail runs show)";
      }
    }
    if (r.state == "queued") ++s.queued;
    if (r.state == "running") ++s.running;
    if (r.state == "evaluating") ++s.evaluating;
    if (r.state == "finished") ++s.finished;
    if (r.state == "failed") ++s.failed;
    if (r.state == "interrupted") ++s.interrupted;
    live = live || r.state == "running" || r.state == "evaluating";
    s.runs.push_back(std::move(r));
  }
  const int64_t total = int64_t(s.runs.size());
  if (live) {
    s.state = s.request == "pause" ? "paused" : s.request == "cancel" ? "cancelling" : "running";
  } else if (s.finished == total) {
    s.state = "finished";
  } else if (s.finished + s.failed == total) {
    s.state = "incomplete";
  } else if (s.request == "cancel") {
    s.state = "cancelled";
  } else if (s.request == "pause") {
    s.state = "paused";
  } else {
    s.state = "stopped";
  }
  return s;
}

}  // namespace lt
