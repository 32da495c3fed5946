// Batched augmentation on the run's device: uint8 N x C x H x W in, normalised float out, with
// no per-image CPU loop. The random parameters (a few numbers per image) are drawn on the CPU
// from the run's generator, so a run is reproducible on any device and resumes exactly.
#pragma once

#include <ATen/core/Generator.h>
#include <torch/types.h>

#include <vector>

#include "data/augment_config.h"

namespace lt {

class Augmenter {
 public:
  Augmenter(const AugmentConfig& config, int64_t channels);
  // One random view of each image.
  torch::Tensor operator()(const torch::Tensor& images, at::Generator& generator) const;
  // One random view of each image with BCL's memory augmentation on top, `strength` (N values in
  // [0, 1]) per image and `ops` rounds (data/memory_augment.h), before the normalisation.
  torch::Tensor boosted(const torch::Tensor& images, const torch::Tensor& strength, int64_t ops,
                        at::Generator& generator) const;
  // No randomness: for evaluation.
  torch::Tensor normalize(const torch::Tensor& images) const;

 private:
  torch::Tensor to_unit(const torch::Tensor& images) const;
  torch::Tensor unit_view(const torch::Tensor& images, at::Generator& generator) const;
  torch::Tensor pad_crop(const torch::Tensor& unit_images, at::Generator& generator) const;
  AugmentConfig config_;
  int64_t channels_;
  torch::Tensor mean_, std_;  // 1 x C x 1 x 1, CPU; moved to the batch's device on use
};

}  // namespace lt
