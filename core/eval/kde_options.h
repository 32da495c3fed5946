// rwSAM's KDE settings and the per-class view of its weights: plain data, no LibTorch header
// (the computation is in kde_weights.h).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace lt {

struct KdeOptions {
  double bandwidth = 0;  // h; 0: chosen by `bandwidth_rule`
  // "half-median" (the default): half the median distance between features (of up to 2,000
  // drawn); "median": the median distance itself; "cv": the best held-out log-likelihood over a
  // grid, `folds`-fold (eval/kde_bandwidth.h). Why half the median: README, "rwSAM's weights".
  std::string bandwidth_rule = "half-median";
  int64_t folds = 5;
  double alpha = 1.2;    // the paper's CIFAR setting
  int64_t chunk = 2048;  // rows and columns per block
  uint64_t seed = 0;     // which features the median rule and the cross-validation draw
};

// How uneven the weights are (they have mean 1): 1.0 everywhere is SAM.
struct WeightsSpread {
  double min = 0, max = 0, std = 0;
  double p90_over_p10 = 0;  // the 90th percentile over the 10th
};

// Weights this even make rwSAM a plain SAM run: the 90th percentile within 1 % of the 10th.
bool weights_are_flat(const WeightsSpread& spread);
// One line that says so and what to try, or "" when the weights are not flat.
std::string flat_weights_warning(const WeightsSpread& spread, double bandwidth);

// How a set of weights came about, as the run and the Weights view record it.
struct KdeRecord {
  double bandwidth = 0;
  std::string bandwidth_rule;                     // given, half-median, median or cv-<k>fold
  std::vector<double> grid, heldout_log_density;  // cv only: the score of each bandwidth
  bool at_grid_edge = false;
  double alpha = 0;
  WeightsSpread spread;
  double spearman_with_inverse_class_size = 0;  // NaN where there are no labels
};

// What the weights know about the classes (labels used for this view only): per class its
// size and mean weight, and Spearman's rank correlation between w_i and 1 / size of i's class.
struct WeightsByClass {
  std::vector<int64_t> sizes;
  std::vector<double> mean_weight;
  double spearman_with_inverse_class_size = 0;
};

}  // namespace lt
