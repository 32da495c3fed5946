#include "methods/losses.h"

#include <torch/torch.h>

namespace lt {

namespace F = torch::nn::functional;

torch::Tensor simsiam_loss(const torch::Tensor& p1, const torch::Tensor& p2,
                           const torch::Tensor& z1, const torch::Tensor& z2) {
  const auto cos = [](const torch::Tensor& p, const torch::Tensor& z) {
    return F::cosine_similarity(p.to(torch::kFloat), z.detach().to(torch::kFloat),
                                F::CosineSimilarityFuncOptions().dim(1));
  };
  return -(cos(p1, z2) + cos(p2, z1)) / 2;
}

torch::Tensor nt_xent_loss(const torch::Tensor& z1, const torch::Tensor& z2, double temperature) {
  const int64_t n = z1.size(0);
  const auto z =
      F::normalize(torch::cat({z1, z2}).to(torch::kFloat), F::NormalizeFuncOptions().dim(1));
  auto sim = torch::matmul(z, z.t()) / temperature;
  // An anchor is never its own candidate.
  sim = sim.masked_fill(torch::eye(2 * n, sim.options().dtype(torch::kBool)),
                        -std::numeric_limits<float>::infinity());
  const auto idx = torch::arange(n, sim.options().dtype(torch::kLong));
  const auto targets = torch::cat({idx + n, idx});
  const auto per_anchor =
      F::cross_entropy(sim, targets, F::CrossEntropyFuncOptions().reduction(torch::kNone));
  return (per_anchor.slice(0, 0, n) + per_anchor.slice(0, n, 2 * n)) / 2;
}

torch::Tensor nt_xent_loss_sharded(const torch::Tensor& z1, const torch::Tensor& z2,
                                   const torch::Tensor& all_z1, const torch::Tensor& all_z2,
                                   int64_t offset, double temperature) {
  const int64_t n = z1.size(0), batch = all_z1.size(0);
  const auto anchors = torch::cat({z1, z2});
  const auto candidates = torch::cat({all_z1, all_z2});
  auto sim = torch::matmul(anchors, candidates.t()) / temperature;
  // Anchor a is candidate self[a] of the global batch; its positive is the other view.
  const auto local = torch::arange(n, sim.options().dtype(torch::kLong)) + offset;
  const auto self = torch::cat({local, local + batch});
  const auto targets = torch::cat({local + batch, local});
  const auto own = torch::zeros_like(sim, sim.options().dtype(torch::kBool))
                       .scatter_(1, self.unsqueeze(1), true);
  sim = sim.masked_fill(own, -std::numeric_limits<float>::infinity());
  const auto per_anchor =
      F::cross_entropy(sim, targets, F::CrossEntropyFuncOptions().reduction(torch::kNone));
  return (per_anchor.slice(0, 0, n) + per_anchor.slice(0, n, 2 * n)) / 2;
}

torch::Tensor moco_logits(const torch::Tensor& q, const torch::Tensor& k,
                          const torch::Tensor& queue, double temperature) {
  const auto positive = (q * k).sum(1, /*keepdim=*/true);
  const auto negative = torch::matmul(q, queue.t());
  return torch::cat({positive, negative}, 1) / temperature;
}

}  // namespace lt
