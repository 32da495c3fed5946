#include "models/resnet.h"

#include <torch/torch.h>

#include "models/init.h"
#include "util/error.h"

namespace lt {
namespace {

namespace nn = torch::nn;

nn::Conv2d conv(int64_t in, int64_t out, int64_t kernel, int64_t stride) {
  return nn::Conv2d(
      nn::Conv2dOptions(in, out, kernel).stride(stride).padding(kernel / 2).bias(false));
}

// torchvision's BasicBlock: two 3x3 convolutions and a projection shortcut when shapes change.
struct BasicBlockImpl : nn::Module {
  static constexpr int64_t kExpansion = 1;
  BasicBlockImpl(int64_t in, int64_t width, int64_t stride)
      : conv1(register_module("conv1", conv(in, width, 3, stride))),
        bn1(register_module("bn1", SyncBatchNorm2d(width))),
        conv2(register_module("conv2", conv(width, width, 3, 1))),
        bn2(register_module("bn2", SyncBatchNorm2d(width))) {
    if (stride != 1 || in != width) {
      downsample = register_module(
          "downsample", nn::Sequential(conv(in, width, 1, stride), SyncBatchNorm2d(width)));
    }
  }
  torch::Tensor forward(const torch::Tensor& x) {
    auto y = torch::relu(bn1(conv1(x)));
    y = bn2(conv2(y));
    return torch::relu(y + (downsample ? downsample->forward(x) : x));
  }
  // Declared in torchvision's order, which is also the order they are registered in.
  nn::Conv2d conv1;
  SyncBatchNorm2d bn1;
  nn::Conv2d conv2;
  SyncBatchNorm2d bn2;
  nn::Sequential downsample{nullptr};
};
TORCH_MODULE(BasicBlock);

// torchvision's Bottleneck (ResNet-50): 1x1, 3x3 (with the stride), 1x1 with 4x expansion.
struct BottleneckImpl : nn::Module {
  static constexpr int64_t kExpansion = 4;
  BottleneckImpl(int64_t in, int64_t width, int64_t stride)
      : conv1(register_module("conv1", conv(in, width, 1, 1))),
        bn1(register_module("bn1", SyncBatchNorm2d(width))),
        conv2(register_module("conv2", conv(width, width, 3, stride))),
        bn2(register_module("bn2", SyncBatchNorm2d(width))),
        conv3(register_module("conv3", conv(width, width * kExpansion, 1, 1))),
        bn3(register_module("bn3", SyncBatchNorm2d(width * kExpansion))) {
    if (stride != 1 || in != width * kExpansion) {
      downsample =
          register_module("downsample", nn::Sequential(conv(in, width * kExpansion, 1, stride),
                                                       SyncBatchNorm2d(width * kExpansion)));
    }
  }
  torch::Tensor forward(const torch::Tensor& x) {
    auto y = torch::relu(bn1(conv1(x)));
    y = torch::relu(bn2(conv2(y)));
    y = bn3(conv3(y));
    return torch::relu(y + (downsample ? downsample->forward(x) : x));
  }
  // Declared in torchvision's order, which is also the order they are registered in.
  nn::Conv2d conv1;
  SyncBatchNorm2d bn1;
  nn::Conv2d conv2;
  SyncBatchNorm2d bn2;
  nn::Conv2d conv3;
  SyncBatchNorm2d bn3;
  nn::Sequential downsample{nullptr};
};
TORCH_MODULE(Bottleneck);

template <typename Block>
nn::Sequential make_layer(int64_t& in, int64_t width, int64_t blocks, int64_t stride) {
  nn::Sequential layer;
  for (int64_t b = 0; b < blocks; ++b) {
    layer->push_back(Block(in, width, b == 0 ? stride : 1));
    in = width * Block::Impl::kExpansion;
  }
  return layer;
}

}  // namespace

ResNetImpl::ResNetImpl(const EncoderOptions& options) : options_(options) {
  std::vector<int64_t> widths = {64, 128, 256, 512};
  std::vector<int64_t> blocks = {2, 2, 2, 2};
  if (options.arch == "resnet-small") {
    widths = {16, 32, 64, 128};
    blocks = {1, 1, 1, 1};
  } else if (options.arch == "resnet50") {
    blocks = {3, 4, 6, 3};
  }
  const int64_t stem = widths[0];
  conv1 = register_module(
      "conv1",
      options.cifar_stem
          ? conv(options.in_channels, stem, 3, 1)
          : nn::Conv2d(
                nn::Conv2dOptions(options.in_channels, stem, 7).stride(2).padding(3).bias(false)));
  bn1 = register_module("bn1", SyncBatchNorm2d(stem));
  int64_t in = stem;
  if (options.arch == "resnet50") {
    layer1 = register_module("layer1", make_layer<Bottleneck>(in, widths[0], blocks[0], 1));
    layer2 = register_module("layer2", make_layer<Bottleneck>(in, widths[1], blocks[1], 2));
    layer3 = register_module("layer3", make_layer<Bottleneck>(in, widths[2], blocks[2], 2));
    layer4 = register_module("layer4", make_layer<Bottleneck>(in, widths[3], blocks[3], 2));
  } else {
    layer1 = register_module("layer1", make_layer<BasicBlock>(in, widths[0], blocks[0], 1));
    layer2 = register_module("layer2", make_layer<BasicBlock>(in, widths[1], blocks[1], 2));
    layer3 = register_module("layer3", make_layer<BasicBlock>(in, widths[2], blocks[2], 2));
    layer4 = register_module("layer4", make_layer<BasicBlock>(in, widths[3], blocks[3], 2));
  }
  feature_dim_ = in;
}

torch::Tensor ResNetImpl::trunk(const torch::Tensor& x) {
  auto y = torch::relu(bn1(conv1(x)));
  if (!options_.cifar_stem)
    y = torch::max_pool2d(y, /*kernel_size=*/3, /*stride=*/2, /*padding=*/1);
  return layer4->forward(layer3->forward(layer2->forward(layer1->forward(y))));
}

torch::Tensor ResNetImpl::forward(const torch::Tensor& x) {
  return torch::adaptive_avg_pool2d(trunk(x), {1, 1}).flatten(1);
}

EncoderOutput ResNetImpl::forward_with_activation(const torch::Tensor& x) {
  auto last = trunk(x);
  return {torch::adaptive_avg_pool2d(last, {1, 1}).flatten(1), last};
}

ResNet make_encoder(const EncoderOptions& options, at::Generator& init) {
  if (options.arch != "resnet18" && options.arch != "resnet50" && options.arch != "resnet-small") {
    throw_setting("--model \"" + options.arch + "\" is unknown; use resnet18, resnet50 or " +
                  "resnet-small");
  }
  if (options.in_channels != 1 && options.in_channels != 3) {
    throw_setting("the encoder takes 1 or 3 input channels, the data have " +
                  std::to_string(options.in_channels));
  }
  return initialised(ResNet(options), init);
}

}  // namespace lt
