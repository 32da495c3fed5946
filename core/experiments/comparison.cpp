#include "experiments/comparison.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <set>
#include <tuple>

#include "data/variant.h"
#include "store/run_store.h"
#include "train/run_config.h"
#include "train/supervised_protocol.h"
#include "util/error.h"

namespace lt {
namespace {

// What makes runs comparable: the same data, the same design, the same method and size.
struct Setting {
  std::string source;
  std::string distribution;
  double ratio = 0;
  auto operator<=>(const Setting&) const = default;
};

struct CellKey {
  Setting setting;
  std::string method;
  int64_t n = 0;
  bool balanced = false;
  auto operator<=>(const CellKey&) const = default;
};

std::string describe(const ComparisonInput& run) {
  return run.run_id + " (" + run.method + (run.balanced ? ", balanced twin" : ", imbalanced") +
         ", n " + std::to_string(run.n) + ", seed " + std::to_string(run.seed) + ")";
}

std::string ratio_text(double ratio) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", ratio);
  return text;
}

double mean_of(const std::vector<double>& v) {
  return std::accumulate(v.begin(), v.end(), 0.0) / double(v.size());
}

double sample_std(const std::vector<double>& v) {
  if (v.size() < 2) return 0;
  const double m = mean_of(v);
  double ss = 0;
  for (double x : v) ss += (x - m) * (x - m);
  return std::sqrt(ss / double(v.size() - 1));
}

int key_rank(const std::string& key) {
  static const std::vector<std::string> known = {"id", "ood", "id-finetune", "ood-finetune"};
  const auto it = std::find(known.begin(), known.end(), key);
  return it == known.end() ? int(known.size()) : int(it - known.begin());
}

}  // namespace

std::vector<std::string> evaluation_keys(const std::vector<ComparisonInput>& runs) {
  std::set<std::string> keys;
  for (const auto& run : runs) {
    for (const auto& [key, top1] : run.top1) keys.insert(key);
  }
  std::vector<std::string> out(keys.begin(), keys.end());
  std::stable_sort(out.begin(), out.end(), [](const std::string& a, const std::string& b) {
    return key_rank(a) < key_rank(b);
  });
  return out;
}

double rounded_ratio(double ratio) {
  if (!(ratio > 0) || !std::isfinite(ratio)) return ratio;
  char text[32];
  std::snprintf(text, sizeof text, "%.4g", ratio);
  return std::strtod(text, nullptr);
}

bool is_supervised(const std::string& method) {
  return method == "supervised" || method.rfind("supervised:", 0) == 0;
}

std::string learning_kind(const std::string& method) {
  return is_supervised(method) ? "SL" : "SSL";
}

Comparison compare_runs(const std::vector<ComparisonInput>& runs, const std::string& probe) {
  Comparison out;
  struct Group {
    std::map<int64_t, double> by_seed;
    std::map<int64_t, std::string> run_by_seed;
  };
  std::map<CellKey, Group> groups;
  for (const auto& run : runs) {
    if (!run.unusable.empty()) {
      out.skipped.push_back(run.run_id + ": " + run.unusable);
      continue;
    }
    if (run.status != "finished") {
      out.skipped.push_back(describe(run) + ": not finished (" + run.status +
                            "); only finished runs are compared");
      continue;
    }
    const auto top1 = run.top1.find(probe);
    if (top1 == run.top1.end()) {
      out.skipped.push_back(describe(run) + ": no " + probe +
                            " evaluation yet (longtail eval --run " + run.run_id + ")");
      continue;
    }
    const CellKey key{
        {run.source, run.distribution, rounded_ratio(run.ratio)}, run.method, run.n, run.balanced};
    Group& group = groups[key];
    if (const auto kept = group.run_by_seed.find(run.seed); kept != group.run_by_seed.end()) {
      out.skipped.push_back(describe(run) + ": " + kept->second +
                            " has the same setting and seed and is counted instead");
      continue;
    }
    group.by_seed[run.seed] = top1->second;
    group.run_by_seed[run.seed] = run.run_id;
  }

  for (const auto& [key, group] : groups) {
    ComparisonCell cell;
    cell.method = key.method;
    cell.balanced = key.balanced;
    cell.n = key.n;
    cell.source = key.setting.source;
    cell.distribution = key.setting.distribution;
    cell.ratio = key.setting.ratio;
    cell.probe = probe;
    for (const auto& [seed, accuracy] : group.by_seed) {
      cell.seeds.push_back(seed);
      cell.per_seed.push_back(accuracy);
      cell.run_ids.push_back(group.run_by_seed.at(seed));
    }
    cell.mean = mean_of(cell.per_seed);
    cell.spread = sample_std(cell.per_seed);
    out.cells.push_back(std::move(cell));
  }

  // Each imbalanced group meets its balanced twin; a seed is compared only with itself, since
  // the twin of seed s shares its class order and image draw.
  for (const auto& [key, imbalanced] : groups) {
    if (key.balanced) continue;
    CellKey twin_key = key;
    twin_key.balanced = true;
    const auto twin = groups.find(twin_key);
    const std::string where = key.method + " at n " + std::to_string(key.n) + ", r " +
                              ratio_text(key.setting.ratio) + " (" + probe + ")";
    if (twin == groups.end()) {
      out.skipped.push_back(where + ": no balanced twin evaluated, so no gap (train with --twin)");
      continue;
    }
    ComparisonGap gap;
    gap.method = key.method;
    gap.n = key.n;
    gap.source = key.setting.source;
    gap.distribution = key.setting.distribution;
    gap.ratio = key.setting.ratio;
    gap.probe = probe;
    std::vector<double> balanced, unbalanced;
    for (const auto& [seed, accuracy] : imbalanced.by_seed) {
      const auto other = twin->second.by_seed.find(seed);
      if (other == twin->second.by_seed.end()) {
        out.skipped.push_back(imbalanced.run_by_seed.at(seed) + ": seed " + std::to_string(seed) +
                              " has no balanced twin run for " + where + ", left out of the gap");
        continue;
      }
      gap.seeds.push_back(seed);
      balanced.push_back(other->second);
      unbalanced.push_back(accuracy);
    }
    for (const auto& [seed, accuracy] : twin->second.by_seed) {
      if (!imbalanced.by_seed.contains(seed)) {
        out.skipped.push_back(twin->second.run_by_seed.at(seed) + ": seed " + std::to_string(seed) +
                              " has no imbalanced run for " + where + ", left out of the gap");
      }
    }
    if (gap.seeds.empty()) continue;
    try {
      gap.gap = relative_gap(balanced, unbalanced);
    } catch (const Error& e) {
      out.skipped.push_back(where + ": " + e.what());
      continue;
    }
    out.gaps.push_back(std::move(gap));
  }

  // The order of the figures' legends and the table: method, imbalanced before balanced, n.
  std::stable_sort(
      out.cells.begin(), out.cells.end(), [](const ComparisonCell& a, const ComparisonCell& b) {
        return std::tie(a.method, a.balanced, a.n) < std::tie(b.method, b.balanced, b.n);
      });
  std::stable_sort(out.gaps.begin(), out.gaps.end(),
                   [](const ComparisonGap& a, const ComparisonGap& b) {
                     return std::tie(a.method, a.n) < std::tie(b.method, b.n);
                   });
  return out;
}

std::vector<ComparisonInput> comparison_inputs(RunStore& store) {
  std::vector<ComparisonInput> out;
  for (const StoredRun& run : store.list_runs()) {
    ComparisonInput in;
    in.run_id = run.id;
    in.status = run.status;
    in.method = run.method;
    in.source = run.source;
    in.balanced = run.balanced_twin;
    in.n = run.total_images;
    in.seed = run.seed;
    try {
      const RunConfig config = config_from_json(run.config_json, "the config of run " + run.id);
      DesignSpec design = config.design;
      if (!config.variant.empty()) {
        // A run on a saved variant keeps the default design in its config: r is the variant's.
        std::string path = run.dir + "/variant.json";
        for (const auto& [kind, artifact] : store.artifacts(run.id)) {
          if (kind == "variant") path = artifact;
        }
        design = load_variant(path).design;
      }
      if (in.method.empty()) in.method = config.method.name;
      // Supervised runs of the two protocols are different baselines, never averaged together:
      // the standard protocol's keep the name, the others carry theirs ("supervised:ssl").
      if (in.method == "supervised") {
        const std::string protocol = resolve_protocol(config).augment.protocol;
        if (protocol != "standard") in.method += ":" + protocol;
      }
      if (in.source.empty()) in.source = config.source;
      in.balanced = in.balanced || config.twin;
      in.distribution = to_string(design.distribution);
      in.ratio = design.ratio;
    } catch (const Error& e) {
      in.unusable = std::string("its design cannot be read (") + e.what() + ")";
    }
    for (const StoredEvaluation& evaluation : store.evaluations(run.id)) {
      in.top1[evaluation.probe] = evaluation.top1;
    }
    out.push_back(std::move(in));
  }
  return out;
}

}  // namespace lt
