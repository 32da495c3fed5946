// BCL's memory by hand: the strength formula, the first epoch's plain views, the EMA over
// epochs, and images an epoch left out keeping what they had.
#include <torch/torch.h>

#include <cmath>

#include "methods/bcl.h"
#include "runtime/run_generator.h"
#include "test_support.h"

namespace lt {
namespace {

TEST(Bcl, StrengthIsTheStandardisedMemorySquashedIntoZeroToOne) {
  // mean 2, std 1: z = -1, 0, 1, the largest |z| is 1.
  EXPECT_TRUE(torch::allclose(memory_strength(torch::tensor({1.0f, 2.0f, 3.0f})),
                              torch::tensor({0.0f, 0.5f, 1.0f}), 1e-6, 1e-6));
  // Skewed: mean 2, std 2 (unbiased), z = -0.5, -0.5, 1.
  EXPECT_TRUE(torch::allclose(memory_strength(torch::tensor({1.0f, 1.0f, 4.0f})),
                              torch::tensor({0.25f, 0.25f, 1.0f}), 1e-6, 1e-6));
  EXPECT_TRUE(torch::allclose(memory_strength(torch::full({4}, 3.0f)), torch::full({4}, 0.5f)));
}

TEST(Bcl, TheMemoryFollowsEachImagesLossOverEpochs) {
  MethodOptions o;
  o.name = "bcl";
  o.examples = 6;
  o.bcl_beta = 0.5;
  torch::manual_seed(0);
  at::Generator init = init_generator(0);
  auto bcl = std::make_shared<BclImpl>(o, EncoderOptions{"resnet-small", true, 1}, init);
  const auto views = [] { return torch::randn({4, 1, 16, 16}); };
  // Epoch 1 (two steps of 4 over 6 images; image 5 left out): plain views.
  bcl->before_step(TrainingClock{0, 4, 2});
  const auto first = torch::tensor({0, 1, 2, 3}, torch::kLong);
  EXPECT_TRUE(torch::equal(bcl->begin_batch(first), torch::zeros({4})));
  const auto out1 = bcl->forward(views(), views(), torch::Tensor());
  bcl->before_step(TrainingClock{1, 4, 2});
  bcl->begin_batch(torch::tensor({4, 1}, torch::kLong));
  auto v = torch::randn({2, 1, 16, 16});
  const auto out2 = bcl->forward(v, v + 0.1, torch::Tensor());
  // Epoch 2 starts: the memory is epoch 1's loss; image 5 gets the mean of the others.
  bcl->before_step(TrainingClock{2, 4, 2});
  const auto memory = bcl->memory();
  for (int i : {0, 2, 3}) {
    EXPECT_NEAR(memory[i].item<float>(), out1.per_example[i].item<float>(), 1e-6) << i;
  }
  EXPECT_NEAR(memory[4].item<float>(), out2.per_example[0].item<float>(), 1e-6);
  EXPECT_NEAR(memory[1].item<float>(), out2.per_example[1].item<float>(), 1e-6);  // the latest
  EXPECT_NEAR(memory[5].item<float>(), memory.slice(0, 0, 5).mean().item<float>(), 1e-6);
  EXPECT_TRUE(torch::allclose(bcl->strength(), memory_strength(memory)));
  EXPECT_TRUE(torch::equal(bcl->begin_batch(first), bcl->strength().slice(0, 0, 4)));
  const auto before = memory.clone();
  const auto out3 = bcl->forward(views(), views(), torch::Tensor());
  bcl->before_step(TrainingClock{4, 8, 2});  // epoch 3: beta = 0.5 mixes old and new
  for (int i = 0; i < 4; ++i) {
    EXPECT_NEAR(bcl->memory()[i].item<float>(),
                0.5f * before[i].item<float>() + 0.5f * out3.per_example[i].item<float>(), 1e-6);
  }
  EXPECT_EQ(bcl->memory()[4].item<float>(), before[4].item<float>());  // not trained: kept
  // The memory is part of the model's state (the checkpoint).
  EXPECT_TRUE(bcl->named_buffers().contains("memory"));
  EXPECT_TRUE(bcl->named_buffers().contains("epoch_loss"));
}

}  // namespace
}  // namespace lt
