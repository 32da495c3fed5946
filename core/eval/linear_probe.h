// The linear probe: a multinomial logistic regression trained on frozen features held in
// memory (the encoder runs once, not once per epoch), scored top-1 and per class on test
// features. The default options are the paper's: SGD, lr 30, batch 4096, 100 epochs, the lr
// divided by 10 at epochs 60 and 80, no weight decay.
#pragma once

#include <torch/types.h>

#include <string>
#include <vector>

namespace lt {

struct ProbeOptions {
  int64_t epochs = 100;
  int64_t batch_size = 4096;
  double lr = 30.0;
  double momentum = 0.9;
  double weight_decay = 0.0;
  std::vector<double> milestones = {0.6, 0.8};  // shares of the epochs where lr drops 10x
  bool standardize = false;  // z-score the features with the training set's mean and std
  uint64_t seed = 0;         // the probe's initialisation and shuffling
};

// Named settings: "paper" (the defaults above) and "fast" (standardised features, lr 0.5,
// 30 epochs: seconds on a CPU, for smoke runs and tests).
ProbeOptions probe_preset(const std::string& name);

struct ProbeResult {
  double top1 = 0;                   // in [0, 1]
  std::vector<double> per_class;     // accuracy of each class on the test set, NaN if absent
  std::vector<int64_t> test_counts;  // test images per class
  double final_train_loss = 0;
};

// Throws a kData lt::Error when training diverges (the loss turns NaN), naming what to change.
ProbeResult train_linear_probe(const torch::Tensor& train_features,
                               const torch::Tensor& train_labels,
                               const torch::Tensor& test_features, const torch::Tensor& test_labels,
                               int64_t num_classes, const ProbeOptions& options);

// Top-1 and per-class accuracy of predicted labels.
ProbeResult score_predictions(const torch::Tensor& predicted, const torch::Tensor& labels,
                              int64_t num_classes);

// Accuracy over the many-shot (more than `many_above` pre-training images), medium and few-shot
// (fewer than `few_below`) classes; NaN for a group without classes.
struct ShotSplit {
  double many = 0, medium = 0, few = 0;
  int64_t many_classes = 0, medium_classes = 0, few_classes = 0;
};
ShotSplit shot_split(const std::vector<double>& per_class, const std::vector<int64_t>& test_counts,
                     const std::vector<int64_t>& pretrain_counts, int64_t many_above = 100,
                     int64_t few_below = 20);

}  // namespace lt
