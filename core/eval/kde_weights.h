// The reweighting of rwSAM (the paper's Section 4): each pre-training image weighs the inverse
// of the density of its features, estimated with a Gaussian kernel over every image,
//   w_i = (mean_j K(f_i - f_j, h))^(-alpha),   normalised to mean 1,
// so images from rare regions of feature space (rare classes, found without labels) weigh more.
// Computed in chunks of rows and columns with a running log-sum-exp: nothing underflows, and
// memory stays at one chunk x chunk block however many images there are.
#pragma once

#include <torch/types.h>

#include <vector>

namespace lt {

struct KdeOptions {
  double bandwidth = 0;  // h; 0: the median distance between features (of up to 2,000 drawn)
  double alpha = 1.2;    // the paper's CIFAR setting
  int64_t chunk = 2048;  // rows and columns per block
  uint64_t seed = 0;     // which features the median rule draws
};

struct KdeWeights {
  torch::Tensor weights;      // n, float64, mean 1, on the features' device
  torch::Tensor log_density;  // n: log mean_j K(f_i - f_j, h), the kernel without its constant
  double bandwidth = 0;
};

// `features`: n x d. Float64 on the CPU (exact enough to compare with other tools), float32 on
// a GPU (seconds for 100,000 images). Throws a kSetting lt::Error for h <= 0 given or alpha < 0.
KdeWeights kde_weights(const torch::Tensor& features, const KdeOptions& options);

// The median of the pairwise distances between up to `sample` features drawn by `seed`.
double median_pairwise_distance(const torch::Tensor& features, int64_t sample, uint64_t seed);

// What the weights know about the classes (labels used for this view only): per class its
// size and mean weight, and Spearman's rank correlation between w_i and 1 / size of i's class.
struct WeightsByClass {
  std::vector<int64_t> sizes;
  std::vector<double> mean_weight;
  double spearman_with_inverse_class_size = 0;
};
WeightsByClass weights_by_class(const torch::Tensor& weights, const std::vector<int64_t>& labels,
                                int64_t num_classes);

}  // namespace lt
