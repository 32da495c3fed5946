// A method's initial weights come from the run's generator alone: whatever LibTorch's global
// generator holds (another run, the window, a library may have seeded it), the same seed gives
// the same weights, and what a method builds from them (MoCo's key encoder, BYOL's target,
// SDCLR's masks) still starts from them.
#include <torch/torch.h>

#include "methods/method.h"
#include "methods/method_list.h"
#include "models/init.h"
#include "runtime/run_generator.h"
#include "test_support.h"

namespace lt {
namespace {

Method built(const std::string& name, uint64_t global_seed) {
  torch::manual_seed(global_seed);  // what someone else left in the global generator
  MethodOptions o;
  o.name = name;
  o.num_classes = 4;
  o.examples = 40;
  at::Generator init = init_generator(7);
  return make_method(o, EncoderOptions{"resnet-small", true, 1}, init);
}

TEST(MethodInit, TheWeightsComeFromTheRunsGeneratorWhateverTheGlobalOneHolds) {
  for (const MethodInfo& info : known_methods()) {
    const Method a = built(info.name, 1);
    const Method b = built(info.name, 2);
    const auto pa = a->named_parameters(), pb = b->named_parameters();
    ASSERT_EQ(pa.size(), pb.size());
    for (const auto& p : pa) {
      EXPECT_TRUE(torch::equal(p.value(), pb[p.key()])) << info.name << " " << p.key();
    }
    const auto ba = a->named_buffers(), bb = b->named_buffers();
    for (const auto& buffer : ba) {
      EXPECT_TRUE(torch::equal(buffer.value(), bb[buffer.key()]) ||
                  (buffer.value().isnan().all().item<bool>() &&
                   bb[buffer.key()].isnan().all().item<bool>()))
          << info.name << " " << buffer.key();
    }
  }
}

TEST(MethodInit, FollowersStartFromTheDrawnWeights) {
  for (const auto& [name, follower] : std::vector<std::pair<std::string, std::string>>{
           {"moco", "key_encoder."}, {"byol", "target_encoder."}}) {
    const Method m = built(name, 1);
    const auto params = m->named_parameters();
    for (const auto& p : m->encoder()->named_parameters()) {
      EXPECT_TRUE(torch::equal(p.value(), params[follower + p.key()])) << name << " " << p.key();
    }
  }
}

TEST(MethodInit, RefusesALayerItCannotDrawFromTheRunsGenerator) {
  at::Generator init = init_generator(0);
  torch::nn::Embedding unknown(10, 4);
  EXPECT_THROW(init_parameters(*unknown, init), std::logic_error);
}

TEST(MethodInit, DrawsLikeLibTorchsOwnConstructors) {
  // The same scheme as LibTorch's reset_parameters(): drawn from a generator in the state the
  // global one has after torch::manual_seed, a Linear layer gets the constructor's very weights.
  torch::manual_seed(5);
  torch::nn::Linear libtorch(20, 3);
  at::Generator gen = run_generator(5);
  torch::nn::Linear ours = initialised(torch::nn::Linear(20, 3), gen);
  EXPECT_TRUE(torch::equal(ours->weight, libtorch->weight));
  EXPECT_TRUE(torch::equal(ours->bias, libtorch->bias));
}

}  // namespace
}  // namespace lt
