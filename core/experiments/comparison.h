// The paper's comparison from the run store: accuracy against n for each method on the balanced
// twin and the imbalanced variant (Figure 2), and the relative gap Delta between them (Figure 1),
// averaged over seeds. Plain data in, plain data out, so the GUI, the CLI and tests share it.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "eval/relative_gap.h"

namespace lt {

class RunStore;

// One run as the comparison sees it.
struct ComparisonInput {
  std::string run_id;
  std::string status;  // only "finished" runs are compared
  std::string method;
  std::string source;
  std::string distribution;  // the design's family (exp, step, ...): r means different
                             // things in different families
  double ratio = 0;          // the design's r (the twin keeps its variant's r)
  bool balanced = false;     // trained on the balanced twin
  int64_t n = 0;             // images the run pre-trained on
  int64_t seed = 0;
  std::map<std::string, double> top1;  // evaluation key (id, ood, id-finetune, ...) -> [0, 1]
  std::string unusable;                // why the run cannot be compared at all; empty when fine
};

// One (setting, method, balanced?, n) point, over seeds.
struct ComparisonCell {
  std::string method;
  bool balanced = false;
  int64_t n = 0;
  std::string source;
  std::string distribution;
  double ratio = 0;
  std::string probe;
  double mean = 0;
  double spread = 0;  // sample standard deviation over seeds (0 for one)
  std::vector<double> per_seed;
  std::vector<int64_t> seeds;  // parallel to per_seed, ascending
  std::vector<std::string> run_ids;
};

// Delta = (A_bal - A_imb) / A_bal of one (setting, method, n), over the seeds both sides hold.
struct ComparisonGap {
  std::string method;
  int64_t n = 0;
  std::string source;
  std::string distribution;
  double ratio = 0;
  std::string probe;
  GapSummary gap;
  std::vector<int64_t> seeds;  // the paired seeds, parallel to gap.per_seed
};

struct Comparison {
  std::vector<ComparisonCell> cells;  // by method, then imbalanced before balanced, then n
  std::vector<ComparisonGap> gaps;    // by method, then n
  std::vector<std::string> skipped;   // one line per run (or seed) left out, and why
};

// The evaluation keys in the order a person reads them: id, ood, id-finetune, ood-finetune, then
// any other key.
std::vector<std::string> evaluation_keys(const std::vector<ComparisonInput>& runs);

// r as the comparison groups it: 4 significant digits, so 0.01 written by two programs (or
// 1/256 printed in full) falls into one group.
double rounded_ratio(double ratio);

// Supervised pre-training is the paper's SL baseline; every other method is self-supervised.
// The store's supervised runs of the standard protocol are compared as "supervised", those of
// SimSiam's views (runs from before the protocols, or --protocol ssl) as "supervised:ssl".
bool is_supervised(const std::string& method);
std::string learning_kind(const std::string& method);  // "SL" or "SSL"

// Groups finished runs evaluated with `probe` by (source, distribution, r, method, n, balanced)
// and pairs each imbalanced group with its balanced twin by seed. When two runs share a group
// and a seed, the first of `runs` counts (comparison_inputs lists the newest first).
Comparison compare_runs(const std::vector<ComparisonInput>& runs, const std::string& probe);

// Every run of the store with its evaluations, newest first. A run whose config cannot be read
// comes back with `unusable` set rather than failing the whole comparison.
std::vector<ComparisonInput> comparison_inputs(RunStore& store);

}  // namespace lt
