#include "eval/knn_monitor.h"

#include <torch/torch.h>

#include <algorithm>
#include <random>

#include "data/dataset_tensors.h"
#include "runtime/device.h"
#include "util/random.h"

namespace lt {

torch::Tensor encode(ResNet encoder, const torch::Tensor& images, const Augmenter& normalizer,
                     bool bf16, bool l2_normalize, int64_t batch, const ProgressFn& progress) {
  torch::NoGradGuard no_grad;
  const bool was_training = encoder->is_training();
  encoder->eval();
  DeviceChoice choice;
  choice.device = images.device();
  choice.bf16 = bf16;
  std::vector<torch::Tensor> parts;
  for (int64_t start = 0; start < images.size(0); start += batch) {
    report(progress, "encoding images", start, images.size(0));
    const auto x = normalizer.normalize(images.slice(0, start, start + batch));
    AutocastGuard autocast(choice);
    parts.push_back(encoder->forward(x).to(torch::kFloat));
  }
  encoder->train(was_training);
  if (!l2_normalize) return torch::cat(parts);
  return torch::nn::functional::normalize(torch::cat(parts),
                                          torch::nn::functional::NormalizeFuncOptions().dim(1));
}

torch::Tensor knn_predict(const torch::Tensor& queries, const torch::Tensor& bank,
                          const torch::Tensor& bank_labels, int64_t num_classes,
                          const KnnOptions& options) {
  const int64_t k = std::min<int64_t>(options.k, bank.size(0));
  std::vector<torch::Tensor> predictions;
  for (int64_t start = 0; start < queries.size(0); start += 1024) {
    const auto sim = torch::matmul(queries.slice(0, start, start + 1024), bank.t());
    const auto [top_sim, top_idx] = sim.topk(k, /*dim=*/1);
    const auto weights = (top_sim / options.temperature).exp();
    auto scores = torch::zeros({sim.size(0), num_classes}, sim.options());
    scores.scatter_add_(1, bank_labels.index({top_idx}), weights);
    predictions.push_back(scores.argmax(1));
  }
  return torch::cat(predictions);
}

std::vector<int64_t> balanced_indices(const std::vector<int64_t>& labels, int64_t num_classes,
                                      int64_t per_class, uint64_t seed) {
  std::vector<std::vector<int64_t>> by_class(num_classes);
  for (size_t i = 0; i < labels.size(); ++i) by_class[labels[i]].push_back(int64_t(i));
  std::vector<int64_t> picked;
  std::mt19937_64 rng(seed ^ 0x6b6e6eULL);
  for (auto& members : by_class) {
    portable_shuffle(members, rng);
    const int64_t take = std::min<int64_t>(per_class, int64_t(members.size()));
    picked.insert(picked.end(), members.begin(), members.begin() + take);
  }
  std::sort(picked.begin(), picked.end());
  return picked;
}

KnnMonitor::KnnMonitor(const Dataset& bank, const Dataset& queries, const KnnOptions& options,
                       const torch::Device& device)
    : num_classes_(bank.num_classes()), options_(options) {
  auto b = to_tensors(bank, device);
  auto q = to_tensors(queries, device);
  bank_images_ = b.images;
  bank_labels_ = b.labels;
  query_images_ = q.images;
  query_labels_ = q.labels;
}

double KnnMonitor::accuracy(ResNet encoder, const Augmenter& normalizer, bool bf16) const {
  const auto bank = encode(encoder, bank_images_, normalizer, bf16);
  const auto queries = encode(encoder, query_images_, normalizer, bf16);
  const auto predicted = knn_predict(queries, bank, bank_labels_, num_classes_, options_);
  return predicted.eq(query_labels_).to(torch::kFloat).mean().item<double>();
}

}  // namespace lt
