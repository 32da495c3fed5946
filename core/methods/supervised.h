// Supervised pre-training: cross-entropy through a linear head that is dropped afterwards.
#pragma once

#include <torch/nn/modules/linear.h>

#include "methods/method.h"

namespace lt {

class SupervisedImpl : public MethodImpl {
 public:
  SupervisedImpl(const MethodOptions& options, const EncoderOptions& encoder_options,
                 at::Generator& init);
  StepOutput forward(const torch::Tensor& view1, const torch::Tensor& view2,
                     const torch::Tensor& labels) override;
  bool two_views() const override { return false; }
  // The class scores on top of the encoder's pooled features (Grad-CAM explains them).
  torch::nn::Linear head() const { return head_; }

 private:
  torch::nn::Linear head_{nullptr};
};

}  // namespace lt
