// What a sweep found so far: the paper's Figure 2 (probe accuracy against n, imbalanced and
// balanced, per method) and Figure 1 (the relative gap Delta against n, per method and r), from a
// status snapshot. A gap is final once both runs of a pair are probed (Delta of the probes'
// accuracies, the probe seeds' spread beside it); while a pair still trains, the latest kNN
// monitor accuracies of both give a provisional Delta. Cells without a final gap are listed
// with what is missing and why. Plain data in and out, for the CLI, the GUI and tests.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "eval/relative_gap.h"
#include "experiments/comparison.h"
#include "sweep/sweep_status.h"

namespace lt {

struct SweepGap {
  std::string method;
  std::string kind;  // SSL or SL
  double ratio = 0;
  double sample = 0;
  int64_t n = 0;      // 0 while unknown (no run of the pair has started)
  std::string probe;  // id or ood (final), knn (provisional)
  bool provisional = false;
  GapSummary gap;                // over the pre-training seeds both sides hold
  std::vector<int64_t> seeds;    // parallel to gap.per_seed
  double probe_seed_spread = 0;  // sample std of Delta over probe seeds (the paper's error bars)
  int64_t seeds_planned = 0;
  std::string note;  // e.g. "kNN at epoch 4/10 and 6/10" or "1 of 3 seeds"
};

struct SweepAccuracy {
  ComparisonCell cell;  // method, balanced, n, probe, mean and spread over pre-training seeds
  double sample = 0;
  double probe_seed_spread = 0;  // mean over runs of the sample std over probe seeds
};

struct SweepReport {
  std::string sweep_id;
  std::string name;
  std::string source;
  std::string distribution;
  std::string state;
  int64_t runs = 0, finished = 0, failed = 0;
  std::vector<SweepAccuracy> accuracies;  // Figure 2: by probe, method, imbalanced first, n
  std::vector<SweepGap> gaps;             // Figure 1: by probe, method, r, n; final ones first
  std::vector<std::string> missing;       // one line per (method, r, s, seed) pair not final
};

SweepReport sweep_report(const SweepStatus& status);

}  // namespace lt
