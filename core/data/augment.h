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
#include "data/fused_view.h"

namespace lt {

// Where `images` sit in the global batch: rows [offset, offset + images) of `batch` rows.
// The default, {0, 0}, is the whole batch.
struct BatchShare {
  int64_t offset = 0;
  int64_t batch = 0;
};

class RandomDraws;  // the random numbers of one call (augment.cpp)
struct ViewDraws;   // the parameters of one SSL view per image (augment.cpp)

class Augmenter {
 public:
  // `kernel` picks how SSL views are computed (data/fused_view.h); both ways draw the same views.
  Augmenter(const AugmentConfig& config, int64_t channels,
            AugmentKernel kernel = augment_kernel_from_environment());
  // One random view of each image.
  torch::Tensor operator()(const torch::Tensor& images, at::Generator& generator,
                           BatchShare share = {}) const;
  // One random view of each image with BCL's memory augmentation on top, `strength` (N values in
  // [0, 1]) per image and `ops` rounds (data/memory_augment.h), before the normalisation. One
  // process only: BCL's memory of each image's loss lives in one process (the trainer refuses
  // BCL in a data-parallel run).
  torch::Tensor boosted(const torch::Tensor& images, const torch::Tensor& strength, int64_t ops,
                        at::Generator& generator) const;
  // The SSL views as fused_view's table (N x fused::kColumns float, CPU), from the same draws as
  // operator(), for a caller that keeps the table in a buffer of its own (a step captured in a
  // CUDA graph, train/graphed_step.h); then view_from_table. Only where fusable().
  torch::Tensor view_table(int64_t images, at::Generator& generator) const;
  torch::Tensor view_from_table(const torch::Tensor& images, const torch::Tensor& table) const;
  // Whether the fused arithmetic covers this augmenter's views (the SSL protocol without blur).
  bool fusable() const;
  // No randomness: for evaluation.
  torch::Tensor normalize(const torch::Tensor& images) const;

 private:
  torch::Tensor to_unit(const torch::Tensor& images) const;
  torch::Tensor unit_view(const torch::Tensor& images, RandomDraws& draws) const;
  ViewDraws draw_view(int64_t n, RandomDraws& draws) const;
  torch::Tensor apply_operations(torch::Tensor unit_images, const ViewDraws& draws) const;
  bool fuses(const torch::Tensor& images) const;
  torch::Tensor table_of(int64_t n, RandomDraws& draws) const;
  torch::Tensor pad_crop(const torch::Tensor& unit_images, RandomDraws& draws) const;
  AugmentConfig config_;
  int64_t channels_;
  AugmentKernel kernel_;
  fused::Normalisation normalisation_{};  // mean_ and 1 / std_ for the fused path
  torch::Tensor mean_, std_;              // 1 x C x 1 x 1, CPU; moved to the batch's device on use
};

}  // namespace lt
