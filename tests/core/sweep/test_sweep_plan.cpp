// Sweep plans as a user writes them: the paper's grid expands into its 20 variants and 40 runs,
// every imbalanced variant with a twin of the same n shared by every method and seed, ids that
// follow the content, a JSON round trip, errors that name the field, and a time estimate made
// without reading any data.
#include "sweep/sweep_plan.h"

#include <algorithm>
#include <map>
#include <set>

#include "methods/method_list.h"
#include "sweep/sweep_estimate.h"
#include "test_support.h"
#include "util/error.h"

namespace {

using lt::SweepExpansion;
using lt::SweepPlan;

const lt::SweepVariantSpec* variant(const SweepExpansion& x, const std::string& id) {
  for (const auto& v : x.variants) {
    if (v.id == id) return &v;
  }
  return nullptr;
}

TEST(SweepPlan, ThePaperGridExpandsIntoTwentyVariantsAndFortyRuns) {
  const SweepExpansion x = lt::expand(lt::preset_plan("paper-cifar10"));
  EXPECT_EQ(x.variants.size(), 20u);
  EXPECT_EQ(x.runs.size(), 40u);
  // 3 probe seeds in domain; CIFAR-10 has no default OOD target, and the plan says so.
  EXPECT_EQ(x.probes.size(), 3u);
  EXPECT_NE(x.ood_note.find("stl10"), std::string::npos) << x.ood_note;

  // The paper's sizes of CIFAR-10-LT, known without reading CIFAR-10.
  EXPECT_EQ(variant(x, "exp-r0.1-s1-imb")->expected_images, 20431);
  EXPECT_EQ(variant(x, "exp-r0.01-s1-imb")->expected_images, 12406);

  std::set<std::string> keys;
  std::map<std::string, std::set<std::string>> methods_of_variant;
  for (const auto& run : x.runs) {
    EXPECT_TRUE(keys.insert(run.key).second) << "a key twice: " << run.key;
    const auto* v = variant(x, run.variant);
    ASSERT_NE(v, nullptr) << run.key;
    EXPECT_EQ(v->balanced_twin, run.balanced);
    EXPECT_EQ(run.config.encoder.arch, "resnet18");
    EXPECT_EQ(run.config.epochs, 800);
    EXPECT_EQ(run.config.design.ratio, v->ratio);
    EXPECT_EQ(run.config.design.sample, v->sample);
    EXPECT_FALSE(run.config.twin) << "the variant file is the twin already";
    methods_of_variant[run.variant].insert(run.method);
  }
  // Every variant is built once and shared by both methods; every imbalanced variant has a
  // balanced twin of the same n.
  EXPECT_EQ(methods_of_variant.size(), 20u);
  for (const auto& [id, methods] : methods_of_variant) {
    EXPECT_EQ(methods, (std::set<std::string>{"simsiam", "supervised"})) << id;
  }
  int twins = 0;
  for (const auto& v : x.variants) {
    if (!v.balanced_twin) continue;
    ++twins;
    const auto* base = variant(x, v.twin_of);
    ASSERT_NE(base, nullptr) << v.id;
    EXPECT_FALSE(base->balanced_twin);
    EXPECT_EQ(base->expected_images, v.expected_images);
    EXPECT_EQ(base->ratio, v.ratio);
    EXPECT_EQ(base->sample, v.sample);
  }
  EXPECT_EQ(twins, 10);
}

TEST(SweepPlan, PairsStayTogetherAndMoreSeedsMultiplyOnlyTheRuns) {
  SweepPlan plan = lt::preset_plan("fmnist-quick");
  plan.seeds = {0, 1, 2};
  const SweepExpansion x = lt::expand(plan);
  EXPECT_EQ(x.variants.size(), 8u);  // variants do not depend on the pre-training seed
  EXPECT_EQ(x.runs.size(), 8u * 2 * 3);
  // An imbalanced run is followed by its twin: the pair finishes together, and its gap with it.
  for (size_t i = 0; i + 1 < x.runs.size(); i += 2) {
    EXPECT_FALSE(x.runs[i].balanced);
    EXPECT_TRUE(x.runs[i + 1].balanced);
    EXPECT_EQ(x.runs[i].method, x.runs[i + 1].method);
    EXPECT_EQ(x.runs[i].seed, x.runs[i + 1].seed);
    EXPECT_EQ(variant(x, x.runs[i + 1].variant)->twin_of, x.runs[i].variant);
  }
  // Digits is Fashion-MNIST's default OOD target: 3 probe seeds on each side.
  ASSERT_EQ(x.probes.size(), 6u);
  EXPECT_EQ(x.probes[3].probe, "ood");
  EXPECT_EQ(x.probes[3].target, "digits");
  EXPECT_EQ(x.probes[5].options.seed, 2u);
}

TEST(SweepPlan, IdsFollowTheContentNotTheLabels) {
  const SweepPlan plan = lt::preset_plan("fmnist-quick");
  const std::string id = lt::expand(plan).sweep_id;
  EXPECT_EQ(id.rfind("fmnist-quick-", 0), 0u) << id;
  EXPECT_EQ(lt::expand(plan).sweep_id, id) << "the same plan names the same sweep";

  SweepPlan longer = plan;
  longer.pretrain.epochs += 1;
  EXPECT_NE(lt::expand(longer).sweep_id, id);
  SweepPlan relabelled = plan;
  relabelled.pretrain_preset_name = "smoke";
  EXPECT_EQ(lt::expand(relabelled).sweep_id, id) << "a label changes no run";
}

TEST(SweepPlan, JsonRoundTripKeepsEveryField) {
  SweepPlan plan = lt::preset_plan("fmnist-quick");
  plan.distribution = lt::Distribution::kStep;
  plan.frequent = 3;
  plan.seeds = {4, 7};
  plan.probe_seeds = {9};
  plan.ood_target = "none";
  plan.pretrain.sam.mode = "rwsam";
  plan.pretrain.sam.start_epoch = 1;  // rwSAM needs a stage 1 (or weights from a run)
  plan.pretrain.augment.flip = false;
  const std::string text = lt::plan_to_json(plan);
  const SweepPlan back = lt::plan_from_json(text, "test");
  EXPECT_EQ(lt::plan_to_json(back), text);
  EXPECT_EQ(lt::expand(back).sweep_id, lt::expand(plan).sweep_id);
  EXPECT_TRUE(lt::expand(back).probes.size() == 1u);
  EXPECT_NE(lt::expand(back).ood_note.find("none"), std::string::npos);
}

TEST(SweepPlan, AShortPlanTakesItsPresetsDefaults) {
  const SweepPlan plan = lt::plan_from_json(
      R"({"name": "mine", "ratios": [0.05], "samples": [0.5, 0.25],
          "pretrain": {"preset": "smoke", "sam": {"rho": 0.1}},
          "probe": {"preset": "fast", "seeds": [0, 1]}})",
      "mine.json");
  EXPECT_EQ(plan.pretrain.epochs, lt::preset_config("smoke").epochs);
  EXPECT_EQ(plan.pretrain.sam.rho, 0.1);
  EXPECT_EQ(plan.pretrain.sam.mode, lt::preset_config("smoke").sam.mode)
      << "a nested object is merged field by field";
  EXPECT_EQ(plan.probe.lr, lt::probe_preset("fast").lr);
  const auto x = lt::expand(plan);
  EXPECT_EQ(x.variants.size(), 4u);
  EXPECT_EQ(x.runs.size(), 8u);
}

TEST(SweepPlan, RefusesMistakesNamingTheField) {
  const auto refuses = [](const std::string& text, const std::string& needle) {
    EXPECT_LT_ERROR(lt::expand(lt::plan_from_json(text, "p.json")), lt::ErrorKind::kSetting,
                    needle);
  };
  refuses(R"({"ratio": [0.1]})", "\"ratio\"");
  refuses(R"({"pretrain": {"method": "simclr"}})", "pretrain.method");
  refuses(R"({"pretrain": {"threads": 2}})", "--threads");
  refuses(R"({"pretrain": {"epochz": 2}})", "epochz");
  refuses(R"({"probe": {"sedes": [1]}})", "probe.sedes");
  refuses(R"({"ratios": [1.5]})", "ratios");
  refuses(R"({"ratios": []})", "ratios");
  refuses(R"({"samples": [0.5, 0.5]})", "samples");
  refuses(R"({"methods": ["barlow"]})", "barlow");
  refuses(R"({"split": "test"})", "split");
  refuses(R"({"name": "a b"})", "name");
  refuses(R"({"format": "longtail-variant"})", "format");
  EXPECT_LT_ERROR(lt::preset_plan("paper-imagenet"), lt::ErrorKind::kSetting, "fmnist-quick");
  EXPECT_LT_ERROR(lt::load_plan("/no/such/plan.json"), lt::ErrorKind::kIo, "--print-plan");
}

TEST(SweepPlan, TheTestsTinyPlanIsSmall) {
  const SweepPlan plan =
      lt::load_plan(std::string(LONGTAIL_SOURCE_DIR) + "/tests/data/sweep-tiny.json");
  const auto x = lt::expand(plan);
  EXPECT_EQ(x.variants.size(), 2u);
  EXPECT_EQ(x.runs.size(), 4u);
  EXPECT_LT(x.variants[0].expected_images, 500);
  for (const auto& run : x.runs) EXPECT_LE(run.config.epochs, 2);
}

TEST(SweepPlan, MethodsFmnistRunsEveryMethodOnOneCellWithItsTwinAndThreeSeeds) {
  const SweepPlan plan = lt::preset_plan("methods-fmnist");
  const auto x = lt::expand(plan);
  ASSERT_EQ(x.variants.size(), 2u);
  EXPECT_EQ(x.variants[0].id, "exp-r0.01-s0.125-imb");
  EXPECT_EQ(x.variants[1].id, "exp-r0.01-s0.125-bal");
  const auto& methods = lt::known_methods();
  EXPECT_GE(methods.size(), 7u);
  EXPECT_EQ(x.runs.size(), methods.size() * 2 * 3);
  std::map<std::string, int> per_method;
  std::map<std::string, int> balanced_per_method;
  for (const auto& run : x.runs) {
    ++per_method[run.method];
    if (run.balanced) ++balanced_per_method[run.method];
    EXPECT_EQ(run.config.method.name, run.method);
    EXPECT_EQ(run.ratio, 0.01);
    EXPECT_EQ(run.sample, 0.125);
  }
  for (const auto& m : methods) {
    EXPECT_EQ(per_method[m.name], 6) << m.name;  // 3 seeds x (imbalanced, twin)
    EXPECT_EQ(balanced_per_method[m.name], 3) << m.name;
  }
  // The fmnist-quick settings, one cell of it: the plan round-trips like any other.
  const SweepPlan quick = lt::preset_plan("fmnist-quick");
  EXPECT_EQ(plan.pretrain.epochs, quick.pretrain.epochs);
  EXPECT_EQ(plan.pretrain.batch_size, quick.pretrain.batch_size);
  EXPECT_EQ(lt::expand(lt::plan_from_json(lt::plan_to_json(plan), "p.json")).sweep_id, x.sweep_id);
  lt::EstimateContext context;
  context.device = "cpu";
  context.cores = 2;
  const auto e = lt::estimate_sweep(x, context);
  EXPECT_EQ(e.runs_counted, int64_t(x.runs.size()));
  EXPECT_LT(e.seconds, 100 * 60) << e.seconds;  // "about an hour on 2 cores"
}

TEST(SweepEstimate, FmnistQuickIsAboutHalfAnHourOnTwoCores) {
  const auto x = lt::expand(lt::preset_plan("fmnist-quick"));
  lt::EstimateContext context;
  context.device = "cpu";
  context.cores = 2;
  const auto e = lt::estimate_sweep(x, context);
  EXPECT_EQ(e.runs_counted, 16);
  EXPECT_GT(e.seconds, 20 * 60);
  EXPECT_LT(e.seconds, 40 * 60);
  EXPECT_NEAR(e.seconds, e.pretrain_seconds + e.monitor_seconds + e.probe_seconds, 1e-6);

  // Measured speeds replace the reference ones; finished runs are not counted.
  context.measured[lt::throughput_key("resnet-small", "simsiam", "cpu", 2)] = 3400;
  context.done.insert(x.runs[0].key);
  const auto faster = lt::estimate_sweep(x, context);
  EXPECT_EQ(faster.runs_counted, 15);
  EXPECT_LT(faster.pretrain_seconds, e.pretrain_seconds / 2);

  // A source whose size is unknown without reading it: its runs are left out, and said so.
  SweepPlan unknown = lt::preset_plan("fmnist-quick");
  unknown.source = "folder:/somewhere";
  const auto u = lt::estimate_sweep(lt::expand(unknown), lt::EstimateContext{});
  EXPECT_EQ(u.runs_unknown_size, 16);
  EXPECT_EQ(u.seconds, 0);
}

TEST(SweepEstimate, ThePaperGridFitsAGpuDayNotACpu) {
  const auto x = lt::expand(lt::preset_plan("paper-cifar10"));
  lt::EstimateContext gpu;
  gpu.device = "cuda";
  const auto e = lt::estimate_sweep(x, gpu);
  EXPECT_GT(e.seconds, 3600);
  EXPECT_LT(e.seconds, 24 * 3600);
  lt::EstimateContext cpu;
  EXPECT_GT(lt::estimate_sweep(x, cpu).seconds, 30 * 24 * 3600.0);
}

}  // namespace
