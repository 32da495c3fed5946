// ResNet encoders with torchvision's parameter names (conv1, bn1, layer1.0.conv1, ...), so an
// exported encoder loads into torchvision's resnet18/50 (CIFAR stem swapped in). No fc: the
// encoder ends at the global average pool.
#pragma once

#include <ATen/core/Generator.h>
#include <torch/nn/module.h>
#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/container/sequential.h>
#include <torch/nn/modules/conv.h>

#include <string>

#include "models/batch_norm.h"
#include "models/encoder_options.h"

namespace lt {

struct EncoderOutput {
  torch::Tensor features;    // N x feature_dim, after the global average pool
  torch::Tensor last_block;  // N x C x h x w, the last convolutional block's activation
};

class ResNetImpl : public torch::nn::Module {
 public:
  explicit ResNetImpl(const EncoderOptions& options);
  torch::Tensor forward(const torch::Tensor& x);
  EncoderOutput forward_with_activation(const torch::Tensor& x);
  int64_t feature_dim() const { return feature_dim_; }
  const EncoderOptions& options() const { return options_; }

 private:
  torch::Tensor trunk(const torch::Tensor& x);
  EncoderOptions options_;
  int64_t feature_dim_ = 0;
  torch::nn::Conv2d conv1{nullptr};
  SyncBatchNorm2d bn1{nullptr};  // torch's BatchNorm2d, synchronised under --sync-bn
  torch::nn::Sequential layer1{nullptr}, layer2{nullptr}, layer3{nullptr}, layer4{nullptr};
};
TORCH_MODULE(ResNet);

// An encoder whose weights are drawn from `init` (models/init.h). Throws a kSetting lt::Error
// for an unknown arch or channel count.
ResNet make_encoder(const EncoderOptions& options, at::Generator& init);

}  // namespace lt
