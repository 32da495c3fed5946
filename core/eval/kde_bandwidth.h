// The KDE's bandwidth chosen without labels, by cross-validation: the held-out log-likelihood of
// a Gaussian kernel density over a grid of bandwidths, k folds over the features. The same
// criterion as scikit-learn's GridSearchCV(KernelDensity(kernel="gaussian"), {"bandwidth":
// grid}, cv=k): contiguous folds in the points' order (KFold without shuffling), and the score
// of a bandwidth is the held-out points' total log-density under the kernel fitted on the rest.
// The paper picks h by cross-validation; the median-distance rule, with SimSiam's features,
// gives nearly uniform weights (rwSAM turns into SAM).
#pragma once

#include <torch/types.h>

#include <cstdint>
#include <vector>

namespace lt {

struct BandwidthChoice {
  double bandwidth = 0;                     // the grid's best
  std::vector<double> grid;                 // the bandwidths tried, ascending
  std::vector<double> heldout_log_density;  // per grid entry: mean over the held-out points
  int64_t folds = 0;
  int64_t points = 0;         // the features it used (a seeded draw when there were more)
  bool at_grid_edge = false;  // the best is the grid's smallest or largest: widen the grid
};

// `features`: n x d (n >= folds). `grid`: bandwidths > 0. Features beyond `max_points` are left
// out by a draw seeded with `seed` (the cost grows with the square of the points); the drawn
// points keep their draw order, so the folds are random ones. Float64 on the CPU.
BandwidthChoice cross_validated_bandwidth(const torch::Tensor& features,
                                          const std::vector<double>& grid, int64_t folds = 5,
                                          int64_t max_points = 3000, uint64_t seed = 0);

// The default grid: 26 bandwidths from 1/100 of `scale` to 3.2 times it, evenly spaced in log
// (a tenth of a decade apart); `scale` is the median pairwise distance.
std::vector<double> bandwidth_grid(double scale);

}  // namespace lt
