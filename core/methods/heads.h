// The MLP heads of the methods, as their reference implementations build them.
#pragma once

#include <torch/nn/modules/container/sequential.h>

namespace lt {

// SimSiam's projector: (Linear-BN-ReLU) x (layers-1), then Linear-BN without affine.
torch::nn::Sequential simsiam_projector(int64_t in, int64_t dim, int64_t layers);
// SimSiam's predictor: Linear-BN-ReLU to the bottleneck, then Linear back.
torch::nn::Sequential simsiam_predictor(int64_t dim, int64_t bottleneck);
// SimCLR's and MoCo v2's head: Linear-ReLU (BN for SimCLR) then Linear to `out`.
torch::nn::Sequential contrastive_head(int64_t in, int64_t hidden, int64_t out, bool batch_norm);
// The head of SimCLR and of the methods built on it (SDCLR, BCL): features -> features (BN,
// ReLU) -> `out`, 128 when `out` is 0 (SimCLR's default).
torch::nn::Sequential simclr_projector(int64_t features, int64_t out);

}  // namespace lt
