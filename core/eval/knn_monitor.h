// The kNN monitor of the paper's code: a weighted k-nearest-neighbour classifier (cosine
// similarity, weights exp(sim / T)) over a balanced labelled memory bank, scored on test images.
// Cheap enough to run every few epochs, so the live curves show whether the features improve.
#pragma once

#include <torch/types.h>

#include <vector>

#include "data/augment.h"
#include "data/dataset.h"
#include "models/resnet.h"
#include "util/progress.h"

namespace lt {

struct KnnOptions {
  int64_t k = 200;
  double temperature = 0.1;
};

// Features of every image (L2-normalised unless asked otherwise), in eval mode and without
// gradients; uint8 images in, float features out, on the images' device. `progress` hears of
// every batch; when it returns false the encoding stops with lt::Cancelled.
torch::Tensor encode(ResNet encoder, const torch::Tensor& images, const Augmenter& normalizer,
                     bool bf16, bool l2_normalize = true, int64_t batch = 512,
                     const ProgressFn& progress = {});

// Predicted labels of `queries` (normalised features) from the bank's.
torch::Tensor knn_predict(const torch::Tensor& queries, const torch::Tensor& bank,
                          const torch::Tensor& bank_labels, int64_t num_classes,
                          const KnnOptions& options);

// Up to `per_class` images of each class, drawn by seed, ascending.
std::vector<int64_t> balanced_indices(const std::vector<int64_t>& labels, int64_t num_classes,
                                      int64_t per_class, uint64_t seed);

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
