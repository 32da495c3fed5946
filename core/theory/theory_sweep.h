// Theorem 3.1 as a curve: the toy model solved over a range of dimensions d, several seeds at
// each, so that the trends (ssl_e2 -> 1, sl_e2 -> 0 as d grows) can be read off with their spread.
// Counts, tau and rho follow d through the exponents of ToyModelOptions unless given as numbers.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "theory/theory_features.h"
#include "util/progress.h"

namespace lt {

// Mean and sample standard deviation over seeds (0 with one seed).
struct SeedStat {
  double mean = 0, sd = 0;
};

struct TheorySweepRow {
  ToyModelParameters parameters;
  int64_t seeds = 0;
  SeedStat ssl_e2, sl_e2, ssl_e2_weighted, sl_e2_projection, ssl_probe, sl_probe;
  SeedStat sl_norm;
  double seconds = 0;  // for all seeds of the row
};

// The summary of one configuration over its seeds (all of one d).
TheorySweepRow summarise_seeds(const std::vector<TheoryResult>& results);

struct TheorySweepOptions {
  TheoryOptions base;  // base.toy.d is replaced by each d of the sweep; seeds are base.seed + s
  int64_t d_from = 32, d_to = 4096;
  int64_t points = 0;  // d values, spaced evenly in log d; 0: every power of two in the range
  int64_t seeds = 3;
};

// The d values of a sweep, ascending and distinct (both ends included). Throws a kSetting
// lt::Error for d_from < 2 or d_to < d_from.
std::vector<int64_t> sweep_dimensions(const TheorySweepOptions& options);

struct TheorySweep {
  std::vector<TheorySweepRow> rows;
  double seconds = 0;
};

// Solves every (d, seed) cell, smallest d first. `progress` counts cells and may cancel between
// and inside them (lt::Cancelled); `on_row` receives each row as soon as its seeds are done, so
// a plot can grow while the sweep runs.
TheorySweep run_theory_sweep(const TheorySweepOptions& options, const ProgressFn& progress = {},
                             const std::function<void(const TheorySweepRow&)>& on_row = {});

}  // namespace lt
