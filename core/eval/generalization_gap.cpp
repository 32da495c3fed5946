#include "eval/generalization_gap.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

#include <algorithm>
#include <filesystem>
#include <numeric>

#include "data/augment.h"
#include "data/dataset_tensors.h"
#include "data/source.h"
#include "data/variant.h"
#include "methods/method.h"
#include "runtime/device.h"
#include "train/saved_run.h"
#include "util/error.h"
#include "util/file_io.h"

namespace fs = std::filesystem;

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

GeneralizationGap generalization_gap(const std::string& run_dir, int64_t passes, uint64_t seed,
                                     const std::string& device_name, int64_t threads,
                                     int64_t heldout_per_class) {
  if (passes < 1) throw_setting("--passes must be at least 1 (the paper uses 5)");
  const SavedRun run = read_saved_run(run_dir);
  const RunConfig& config = run.config;
  const Variant& variant = run.variant;
  set_torch_threads(int(threads));
  const DeviceChoice device = choose_device(device_name, config.precision);

  Method method = load_saved_method(run_dir, run);
  method->to(device.device);
  adopt_memory_format(*method, device);

  const Dataset source = load_source({variant.source, variant.split, true, {}});
  const Dataset train = materialize(source, variant);
  Dataset heldout = load_source({variant.source, "test", true, {}});
  if (heldout_per_class > 0) {
    std::vector<int64_t> kept, taken(size_t(heldout.num_classes()), 0);
    for (int64_t i = 0; i < heldout.size(); ++i)
      if (taken[size_t(heldout.labels[size_t(i)])]++ < heldout_per_class) kept.push_back(i);
    heldout = subset(heldout, kept);
  }
  const Augmenter augment(method->two_views() ? config.augment : supervised_view(config.augment),
                          train.shape.channels);

  GeneralizationGap gap;
  gap.passes = passes;
  // Frequent and rare by the imbalanced variant's class sizes, also for its balanced twin (whose
  // equal counts rank nothing), so both sides of a comparison mean the same classes.
  const std::vector<int64_t> sizes = imbalanced_class_sizes(variant);
  std::vector<int64_t> ranking(sizes.size());
  std::iota(ranking.begin(), ranking.end(), 0);
  std::stable_sort(ranking.begin(), ranking.end(),
                   [&](int64_t a, int64_t b) { return sizes[a] > sizes[b]; });
  const size_t half = ranking.size() / 2;
  gap.frequent_classes.assign(ranking.begin(), ranking.begin() + half);
  gap.rare_classes.assign(ranking.begin() + half, ranking.end());

  at::Generator gen = at::make_generator<at::CPUGeneratorImpl>(seed);
  const DatasetTensors train_t = to_tensors(train, device.device);
  const DatasetTensors heldout_t = to_tensors(heldout, device.device);
  const auto train_loss = per_example_loss(*method, train_t, augment, passes, gen, device);
  const auto heldout_loss = per_example_loss(*method, heldout_t, augment, passes, gen, device);
  gap.train_frequent = mean_over(train_loss, train_t.labels, gap.frequent_classes);
  gap.train_rare = mean_over(train_loss, train_t.labels, gap.rare_classes);
  gap.heldout_frequent = mean_over(heldout_loss, heldout_t.labels, gap.frequent_classes);
  gap.heldout_rare = mean_over(heldout_loss, heldout_t.labels, gap.rare_classes);
  gap.frequent = gap.heldout_frequent - gap.train_frequent;
  gap.rare = gap.heldout_rare - gap.train_rare;
  return gap;
}

}  // namespace lt
