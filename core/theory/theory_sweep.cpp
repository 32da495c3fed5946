#include "theory/theory_sweep.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <string>

#include "util/error.h"

namespace lt {
namespace {

SeedStat stat(const std::vector<TheoryResult>& results, double TheoryResult::*field) {
  SeedStat s;
  if (results.empty()) return s;
  for (const auto& r : results) s.mean += r.*field;
  s.mean /= double(results.size());
  if (results.size() > 1) {
    double sq = 0;
    for (const auto& r : results) sq += (r.*field - s.mean) * (r.*field - s.mean);
    s.sd = std::sqrt(sq / double(results.size() - 1));
  }
  return s;
}

}  // namespace

TheorySweepRow summarise_seeds(const std::vector<TheoryResult>& results) {
  TheorySweepRow row;
  if (results.empty()) return row;
  row.parameters = results.front().parameters;
  row.seeds = int64_t(results.size());
  row.ssl_e2 = stat(results, &TheoryResult::ssl_e2);
  row.sl_e2 = stat(results, &TheoryResult::sl_e2);
  row.ssl_e2_weighted = stat(results, &TheoryResult::ssl_e2_weighted);
  row.sl_e2_projection = stat(results, &TheoryResult::sl_e2_projection);
  row.ssl_probe = stat(results, &TheoryResult::ssl_probe);
  row.sl_probe = stat(results, &TheoryResult::sl_probe);
  row.sl_norm = stat(results, &TheoryResult::sl_norm);
  for (const auto& r : results) row.seconds += r.seconds;
  return row;
}

std::vector<int64_t> sweep_dimensions(const TheorySweepOptions& o) {
  if (o.d_from < 2) throw_setting("--d-from must be at least 2");
  if (o.d_to < o.d_from) throw_setting("--d-to must be at least --d-from");
  if (o.points < 0 || o.points > 1000) throw_setting("--points must be between 0 and 1000");
  std::vector<int64_t> ds;
  if (o.points == 0) {
    ds.push_back(o.d_from);
    // Powers of two strictly between d_from and d_to; doubling stops before it could pass
    // d_to, so a huge --d-to cannot overflow p (the d limit is checked after).
    int64_t p = 1;
    while (p <= o.d_from && p <= o.d_to / 2) p *= 2;
    while (p > o.d_from && p < o.d_to) {
      ds.push_back(p);
      if (p > o.d_to / 2) break;
      p *= 2;
    }
    ds.push_back(o.d_to);
  } else if (o.points == 1) {
    ds.push_back(o.d_from);
  } else {
    const double lo = std::log(double(o.d_from)), hi = std::log(double(o.d_to));
    for (int64_t k = 0; k < o.points; ++k) {
      ds.push_back(
          int64_t(std::llround(std::exp(lo + (hi - lo) * double(k) / double(o.points - 1)))));
    }
  }
  std::sort(ds.begin(), ds.end());
  ds.erase(std::unique(ds.begin(), ds.end()), ds.end());
  return ds;
}

TheorySweep run_theory_sweep(const TheorySweepOptions& o, const ProgressFn& progress,
                             const std::function<void(const TheorySweepRow&)>& on_row) {
  const auto start = std::chrono::steady_clock::now();
  if (o.seeds < 1 || o.seeds > 1000) throw_setting("--seeds must be between 1 and 1000");
  const std::vector<int64_t> ds = sweep_dimensions(o);
  // Refuse an impossible configuration before the first cell, not halfway through.
  for (int64_t d : ds) {
    ToyModelOptions toy = o.base.toy;
    toy.d = d;
    resolve_toy_model(toy);
  }
  const int64_t cells = int64_t(ds.size()) * o.seeds;
  int64_t done = 0;
  // Inner stages only ask whether to stop; the sweep reports whole cells.
  const ProgressFn inner = [&](const Progress&) {
    return !progress || progress(Progress{"theory sweep", done, cells});
  };
  TheorySweep sweep;
  for (int64_t d : ds) {
    std::vector<TheoryResult> results;
    for (int64_t s = 0; s < o.seeds; ++s) {
      report(progress, "theory sweep: d = " + std::to_string(d), done, cells);
      TheoryOptions cell = o.base;
      cell.toy.d = d;
      cell.seed = o.base.seed + uint64_t(s);
      results.push_back(solve_theory(cell, inner));
      ++done;
    }
    sweep.rows.push_back(summarise_seeds(results));
    if (on_row) on_row(sweep.rows.back());
  }
  report(progress, "theory sweep", done, cells);
  sweep.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return sweep;
}

}  // namespace lt
