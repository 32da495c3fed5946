// rwSAM's KDE settings and the per-class view of its weights: plain data, no LibTorch header
// (the computation is in kde_weights.h).
#pragma once

#include <cstdint>
#include <vector>

namespace lt {

struct KdeOptions {
  double bandwidth = 0;  // h; 0: the median distance between features (of up to 2,000 drawn)
  double alpha = 1.2;    // the paper's CIFAR setting
  int64_t chunk = 2048;  // rows and columns per block
  uint64_t seed = 0;     // which features the median rule draws
};

// What the weights know about the classes (labels used for this view only): per class its
// size and mean weight, and Spearman's rank correlation between w_i and 1 / size of i's class.
struct WeightsByClass {
  std::vector<int64_t> sizes;
  std::vector<double> mean_weight;
  double spearman_with_inverse_class_size = 0;
};

}  // namespace lt
