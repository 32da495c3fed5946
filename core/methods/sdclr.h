// SDCLR (Jiang et al., ICML 2021, "Self-Damaging Contrastive Learning"): SimCLR between the
// model and a magnitude-pruned copy of itself. The copy shares the model's convolution weights
// through masks (re-pruned at the start of every epoch, 90 % of the weights on CIFAR in the
// authors' code) and has BatchNorm layers of its own. Examples the pruned copy forgets, mostly
// those of rare classes, then weigh more in the loss without any label being known.
#pragma once

#include <torch/nn/modules/container/sequential.h>
#include <torch/nn/modules/conv.h>

#include <vector>

#include "methods/method.h"

namespace lt {

// Masks that keep the largest-magnitude (1 - prune) share of the weights, with one threshold
// over all of them together (global magnitude pruning). Each mask is a float 0/1 tensor shaped as
// its weight.
std::vector<torch::Tensor> magnitude_masks(const std::vector<torch::Tensor>& weights, double prune);

class SdclrImpl : public MethodImpl {
 public:
  SdclrImpl(const MethodOptions& options, const EncoderOptions& encoder_options);
  StepOutput forward(const torch::Tensor& view1, const torch::Tensor& view2,
                     const torch::Tensor& labels) override;
  void before_step(const TrainingClock& clock) override;  // re-prunes as an epoch starts
  std::vector<torch::Tensor> trainable_parameters() override;
  void prune();  // new masks from the model's current weights
  // The share of the pruned convolutions' weights the masks keep.
  double kept_share() const;

 private:
  struct PrunedConv {
    torch::nn::Conv2dImpl* model;   // owns the weight
    torch::nn::Conv2dImpl* pruned;  // the copy's convolution, whose weight is model's x mask
    torch::Tensor mask;             // a registered buffer: checkpointed with the model
  };
  torch::nn::Sequential head_{nullptr};
  ResNet pruned_encoder_{nullptr};  // its convolutions borrow the model's weights; own BatchNorm
  std::vector<PrunedConv> convs_;
  double prune_;
  double temperature_;
  double constant_temperature_;
  MethodOptions options_;
};

}  // namespace lt
