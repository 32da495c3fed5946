// MoCo v2 (Chen et al.): a momentum key encoder, a queue of K negatives, an MLP head and a
// temperature. On one device the key encoder's BatchNorm is not shuffled (shuffling BN is a
// multi-GPU device of the original).
#pragma once

#include <torch/nn/modules/container/sequential.h>

#include "methods/method.h"

namespace lt {

class MocoImpl : public MethodImpl {
 public:
  MocoImpl(const MethodOptions& options, const EncoderOptions& encoder_options,
           at::Generator& init);
  StepOutput forward(const torch::Tensor& view1, const torch::Tensor& view2,
                     const torch::Tensor& labels) override;
  void before_step(const TrainingClock& clock) override;  // the temperature's schedule
  void after_optimizer_step() override;
  std::vector<torch::Tensor> trainable_parameters() override;

 private:
  torch::nn::Sequential head_{nullptr};
  ResNet key_encoder_{nullptr};
  torch::nn::Sequential key_head_{nullptr};
  torch::Tensor queue_;      // K x dim, L2-normalised rows
  torch::Tensor queue_ptr_;  // where the next keys go
  torch::Tensor pending_keys_;
  double temperature_;  // in use this step
  double constant_temperature_;
  MethodOptions options_;
  double momentum_;
};

}  // namespace lt
