// The comparison behind the paper's Figures 1 and 2, as a user reads it: means and spreads over
// seeds, the relative gap of seed pairs, and a clear note for every run that could not count.
#include "experiments/comparison.h"

#include <algorithm>
#include <cmath>

#include "data/variant.h"
#include "store/run_store.h"
#include "synthetic_dataset.h"
#include "test_support.h"
#include "train/run_config.h"
#include "train/supervised_protocol.h"

namespace {

using lt::ComparisonInput;

ComparisonInput run(const std::string& id, const std::string& method, bool balanced, int64_t n,
                    int64_t seed, std::map<std::string, double> top1,
                    const std::string& status = "finished") {
  ComparisonInput in;
  in.run_id = id;
  in.status = status;
  in.method = method;
  in.source = "fashion-mnist";
  in.distribution = "exp";
  in.ratio = 0.01;
  in.balanced = balanced;
  in.n = n;
  in.seed = seed;
  in.top1 = std::move(top1);
  return in;
}

const lt::ComparisonCell* find_cell(const lt::Comparison& c, const std::string& method,
                                    bool balanced, int64_t n) {
  for (const auto& cell : c.cells) {
    if (cell.method == method && cell.balanced == balanced && cell.n == n) return &cell;
  }
  return nullptr;
}

bool mentions(const std::vector<std::string>& lines, const std::string& needle) {
  return std::any_of(lines.begin(), lines.end(), [&](const std::string& line) {
    return line.find(needle) != std::string::npos;
  });
}

// Balanced 80 % and 82 %, imbalanced 76 % and 78 % over seeds 1 and 2.
std::vector<ComparisonInput> two_seed_pair() {
  return {run("bal-1", "simsiam", true, 5000, 1, {{"id", 0.80}}),
          run("bal-2", "simsiam", true, 5000, 2, {{"id", 0.82}}),
          run("imb-1", "simsiam", false, 5000, 1, {{"id", 0.76}}),
          run("imb-2", "simsiam", false, 5000, 2, {{"id", 0.78}})};
}

TEST(Comparison, AveragesSeedsAndGivesTheirSampleSpread) {
  const auto c = lt::compare_runs(two_seed_pair(), "id");
  ASSERT_EQ(c.cells.size(), 2u);
  const auto* bal = find_cell(c, "simsiam", true, 5000);
  const auto* imb = find_cell(c, "simsiam", false, 5000);
  ASSERT_TRUE(bal && imb);
  EXPECT_NEAR(bal->mean, 0.81, 1e-12);
  EXPECT_NEAR(imb->mean, 0.77, 1e-12);
  EXPECT_NEAR(bal->spread, 0.02 / std::sqrt(2.0), 1e-12);  // sample std of 0.80 and 0.82
  EXPECT_NEAR(imb->spread, 0.02 / std::sqrt(2.0), 1e-12);
  EXPECT_EQ(bal->seeds, (std::vector<int64_t>{1, 2}));
  EXPECT_EQ(bal->run_ids, (std::vector<std::string>{"bal-1", "bal-2"}));
  EXPECT_DOUBLE_EQ(bal->ratio, 0.01);
  EXPECT_EQ(bal->probe, "id");
  // Imbalanced before balanced, so a legend reads the same in every figure.
  EXPECT_FALSE(c.cells[0].balanced);
  EXPECT_TRUE(c.skipped.empty());
}

TEST(Comparison, GivesTheRelativeGapOfSeedPairs) {
  const auto c = lt::compare_runs(two_seed_pair(), "id");
  ASSERT_EQ(c.gaps.size(), 1u);
  const auto& g = c.gaps[0];
  EXPECT_EQ(g.method, "simsiam");
  EXPECT_EQ(g.n, 5000);
  EXPECT_NEAR(g.gap.mean, (0.81 - 0.77) / 0.81, 1e-12);  // Delta of the mean accuracies
  ASSERT_EQ(g.gap.per_seed.size(), 2u);
  EXPECT_NEAR(g.gap.per_seed[0], 0.04 / 0.80, 1e-12);
  EXPECT_NEAR(g.gap.per_seed[1], 0.04 / 0.82, 1e-12);
  EXPECT_NEAR(g.gap.spread, (0.04 / 0.80 - 0.04 / 0.82) / std::sqrt(2.0), 1e-12);
  EXPECT_EQ(g.seeds, (std::vector<int64_t>{1, 2}));
}

TEST(Comparison, OneSeedHasNoSpread) {
  const auto c = lt::compare_runs({run("b", "supervised", true, 100, 0, {{"ood", 0.5}}),
                                   run("i", "supervised", false, 100, 0, {{"ood", 0.4}})},
                                  "ood");
  ASSERT_EQ(c.cells.size(), 2u);
  EXPECT_EQ(c.cells[0].spread, 0);
  ASSERT_EQ(c.gaps.size(), 1u);
  EXPECT_NEAR(c.gaps[0].gap.mean, 0.2, 1e-12);
  EXPECT_EQ(c.gaps[0].gap.spread, 0);
}

TEST(Comparison, LeavesOutUnfinishedAndUnevaluatedRunsAndSaysWhy) {
  auto runs = two_seed_pair();
  runs.push_back(run("still-going", "simsiam", true, 5000, 3, {{"id", 0.9}}, "running"));
  runs.push_back(run("diverged", "simsiam", false, 5000, 3, {{"id", 0.1}}, "diverged"));
  runs.push_back(run("no-eval", "simsiam", true, 5000, 4, {}));
  runs.push_back(run("ood-only", "simsiam", true, 5000, 5, {{"ood", 0.7}}));
  auto bad = run("broken", "simsiam", true, 5000, 6, {{"id", 0.7}});
  bad.unusable = "its design cannot be read";
  runs.push_back(bad);

  const auto c = lt::compare_runs(runs, "id");
  const auto* bal = find_cell(c, "simsiam", true, 5000);
  ASSERT_TRUE(bal);
  EXPECT_EQ(bal->per_seed.size(), 2u);  // only bal-1 and bal-2
  EXPECT_NEAR(bal->mean, 0.81, 1e-12);
  ASSERT_EQ(c.gaps.size(), 1u);
  EXPECT_NEAR(c.gaps[0].gap.mean, (0.81 - 0.77) / 0.81, 1e-12);
  EXPECT_TRUE(mentions(c.skipped, "still-going"));
  EXPECT_TRUE(mentions(c.skipped, "not finished (running)"));
  EXPECT_TRUE(mentions(c.skipped, "diverged"));
  EXPECT_TRUE(mentions(c.skipped, "no-eval"));
  EXPECT_TRUE(mentions(c.skipped, "no id evaluation"));
  EXPECT_TRUE(mentions(c.skipped, "ood-only"));
  EXPECT_TRUE(mentions(c.skipped, "broken: its design cannot be read"));
  EXPECT_EQ(c.skipped.size(), 5u);
}

TEST(Comparison, ReportsASeedThatHasNoPartner) {
  auto runs = two_seed_pair();
  runs.push_back(run("imb-3", "simsiam", false, 5000, 3, {{"id", 0.50}}));
  const auto c = lt::compare_runs(runs, "id");
  // The lone seed still counts in its own cell...
  const auto* imb = find_cell(c, "simsiam", false, 5000);
  ASSERT_TRUE(imb);
  EXPECT_EQ(imb->per_seed.size(), 3u);
  // ...but the gap pairs seeds 1 and 2 only, and says so.
  ASSERT_EQ(c.gaps.size(), 1u);
  EXPECT_EQ(c.gaps[0].seeds, (std::vector<int64_t>{1, 2}));
  EXPECT_NEAR(c.gaps[0].gap.mean, (0.81 - 0.77) / 0.81, 1e-12);
  ASSERT_EQ(c.skipped.size(), 1u);
  EXPECT_NE(c.skipped[0].find("imb-3"), std::string::npos) << c.skipped[0];
  EXPECT_NE(c.skipped[0].find("seed 3"), std::string::npos) << c.skipped[0];
}

TEST(Comparison, AVariantWithoutItsTwinHasNoGap) {
  const auto c = lt::compare_runs({run("i", "simclr", false, 100, 0, {{"id", 0.4}})}, "id");
  EXPECT_EQ(c.cells.size(), 1u);
  EXPECT_TRUE(c.gaps.empty());
  EXPECT_TRUE(mentions(c.skipped, "no balanced twin"));
}

TEST(Comparison, KeepsSettingsMethodsAndSizesApart) {
  std::vector<ComparisonInput> runs = {
      run("a", "simsiam", false, 1000, 0, {{"id", 0.6}}),
      run("b", "simsiam", false, 2000, 0, {{"id", 0.7}}),
      run("c", "supervised", false, 1000, 0, {{"id", 0.5}}),
      run("d", "simsiam", false, 1000, 0, {{"id", 0.3}}),
  };
  runs[3].ratio = 0.1;
  // 0.01 as another program prints it still falls into the 0.01 group.
  runs[1].ratio = 0.0100000000001;
  const auto c = lt::compare_runs(runs, "id");
  ASSERT_EQ(c.cells.size(), 4u);
  EXPECT_EQ(c.cells[0].method, "simsiam");
  EXPECT_EQ(c.cells[3].method, "supervised");
  EXPECT_DOUBLE_EQ(find_cell(c, "simsiam", false, 2000)->ratio, 0.01);
}

TEST(Comparison, RunsOfOneSettingAndSeedCountOnce) {
  auto runs = two_seed_pair();
  runs.push_back(run("bal-1-again", "simsiam", true, 5000, 1, {{"id", 0.1}}));
  const auto c = lt::compare_runs(runs, "id");
  EXPECT_NEAR(find_cell(c, "simsiam", true, 5000)->mean, 0.81, 1e-12);
  EXPECT_TRUE(mentions(c.skipped, "bal-1-again"));
}

TEST(Comparison, NamesSupervisedAsTheBaseline) {
  EXPECT_TRUE(lt::is_supervised("supervised"));
  EXPECT_FALSE(lt::is_supervised("simsiam"));
  EXPECT_EQ(lt::learning_kind("supervised"), "SL");
  EXPECT_EQ(lt::learning_kind("moco"), "SSL");
  EXPECT_DOUBLE_EQ(lt::rounded_ratio(1.0 / 256), 0.003906);
  EXPECT_EQ(lt::evaluation_keys(
                {run("x", "simsiam", true, 1, 0, {{"ood-finetune", 1}, {"ood", 1}, {"id", 1}})}),
            (std::vector<std::string>{"id", "ood", "ood-finetune"}));
}

// A store as the CLI leaves it, read back through the comparison.
TEST(Comparison, ReadsRunsAndEvaluationsFromTheStore) {
  lt::test::TempDir dir;
  lt::RunStore store(dir.file("runs.sqlite"));
  auto record = [&](const std::string& name, bool twin, int64_t seed, double id_top1,
                    const std::string& status) {
    lt::RunConfig config;
    config.source = "fashion-mnist";
    config.design.ratio = 0.1;
    config.twin = twin;
    config.method.name = "simsiam";
    config.seed = uint64_t(seed);
    lt::RunStore::RunSnapshot snap;
    snap.run.dir = dir.file(name);
    snap.run.status = status;
    snap.run.method = "simsiam";
    snap.run.source = "fashion-mnist";
    snap.run.balanced_twin = twin;
    snap.run.seed = seed;
    snap.run.total_images = 20000;
    snap.run.config_json = lt::config_to_json(config);
    snap.run.created = "2026-11-25T10:00:0" + std::to_string(seed) + "Z";
    if (id_top1 > 0) snap.evaluations.push_back({"id", "fashion-mnist", id_top1, "{}", ""});
    return store.record(snap);
  };
  record("bal-0", true, 0, 0.80, "finished");
  record("bal-1", true, 1, 0.82, "finished");
  record("imb-0", false, 0, 0.76, "finished");
  record("imb-1", false, 1, 0.78, "finished");
  record("imb-2", false, 2, 0.0, "running");

  const auto inputs = lt::comparison_inputs(store);
  ASSERT_EQ(inputs.size(), 5u);
  for (const auto& in : inputs) {
    EXPECT_TRUE(in.unusable.empty()) << in.unusable;
    EXPECT_EQ(in.method, "simsiam");
    EXPECT_EQ(in.n, 20000);
    EXPECT_DOUBLE_EQ(in.ratio, 0.1);
    EXPECT_EQ(in.distribution, "exp");
  }
  const auto c = lt::compare_runs(inputs, "id");
  ASSERT_EQ(c.cells.size(), 2u);
  EXPECT_NEAR(find_cell(c, "simsiam", true, 20000)->mean, 0.81, 1e-12);
  EXPECT_NEAR(find_cell(c, "simsiam", false, 20000)->mean, 0.77, 1e-12);
  ASSERT_EQ(c.gaps.size(), 1u);
  EXPECT_NEAR(c.gaps[0].gap.mean, (0.81 - 0.77) / 0.81, 1e-12);
  EXPECT_TRUE(mentions(c.skipped, "imb-2"));
  EXPECT_EQ(lt::evaluation_keys(inputs), (std::vector<std::string>{"id"}));
}

// Supervised runs of the standard protocol and of SimSiam's views are two baselines: the store's
// runs keep them apart, and the older protocol's carry its name.
TEST(Comparison, KeepsSupervisedProtocolsApart) {
  lt::test::TempDir dir;
  lt::RunStore store(dir.file("runs.sqlite"));
  auto record = [&](const std::string& name, const std::string& protocol, bool twin, double top1) {
    lt::RunConfig config;
    config.method.name = "supervised";
    config.twin = twin;
    config = lt::with_protocol(config, protocol);
    lt::RunStore::RunSnapshot snap;
    snap.run.dir = dir.file(name);
    snap.run.status = "finished";
    snap.run.method = "supervised";
    snap.run.source = "fashion-mnist";
    snap.run.balanced_twin = twin;
    snap.run.total_images = 1000;
    snap.run.config_json = lt::config_to_json(config);
    snap.evaluations.push_back({"id", "fashion-mnist", top1, "{}", ""});
    store.record(snap);
  };
  record("std-bal", "standard", true, 0.9);
  record("std-imb", "standard", false, 0.8);
  record("ssl-bal", "ssl", true, 0.7);
  record("ssl-imb", "ssl", false, 0.6);
  const auto c = lt::compare_runs(lt::comparison_inputs(store), "id");
  ASSERT_EQ(c.gaps.size(), 2u);
  EXPECT_EQ(c.gaps[0].method, "supervised");
  EXPECT_NEAR(c.gaps[0].gap.mean, (0.9 - 0.8) / 0.9, 1e-12);
  EXPECT_EQ(c.gaps[1].method, "supervised:ssl");
  EXPECT_NEAR(c.gaps[1].gap.mean, (0.7 - 0.6) / 0.7, 1e-12);
  EXPECT_TRUE(lt::is_supervised("supervised:ssl"));
  EXPECT_EQ(lt::learning_kind("supervised:ssl"), "SL");
}

// A run trained on a saved variant (--variant) keeps the default design in its config: its r is
// the variant's, read from the copy the run saved.
TEST(Comparison, TakesTheRatioOfARunOnASavedVariantFromTheVariant) {
  lt::test::TempDir dir;
  lt::DesignSpec spec;
  spec.ratio = 0.25;
  const lt::Variant variant =
      lt::build_variant(lt::test::synthetic_dataset({40, 40, 40, 40}), "synthetic", "train", spec);
  std::filesystem::create_directories(dir.file("run"));
  lt::save_variant(variant, dir.file("run/variant.json"));
  lt::RunConfig config;
  config.variant = "/elsewhere/variant.json";
  lt::RunStore store(dir.file("runs.sqlite"));
  lt::RunStore::RunSnapshot snap;
  snap.run.dir = dir.file("run");
  snap.run.status = "finished";
  snap.run.method = "simsiam";
  snap.run.config_json = lt::config_to_json(config);
  snap.artifacts.emplace_back("variant", dir.file("run/variant.json"));
  store.record(snap);

  const auto inputs = lt::comparison_inputs(store);
  ASSERT_EQ(inputs.size(), 1u);
  EXPECT_TRUE(inputs[0].unusable.empty()) << inputs[0].unusable;
  EXPECT_DOUBLE_EQ(inputs[0].ratio, 0.25);
}

TEST(Comparison, ARunWithAnUnreadableConfigIsNotedNotFatal) {
  lt::test::TempDir dir;
  lt::RunStore store(dir.file("runs.sqlite"));
  lt::RunStore::RunSnapshot snap;
  snap.run.dir = dir.file("odd");
  snap.run.status = "finished";
  snap.run.method = "simsiam";
  snap.run.config_json = "{\"no_such_field\": 1}";
  snap.evaluations.push_back({"id", "fashion-mnist", 0.5, "{}", ""});
  store.record(snap);
  const auto inputs = lt::comparison_inputs(store);
  ASSERT_EQ(inputs.size(), 1u);
  EXPECT_NE(inputs[0].unusable.find("no_such_field"), std::string::npos) << inputs[0].unusable;
  const auto c = lt::compare_runs(inputs, "id");
  EXPECT_TRUE(c.cells.empty());
  EXPECT_TRUE(mentions(c.skipped, "odd"));
}

}  // namespace
