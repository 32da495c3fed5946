#include "eval/kde_weights.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

#include <cmath>
#include <cstdio>

#include "eval/kde_bandwidth.h"
#include "util/error.h"

namespace lt {
namespace {

// Ranks 1..n with ties sharing their mean rank, as Spearman's coefficient wants.
torch::Tensor ranks(const torch::Tensor& values) {
  const auto v = values.to(torch::kDouble).cpu();
  const int64_t n = v.size(0);
  const auto order = v.argsort();
  auto r = torch::empty({n}, torch::kDouble);
  const auto* val = v.data_ptr<double>();
  const auto* idx = order.data_ptr<int64_t>();
  auto* out = r.data_ptr<double>();
  for (int64_t i = 0; i < n;) {
    int64_t j = i;
    while (j + 1 < n && val[idx[j + 1]] == val[idx[i]]) ++j;
    const double mean_rank = 0.5 * double(i + j) + 1;
    for (int64_t k = i; k <= j; ++k) out[idx[k]] = mean_rank;
    i = j + 1;
  }
  return r;
}

}  // namespace

double median_pairwise_distance(const torch::Tensor& features, int64_t sample, uint64_t seed) {
  const int64_t n = features.size(0);
  torch::Tensor f = features;
  if (n > sample) {
    at::Generator gen = at::make_generator<at::CPUGeneratorImpl>(seed);
    f = features.index_select(
        0, torch::randperm(n, gen, torch::kLong).slice(0, 0, sample).to(features.device()));
  }
  f = f.to(torch::kDouble);
  const auto d = torch::cdist(f, f);
  const int64_t m = f.size(0);
  const auto upper = torch::triu_indices(m, m, 1, torch::TensorOptions().device(f.device()));
  return d.index({upper[0], upper[1]}).median().item<double>();
}

KdeWeights kde_weights(const torch::Tensor& features, const KdeOptions& o,
                       const ProgressFn& progress) {
  if (features.dim() != 2 || features.size(0) < 2) {
    throw_setting("KDE weights need at least two feature vectors (n x d)");
  }
  if (o.bandwidth < 0 || !std::isfinite(o.bandwidth)) {
    throw_setting("--bandwidth must be positive (or 0: chosen by --bandwidth-rule)");
  }
  if (o.bandwidth_rule != "half-median" && o.bandwidth_rule != "median" &&
      o.bandwidth_rule != "cv") {
    throw_setting("--bandwidth-rule \"" + o.bandwidth_rule +
                  "\" is unknown; use half-median, median or cv");
  }
  if (o.alpha < 0 || !std::isfinite(o.alpha)) throw_setting("--alpha must be 0 or more");
  if (o.chunk < 1) throw_setting("the KDE chunk must hold at least one row");
  torch::NoGradGuard no_grad;
  const auto dtype = features.is_cuda() ? torch::kFloat : torch::kDouble;
  const auto f = features.to(dtype).contiguous();
  const int64_t n = f.size(0);
  KdeWeights out;
  if (o.bandwidth > 0) {
    out.bandwidth = o.bandwidth;
    out.bandwidth_rule = "given";
  } else {
    const double median = median_pairwise_distance(f, 2000, o.seed);
    if (!(median > 0)) {
      throw_data(
          "every feature is the same (median distance 0): the encoder collapsed, or give "
          "--bandwidth");
    }
    out.bandwidth = o.bandwidth_rule == "half-median" ? median / 2 : median;
    out.bandwidth_rule = o.bandwidth_rule == "half-median" ? "half-median" : "median";
    if (o.bandwidth_rule == "cv") {
      const BandwidthChoice cv =
          cross_validated_bandwidth(f, bandwidth_grid(median), o.folds, 3000, o.seed);
      out.bandwidth = cv.bandwidth;
      out.bandwidth_rule = "cv-" + std::to_string(o.folds) + "fold";
      out.grid = cv.grid;
      out.heldout_log_density = cv.heldout_log_density;
      out.at_grid_edge = cv.at_grid_edge;
    }
  }
  const double scale = -1.0 / (2.0 * out.bandwidth * out.bandwidth);
  const auto squared_norms = f.pow(2).sum(1);
  auto log_density = torch::empty({n}, f.options());
  const int64_t blocks = (n + o.chunk - 1) / o.chunk;
  for (int64_t r0 = 0; r0 < n; r0 += o.chunk) {
    report(progress, "kernel density", r0, n);
    const auto rows = f.slice(0, r0, r0 + o.chunk);
    const auto row_norms = squared_norms.slice(0, r0, r0 + o.chunk);
    // Running log-sum-exp over column blocks: max so far and the sum scaled by it.
    torch::Tensor running_max, running_sum;
    for (int64_t c0 = 0; c0 < n; c0 += o.chunk) {
      // A block is the unit of work: 100,000 images on a CPU are minutes of blocks.
      report(progress, "kernel density", (r0 / o.chunk) * blocks + c0 / o.chunk, blocks * blocks);
      const auto cols = f.slice(0, c0, c0 + o.chunk);
      const auto d2 =
          (row_norms.unsqueeze(1) + squared_norms.slice(0, c0, c0 + o.chunk).unsqueeze(0) -
           2 * rows.matmul(cols.t()))
              .clamp_min(0);
      const auto logits = d2 * scale;
      const auto block_max = std::get<0>(logits.max(1));
      if (!running_max.defined()) {
        running_max = block_max;
        running_sum = (logits - block_max.unsqueeze(1)).exp().sum(1);
      } else {
        const auto new_max = torch::maximum(running_max, block_max);
        running_sum = running_sum * (running_max - new_max).exp() +
                      (logits - new_max.unsqueeze(1)).exp().sum(1);
        running_max = new_max;
      }
    }
    log_density.slice(0, r0, r0 + o.chunk).copy_(running_max + running_sum.log() - std::log(n));
  }
  // log w = -alpha log density, normalised to mean 1 in log space.
  const auto log_w = (-o.alpha * log_density).to(torch::kDouble);
  out.weights = (log_w - torch::logsumexp(log_w, 0) + std::log(double(n))).exp();
  out.log_density = log_density.to(torch::kDouble);
  out.spread = weights_spread(out.weights);
  return out;
}

WeightsSpread weights_spread(const torch::Tensor& weights) {
  const auto w = weights.to(torch::kDouble).cpu();
  WeightsSpread s;
  s.min = w.min().item<double>();
  s.max = w.max().item<double>();
  s.std = w.numel() > 1 ? w.std().item<double>() : 0.0;
  const auto q = torch::quantile(w, torch::tensor({0.1, 0.9}, torch::kDouble));
  const double p10 = q[0].item<double>();
  s.p90_over_p10 = p10 > 0 ? q[1].item<double>() / p10 : INFINITY;
  return s;
}

bool weights_are_flat(const WeightsSpread& spread) {
  return spread.p90_over_p10 < 1.01;
}

std::string flat_weights_warning(const WeightsSpread& spread, double bandwidth) {
  if (!weights_are_flat(spread)) return "";
  char line[320];
  std::snprintf(line, sizeof line,
                "the weights are flat (90th percentile / 10th = %.4f at h = %.4g): rwSAM with them "
                "is plain SAM; give a wider kernel (--bandwidth-rule half-median, or a larger "
                "--bandwidth)",
                spread.p90_over_p10, bandwidth);
  return line;
}

KdeRecord kde_record(const KdeWeights& kde, double alpha, const std::vector<int64_t>& labels,
                     int64_t num_classes) {
  KdeRecord r;
  r.bandwidth = kde.bandwidth;
  r.bandwidth_rule = kde.bandwidth_rule;
  r.grid = kde.grid;
  r.heldout_log_density = kde.heldout_log_density;
  r.at_grid_edge = kde.at_grid_edge;
  r.alpha = alpha;
  r.spread = kde.spread;
  r.spearman_with_inverse_class_size =
      labels.empty()
          ? NAN
          : weights_by_class(kde.weights, labels, num_classes).spearman_with_inverse_class_size;
  return r;
}

WeightsByClass weights_by_class(const torch::Tensor& weights, const std::vector<int64_t>& labels,
                                int64_t num_classes) {
  const auto w = weights.to(torch::kDouble).cpu();
  if (w.size(0) != int64_t(labels.size())) {
    throw_data("weights and labels differ in number: " + std::to_string(w.size(0)) + " and " +
               std::to_string(labels.size()));
  }
  WeightsByClass out;
  out.sizes.assign(num_classes, 0);
  out.mean_weight.assign(num_classes, 0);
  const auto* wp = w.data_ptr<double>();
  for (size_t i = 0; i < labels.size(); ++i) {
    ++out.sizes[labels[i]];
    out.mean_weight[labels[i]] += wp[i];
  }
  auto inverse_size = torch::empty({int64_t(labels.size())}, torch::kDouble);
  for (size_t i = 0; i < labels.size(); ++i) {
    inverse_size[int64_t(i)] = 1.0 / double(out.sizes[labels[i]]);
  }
  for (int64_t c = 0; c < num_classes; ++c) {
    out.mean_weight[c] = out.sizes[c] > 0 ? out.mean_weight[c] / double(out.sizes[c]) : NAN;
  }
  // Spearman: Pearson's correlation of the ranks.
  const auto a = ranks(w), b = ranks(inverse_size);
  const auto ac = a - a.mean(), bc = b - b.mean();
  const double denominator =
      std::sqrt((ac * ac).sum().item<double>() * (bc * bc).sum().item<double>());
  out.spearman_with_inverse_class_size =
      denominator > 0 ? (ac * bc).sum().item<double>() / denominator : 0.0;
  return out;
}

}  // namespace lt
