#include "methods/heads.h"

#include <torch/torch.h>

#include "models/batch_norm.h"

namespace lt {

namespace nn = torch::nn;

torch::nn::Sequential simsiam_projector(int64_t in, int64_t dim, int64_t layers) {
  nn::Sequential head;
  int64_t width = in;
  for (int64_t l = 0; l + 1 < layers; ++l) {
    head->push_back(nn::Linear(nn::LinearOptions(width, dim).bias(false)));
    head->push_back(SyncBatchNorm1d(dim));
    head->push_back(nn::ReLU());
    width = dim;
  }
  head->push_back(nn::Linear(nn::LinearOptions(width, dim).bias(false)));
  head->push_back(SyncBatchNorm1d(nn::BatchNormOptions(dim).affine(false)));
  return head;
}

torch::nn::Sequential simsiam_predictor(int64_t dim, int64_t bottleneck) {
  return nn::Sequential(nn::Linear(nn::LinearOptions(dim, bottleneck).bias(false)),
                        SyncBatchNorm1d(bottleneck), nn::ReLU(), nn::Linear(bottleneck, dim));
}

torch::nn::Sequential contrastive_head(int64_t in, int64_t hidden, int64_t out, bool batch_norm) {
  nn::Sequential head;
  head->push_back(nn::Linear(nn::LinearOptions(in, hidden).bias(!batch_norm)));
  if (batch_norm) head->push_back(SyncBatchNorm1d(hidden));
  head->push_back(nn::ReLU());
  head->push_back(nn::Linear(hidden, out));
  return head;
}

torch::nn::Sequential simclr_projector(int64_t features, int64_t out) {
  return contrastive_head(features, features, out > 0 ? out : 128, true);
}

}  // namespace lt
