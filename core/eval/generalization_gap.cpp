#include "eval/generalization_gap.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

#include <algorithm>
#include <numeric>

#include "data/augment.h"
#include "data/dataset_tensors.h"
#include "data/variant.h"
#include "methods/method.h"
#include "runtime/device.h"
#include "util/error.h"

namespace lt {
namespace {

// Mean per-example loss of each image over `passes` augmented passes (eval mode: BatchNorm uses
// its running statistics, so a batch's make-up does not move an image's loss).
torch::Tensor per_example_loss(MethodImpl& method, const DatasetTensors& data,
                               const Augmenter& augment, int64_t passes, at::Generator& gen,
                               const DeviceChoice& device) {
  torch::NoGradGuard no_grad;
  method.eval();
  const int64_t n = data.images.size(0);
  auto total = torch::zeros({n}, torch::TensorOptions().device(device.device));
  for (int64_t pass = 0; pass < passes; ++pass) {
    for (int64_t start = 0; start < n; start += 256) {
      const auto images = data.images.slice(0, start, start + 256);
      const auto labels = data.labels.slice(0, start, start + 256);
      const auto v1 = augment(images, gen).contiguous(activation_format(device));
      const auto v2 = method.two_views()
                          ? augment(images, gen).contiguous(activation_format(device))
                          : torch::Tensor();
      AutocastGuard autocast(device);
      total.slice(0, start, start + 256) +=
          method.forward(v1, v2, labels).per_example.to(torch::kFloat);
    }
  }
  return total / double(passes);
}

double mean_over(const torch::Tensor& losses, const torch::Tensor& labels,
                 const std::vector<int64_t>& classes) {
  auto mask = torch::zeros_like(labels, torch::kBool);
  for (int64_t c : classes) mask |= labels.eq(c);
  if (mask.sum().item<int64_t>() == 0) return NAN;
  return losses.masked_select(mask).mean().item<double>();
}

}  // namespace

std::vector<int64_t> imbalanced_class_sizes(const Variant& variant) {
  if (!variant.balanced_twin) return variant.counts;
  const int64_t C = int64_t(variant.counts.size());
  // The design's counts by rank, placed by its class ranking (n_max only scales them).
  const std::vector<int64_t> by_rank = counts_by_rank(
      variant.design, C, variant.design.max_per_class > 0 ? variant.design.max_per_class : 1000000);
  const std::vector<int64_t> ranking = class_ranking(variant.design, C);
  std::vector<int64_t> sizes(size_t(C), 0);
  for (int64_t k = 0; k < C; ++k) sizes[size_t(ranking[size_t(k)])] = by_rank[size_t(k)];
  return sizes;
}

GeneralizationGap measure_generalization_gap(MethodImpl& method, const DatasetTensors& train,
                                             const DatasetTensors& heldout,
                                             const Augmenter& augment,
                                             const std::vector<int64_t>& class_sizes,
                                             int64_t passes, uint64_t seed,
                                             const DeviceChoice& device) {
  if (passes < 1) throw_setting("--passes must be at least 1 (the paper uses 5)");
  GeneralizationGap gap;
  gap.passes = passes;
  // Frequent and rare by the imbalanced variant's class sizes, also for its balanced twin (whose
  // equal counts rank nothing), so both sides of a comparison mean the same classes.
  std::vector<int64_t> ranking(class_sizes.size());
  std::iota(ranking.begin(), ranking.end(), 0);
  std::stable_sort(ranking.begin(), ranking.end(),
                   [&](int64_t a, int64_t b) { return class_sizes[a] > class_sizes[b]; });
  const size_t half = ranking.size() / 2;
  gap.frequent_classes.assign(ranking.begin(), ranking.begin() + half);
  gap.rare_classes.assign(ranking.begin() + half, ranking.end());

  at::Generator gen = at::make_generator<at::CPUGeneratorImpl>(seed);
  const auto train_loss = per_example_loss(method, train, augment, passes, gen, device);
  const auto heldout_loss = per_example_loss(method, heldout, augment, passes, gen, device);
  gap.train_frequent = mean_over(train_loss, train.labels, gap.frequent_classes);
  gap.train_rare = mean_over(train_loss, train.labels, gap.rare_classes);
  gap.heldout_frequent = mean_over(heldout_loss, heldout.labels, gap.frequent_classes);
  gap.heldout_rare = mean_over(heldout_loss, heldout.labels, gap.rare_classes);
  gap.frequent = gap.heldout_frequent - gap.train_frequent;
  gap.rare = gap.heldout_rare - gap.train_rare;
  return gap;
}

}  // namespace lt
