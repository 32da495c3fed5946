// SDCLR's pruning by hand, its masks as checkpointed buffers, and re-pruning once an epoch.
#include <torch/torch.h>

#include "methods/sdclr.h"
#include "runtime/run_generator.h"
#include "test_support.h"

namespace lt {
namespace {

TEST(Sdclr, MagnitudeMasksKeepTheLargestWeightsOverAllLayersTogether) {
  const auto a = torch::tensor({{-3.0f, 0.1f}, {2.0f, -0.5f}});
  const auto b = torch::tensor({0.2f, 5.0f});
  // Half of the 6 weights go: 0.1, 0.2 and -0.5, wherever they are.
  const auto masks = magnitude_masks({a, b}, 0.5);
  ASSERT_EQ(masks.size(), 2u);
  EXPECT_TRUE(torch::equal(masks[0], torch::tensor({{1.0f, 0.0f}, {1.0f, 0.0f}})));
  EXPECT_TRUE(torch::equal(masks[1], torch::tensor({0.0f, 1.0f})));
  // Nothing pruned: all ones.
  EXPECT_TRUE(torch::equal(magnitude_masks({a}, 0.0)[0], torch::ones({2, 2})));
}

std::shared_ptr<SdclrImpl> small_sdclr(double prune) {
  MethodOptions o;
  o.name = "sdclr";
  o.sdclr_prune = prune;
  torch::manual_seed(0);
  at::Generator init = init_generator(0);
  return std::make_shared<SdclrImpl>(o, EncoderOptions{"resnet-small", true, 1}, init);
}

TEST(Sdclr, PrunesNinetyPercentAndKeepsTheMasksInTheModelsState) {
  auto sdclr = small_sdclr(0.9);
  EXPECT_NEAR(sdclr->kept_share(), 0.1, 0.001);
  int64_t masks = 0;
  for (const auto& b : sdclr->named_buffers()) {
    if (b.key().rfind("mask_", 0) == 0) ++masks;
  }
  EXPECT_GT(masks, 2);  // one per pruned convolution, saved with the model
  // The copy's convolutions borrow the model's weights: only its BatchNorm is its own.
  for (const auto& p : sdclr->named_parameters()) {
    const bool copy_conv = p.key().rfind("pruned_encoder.", 0) == 0 && p.value().dim() == 4;
    EXPECT_EQ(p.value().requires_grad(), !copy_conv) << p.key();
  }
}

TEST(Sdclr, TheLossTrainsTheModelThroughBothBranchesAndRePrunesEachEpoch) {
  auto sdclr = small_sdclr(0.9);
  torch::optim::SGD sgd(sdclr->trainable_parameters(), torch::optim::SGDOptions(0.5));
  const auto masks_before = sdclr->named_buffers()["mask_layer1_0_conv1"].clone();
  sdclr->before_step(TrainingClock{0, 20, 10});
  const auto out =
      sdclr->forward(torch::randn({8, 1, 16, 16}), torch::randn({8, 1, 16, 16}), torch::Tensor());
  EXPECT_EQ(out.per_example.sizes(), (std::vector<int64_t>{8}));
  sgd.zero_grad();
  out.loss.backward();
  auto parameters = sdclr->named_parameters();
  EXPECT_TRUE(parameters["encoder.layer1.0.conv1.weight"].grad().defined());
  EXPECT_TRUE(parameters["pruned_encoder.layer1.0.bn1.weight"].grad().defined());
  EXPECT_FALSE(parameters["pruned_encoder.layer1.0.conv1.weight"].grad().defined());
  {
    // A large step changes which weights are largest.
    torch::NoGradGuard no_grad;
    parameters["encoder.layer1.0.conv1.weight"].copy_(
        torch::randn_like(parameters["encoder.layer1.0.conv1.weight"]) * 10);
  }
  sdclr->before_step(TrainingClock{5, 20, 10});  // mid-epoch: the masks stay
  EXPECT_TRUE(torch::equal(sdclr->named_buffers()["mask_layer1_0_conv1"], masks_before));
  sdclr->before_step(TrainingClock{10, 20, 10});  // a new epoch: pruned again
  EXPECT_FALSE(torch::equal(sdclr->named_buffers()["mask_layer1_0_conv1"], masks_before));
  EXPECT_NEAR(sdclr->kept_share(), 0.1, 0.001);
}

}  // namespace
}  // namespace lt
