// The settings of the linear probe and of fine-tuning, and the many/medium/few-shot view of a
// result: plain data, no LibTorch header (the probes are in linear_probe.h and fine_tune.h).
#pragma once

#include <cstdint>
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
  // Random resized crops (train_crop_min to 1 of the area) and flips of the training images,
  // new every epoch, as the official code's probe; the test images stay as they are.
  bool train_augment = false;
  double train_crop_min = 0.8;
  uint64_t seed = 0;  // the probe's initialisation and shuffling
};

// Named settings: "paper" (the defaults above), "official" (the official code's CIFAR probe:
// batch 256, training-time random resized crop 0.8-1 and flip, the final epoch reported) and
// "fast" (standardised features, lr 0.5, 30 epochs: seconds on a CPU, for smoke runs and tests).
ProbeOptions probe_preset(const std::string& name);

struct FineTuneOptions {
  int64_t epochs = 30;
  int64_t batch_size = 256;
  double lr = 0.01;  // the encoder's; the new head learns head_lr_factor times faster
  double head_lr_factor = 10;
  double momentum = 0.9;
  bool nesterov = false;
  double weight_decay = 5e-4;
  // Empty: cosine decay over every step. Else the epochs after which the lr drops 10x (a step
  // schedule, as torch's MultiStepLR with gamma 0.1).
  std::vector<int64_t> milestones;
  // 0: an epoch is one pass over the training images; > 0: this many batches, drawn from
  // passes that continue across epochs (the official ImageNet transfer script's
  // ForeverDataIterator with iters_per_epoch).
  int64_t iterations_per_epoch = 0;
  uint64_t seed = 0;
};

// "default" (the options above), "fast" (5 epochs, for smoke runs and tests) or
// "imagenet-transfer": the official ImageNet-LT code's fine-tuning on the fine-grained
// out-of-domain targets (imagenet/ft_moco.py of Liuhong99/Imbalanced-SSL: 20 epochs of 500
// batches of 48, SGD with Nesterov momentum 0.9, weight decay 5e-4, the head at lr 0.01 and
// the backbone at a tenth of it as Transfer-Learning-Library's Classifier gives it, the lr
// dropped 10x after epoch 12).
FineTuneOptions fine_tune_preset(const std::string& name);

// The share of the base lr at `step` (0-based, of `total_steps`) in `epoch` (0-based): the
// cosine decay, or 0.1 per milestone passed.
double fine_tune_lr_scale(const FineTuneOptions& options, int64_t epoch, int64_t step,
                          int64_t total_steps);

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
