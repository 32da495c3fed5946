#include "eval/kde_bandwidth.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

#include <cmath>

#include "util/error.h"

namespace lt {

std::vector<double> bandwidth_grid(double scale) {
  std::vector<double> grid;
  for (int k = -20; k <= 5; ++k) grid.push_back(scale * std::pow(10.0, double(k) / 10.0));
  return grid;
}

BandwidthChoice cross_validated_bandwidth(const torch::Tensor& features,
                                          const std::vector<double>& grid, int64_t folds,
                                          int64_t max_points, uint64_t seed) {
  if (folds < 2) throw_setting("bandwidth cross-validation needs at least 2 folds");
  if (grid.empty()) throw_setting("bandwidth cross-validation needs a grid of bandwidths");
  for (double h : grid) {
    if (!(h > 0) || !std::isfinite(h))
      throw_setting("every bandwidth of the grid must be positive");
  }
  torch::NoGradGuard no_grad;
  torch::Tensor f = features.to(torch::kDouble);
  if (f.size(0) > max_points) {
    at::Generator gen = at::make_generator<at::CPUGeneratorImpl>(seed);
    f = f.index_select(
        0, torch::randperm(f.size(0), gen, torch::kLong).slice(0, 0, max_points).to(f.device()));
  }
  f = f.contiguous();
  const int64_t n = f.size(0), d = f.size(1);
  if (n < folds) {
    throw_data("bandwidth cross-validation needs at least " + std::to_string(folds) +
               " feature vectors, not " + std::to_string(n));
  }
  // KFold without shuffling: the first n % k folds hold one point more.
  auto fold_of = torch::empty({n}, torch::kLong);
  std::vector<int64_t> fold_size(size_t(folds), n / folds);
  for (int64_t k = 0; k < n % folds; ++k) ++fold_size[size_t(k)];
  for (int64_t k = 0, start = 0; k < folds; start += fold_size[size_t(k)], ++k) {
    fold_of.slice(0, start, start + fold_size[size_t(k)]).fill_(k);
  }
  fold_of = fold_of.to(f.device());
  const auto fit_size = (double(n) - torch::tensor(fold_size, torch::kDouble))
                            .to(f.device())
                            .index_select(0, fold_of);  // per point: the points its kernel sums

  const auto squared_norms = f.pow(2).sum(1);
  const int64_t G = int64_t(grid.size());
  auto total = torch::zeros({G}, f.options());
  constexpr int64_t kRows = 512;
  for (int64_t r0 = 0; r0 < n; r0 += kRows) {
    const auto rows = f.slice(0, r0, r0 + kRows);
    const auto d2 = (squared_norms.slice(0, r0, r0 + kRows).unsqueeze(1) +
                     squared_norms.unsqueeze(0) - 2 * rows.matmul(f.t()))
                        .clamp_min(0);
    // A held-out point's kernel sums over the other folds only.
    const auto same_fold = fold_of.slice(0, r0, r0 + kRows).unsqueeze(1).eq(fold_of.unsqueeze(0));
    const auto log_fit = fit_size.slice(0, r0, r0 + kRows).log();
    for (int64_t g = 0; g < G; ++g) {
      const double h = grid[size_t(g)];
      const auto logits = (d2 * (-0.5 / (h * h))).masked_fill(same_fold, -INFINITY);
      // log of (1 / n_fit) sum_j N(x_i; x_j, h^2 I), the Gaussian's constant included: it is
      // what makes a smaller h pay for its narrower kernel.
      const auto log_density =
          torch::logsumexp(logits, 1) - log_fit - 0.5 * double(d) * std::log(2 * M_PI * h * h);
      total[g] += log_density.sum();
    }
  }
  BandwidthChoice out;
  out.grid = grid;
  out.folds = folds;
  out.points = n;
  const auto mean = (total / double(n)).cpu();
  out.heldout_log_density.assign(mean.data_ptr<double>(), mean.data_ptr<double>() + G);
  const int64_t best = mean.argmax().item<int64_t>();
  out.bandwidth = grid[size_t(best)];
  out.at_grid_edge = best == 0 || best == G - 1;
  return out;
}

}  // namespace lt
