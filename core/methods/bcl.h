// BCL (Zhou et al., ICML 2022, "Contrastive Learning with Boosted Memorization"): SimCLR whose
// views are augmented per image by how poorly the model remembers it. A memory holds an
// exponential moving average over epochs of each image's loss; standardised and squashed into
// [0, 1], it is the image's strength for the next epoch's memory augmentation
// (data/memory_augment.h). Images of rare classes, remembered worst, get the strongest views.
#pragma once

#include <torch/nn/modules/container/sequential.h>

#include "methods/method.h"

namespace lt {

// The authors' calculate_momentum_weight: z = (m - mean) / std, then z / max|z| / 2 + 1/2.
// Equal losses give 0.5 everywhere.
torch::Tensor memory_strength(const torch::Tensor& memory);

class BclImpl : public MethodImpl {
 public:
  BclImpl(const MethodOptions& options, const EncoderOptions& encoder_options);
  StepOutput forward(const torch::Tensor& view1, const torch::Tensor& view2,
                     const torch::Tensor& labels) override;
  // As an epoch starts, the last epoch's losses enter the memory and set the strengths.
  void before_step(const TrainingClock& clock) override;
  torch::Tensor begin_batch(const torch::Tensor& indices) override;
  const torch::Tensor& memory() const { return memory_; }
  const torch::Tensor& strength() const { return strength_; }

 private:
  void fold_epoch();
  torch::nn::Sequential head_{nullptr};
  // Registered buffers, so the checkpoint holds them and a resume continues exactly.
  torch::Tensor memory_;      // one EMA loss per training image
  torch::Tensor epoch_loss_;  // this epoch's losses; NaN where an image was not trained yet
  torch::Tensor strength_;    // in [0, 1]; 0 in the first epoch (nothing remembered yet)
  torch::Tensor folds_;       // epochs folded into the memory
  torch::Tensor batch_;       // the positions begin_batch named, until forward records them
  double beta_;
  double temperature_;
  double constant_temperature_;
  MethodOptions options_;
};

}  // namespace lt
