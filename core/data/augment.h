// Batched augmentation on the run's device: uint8 N x C x H x W in, normalised float out, with
// no per-image CPU loop. The random parameters (a few numbers per image) are drawn on the CPU
// from the run's generator, so a run is reproducible on any device and resumes exactly.
#pragma once

#include <ATen/core/Generator.h>
#include <torch/types.h>

#include <vector>

namespace lt {

struct AugmentConfig {
  bool crop = true;             // random resized crop through per-sample affine grids
  double crop_scale_min = 0.2;  // share of the image's area, as the paper's code
  double crop_scale_max = 1.0;
  bool flip = true;  // horizontal; off for the split-image experiment
  double jitter_probability = 0.8;
  double brightness = 0.4;  // factors drawn from [1 - x, 1 + x]
  double contrast = 0.4;
  double saturation = 0.4;
  double hue = 0.1;  // a rotation of the chroma plane by up to +-hue turns
  double grayscale_probability = 0.2;
  double blur_probability = 0.0;  // Gaussian blur, sigma in [0.1, 2], kernel ~10% of the side
  std::vector<double> mean;       // per channel; empty = CIFAR-10's (3 channels) or
  std::vector<double> std;        // Fashion-MNIST's (1 channel) constants
};

// The augmentation of supervised pre-training: crop and flip only.
AugmentConfig crop_and_flip(const AugmentConfig& base);

class Augmenter {
 public:
  Augmenter(const AugmentConfig& config, int64_t channels);
  // One random view of each image.
  torch::Tensor operator()(const torch::Tensor& images, at::Generator& generator) const;
  // No randomness: for evaluation.
  torch::Tensor normalize(const torch::Tensor& images) const;

 private:
  torch::Tensor to_unit(const torch::Tensor& images) const;
  AugmentConfig config_;
  int64_t channels_;
  torch::Tensor mean_, std_;  // 1 x C x 1 x 1, CPU; moved to the batch's device on use
};

}  // namespace lt
