// The main job's verdict never claims more than its seeds hold, and its presets say what runs.
#include <nlohmann/json.hpp>

#include "eval/gap_text.h"
#include "experiments/quick_experiment.h"
#include "test_support.h"
#include "util/error.h"

namespace lt {
namespace {

GapContrast contrast(GapOrder order) {
  GapContrast c;
  c.order = order;
  return c;
}

TEST(QuickVerdict, SaysWithinNoiseWhenTheDeltasDifferByLessThanTheirSpread) {
  const GapContrast noise = contrast(GapOrder::kWithinNoise);
  const GapContrast ssl = contrast(GapOrder::kSslLosesLess);
  const GapContrast sl = contrast(GapOrder::kSlLosesLess);
  EXPECT_EQ(quick_verdict(noise, &noise, 3).rfind("within noise", 0), 0u);
  EXPECT_NE(quick_verdict(ssl, &ssl, 3).find("as the paper claims"), std::string::npos);
  const std::string mixed = quick_verdict(ssl, &noise, 3);
  EXPECT_EQ(mixed.rfind("mixed", 0), 0u);
  EXPECT_NE(mixed.find("out of domain within noise"), std::string::npos) << mixed;
  EXPECT_EQ(quick_verdict(sl, &sl, 3).rfind("not reproduced", 0), 0u);
  // Without an OOD probe (CIFAR-10 has no packaged target) the verdict is the ID one.
  EXPECT_NE(quick_verdict(ssl, nullptr, 3).find("in domain"), std::string::npos);
  // One seed has no spread: the verdict is undecided and claims nothing for the paper.
  const std::string lone = quick_verdict(ssl, &ssl, 1);
  EXPECT_EQ(lone.rfind("undecided: one seed", 0), 0u) << lone;
  EXPECT_EQ(lone.find("as the paper claims"), std::string::npos) << lone;
  EXPECT_NE(lone.find("this seed alone: SSL is more robust"), std::string::npos) << lone;
  EXPECT_EQ(quick_verdict(ssl, &ssl, 3).find("one seed"), std::string::npos);
}

// The one wording of a Delta line, shared by longtail quick and the window.
TEST(GapLine, SaysEachDeltaWithItsSpreadAndWhenTheyAreWithinNoise) {
  EXPECT_EQ(to_string(GapOrder::kWithinNoise), "within noise");
  EXPECT_EQ(to_string(GapOrder::kSslLosesLess), "SSL loses less");
  EXPECT_EQ(to_string(GapOrder::kSlLosesLess), "SL loses less");
  const GapSummary close_ssl = relative_gap({0.8, 0.8, 0.8}, {0.78, 0.76, 0.74});
  const GapSummary close_sl = relative_gap({0.8, 0.8, 0.8}, {0.77, 0.75, 0.76});
  EXPECT_EQ(gap_line("ID", close_ssl, close_sl),
            "Delta ID: SSL +0.0500 +- 0.0250, SL +0.0500 +- 0.0125 -> within noise "
            "(|difference| 0.0000 < combined spread 0.0280)");
  const GapSummary far_sl = relative_gap({0.8, 0.8, 0.8}, {0.6, 0.61, 0.59});
  EXPECT_NE(gap_line("OOD", close_ssl, far_sl).find("-> SSL loses less (|difference|"),
            std::string::npos);
  EXPECT_EQ(gap_line("ID", relative_gap(std::vector<double>{0.8}, std::vector<double>{0.78}),
                     relative_gap(std::vector<double>{0.8}, std::vector<double>{0.6})),
            "Delta ID: SSL +0.0250, SL +0.2500 -> one seed: no spread to tell which loses less");
}

TEST(QuickPlan, RunsThreeSeedsByDefaultAndSmokeOne) {
  QuickOptions o;
  EXPECT_EQ(nlohmann::json::parse(quick_plan_json(o))["seeds"], 3);
  o.preset = "smoke";
  EXPECT_EQ(nlohmann::json::parse(quick_plan_json(o))["seeds"], 1);
  o.seeds = 2;
  EXPECT_EQ(nlohmann::json::parse(quick_plan_json(o))["seeds"], 2);
}

TEST(QuickPlan, SupervisedCellsTrainByTheStandardProtocol) {
  QuickOptions o;
  const auto plan = nlohmann::json::parse(quick_plan_json(o));
  EXPECT_EQ(plan["supervised"]["augment"]["protocol"], "standard");
  EXPECT_DOUBLE_EQ(plan["supervised"]["lr"].get<double>(), 0.2);  // batch 256
  EXPECT_EQ(plan["simsiam"]["augment"]["protocol"], "ssl");
  o.sl_protocol = "ssl";
  EXPECT_EQ(nlohmann::json::parse(quick_plan_json(o))["supervised"]["augment"]["protocol"], "ssl");
  o.sl_protocol = "he";
  EXPECT_LT_ERROR(quick_plan_json(o), ErrorKind::kSetting, "--sl-protocol");
}

TEST(QuickPlan, CpuCifarIsTheIssuesCifarDesign) {
  QuickOptions o;
  o.preset = "cpu-cifar";
  EXPECT_LT_ERROR(quick_plan_json(o), ErrorKind::kSetting, "--source cifar10:DIR");
  o.source = "cifar10:/data/cifar";  // the plan reads no data
  const auto plan = nlohmann::json::parse(quick_plan_json(o));
  EXPECT_EQ(plan["seeds"], 3);
  EXPECT_EQ(plan["source"], "cifar10:/data/cifar");
  EXPECT_TRUE(plan["ood_target"].is_null());
  EXPECT_EQ(plan["probe"]["preset"], "paper");
  const auto& sl = plan["supervised"];
  EXPECT_EQ(sl["epochs"], 20);
  EXPECT_EQ(sl["model"], "resnet-small");
  EXPECT_DOUBLE_EQ(sl["design"]["ratio"].get<double>(), 0.01);
  EXPECT_DOUBLE_EQ(sl["design"]["sample"].get<double>(), 0.5);
  EXPECT_EQ(sl["design"]["distribution"], "exp");
}

}  // namespace
}  // namespace lt
