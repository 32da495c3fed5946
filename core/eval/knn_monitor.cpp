#include "eval/knn_monitor.h"

#include <torch/torch.h>

#include <algorithm>

#include "data/dataset_tensors.h"

namespace lt {

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
