// MoCo v2 (Chen et al.): a momentum key encoder, a queue of K negatives, an MLP head and a
// temperature. In a data-parallel run the queue takes every rank's keys (gathered, in rank
// order), as the reference's concat_all_gather does, so it is the same queue on every rank and
// the one a single process with the global batch keeps. The key encoder's BatchNorm is not
// shuffled across processes (the original's shuffling BN); --sync-bn or per-process BN instead.
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
  void gather_across(std::shared_ptr<Collectives> collectives) override {
    collectives_ = std::move(collectives);
  }

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
  std::shared_ptr<Collectives> collectives_;
};

}  // namespace lt
