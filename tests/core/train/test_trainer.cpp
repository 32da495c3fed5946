// The training loop as a user relies on it: losses go down, a resumed run equals an unbroken
// one, a diverging run stops and says where, nonsense configs are refused before training.
#include <torch/torch.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "data/variant.h"
#include "experiments/run_generalization_gap.h"
#include "test_support.h"
#include "tiny_run.h"
#include "train/run_config.h"
#include "train/trainer.h"
#include "util/error.h"

namespace lt {
namespace {

RunConfig tiny(const std::string& method) {
  return test::tiny_run(method);
}

class TrainerTest : public ::testing::TestWithParam<std::string> {};

TEST_P(TrainerTest, LowersTheLossOfEveryMethod) {
  test::TempDir dir;
  RunConfig c = tiny(GetParam());
  const RunResult r = train(c, dir.file("run"));
  ASSERT_EQ(r.status, "finished") << r.message;
  ASSERT_EQ(r.history.size(), 3u);
  EXPECT_LT(r.history.back().loss, r.history.front().loss) << GetParam();
  for (const auto& m : r.history) EXPECT_TRUE(std::isfinite(m.loss));
  EXPECT_TRUE(std::filesystem::exists(dir.file("run/checkpoint.pt")));
  EXPECT_TRUE(std::filesystem::exists(dir.file("run/variant.json")));
}

INSTANTIATE_TEST_SUITE_P(Methods, TrainerTest,
                         ::testing::Values("simsiam", "simclr", "moco", "byol", "sdclr", "bcl",
                                           "supervised"));

TEST(Trainer, ResumeEqualsAnUnbrokenRun) {
  test::TempDir dir;
  RunConfig c = tiny("moco");  // the method with the most state: queue and key encoder
  c.epochs = 4;
  const RunResult straight = train(c, dir.file("straight"));
  ASSERT_EQ(straight.status, "finished");
  // The same run, stopped after epoch 2 and resumed.
  int64_t epochs_seen = 0;
  const RunResult half = train(c, dir.file("broken"), [&](const TrainProgress& p) {
    if (p.finished_epoch) ++epochs_seen;
    return epochs_seen < 2;
  });
  ASSERT_EQ(half.status, "cancelled");
  EXPECT_EQ(half.epochs_done, 2);
  const RunResult resumed = resume(dir.file("broken"));
  ASSERT_EQ(resumed.status, "finished") << resumed.message;
  ASSERT_EQ(resumed.history.size(), 4u);
  for (size_t e = 0; e < 4; ++e) {
    EXPECT_NEAR(resumed.history[e].loss, straight.history[e].loss, 1e-5) << "epoch " << e + 1;
  }
}

TEST(Trainer, StopsMidEpochAndResumesFromTheLastCheckpoint) {
  test::TempDir dir;
  RunConfig c = tiny("simsiam");
  const RunResult stopped = train(c, dir.file("run"), [](const TrainProgress& p) {
    return !(p.epoch == 2 && p.step >= 1 && p.finished_epoch == nullptr);
  });
  EXPECT_EQ(stopped.status, "cancelled");
  EXPECT_EQ(stopped.epochs_done, 1);
  const RunResult resumed = resume(dir.file("run"), /*epochs=*/5);
  EXPECT_EQ(resumed.status, "finished");
  EXPECT_EQ(resumed.epochs_done, 5);
  EXPECT_EQ(resumed.history.size(), 5u);
}

TEST(Trainer, ARunIsBitwiseTheSameAloneOrBesideAnotherRunOfTheProcess) {
  // Both on one torch thread: a GUI training job beside a sweep worker, say.
  test::TempDir dir;
  RunConfig c = tiny("simsiam");
  c.epochs = 2;
  const RunResult alone = train(c, dir.file("alone"));
  ASSERT_EQ(alone.status, "finished");
  RunConfig other = tiny("moco");
  other.seed = 11;
  other.epochs = 2;
  RunResult beside, neighbour;
  std::thread a([&] { beside = train(c, dir.file("beside")); });
  std::thread b([&] { neighbour = train(other, dir.file("neighbour")); });
  a.join();
  b.join();
  ASSERT_EQ(beside.status, "finished");
  ASSERT_EQ(neighbour.status, "finished");
  ASSERT_EQ(beside.history.size(), alone.history.size());
  for (size_t e = 0; e < alone.history.size(); ++e) {
    EXPECT_EQ(beside.history[e].loss, alone.history[e].loss) << "epoch " << e + 1;
  }
}

TEST(Trainer, ADamagedRunJsonIsRepairedAndSaysWhatWasLost) {
  test::TempDir dir;
  RunConfig c = tiny("simsiam");
  c.epochs = 2;
  int64_t seen = 0;
  train(c, dir.file("run"), [&](const TrainProgress& p) {
    if (p.finished_epoch) ++seen;
    return seen < 1;
  });
  test::write_text(dir.file("run/run.json"), "{\"run_id\": \"run\", \"crea");
  const RunResult resumed = resume(dir.file("run"));
  ASSERT_EQ(resumed.status, "finished") << resumed.message;
  const auto info = nlohmann::json::parse(std::ifstream(dir.file("run/run.json")));
  ASSERT_TRUE(info.contains("repaired")) << info.dump();
  EXPECT_NE(info["repaired"].get<std::string>().find("config.json"), std::string::npos);
  EXPECT_TRUE(info.contains("created"));
}

TEST(Trainer, ADivergingRunStopsAndNamesTheStep) {
  test::TempDir dir;
  RunConfig c = tiny("supervised");
  c.lr = 1e12;
  const RunResult r = train(c, dir.file("run"));
  EXPECT_EQ(r.status, "diverged");
  EXPECT_NE(r.message.find("at step"), std::string::npos) << r.message;
  EXPECT_NE(r.message.find("Lower lr"), std::string::npos) << r.message;
}

TEST(Trainer, RefusesNonsenseBeforeTraining) {
  test::TempDir dir;
  RunConfig c = tiny("barlow");
  EXPECT_LT_ERROR(train(c, dir.file("a")), ErrorKind::kSetting, "barlow");
  c = tiny("simsiam");
  c.lr = 0;
  EXPECT_LT_ERROR(train(c, dir.file("b")), ErrorKind::kSetting, "lr");
  c = tiny("simsiam");
  c.batch_size = 100000;
  EXPECT_LT_ERROR(train(c, dir.file("c")), ErrorKind::kSetting, "batch_size");
  c = tiny("simsiam");
  c.encoder.arch = "vgg";
  EXPECT_LT_ERROR(train(c, dir.file("d")), ErrorKind::kSetting, "vgg");
  EXPECT_FALSE(std::filesystem::exists(dir.file("b")));
  EXPECT_LT_ERROR(resume(dir.file("nothing")), ErrorKind::kIo, "not a run directory");
}

TEST(Trainer, TheKnnMonitorBeatsChanceAfterTraining) {
  test::TempDir dir;
  RunConfig c = tiny("supervised");
  c.knn_every = 1;
  c.knn_bank_per_class = 30;
  c.knn_queries = 200;
  c.knn_k = 10;
  c.epochs = 2;
  const RunResult r = train(c, dir.file("run"));
  ASSERT_EQ(r.status, "finished");
  EXPECT_GT(r.history.back().knn_accuracy, 0.3);  // 10 classes: chance is 0.1
}

TEST(GeneralizationGap, SplitsFrequentFromRareClassesAndIsFinite) {
  test::TempDir dir;
  RunConfig c = tiny("simsiam");
  c.epochs = 1;
  ASSERT_EQ(train(c, dir.file("run")).status, "finished");
  const GeneralizationGap g =
      generalization_gap(dir.file("run"), /*passes=*/1, /*seed=*/0, "cpu", /*threads=*/1);
  EXPECT_EQ(g.frequent_classes.size(), 5u);
  EXPECT_EQ(g.rare_classes.size(), 5u);
  const Variant v = load_variant(dir.file("run/variant.json"));
  for (int64_t f : g.frequent_classes) {
    for (int64_t r : g.rare_classes) EXPECT_GE(v.counts[f], v.counts[r]);
  }
  for (double x : {g.frequent, g.rare, g.train_frequent, g.heldout_rare}) {
    EXPECT_TRUE(std::isfinite(x));
  }
  EXPECT_NEAR(g.rare, g.heldout_rare - g.train_rare, 1e-12);
  EXPECT_LT_ERROR(generalization_gap(dir.file("run"), 0), ErrorKind::kSetting, "--passes");
}

TEST(GeneralizationGap, ABalancedTwinGroupsClassesByItsVariantsRanking) {
  // A shuffled class order: the twin's equal counts would rank classes 0-4 frequent; the
  // imbalanced variant's ranking says which ones are.
  test::TempDir dir;
  RunConfig c = tiny("simsiam");
  c.epochs = 1;
  c.design.order = ClassOrder::kShuffled;
  c.design.seed = 11;
  c.twin = true;
  ASSERT_EQ(train(c, dir.file("twin")).status, "finished");
  const GeneralizationGap g =
      generalization_gap(dir.file("twin"), /*passes=*/1, /*seed=*/0, "cpu", /*threads=*/1, 20);
  std::vector<int64_t> ranking = class_ranking(c.design, 10);
  std::vector<int64_t> frequent(ranking.begin(), ranking.begin() + 5);
  ASSERT_NE(frequent, (std::vector<int64_t>{0, 1, 2, 3, 4}));  // the test means something
  EXPECT_EQ(g.frequent_classes, frequent);
  EXPECT_EQ(g.rare_classes, std::vector<int64_t>(ranking.begin() + 5, ranking.end()));
}

}  // namespace
}  // namespace lt
