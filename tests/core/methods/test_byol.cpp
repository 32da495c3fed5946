// BYOL's loss and momentum by hand, and its target network following the online one.
#include <torch/torch.h>

#include <cmath>

#include "methods/byol.h"
#include "runtime/run_generator.h"
#include "test_support.h"

namespace lt {
namespace {

TEST(Byol, LossIsTwoMinusTwiceTheCosineComputedByHand) {
  const auto p = torch::tensor({{1.0f, 0.0f}, {1.0f, 0.0f}, {1.0f, 1.0f}, {3.0f, 4.0f}});
  const auto z = torch::tensor({{0.0f, 1.0f}, {2.0f, 0.0f}, {1.0f, 0.0f}, {-3.0f, -4.0f}});
  const auto loss = byol_loss(p, z);
  EXPECT_NEAR(loss[0].item<float>(), 2.0f, 1e-6);                           // orthogonal
  EXPECT_NEAR(loss[1].item<float>(), 0.0f, 1e-6);                           // same direction
  EXPECT_NEAR(loss[2].item<float>(), 2.0f - 2.0f / std::sqrt(2.0f), 1e-6);  // 45 degrees
  EXPECT_NEAR(loss[3].item<float>(), 4.0f, 1e-6);                           // opposite
}

TEST(Byol, NoGradientReachesTheTarget) {
  auto p = torch::randn({3, 5}, torch::requires_grad());
  auto z = torch::randn({3, 5}, torch::requires_grad());
  byol_loss(p, z).sum().backward();
  EXPECT_TRUE(p.grad().defined());
  EXPECT_FALSE(z.grad().defined());
}

TEST(Byol, MomentumRisesFromItsBaseToOneOnTheCosine) {
  EXPECT_DOUBLE_EQ(byol_momentum(0.996, 0, 1000), 0.996);
  EXPECT_NEAR(byol_momentum(0.996, 500, 1000), 1 - 0.004 / 2, 1e-12);
  EXPECT_NEAR(byol_momentum(0.996, 1000, 1000), 1.0, 1e-12);
  EXPECT_NEAR(byol_momentum(0.99, 250, 1000), 1 - 0.01 * (std::cos(M_PI / 4) + 1) / 2, 1e-12);
}

TEST(Byol, TheTargetStartsAsTheOnlineNetworkAndFollowsItByMomentum) {
  MethodOptions o;
  o.name = "byol";
  o.byol_momentum = 0.9;
  torch::manual_seed(0);
  at::Generator init = init_generator(0);
  auto byol = std::make_shared<ByolImpl>(o, EncoderOptions{"resnet-small", true, 1}, init);
  auto parameters = byol->named_parameters();
  const auto online = parameters["encoder.conv1.weight"];
  const auto target = parameters["target_encoder.conv1.weight"];
  EXPECT_TRUE(torch::equal(online, target));
  EXPECT_FALSE(target.requires_grad());
  // The optimiser sees the online network and the predictor only.
  for (const auto& t : byol->trainable_parameters()) {
    EXPECT_TRUE(t.requires_grad());
  }
  EXPECT_LT(byol->trainable_parameters().size(), byol->parameters().size());

  torch::optim::SGD sgd(byol->trainable_parameters(), torch::optim::SGDOptions(0.5));
  byol->before_step(TrainingClock{0, 100, 10});
  EXPECT_DOUBLE_EQ(byol->momentum(), 0.9);
  const auto out =
      byol->forward(torch::randn({8, 1, 16, 16}), torch::randn({8, 1, 16, 16}), torch::Tensor());
  EXPECT_EQ(out.per_example.sizes(), (std::vector<int64_t>{8}));
  EXPECT_TRUE((out.per_example >= 0).all().item<bool>());
  EXPECT_TRUE((out.per_example <= 8).all().item<bool>());  // two terms of at most 4
  sgd.zero_grad();
  out.loss.backward();
  EXPECT_FALSE(target.grad().defined());
  const auto target_before = target.clone();
  sgd.step();
  byol->after_optimizer_step();
  EXPECT_FALSE(torch::equal(online, target_before));  // the step moved the online network
  EXPECT_TRUE(torch::allclose(target, 0.9 * target_before + 0.1 * online, 1e-5, 1e-6));
}

}  // namespace
}  // namespace lt
