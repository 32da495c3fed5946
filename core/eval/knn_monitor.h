// The kNN monitor of the paper's code: a weighted k-nearest-neighbour classifier (cosine
// similarity, weights exp(sim / T)) over a balanced labelled memory bank, scored on test images.
// Cheap enough to run every few epochs, so the live curves show whether the features improve.
#pragma once

#include <torch/types.h>

#include <vector>

#include "data/augment.h"
#include "data/dataset.h"
#include "models/features.h"
#include "models/resnet.h"

namespace lt {

struct KnnOptions {
  int64_t k = 200;
  double temperature = 0.1;
};

// Predicted labels of `queries` (normalised features) from the bank's.
torch::Tensor knn_predict(const torch::Tensor& queries, const torch::Tensor& bank,
                          const torch::Tensor& bank_labels, int64_t num_classes,
                          const KnnOptions& options);

class KnnMonitor {
 public:
  KnnMonitor(const Dataset& bank, const Dataset& queries, const KnnOptions& options,
             const torch::Device& device);
  // Top-1 accuracy in [0, 1].
  double accuracy(ResNet encoder, const Augmenter& normalizer, bool bf16) const;

 private:
  torch::Tensor bank_images_, bank_labels_, query_images_, query_labels_;
  int64_t num_classes_;
  KnnOptions options_;
};

}  // namespace lt
