// SimSiam (Chen & He): projector, predictor, stop-gradient, symmetric negative cosine.
#pragma once

#include <torch/nn/modules/container/sequential.h>

#include "methods/method.h"

namespace lt {

class SimSiamImpl : public MethodImpl {
 public:
  SimSiamImpl(const MethodOptions& options, const EncoderOptions& encoder_options,
              at::Generator& init);
  StepOutput forward(const torch::Tensor& view1, const torch::Tensor& view2,
                     const torch::Tensor& labels) override;

 private:
  torch::nn::Sequential projector_{nullptr};
  torch::nn::Sequential predictor_{nullptr};
};

}  // namespace lt
