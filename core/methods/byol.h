// BYOL (Grill et al., NeurIPS 2020, "Bootstrap Your Own Latent"): an online network (encoder,
// projector, predictor) regresses the projection of the other view made by a target network
// that follows it by momentum; no negatives. The target's momentum rises from tau_base to 1 over
// the run on the paper's cosine schedule.
#pragma once

#include <torch/nn/modules/container/sequential.h>

#include "methods/method.h"

namespace lt {

// Per example: 2 - 2 cos(p, z), with no gradient through z (the target's projection).
torch::Tensor byol_loss(const torch::Tensor& p, const torch::Tensor& z);

// The paper's schedule: tau = 1 - (1 - tau_base) * (cos(pi k / K) + 1) / 2 at step k of K.
double byol_momentum(double base, int64_t step, int64_t total_steps);

class ByolImpl : public MethodImpl {
 public:
  ByolImpl(const MethodOptions& options, const EncoderOptions& encoder_options);
  StepOutput forward(const torch::Tensor& view1, const torch::Tensor& view2,
                     const torch::Tensor& labels) override;
  void before_step(const TrainingClock& clock) override;
  void after_optimizer_step() override;
  std::vector<torch::Tensor> trainable_parameters() override;
  double momentum() const { return momentum_; }

 private:
  torch::nn::Sequential projector_{nullptr};
  torch::nn::Sequential predictor_{nullptr};
  // The target: registered, so the checkpoint holds it and a resume continues it exactly.
  ResNet target_encoder_{nullptr};
  torch::nn::Sequential target_projector_{nullptr};
  double base_momentum_;
  double momentum_;  // this step's
};

}  // namespace lt
