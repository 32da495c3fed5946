#include <torch/torch.h>

#include <cmath>

#include "methods/losses.h"
#include "test_support.h"

namespace lt {
namespace {

TEST(Losses, SimSiamOfIdenticalVectorsIsMinusOne) {
  const auto v = torch::randn({4, 8});
  const auto loss = simsiam_loss(v, v, v, v);
  EXPECT_TRUE(torch::allclose(loss, torch::full({4}, -1.0f), 1e-5, 1e-6));
  // Opposite directions give +1, orthogonal ones 0.
  EXPECT_NEAR(simsiam_loss(v, v, -v, -v).mean().item<float>(), 1.0f, 1e-5);
  const auto e1 = torch::tensor({{1.0f, 0.0f}}), e2 = torch::tensor({{0.0f, 1.0f}});
  EXPECT_NEAR(simsiam_loss(e1, e1, e2, e2).item<float>(), 0.0f, 1e-6);
}

TEST(Losses, SimSiamStopsTheGradientThroughTheTarget) {
  auto p = torch::randn({3, 5}, torch::requires_grad());
  auto z = torch::randn({3, 5}, torch::requires_grad());
  simsiam_loss(p, p, z, z).mean().backward();
  EXPECT_TRUE(p.grad().defined());
  EXPECT_FALSE(z.grad().defined());
}

TEST(Losses, NtXentMatchesAHandComputationOnFourExamples) {
  // Two pairs in 2-d, already unit length: z1 = [e1, e2], z2 = [e1, -e2].
  const auto z1 = torch::tensor({{1.0f, 0.0f}, {0.0f, 1.0f}});
  const auto z2 = torch::tensor({{1.0f, 0.0f}, {0.0f, -1.0f}});
  const double t = 0.5;
  const auto loss = nt_xent_loss(z1, z2, t);
  // Anchor 0 (e1): candidates e2 (0), e1 (1, positive), -e2 (0).
  const double a0 = -std::log(std::exp(1 / t) / (std::exp(0 / t) + std::exp(1 / t) + 1));
  // Anchor 1 (e2): candidates e1 (0), e1 (0), -e2 (-1, positive).
  const double a1 = -std::log(std::exp(-1 / t) / (1 + 1 + std::exp(-1 / t)));
  // Anchor 2 (e1 of z2) is like anchor 0; anchor 3 (-e2): e1, e2 (-1), e1 -> positive e2.
  const double a3 = -std::log(std::exp(-1 / t) / (1 + std::exp(-1 / t) + 1));
  EXPECT_NEAR(loss[0].item<float>(), (a0 + a0) / 2, 1e-5);
  EXPECT_NEAR(loss[1].item<float>(), (a1 + a3) / 2, 1e-5);
}

TEST(Losses, MocoLogitsPutThePositiveFirst) {
  const auto q = torch::tensor({{1.0f, 0.0f}, {0.0f, 1.0f}});
  const auto k = torch::tensor({{1.0f, 0.0f}, {1.0f, 0.0f}});
  const auto queue = torch::tensor({{0.0f, 1.0f}, {-1.0f, 0.0f}, {0.6f, 0.8f}});
  const auto logits = moco_logits(q, k, queue, 0.2);
  const auto expected = torch::tensor({{1.0f, 0.0f, -1.0f, 0.6f}, {0.0f, 1.0f, 0.0f, 0.8f}}) / 0.2;
  EXPECT_TRUE(torch::allclose(logits, expected, 1e-5, 1e-6));
}

}  // namespace
}  // namespace lt
