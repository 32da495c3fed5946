#include "sweep/sweep_report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <tuple>

#include "util/error.h"

namespace lt {
namespace {

std::string g(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", v);
  return text;
}

double sample_std(const std::vector<double>& v) {
  if (v.size() < 2) return 0;
  double mean = 0;
  for (double x : v) mean += x;
  mean /= double(v.size());
  double ss = 0;
  for (double x : v) ss += (x - mean) * (x - mean);
  return std::sqrt(ss / double(v.size() - 1));
}

// A run's n as the comparison groups it. A finished run always has its n from the store; a
// snapshot without it (made by hand) still keeps its sampling ratios apart.
int64_t n_key(const SweepRunStatus& r) {
  return r.images > 0 ? r.images : -int64_t(std::llround(r.sample * 1e6));
}

std::string describe_state(const SweepRunStatus& r) {
  if (r.state == "running" || r.state == "interrupted") {
    std::string text = r.state;
    if (r.epochs_planned > 0) {
      text +=
          " (epoch " + std::to_string(r.epochs_done) + "/" + std::to_string(r.epochs_planned) + ")";
    }
    if (r.state == "interrupted") text += "; its runner died, the next sweep run resumes it";
    return text;
  }
  if (r.state == "failed") return "failed: " + r.message;
  return r.state;
}

struct CellKey {
  std::string method;
  double ratio;
  double sample;
  auto operator<=>(const CellKey&) const = default;
};

}  // namespace

SweepReport sweep_report(const SweepStatus& s) {
  SweepReport out;
  out.sweep_id = s.sweep_id;
  out.name = s.name;
  out.source = s.source;
  out.distribution = s.distribution;
  out.state = s.state;
  out.runs = int64_t(s.runs.size());
  out.finished = s.finished;
  out.failed = s.failed;

  // The plan's pairs: (method, r, s) -> seed -> (imbalanced, balanced).
  std::map<CellKey, std::map<int64_t, std::pair<const SweepRunStatus*, const SweepRunStatus*>>>
      pairs;
  std::map<std::string, const SweepRunStatus*> by_key;
  std::set<int64_t> seeds_seen;
  for (const auto& r : s.runs) {
    auto& pair = pairs[{r.method, r.ratio, r.sample}][r.seed];
    (r.balanced ? pair.second : pair.first) = &r;
    by_key[r.key] = &r;
    seeds_seen.insert(r.seed);
  }
  const int64_t seeds_planned =
      s.seeds.empty() ? int64_t(seeds_seen.size()) : int64_t(s.seeds.size());

  // Finished runs through the comparison of core/eval, probe by probe.
  std::vector<ComparisonInput> inputs;
  std::map<std::pair<std::string, int64_t>, double> sample_of;  // (method, n) -> s
  for (const auto& r : s.runs) {
    if (r.state != "finished") continue;
    ComparisonInput in;
    in.run_id = r.key;
    in.status = "finished";
    in.method = r.method;
    in.source = s.source;
    in.distribution = s.distribution;
    in.ratio = r.ratio;
    in.balanced = r.balanced;
    in.n = n_key(r);
    in.seed = r.seed;
    in.top1 = r.top1;
    sample_of[{r.method, in.n}] = r.sample;
    inputs.push_back(in);
  }
  std::set<CellKey> final_cells;
  for (const std::string& probe : evaluation_keys(inputs)) {
    const Comparison c = compare_runs(inputs, probe);
    for (const ComparisonCell& cell : c.cells) {
      SweepAccuracy a;
      a.cell = cell;
      a.cell.n = std::max<int64_t>(0, cell.n);
      a.sample = sample_of[{cell.method, cell.n}];
      double spread = 0;
      for (const auto& id : cell.run_ids) {
        const auto seeds = by_key.at(id)->top1_per_probe_seed.find(probe);
        if (seeds != by_key.at(id)->top1_per_probe_seed.end()) spread += sample_std(seeds->second);
      }
      a.probe_seed_spread = cell.run_ids.empty() ? 0 : spread / double(cell.run_ids.size());
      out.accuracies.push_back(a);
    }
    for (const ComparisonGap& cg : c.gaps) {
      SweepGap gap;
      gap.method = cg.method;
      gap.kind = learning_kind(cg.method);
      gap.ratio = cg.ratio;
      gap.sample = sample_of[{cg.method, cg.n}];
      gap.n = std::max<int64_t>(0, cg.n);
      gap.probe = probe;
      gap.gap = cg.gap;
      gap.seeds = cg.seeds;
      gap.seeds_planned = seeds_planned;
      // The paper's error bars: Delta of each probe seed, the pre-training seeds averaged.
      std::vector<double> balanced, imbalanced;
      for (const auto& [cell, by_seed] : pairs) {
        if (cell.method != cg.method || rounded_ratio(cell.ratio) != cg.ratio ||
            cell.sample != gap.sample) {
          continue;
        }
        final_cells.insert(cell);
        for (int64_t seed : cg.seeds) {
          const auto it = by_seed.find(seed);
          if (it == by_seed.end() || !it->second.first || !it->second.second) continue;
          const auto& imb = it->second.first->top1_per_probe_seed;
          const auto& bal = it->second.second->top1_per_probe_seed;
          if (!imb.contains(probe) || !bal.contains(probe)) continue;
          const auto& i = imb.at(probe);
          const auto& b = bal.at(probe);
          if (i.size() != b.size()) continue;
          if (balanced.empty()) {
            balanced.assign(b.size(), 0);
            imbalanced.assign(i.size(), 0);
          }
          if (balanced.size() != b.size()) continue;
          for (size_t j = 0; j < b.size(); ++j) {
            balanced[j] += b[j] / double(cg.seeds.size());
            imbalanced[j] += i[j] / double(cg.seeds.size());
          }
        }
      }
      if (!balanced.empty()) {
        try {
          gap.probe_seed_spread = relative_gap(balanced, imbalanced).spread;
        } catch (const Error&) {
        }
      }
      if (int64_t(gap.seeds.size()) < seeds_planned) {
        gap.note =
            std::to_string(gap.seeds.size()) + " of " + std::to_string(seeds_planned) + " seeds";
      }
      out.gaps.push_back(gap);
    }
  }

  // Provisional gaps of the cells without a final one: the latest kNN accuracies of each pair.
  for (const auto& [cell, by_seed] : pairs) {
    if (final_cells.contains(cell)) continue;
    std::vector<double> balanced, imbalanced;
    SweepGap gap;
    for (const auto& [seed, pair] : by_seed) {
      const auto* imb = pair.first;
      const auto* bal = pair.second;
      if (!imb || !bal || !imb->knn || !bal->knn) continue;
      imbalanced.push_back(*imb->knn);
      balanced.push_back(*bal->knn);
      gap.seeds.push_back(seed);
      gap.note = "kNN monitor at epoch " + std::to_string(imb->knn_epoch) + "/" +
                 std::to_string(imb->epochs_planned) + " (imbalanced) and " +
                 std::to_string(bal->knn_epoch) + "/" + std::to_string(bal->epochs_planned) +
                 " (balanced)";
      gap.n = std::max<int64_t>(0, std::max(imb->images, bal->images));
    }
    if (balanced.empty()) continue;
    try {
      gap.gap = relative_gap(balanced, imbalanced);
    } catch (const Error&) {
      continue;
    }
    if (gap.seeds.size() > 1) {
      gap.note = "latest kNN monitor of " + std::to_string(gap.seeds.size()) + " seeds";
    }
    gap.method = cell.method;
    gap.kind = learning_kind(cell.method);
    gap.ratio = rounded_ratio(cell.ratio);
    gap.sample = cell.sample;
    gap.probe = "knn";
    gap.provisional = true;
    gap.seeds_planned = seeds_planned;
    out.gaps.push_back(gap);
  }

  // Cells whose pairs are not both finished, and why.
  for (const auto& [cell, by_seed] : pairs) {
    for (const auto& [seed, pair] : by_seed) {
      const auto* imb = pair.first;
      const auto* bal = pair.second;
      if (imb && bal && imb->state == "finished" && bal->state == "finished") continue;
      // Messages hold their own semicolons: the two sides are set apart by " | ".
      std::string line = cell.method + " r " + g(cell.ratio) + " s " + g(cell.sample) + " seed " +
                         std::to_string(seed) + ": ";
      std::string sides;
      for (const auto& [what, run] : {std::pair{"imbalanced", imb}, std::pair{"balanced", bal}}) {
        std::string side;
        if (!run) {
          side = std::string(what) + " not in the plan";
        } else if (run->state != "finished") {
          side = std::string(what) + " " + describe_state(*run);
        }
        if (!side.empty()) sides += (sides.empty() ? "" : " | ") + side;
      }
      line += sides;
      out.missing.push_back(line);
    }
  }

  const auto probe_rank = [](const std::string& p) { return p == "id" ? 0 : p == "ood" ? 1 : 2; };
  std::stable_sort(out.gaps.begin(), out.gaps.end(), [&](const SweepGap& a, const SweepGap& b) {
    return std::make_tuple(probe_rank(a.probe), a.method, -a.ratio, -a.sample) <
           std::make_tuple(probe_rank(b.probe), b.method, -b.ratio, -b.sample);
  });
  std::stable_sort(out.accuracies.begin(), out.accuracies.end(),
                   [&](const SweepAccuracy& a, const SweepAccuracy& b) {
                     return std::make_tuple(probe_rank(a.cell.probe), a.cell.method, -a.cell.ratio,
                                            a.cell.balanced, -a.sample) <
                            std::make_tuple(probe_rank(b.cell.probe), b.cell.method, -b.cell.ratio,
                                            b.cell.balanced, -b.sample);
                   });
  return out;
}

}  // namespace lt
