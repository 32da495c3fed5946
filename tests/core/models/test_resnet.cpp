#include <torch/torch.h>

#include "models/resnet.h"
#include "runtime/run_generator.h"
#include "test_support.h"
#include "util/error.h"

namespace lt {
namespace {

TEST(ResNet, NamesParametersAsTorchvisionDoes) {
  at::Generator init = init_generator(0);
  ResNet net = make_encoder({"resnet18", true, 3}, init);
  const auto params = net->named_parameters();
  for (const char* name :
       {"conv1.weight", "bn1.weight", "layer1.0.conv1.weight", "layer1.1.bn2.bias",
        "layer2.0.downsample.0.weight", "layer2.0.downsample.1.weight", "layer4.1.conv2.weight"}) {
    EXPECT_TRUE(params.contains(name)) << name;
  }
  EXPECT_TRUE(net->named_buffers().contains("layer3.0.bn1.running_var"));
  EXPECT_EQ(params["conv1.weight"].sizes(), (std::vector<int64_t>{64, 3, 3, 3}));
  // torchvision's resnet18 has 62 parameter tensors with fc; we drop fc's 2.
  EXPECT_EQ(params.size(), 60u);
}

TEST(ResNet, GivesFeaturesAndTheLastBlock) {
  at::Generator init = init_generator(0);
  torch::NoGradGuard no_grad;
  for (const auto& [arch, dim] : std::vector<std::pair<std::string, int64_t>>{
           {"resnet-small", 128}, {"resnet18", 512}, {"resnet50", 2048}}) {
    ResNet net = make_encoder({arch, true, 1}, init);
    net->eval();
    EXPECT_EQ(net->feature_dim(), dim);
    const auto out = net->forward_with_activation(torch::randn({2, 1, 32, 32}));
    EXPECT_EQ(out.features.sizes(), (std::vector<int64_t>{2, dim}));
    EXPECT_EQ(out.last_block.sizes(), (std::vector<int64_t>{2, dim, 4, 4}));
  }
  ResNet imagenet = make_encoder({"resnet18", false, 3}, init);
  imagenet->eval();
  EXPECT_EQ(imagenet->forward_with_activation(torch::randn({1, 3, 64, 64})).last_block.size(2), 2);
}

TEST(ResNet, RefusesUnknownModels) {
  at::Generator init = init_generator(0);
  EXPECT_LT_ERROR(make_encoder({"vgg16", true, 3}, init), ErrorKind::kSetting, "resnet18");
  EXPECT_LT_ERROR(make_encoder({"resnet18", true, 4}, init), ErrorKind::kSetting, "channels");
}

}  // namespace
}  // namespace lt
