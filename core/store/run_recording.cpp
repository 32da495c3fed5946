#include "store/run_recording.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "store/run_labels.h"
#include "store/run_store.h"
#include "train/epoch_record.h"
#include "util/error.h"
#include "util/host_name.h"

namespace lt {
namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

std::string read_text(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

template <typename T>
T value_or(const json& j, const char* key, T fallback) {
  const auto it = j.find(key);
  if (it == j.end() || it->is_null()) return fallback;
  try {
    return it->get<T>();
  } catch (const json::exception&) {
    return fallback;
  }
}

// metrics.jsonl as the store keeps it (train/epoch_record.h reads the file).
std::vector<StoredEpoch> read_epochs(const fs::path& path) {
  std::vector<StoredEpoch> out;
  for (const EpochMetrics& m : read_epoch_records(path.string())) {
    StoredEpoch e;
    e.epoch = m.epoch;
    e.loss = m.loss;
    e.lr = m.lr;
    e.images_per_s = m.images_per_s;
    if (m.knn_accuracy >= 0) e.knn_accuracy = m.knn_accuracy;
    e.seconds = m.seconds;
    out.push_back(e);
  }
  return out;
}

}  // namespace

std::string record_run_dir(RunStore& store, const std::string& run_dir, int64_t pid) {
  std::error_code ec;
  const fs::path dir = fs::weakly_canonical(fs::absolute(run_dir), ec);
  const fs::path info_path = dir / "run.json";
  if (ec || !fs::exists(info_path)) {
    throw_io(run_dir +
             " is not a run directory (no run.json); name a run by its directory or "
             "its id in the store");
  }
  json info;
  try {
    info = json::parse(read_text(info_path));
  } catch (const json::exception& e) {
    throw_format(info_path.string() + " is damaged (" + e.what() + "); the run cannot be recorded");
  }
  RunStore::RunSnapshot snap;
  StoredRun& run = snap.run;
  run.dir = dir.string();
  run.id = value_or<std::string>(info, "run_id", dir.filename().string());
  run.status = value_or<std::string>(info, "status", "unknown");
  run.method = value_or<std::string>(info, "method", "");
  run.model = value_or<std::string>(info, "model", "");
  run.source = value_or<std::string>(info, "source", "");
  run.variant_hash = value_or<std::string>(info, "variant_hash", "");
  run.device = value_or<std::string>(info, "device", "");
  run.libtorch = value_or<std::string>(info, "libtorch", "");
  run.git_commit = value_or<std::string>(info, "git_commit", "");
  run.message = value_or<std::string>(info, "message", "");
  run.created = value_or<std::string>(info, "created", "");
  run.updated = value_or<std::string>(info, "updated", "");
  run.balanced_twin = value_or(info, "balanced_twin", false);
  run.seed = value_or<int64_t>(info, "seed", 0);
  run.total_images = value_or<int64_t>(info, "total_images", 0);
  run.epochs_planned = value_or<int64_t>(info, "epochs_planned", 0);
  run.epochs_done = value_or<int64_t>(info, "epochs_done", 0);
  run.config_json = read_text(dir / "config.json");
  if (run.status == "running") {
    run.pid = pid;
    run.host = current_host();
  }
  if (!run.variant_hash.empty() && info.contains("counts")) {
    snap.variant = StoredVariant{run.variant_hash, run.source, run.balanced_twin, run.total_images,
                                 info["counts"].dump()};
  }
  snap.epochs = read_epochs(dir / "metrics.jsonl");
  std::vector<std::string> probes{"id", "ood", "id-finetune", "ood-finetune", "rare-probe"};
  // Named out-of-domain targets (experiments/ood_targets.h): eval-ood@NAME.json and
  // eval-ood-finetune@NAME.json, in name order.
  std::vector<std::string> named;
  std::error_code listing;
  for (const auto& entry : fs::directory_iterator(dir, listing)) {
    const std::string file = entry.path().filename().string();
    const bool ood_named =
        file.rfind("eval-ood@", 0) == 0 || file.rfind("eval-ood-finetune@", 0) == 0;
    if (ood_named && entry.path().extension() == ".json") {
      named.push_back(file.substr(5, file.size() - 5 - 5));
    }
  }
  std::sort(named.begin(), named.end());
  probes.insert(probes.end(), named.begin(), named.end());
  for (const std::string& probe : probes) {
    const fs::path path = dir / ("eval-" + probe + ".json");
    if (!fs::exists(path)) continue;
    const std::string text = read_text(path);
    try {
      const auto j = json::parse(text);
      snap.evaluations.push_back({probe, value_or<std::string>(j, "data", ""),
                                  value_or(j, "top1", 0.0), text,
                                  value_or<std::string>(j, "created", run.updated)});
      snap.artifacts.emplace_back("evaluation", path.string());
    } catch (const json::exception&) {
      // A damaged evaluation is not recorded; `longtail eval` writes it again.
    }
  }
  for (const auto& [kind, name] :
       {std::pair{"checkpoint", "checkpoint.pt"}, std::pair{"variant", "variant.json"},
        std::pair{"metrics", "metrics.jsonl"}}) {
    if (fs::exists(dir / name)) snap.artifacts.emplace_back(kind, (dir / name).string());
  }
  if (has_run_labels(dir.string())) {
    const RunLabels labels = read_run_labels(dir.string());
    snap.labels = std::make_pair(labels.tags, labels.note);
  }
  return store.record(snap);
}

std::string resolve_run_dir(const std::string& run, const std::string& store_path) {
  // A directory is taken as given: what reads it says what it lacks.
  if (fs::is_directory(run)) return run;
  if (fs::exists(store_path)) {
    RunStore store(store_path, false);
    if (const auto found = store.find_run(run)) {
      if (!fs::exists(fs::path(found->dir) / "run.json")) {
        throw_io("run " + run + " is in the store, but its directory " + found->dir +
                 " is gone; remove the record with longtail runs rm " + found->id);
      }
      return found->dir;
    }
  }
  throw_io("no run " + run + ": it is neither a run directory nor a run id in the store " +
           store_path + " (longtail runs list shows them)");
}

}  // namespace lt
