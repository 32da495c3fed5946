// SimCLR (Chen et al.): a projection head and the NT-Xent loss with a temperature.
#pragma once

#include <torch/nn/modules/container/sequential.h>

#include "methods/method.h"

namespace lt {

class SimClrImpl : public MethodImpl {
 public:
  SimClrImpl(const MethodOptions& options, const EncoderOptions& encoder_options,
             at::Generator& init);
  StepOutput forward(const torch::Tensor& view1, const torch::Tensor& view2,
                     const torch::Tensor& labels) override;
  // The negatives of every rank's examples, as SimCLR's reference gathers them.
  void gather_across(std::shared_ptr<Collectives> collectives) override {
    collectives_ = std::move(collectives);
  }
  void before_step(const TrainingClock& clock) override;  // the temperature's schedule

 private:
  torch::nn::Sequential head_{nullptr};
  double temperature_;  // in use this step
  double constant_temperature_;
  MethodOptions options_;
  std::shared_ptr<Collectives> collectives_;
};

}  // namespace lt
