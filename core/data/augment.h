// Batched augmentation on the run's device: uint8 N x C x H x W in, normalised float out, with
// no per-image CPU loop. The random parameters (a few numbers per image) are drawn on the CPU
// from the run's generator, so a run is reproducible on any device and resumes exactly.
//
// In a data-parallel run each process augments its share of the global batch, but draws the
// parameters of the whole global batch and keeps its share's: an image's augmentation is set by
// its place in the global batch, never by the rank, so the run does not depend on how the batch
// is split (and a one-process run is unchanged).
#pragma once

#include <ATen/core/Generator.h>
#include <torch/types.h>

#include <vector>

#include "data/augment_config.h"

namespace lt {

// Where `images` sit in the global batch: rows [offset, offset + images) of `batch` rows.
// The default, {0, 0}, is the whole batch.
struct BatchShare {
  int64_t offset = 0;
  int64_t batch = 0;
};

class RandomDraws;  // the random parameters of one call (augment.cpp)

class Augmenter {
 public:
  Augmenter(const AugmentConfig& config, int64_t channels);
  // One random view of each image.
  torch::Tensor operator()(const torch::Tensor& images, at::Generator& generator,
                           BatchShare share = {}) const;
  // One random view of each image with BCL's memory augmentation on top, `strength` (N values in
  // [0, 1]) per image and `ops` rounds (data/memory_augment.h), before the normalisation. One
  // process only: BCL's memory of each image's loss lives in one process (the trainer refuses
  // BCL in a data-parallel run).
  torch::Tensor boosted(const torch::Tensor& images, const torch::Tensor& strength, int64_t ops,
                        at::Generator& generator) const;
  // No randomness: for evaluation.
  torch::Tensor normalize(const torch::Tensor& images) const;

 private:
  torch::Tensor to_unit(const torch::Tensor& images) const;
  torch::Tensor unit_view(const torch::Tensor& images, RandomDraws& draws) const;
  torch::Tensor pad_crop(const torch::Tensor& unit_images, RandomDraws& draws) const;
  AugmentConfig config_;
  int64_t channels_;
  torch::Tensor mean_, std_;  // 1 x C x 1 x 1, CPU; moved to the batch's device on use
};

}  // namespace lt
