// The reweighting of rwSAM (the paper's Section 4): each pre-training image weighs the inverse
// of the density of its features, estimated with a Gaussian kernel over every image,
//   w_i = (mean_j K(f_i - f_j, h))^(-alpha),   normalised to mean 1,
// so images from rare regions of feature space (rare classes, found without labels) weigh more.
// Computed in chunks of rows and columns with a running log-sum-exp: nothing underflows, and
// memory stays at one chunk x chunk block however many images there are.
#pragma once

#include <torch/types.h>

#include <string>
#include <vector>

#include "eval/kde_options.h"
#include "util/progress.h"

namespace lt {

struct KdeWeights {
  torch::Tensor weights;      // n, float64, mean 1, on the features' device
  torch::Tensor log_density;  // n: log mean_j K(f_i - f_j, h), the kernel without its constant
  double bandwidth = 0;
  std::string bandwidth_rule;                     // given, half-median, median or cv-<k>fold
  std::vector<double> grid, heldout_log_density;  // cv: each bandwidth's held-out score
  bool at_grid_edge = false;
  WeightsSpread spread;
};

// `features`: n x d. Float64 on the CPU (exact enough to compare with other tools), float32 on
// a GPU (seconds for 100,000 images). Throws a kSetting lt::Error for h <= 0 given or alpha < 0.
// `progress` hears of every block of rows; when it returns false the work stops with
// lt::Cancelled.
KdeWeights kde_weights(const torch::Tensor& features, const KdeOptions& options,
                       const ProgressFn& progress = {});

// The median of the pairwise distances between up to `sample` features drawn by `seed`.
double median_pairwise_distance(const torch::Tensor& features, int64_t sample, uint64_t seed);

// min, max, standard deviation and 90th / 10th percentile of `weights`.
WeightsSpread weights_spread(const torch::Tensor& weights);

// The record (kde_options.h) of `kde`; `labels` (may be empty) give its Spearman correlation.
KdeRecord kde_record(const KdeWeights& kde, double alpha, const std::vector<int64_t>& labels,
                     int64_t num_classes);

// The per-class view (kde_options.h) of `weights`, from the images' labels.
WeightsByClass weights_by_class(const torch::Tensor& weights, const std::vector<int64_t>& labels,
                                int64_t num_classes);

}  // namespace lt
