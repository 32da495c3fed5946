#include "sweep/queued_run.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <new>
#include <nlohmann/json.hpp>

#include "data/design_json.h"
#include "data/source.h"
#include "data/variant.h"
#include "distributed/rank_zero.h"
#include "experiments/recorded_training.h"
#include "experiments/run_evaluation.h"
#include "store/run_recording.h"
#include "store/run_store.h"
#include "util/error.h"
#include "util/file_io.h"
#include "util/no_space_error.h"
#include "util/progress.h"

namespace fs = std::filesystem;

namespace lt {
namespace {

using json = nlohmann::ordered_json;

// Two workers needing the same variant at once build it once.
std::mutex& variant_mutex() {
  static std::mutex m;
  return m;
}

const QueuedVariant& find_variant(const std::vector<QueuedVariant>& variants,
                                  const std::string& id) {
  for (const auto& v : variants) {
    if (v.id == id) return v;
  }
  throw_format("the sweep queue has no variant " + id + "; register the sweep again");
}

// Another runner process may write the same file at the same moment: each writes its own file
// and renames it into place, so the file is always one whole copy (the same bytes either way).
void save_shared_variant(const Variant& variant, const std::string& path) {
  std::error_code ec;
  fs::create_directories(fs::path(path).parent_path(), ec);
  const std::string own = path + "." + std::to_string(getpid()) + ".json";
  save_variant(variant, own);
  fs::rename(own, path);
}

// The variant file of `id`, built from the source when missing.
void ensure_variant(const std::vector<QueuedVariant>& variants, const std::string& id,
                    const std::string& source_spec) {
  std::lock_guard<std::mutex> lock(variant_mutex());
  const QueuedVariant& v = find_variant(variants, id);
  if (is_variant_file(v.path)) return;
  const Dataset source = load_source({source_spec, "train", true, {}});
  Variant built;
  if (v.balanced_twin) {
    const QueuedVariant& base = find_variant(variants, v.twin_of);
    Variant imbalanced;
    if (is_variant_file(base.path)) {
      imbalanced = load_variant(base.path);
    } else {
      imbalanced = build_variant(source, source_spec, "train",
                                 design_from_json(nlohmann::json::parse(base.design_json)));
      save_shared_variant(imbalanced, base.path);
    }
    built = build_balanced_twin(source, imbalanced);
  } else {
    built = build_variant(source, source_spec, "train",
                          design_from_json(nlohmann::json::parse(v.design_json)));
  }
  save_shared_variant(built, v.path);
}

json read_json(const fs::path& path) {
  return json::parse(std::ifstream(path));
}

double mean_of(const std::vector<double>& v) {
  double sum = 0;
  for (double x : v) sum += x;
  return v.empty() ? NAN : sum / double(v.size());
}

// The mean of several seeds' eval-*.json: top-1, per class and per shot group averaged, the
// rest from the last seed, with each seed's top-1 beside it.
json merge_seeds(const std::vector<json>& per_seed, const std::vector<uint64_t>& seeds) {
  json merged = per_seed.back();
  std::vector<double> top1;
  for (const auto& j : per_seed) top1.push_back(j.at("top1").get<double>());
  merged["top1"] = mean_of(top1);
  const size_t classes = merged.at("per_class").size();
  json per_class = json::array();
  for (size_t c = 0; c < classes; ++c) {
    std::vector<double> values;
    for (const auto& j : per_seed) {
      if (!j["per_class"][c].is_null()) values.push_back(j["per_class"][c].get<double>());
    }
    per_class.push_back(values.empty() ? json(nullptr) : json(mean_of(values)));
  }
  merged["per_class"] = per_class;
  for (const char* group : {"many_shot", "medium_shot", "few_shot"}) {
    if (!merged.contains(group)) continue;
    std::vector<double> values;
    for (const auto& j : per_seed) {
      if (j.contains(group) && !j[group].is_null()) values.push_back(j[group].get<double>());
    }
    merged[group] = values.empty() ? json(nullptr) : json(mean_of(values));
  }
  if (merged.contains("probe_options")) merged["probe_options"].erase("seed");
  merged["probe_seeds"] = seeds;
  merged["top1_per_probe_seed"] = top1;
  return merged;
}

struct Stop {};  // asked to stop between two probes

// The probes of `kind`, one per seed; returns the merged result's summary for the queue.
json evaluate_kind(const std::string& run_dir, const std::string& kind,
                   const std::vector<EvalRequest>& requests, const ExecuteOptions& options,
                   const std::function<bool(const std::string&)>& on_stage) {
  std::vector<uint64_t> seeds;
  for (const auto& r : requests) seeds.push_back(r.options.seed);
  const fs::path merged_path = fs::path(run_dir) / ("eval-" + kind + ".json");
  const auto summary = [](const json& merged) {
    return json{{"top1", merged.at("top1")},
                {"per_probe_seed", merged.at("top1_per_probe_seed")},
                {"data", merged.value("data", "")}};
  };
  if (fs::exists(merged_path)) {
    try {
      const json done = read_json(merged_path);
      if (done.contains("probe_seeds") && done["probe_seeds"] == json(seeds)) return summary(done);
    } catch (const json::exception&) {
    }
  }
  std::vector<json> per_seed;
  for (const EvalRequest& given : requests) {
    const fs::path seed_path = fs::path(run_dir) / ("eval-" + kind + "-seed" +
                                                    std::to_string(given.options.seed) + ".json");
    if (fs::exists(seed_path)) {
      try {
        per_seed.push_back(read_json(seed_path));
        continue;
      } catch (const json::exception&) {
        // Torn by a kill: probe again.
      }
    }
    if (on_stage && !on_stage("evaluating")) throw Stop{};
    EvalRequest request = given;
    request.device = options.device;
    request.threads = options.threads;
    evaluate_run(run_dir, request);  // its generators are its own: workers run side by side
    // evaluate_run wrote eval-<kind>.json; it becomes this seed's file.
    fs::rename(merged_path, seed_path);
    per_seed.push_back(read_json(seed_path));
  }
  const json merged = merge_seeds(per_seed, seeds);
  write_file_atomically(merged_path.string(), merged.dump(2) + "\n");
  return summary(merged);
}

std::string first_line(const std::string& text) {
  return text.substr(0, text.find('\n'));
}

}  // namespace

RunOutcome execute_queued_run(const QueuedRun& run, const std::vector<QueuedVariant>& variants,
                              const ExecuteOptions& options, const TrainCallback& on_train,
                              const std::function<bool(const std::string& stage)>& on_stage) {
  RunOutcome outcome;
  const auto failed = [&](const std::string& why) {
    outcome.state = "failed";
    outcome.message = why;
    return outcome;
  };
  try {
    RunConfig config = config_from_json(run.config_json, "the queued config of " + run.key);
    config.device = options.device;
    config.threads = options.threads;
    if (on_stage && !on_stage("training")) return RunOutcome{"stopped", "", ""};
    DataParallel* dp = options.data_parallel;
    rank_zero_first(
        dp, [&] { ensure_variant(variants, run.variant, config.source); }, "to build the variant");

    // The run draws from generators of its own (runtime/run_generator.h): K workers of one
    // process train side by side and each run is the same as alone.
    const RunResult trained = train_or_resume(config, run.run_dir, options.store, on_train, dp);
    if (trained.status == "cancelled") return RunOutcome{"stopped", trained.message, ""};
    if (trained.status == "diverged") return failed("diverged: " + trained.message);
    if (trained.status != "finished") {
      return failed("pre-training ended " + trained.status + ": " + trained.message);
    }
    if (!writes_run_files(dp)) return RunOutcome{"finished", "", ""};  // rank 0 probes

    std::vector<std::string> kinds;
    for (const auto& p : probes_from_json(run.probes_json)) {
      if (std::find(kinds.begin(), kinds.end(), p.probe) == kinds.end()) kinds.push_back(p.probe);
    }
    const auto probes = probes_from_json(run.probes_json);
    json result = json::object();
    for (const auto& kind : kinds) {
      std::vector<EvalRequest> requests;
      for (const auto& p : probes) {
        if (p.probe == kind) requests.push_back(p);
      }
      result[kind] = evaluate_kind(run.run_dir, kind, requests, options, on_stage);
    }
    if (store_wanted(options.store)) {
      RunStore store(options.store);
      record_run_dir(store, run.run_dir);
    }
    outcome.state = "finished";
    outcome.result_json = result.dump();
    return outcome;
  } catch (const Stop&) {
    return RunOutcome{"stopped", "stopped between two probes", ""};
  } catch (const Cancelled&) {
    return RunOutcome{"stopped", "", ""};
  } catch (const NoSpaceError&) {
    throw;  // not this run's fault: the sweep stops, the run goes back to its queue
  } catch (const Error& e) {
    switch (e.kind()) {
      case ErrorKind::kSetting:
        return failed(std::string("bad config: ") + e.what());
      case ErrorKind::kData:
        return failed(std::string("the data cannot serve it: ") + e.what());
      default:
        return failed(e.what());
    }
  } catch (const std::bad_alloc&) {
    return failed("out of memory; run fewer at once (--parallel) or lower the plan's batch_size");
  } catch (const std::exception& e) {
    const std::string line = first_line(e.what());
    if (line.find("out of memory") != std::string::npos) {
      return failed("out of memory (" + line +
                    "); run fewer at once (--parallel) or lower the plan's batch_size");
    }
    return failed(line);
  }
}

}  // namespace lt
