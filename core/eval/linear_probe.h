// The linear probe: a multinomial logistic regression trained on frozen features held in
// memory (the encoder runs once, not once per epoch), scored top-1 and per class on test
// features. The default options are the paper's: SGD, lr 30, batch 4096, 100 epochs, the lr
// divided by 10 at epochs 60 and 80, no weight decay.
#pragma once

#include <torch/types.h>

#include <functional>
#include <string>
#include <vector>

#include "eval/probe_options.h"
#include "util/progress.h"

namespace lt {

struct ProbeResult {
  double top1 = 0;                   // in [0, 1]
  std::vector<double> per_class;     // accuracy of each class on the test set, NaN if absent
  std::vector<int64_t> test_counts;  // test images per class
  double final_train_loss = 0;
  // The trained probe as a map of the raw features, standardisation folded in:
  // logits = features weight^T + bias (K x D and K, float on the features' device).
  torch::Tensor weight, bias;
};

// Throws a kData lt::Error when training diverges (the loss turns NaN), naming what to change;
// lt::Cancelled when `progress` (told of every epoch) returns false.
ProbeResult train_linear_probe(const torch::Tensor& train_features,
                               const torch::Tensor& train_labels,
                               const torch::Tensor& test_features, const torch::Tensor& test_labels,
                               int64_t num_classes, const ProbeOptions& options,
                               const ProgressFn& progress = {});

// The features of the training examples at `indices` (a 1-D long tensor on the labels' device),
// made afresh for each batch: the probe with training-time augmentation runs the encoder on
// newly augmented images every epoch.
using BatchFeatures = std::function<torch::Tensor(const torch::Tensor& indices)>;

// The same probe on features made per batch (options.standardize is refused: there is no fixed
// training set to take a mean and std from).
ProbeResult train_linear_probe(const BatchFeatures& train_features, int64_t train_size,
                               const torch::Tensor& train_labels,
                               const torch::Tensor& test_features, const torch::Tensor& test_labels,
                               int64_t num_classes, const ProbeOptions& options,
                               const ProgressFn& progress = {});

// Top-1 and per-class accuracy of predicted labels.
ProbeResult score_predictions(const torch::Tensor& predicted, const torch::Tensor& labels,
                              int64_t num_classes);

}  // namespace lt
