// SAM, ASAM and rwSAM as the trainer uses them: the steps equal the ones computed by hand on a
// quadratic, BatchNorm's statistics move once per step, and rwSAM with every weight 1 is SAM.
#include <torch/torch.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "test_support.h"
#include "tiny_run.h"
#include "train/run_config.h"
#include "train/sam.h"
#include "train/trainer.h"
#include "util/error.h"

namespace lt {
namespace {

// f(w) = 1/2 (a1 w1^2 + a2 w2^2): gradient a * w.
torch::Tensor sam_step_on_quadratic(bool adaptive, double rho, double lr) {
  auto w = torch::tensor({1.0, -2.0}, torch::kDouble).requires_grad_(true);
  const auto a = torch::tensor({1.0, 4.0}, torch::kDouble);
  torch::optim::SGD sgd({w}, torch::optim::SGDOptions(lr));
  const auto loss = [&] { return 0.5 * (a * w * w).sum(); };
  sgd.zero_grad();
  loss().backward();
  const auto e = sam_perturb({w}, rho, adaptive);
  sgd.zero_grad();
  loss().backward();
  sam_restore({w}, e);
  sgd.step();
  return w.detach();
}

TEST(Sam, AStepOnAQuadraticEqualsTheHandComputedOne) {
  const double rho = 0.1, lr = 0.05;
  const auto w = torch::tensor({1.0, -2.0}, torch::kDouble);
  const auto a = torch::tensor({1.0, 4.0}, torch::kDouble);
  const auto g = a * w;                        // (1, -8)
  const auto e = rho * g / g.norm();           // uphill by rho
  const auto expected = w - lr * a * (w + e);  // the gradient at w + e, applied at w
  EXPECT_TRUE(torch::allclose(sam_step_on_quadratic(false, rho, lr), expected, 0, 1e-12));
}

TEST(Sam, AnAdaptiveStepEqualsTheHandComputedOne) {
  const double rho = 0.5, lr = 0.05;
  const auto w = torch::tensor({1.0, -2.0}, torch::kDouble);
  const auto a = torch::tensor({1.0, 4.0}, torch::kDouble);
  const auto g = a * w;
  const auto t = w.abs();  // ASAM's T_w
  const auto e = rho * t * t * g / (t * g).norm();
  const auto expected = w - lr * a * (w + e);
  EXPECT_TRUE(torch::allclose(sam_step_on_quadratic(true, rho, lr), expected, 0, 1e-12));
}

TEST(Sam, FrozenBatchNormKeepsItsRunningStatistics) {
  torch::nn::Sequential net(torch::nn::Linear(4, 4), torch::nn::BatchNorm1d(4));
  net->train();
  auto* bn = net[1]->as<torch::nn::BatchNorm1dImpl>();
  net->forward(torch::randn({8, 4}) + 3);
  const auto before = bn->running_mean.clone();
  {
    FrozenBatchNormStats frozen(*net);
    net->forward(torch::randn({8, 4}) - 7);
  }
  EXPECT_TRUE(torch::equal(bn->running_mean, before));
  net->forward(torch::randn({8, 4}) - 7);  // thawed: it moves again
  EXPECT_FALSE(torch::equal(bn->running_mean, before));
}

RunConfig tiny_sam(const std::string& mode) {
  RunConfig c = test::tiny_run("simsiam");
  c.epochs = 2;
  c.seed = 5;
  c.sam.mode = mode;
  c.sam.rho = 0.05;
  return c;
}

TEST(Sam, RwSamWithEveryWeightOneIsSamAndSamChangesTraining) {
  test::TempDir dir;
  const RunResult plain = train(tiny_sam("none"), dir.file("plain"));
  const RunResult sam = train(tiny_sam("sam"), dir.file("sam"));
  // The paper's workflow: the weights of the finished plain run, fixed for the whole schedule.
  RunConfig rw = tiny_sam("rwsam");
  rw.sam.alpha = 0;  // (density)^0: every weight 1
  rw.sam.weights_from = dir.file("plain");
  const RunResult rwsam = train(rw, dir.file("rwsam"));
  ASSERT_EQ(sam.history.size(), 2u);
  ASSERT_EQ(rwsam.history.size(), 2u) << rwsam.message;
  for (size_t e = 0; e < 2; ++e) {
    EXPECT_NEAR(rwsam.history[e].loss, sam.history[e].loss, 1e-4) << "epoch " << e + 1;
  }
  EXPECT_GT(std::abs(sam.history[1].loss - plain.history[1].loss), 1e-6);
  EXPECT_TRUE(std::filesystem::exists(dir.file("rwsam/rwsam-weights.pt")));
  // The run records where its weights came from and how h was chosen.
  const auto record = nlohmann::json::parse(std::ifstream(dir.file("rwsam/rwsam-weights.json")));
  EXPECT_EQ(record["from"], dir.file("plain"));
  EXPECT_EQ(record["bandwidth_rule"], "half-median");
  EXPECT_GT(record["bandwidth"].get<double>(), 0);
  EXPECT_NEAR(record["weights_spread"]["std"].get<double>(), 0, 1e-9);  // every weight 1
  EXPECT_TRUE(record["spearman_with_inverse_class_size"].is_number());
}

TEST(Sam, RwSamRefusesWeightsOfOtherImages) {
  test::TempDir dir;
  {
    std::ofstream out(dir.file("w.json"));
    out << R"({"weights": [1, 1, 1]})";
  }
  RunConfig rw = tiny_sam("rwsam");
  rw.sam.weights_from = dir.file("w.json");
  EXPECT_LT_ERROR(train(rw, dir.file("rwsam")), ErrorKind::kSetting, "3 weights");
}

TEST(Sam, PresetsAreAsamRadiiAndLeaveTheModeToTheCaller) {
  const SamOptions cifar = sam_preset("paper-cifar");
  EXPECT_TRUE(cifar.adaptive);
  EXPECT_EQ(cifar.rho, 5);
  EXPECT_EQ(cifar.alpha, 1.2);
  EXPECT_EQ(cifar.mode, "none");
  const SamOptions imagenet = sam_preset("imagenet-lt");
  EXPECT_TRUE(imagenet.adaptive);
  EXPECT_EQ(imagenet.rho, 2);
  EXPECT_EQ(imagenet.alpha, 0.5);
  EXPECT_TRUE(sam_preset("official-asam").adaptive);
  // Plain SAM stays plain whatever the flag says; rwSAM follows it.
  SamOptions o = cifar;
  o.mode = "sam";
  EXPECT_FALSE(sam_is_adaptive(o));
  o.mode = "rwsam";
  EXPECT_TRUE(sam_is_adaptive(o));
}

TEST(Sam, RwSamWithoutWeightsOrAStageOneIsRefused) {
  RunConfig c = tiny_sam("rwsam");
  EXPECT_LT_ERROR(validate_config(c), ErrorKind::kSetting, "--rwsam-weights-from");
  c.sam.start_epoch = 1;  // ours: the run trains plainly first and computes them itself
  validate_config(c);
  c.sam.start_epoch = 0;
  c.sam.weights_from = "/nonexistent/run";
  EXPECT_LT_ERROR(validate_config(c), ErrorKind::kSetting, "does not exist");
}

TEST(Sam, RwSamTrainsPlainlyThenReweightsAndResumes) {
  test::TempDir dir;
  RunConfig c = tiny_sam("rwsam");
  c.epochs = 3;
  c.sam.start_epoch = 1;
  c.sam.refresh_every = 1;
  int seen = 0;
  const RunResult stopped = train(c, dir.file("run"), [&](const TrainProgress& p) {
    if (p.finished_epoch) ++seen;
    return seen < 2;
  });
  EXPECT_EQ(stopped.status, "cancelled");
  EXPECT_TRUE(std::filesystem::exists(dir.file("run/rwsam-weights.pt")));
  const RunResult resumed = resume(dir.file("run"));
  ASSERT_EQ(resumed.status, "finished") << resumed.message;
  EXPECT_EQ(resumed.epochs_done, 3);
  // The same losses as a run that was never stopped: the resumed run read its rwSAM weights
  // back from the checkpoint rather than starting from uniform ones.
  const RunResult straight = train(c, dir.file("straight"));
  ASSERT_EQ(straight.status, "finished") << straight.message;
  ASSERT_EQ(resumed.history.size(), straight.history.size());
  for (size_t e = 0; e < straight.history.size(); ++e)
    EXPECT_EQ(resumed.history[e].loss, straight.history[e].loss) << "epoch " << e + 1;
}

// The paper's workflow: stage 2 trains its whole schedule with the weights of a finished plain
// run. Stopped and resumed, it reaches the same losses as without the stop.
TEST(Sam, RwSamWithWeightsFromARunResumesExactly) {
  test::TempDir dir;
  const RunConfig plain = tiny_sam("none");
  ASSERT_EQ(train(plain, dir.file("stage1")).status, "finished");
  RunConfig c = tiny_sam("rwsam");
  c.epochs = 3;
  c.sam.weights_from = dir.file("stage1");
  const RunResult straight = train(c, dir.file("straight"));
  ASSERT_EQ(straight.status, "finished") << straight.message;
  const RunResult stopped = train(c, dir.file("broken"), [](const TrainProgress& p) {
    return !(p.epoch == 2 && p.finished_epoch != nullptr);
  });
  ASSERT_EQ(stopped.status, "cancelled");
  const RunResult resumed = resume(dir.file("broken"));
  ASSERT_EQ(resumed.status, "finished") << resumed.message;
  ASSERT_EQ(resumed.history.size(), straight.history.size());
  for (size_t e = 0; e < straight.history.size(); ++e)
    EXPECT_EQ(resumed.history[e].loss, straight.history[e].loss) << "epoch " << e + 1;
}

TEST(Sam, RwSamResumesWithTheWeightsOfItsCheckpointNotOfALaterRefresh) {
  // Weights refreshed at epochs 2 and 4, checkpoints every 2 epochs: a run stopped in epoch 4
  // (after its refresh) resumes from the checkpoint of epoch 2, whose epoch 3 used the weights
  // of epoch 2. rwsam-weights.pt holds epoch 4's by then.
  test::TempDir dir;
  RunConfig c = tiny_sam("rwsam");
  c.epochs = 4;
  c.checkpoint_every = 2;
  c.sam.rho = 0.5;
  c.sam.alpha = 2;
  c.sam.start_epoch = 1;
  c.sam.refresh_every = 2;
  const RunResult straight = train(c, dir.file("straight"));
  ASSERT_EQ(straight.status, "finished") << straight.message;
  const RunResult stopped = train(c, dir.file("broken"), [](const TrainProgress& p) {
    return !(p.epoch == 4 && p.finished_epoch == nullptr);
  });
  ASSERT_EQ(stopped.status, "cancelled");
  EXPECT_EQ(stopped.epochs_done, 3);
  const RunResult resumed = resume(dir.file("broken"));
  ASSERT_EQ(resumed.status, "finished") << resumed.message;
  ASSERT_EQ(resumed.history.size(), 4u);
  for (size_t e = 0; e < 4; ++e) {
    EXPECT_EQ(resumed.history[e].loss, straight.history[e].loss) << "epoch " << e + 1;
  }
}

TEST(Sam, NonsenseIsRefusedByName) {
  RunConfig c;
  c.sam.mode = "adam";
  EXPECT_LT_ERROR(validate_config(c), ErrorKind::kSetting, "sam.mode");
  c.sam.mode = "sam";
  c.sam.rho = 0;
  EXPECT_LT_ERROR(validate_config(c), ErrorKind::kSetting, "sam.rho");
  c.sam.rho = 0.05;
  c.sam.alpha = -1;
  EXPECT_LT_ERROR(validate_config(c), ErrorKind::kSetting, "sam.alpha");
}

}  // namespace
}  // namespace lt
