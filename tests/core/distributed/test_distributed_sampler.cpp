// The sampler of data-parallel runs: across the ranks, every image of an epoch's batches once,
// each global batch the one a single process would train on; and the augmentation of an image
// set by its place in the global batch, whatever share of it a rank holds.
#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

#include <map>

#include "data/augment.h"
#include "distributed/distributed_sampler.h"
#include "test_support.h"
#include "util/error.h"

namespace lt {
namespace {

// How often each image is trained on in one epoch, counted over every rank's steps.
std::map<int64_t, int> epoch_counts(int64_t images, int64_t batch, int64_t world,
                                    const torch::Tensor& order) {
  std::map<int64_t, int> seen;
  for (int64_t rank = 0; rank < world; ++rank) {
    DistributedSampler sampler(images, batch, rank, world);
    for (int64_t step = 0; step < sampler.steps_per_epoch(); ++step) {
      const auto idx = sampler.indices(order, step);
      EXPECT_EQ(idx.numel(), batch / world);
      for (int64_t i = 0; i < idx.numel(); ++i) ++seen[idx[i].item<int64_t>()];
    }
  }
  return seen;
}

TEST(DistributedSampler, EveryImageOnceAnEpochAcrossTheRanks) {
  for (const int64_t world : {1, 2, 4}) {
    const int64_t images = 96, batch = 16;  // 6 global batches, nothing dropped
    at::Generator gen = at::make_generator<at::CPUGeneratorImpl>(11);
    const auto order = DistributedSampler(images, batch, 0, world).epoch_order(gen);
    const auto seen = epoch_counts(images, batch, world, order);
    ASSERT_EQ(int64_t(seen.size()), images) << world << " ranks";
    for (const auto& [image, times] : seen) EXPECT_EQ(times, 1) << image << ", " << world;
  }
}

TEST(DistributedSampler, DropsThePartialBatchAsOneProcessDoes) {
  const int64_t images = 100, batch = 16;  // 6 batches, 4 images left out this epoch
  at::Generator gen = at::make_generator<at::CPUGeneratorImpl>(5);
  const auto order = DistributedSampler(images, batch, 0, 2).epoch_order(gen);
  const auto seen = epoch_counts(images, batch, 2, order);
  EXPECT_EQ(seen.size(), 96u);
  for (const auto& [image, times] : seen) EXPECT_EQ(times, 1);
  // The images left out are the ones a single process leaves out: the end of the permutation.
  for (int64_t i = 96; i < 100; ++i) EXPECT_EQ(seen.count(order[i].item<int64_t>()), 0u);
}

TEST(DistributedSampler, TheSharesOfAStepMakeTheSingleProcessBatch) {
  const int64_t images = 64, batch = 16;
  at::Generator gen = at::make_generator<at::CPUGeneratorImpl>(3);
  const auto order = DistributedSampler(images, batch, 0, 1).epoch_order(gen);
  for (int64_t step = 0; step < 4; ++step) {
    const auto whole = DistributedSampler(images, batch, 0, 1).indices(order, step);
    const auto joined = torch::cat({DistributedSampler(images, batch, 0, 2).indices(order, step),
                                    DistributedSampler(images, batch, 1, 2).indices(order, step)});
    EXPECT_TRUE(torch::equal(whole, joined)) << step;
  }
}

TEST(DistributedSampler, EveryRankDrawsTheSameOrderFromTheSameSeed) {
  at::Generator a = at::make_generator<at::CPUGeneratorImpl>(9);
  at::Generator b = at::make_generator<at::CPUGeneratorImpl>(9);
  EXPECT_TRUE(torch::equal(DistributedSampler(50, 10, 0, 2).epoch_order(a),
                           DistributedSampler(50, 10, 1, 2).epoch_order(b)));
}

TEST(DistributedSampler, RefusesABatchThatDoesNotSplit) {
  EXPECT_LT_ERROR(DistributedSampler(100, 30, 0, 4), ErrorKind::kSetting, "multiple of 8");
  EXPECT_LT_ERROR(DistributedSampler(100, 4, 0, 4), ErrorKind::kSetting, "at least 2");
}

TEST(DistributedSampler, AugmentationFollowsThePlaceInTheGlobalBatch) {
  // Two ranks augment their halves of a batch; one process augments the whole batch from the
  // same generator state: the views are the same, bit for bit, for every protocol.
  const auto images =
      torch::randint(0, 256, {8, 3, 16, 16}, torch::TensorOptions().dtype(torch::kUInt8));
  AugmentConfig ssl;
  ssl.blur_probability = 0.5;
  AugmentConfig standard;
  standard.protocol = "standard";
  for (const AugmentConfig& config : {ssl, standard}) {
    const Augmenter augment(config, 3);
    at::Generator one = at::make_generator<at::CPUGeneratorImpl>(21);
    const auto whole = augment(images, one);
    torch::Tensor halves[2];
    for (int64_t rank = 0; rank < 2; ++rank) {
      at::Generator gen = at::make_generator<at::CPUGeneratorImpl>(21);
      halves[rank] = augment(images.slice(0, 4 * rank, 4 * rank + 4), gen, BatchShare{4 * rank, 8});
      // Each rank's generator moves on as the single process's did.
      EXPECT_TRUE(torch::equal(torch::rand({4}, gen), torch::rand({4}, one.clone())));
    }
    EXPECT_TRUE(torch::equal(whole, torch::cat({halves[0], halves[1]}))) << config.protocol;
  }
}

}  // namespace
}  // namespace lt
