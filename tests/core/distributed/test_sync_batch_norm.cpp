// What data-parallel training runs on, in one process: synchronised BatchNorm computes what
// torch's BatchNorm computes (outputs, gradients, running statistics), and the gradient buckets
// start their sums in bucket order and leave every gradient as the mean (in a world of one: as
// it was).
#include <gtest/gtest.h>
#include <torch/torch.h>

#include "distributed/gradient_buckets.h"
#include "models/batch_norm.h"
#include "single_process_collectives.h"

namespace lt {
namespace {

template <typename Holder, typename TorchHolder>
void expect_same_as_torch(Holder synced, TorchHolder plain, const torch::Tensor& input) {
  auto collectives = std::make_shared<test::SingleProcessCollectives>();
  synced->synchronize(collectives);
  {
    torch::NoGradGuard no_grad;
    synced->weight.uniform_(0.5, 1.5);
    synced->bias.uniform_(-0.5, 0.5);
    plain->weight.copy_(synced->weight);
    plain->bias.copy_(synced->bias);
  }
  const auto x1 = input.clone().requires_grad_(true), x2 = input.clone().requires_grad_(true);
  const auto weights = torch::randn_like(input);
  for (int step = 0; step < 3; ++step) {
    const auto y1 = synced(x1), y2 = plain(x2);
    EXPECT_TRUE(torch::allclose(y1, y2, 1e-5, 1e-5)) << step;
    (y1 * weights).sum().backward();
    (y2 * weights).sum().backward();
  }
  EXPECT_GT(collectives->blocking, 0);  // the statistics went through the collectives
  EXPECT_TRUE(torch::allclose(x1.grad(), x2.grad(), 1e-4, 1e-5));
  EXPECT_TRUE(torch::allclose(synced->weight.grad(), plain->weight.grad(), 1e-4, 1e-5));
  EXPECT_TRUE(torch::allclose(synced->bias.grad(), plain->bias.grad(), 1e-4, 1e-5));
  EXPECT_TRUE(torch::allclose(synced->running_mean, plain->running_mean, 1e-5, 1e-6));
  EXPECT_TRUE(torch::allclose(synced->running_var, plain->running_var, 1e-5, 1e-6));
  EXPECT_EQ(synced->num_batches_tracked.template item<int64_t>(), 3);
  // Evaluation uses the running statistics, as torch's does.
  synced->eval();
  plain->eval();
  EXPECT_TRUE(torch::allclose(synced(input), plain(input), 1e-5, 1e-5));
}

TEST(SyncBatchNorm, ComputesWhatTorchsBatchNorm2dComputes) {
  torch::manual_seed(1);
  expect_same_as_torch(SyncBatchNorm2d(6), torch::nn::BatchNorm2d(6),
                       torch::randn({8, 6, 5, 5}) * 3 + 1);
}

TEST(SyncBatchNorm, ComputesWhatTorchsBatchNorm1dComputes) {
  torch::manual_seed(2);
  expect_same_as_torch(SyncBatchNorm1d(7), torch::nn::BatchNorm1d(7), torch::randn({16, 7}) - 2);
}

TEST(SyncBatchNorm, IsTorchsModuleUntilSynchronised) {
  SyncBatchNorm2d synced(4);
  torch::nn::BatchNorm2d plain(4);
  const auto x = torch::randn({4, 4, 3, 3});
  EXPECT_TRUE(torch::equal(synced(x), plain(x)));
  // Same names, so checkpoints do not change.
  EXPECT_EQ(synced->named_parameters().keys(), plain->named_parameters().keys());
  EXPECT_EQ(synced->named_buffers().keys(), plain->named_buffers().keys());
}

TEST(GradientBuckets, StartInOrderAndLeaveTheGradients) {
  torch::manual_seed(3);
  torch::nn::Sequential net(torch::nn::Linear(64, 512), torch::nn::ReLU(),
                            torch::nn::Linear(512, 512), torch::nn::ReLU(),
                            torch::nn::Linear(512, 4));
  const auto params = net->parameters();
  const auto x = torch::randn({8, 64});
  net->forward(x).square().sum().backward();
  std::vector<torch::Tensor> expected;
  for (const auto& p : params) expected.push_back(p.grad().clone());
  for (const bool overlap : {true, false}) {
    auto collectives = std::make_shared<test::SingleProcessCollectives>();
    // Buckets of about 0.5 MB: the 1 MB layer and its neighbours fall into several.
    GradientBuckets buckets(params, collectives, overlap, 512 * 1024);
    EXPECT_GE(buckets.bucket_count(), 3);
    for (int round = 0; round < 2; ++round) {
      for (auto p : params) p.mutable_grad() = torch::Tensor();
      net->forward(x).square().sum().backward();
      buckets.finish();
      for (size_t k = 0; k < params.size(); ++k) {
        EXPECT_TRUE(torch::equal(params[k].grad(), expected[k])) << k << " overlap " << overlap;
      }
    }
    EXPECT_EQ(int64_t(collectives->started.size()), 2 * buckets.bucket_count());
    // Each round starts every bucket once, in the same order.
    for (int64_t b = 0; b < buckets.bucket_count(); ++b) {
      EXPECT_EQ(collectives->started[b], collectives->started[b + buckets.bucket_count()]);
    }
  }
}

}  // namespace
}  // namespace lt
