// The methods' losses as plain functions of embeddings, each per example, so tests can check
// them against values computed by hand.
#pragma once

#include <torch/types.h>

namespace lt {

// SimSiam: -(cos(p1, sg(z2)) + cos(p2, sg(z1))) / 2 per example.
torch::Tensor simsiam_loss(const torch::Tensor& p1, const torch::Tensor& p2,
                           const torch::Tensor& z1, const torch::Tensor& z2);

// SimCLR's NT-Xent over the 2N views; example i's loss averages its two anchors' losses.
torch::Tensor nt_xent_loss(const torch::Tensor& z1, const torch::Tensor& z2, double temperature);

// NT-Xent for one rank's share of a global batch: `z1`, `z2` are this rank's n examples' views,
// `all_z1`, `all_z2` every rank's (L2-normalised, in rank order) and `offset` where this rank's
// examples start in them. Each local anchor has the global batch's 2B - 1 candidates, so the
// per-example losses are what nt_xent_loss gives those examples on the whole batch.
torch::Tensor nt_xent_loss_sharded(const torch::Tensor& z1, const torch::Tensor& z2,
                                   const torch::Tensor& all_z1, const torch::Tensor& all_z2,
                                   int64_t offset, double temperature);

// MoCo's logits: column 0 the positive q.k, then q.queue; all over the temperature. q, k and the
// queue rows must be L2-normalised.
torch::Tensor moco_logits(const torch::Tensor& q, const torch::Tensor& k,
                          const torch::Tensor& queue, double temperature);

}  // namespace lt
