// Issue 17 as a script meets it: supervised runs train by the standard protocol and say so, the
// official probe, the theorem's regime of the toy model and the main job's presets.
#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "cli_run.h"
#include "test_support.h"

namespace {

using Result = lt::test::CliResult;
using lt::test::slurp;

Result run(const std::string& args) {
  return lt::test::run_cli(args);
}

nlohmann::json config_of(const std::string& args) {
  const Result r = run("train " + args + " --print-config");
  EXPECT_EQ(r.status, 0) << r.err;
  return nlohmann::json::parse(r.out);
}

TEST(FaithfulCli, SupervisedTrainingDefaultsToTheStandardProtocol) {
  const auto sl = config_of("--method supervised");
  EXPECT_EQ(sl["augment"]["protocol"], "standard");
  EXPECT_DOUBLE_EQ(sl["lr"].get<double>(), 0.2);  // 0.1 at batch 128; the cpu preset's is 256
  EXPECT_DOUBLE_EQ(sl["momentum"].get<double>(), 0.9);
  EXPECT_DOUBLE_EQ(sl["weight_decay"].get<double>(), 5e-4);
  EXPECT_DOUBLE_EQ(config_of("--method supervised --batch 128")["lr"].get<double>(), 0.1);
  EXPECT_DOUBLE_EQ(config_of("--method supervised --lr 0.03")["lr"].get<double>(), 0.03);
  EXPECT_EQ(config_of("--method simsiam")["augment"]["protocol"], "ssl");
  EXPECT_EQ(config_of("")["augment"]["protocol"], "ssl");
  // The behaviour before the protocols, by option.
  const auto old = config_of("--method supervised --protocol ssl");
  EXPECT_EQ(old["augment"]["protocol"], "ssl");
  EXPECT_DOUBLE_EQ(old["lr"].get<double>(), 0.05);
  EXPECT_EQ(run("train --method supervised --protocol he --print-config").status, 2);
}

TEST(FaithfulCli, ARunShowsItsProtocolAndTakesTheOfficialProbe) {
  lt::test::TempDir dir;
  const std::string store = " --store " + dir.file("runs.sqlite");
  const Result trained =
      run("train --preset smoke --method supervised --iterations 2 --threads 1 --knn-every 0 "
          "--out " +
          dir.file("runs") + " --name sl --json" + store);
  ASSERT_EQ(trained.status, 0) << trained.err;
  const auto config = nlohmann::json::parse(slurp(dir.file("runs/sl/config.json")));
  EXPECT_EQ(config["augment"]["protocol"], "standard");

  const Result shown = run("runs show sl --json" + store);
  ASSERT_EQ(shown.status, 0) << shown.err;
  EXPECT_EQ(nlohmann::json::parse(shown.out)["protocol"], "standard");
  const Result text = run("runs show sl" + store);
  EXPECT_NE(text.out.find("standard protocol"), std::string::npos) << text.out;
  const Result csv = run("runs export --format csv" + store);
  EXPECT_NE(csv.out.find(",protocol\n"), std::string::npos) << csv.out;
  EXPECT_NE(csv.out.find(",standard\n"), std::string::npos) << csv.out;

  // The official probe: augmented training images every epoch, the final epoch scored.
  const Result eval =
      run("eval --run sl --probe id --probe-preset official --probe-epochs 2 "
          "--train-per-class 20 --test-per-class 10 --threads 1 --json" +
          store);
  ASSERT_EQ(eval.status, 0) << eval.err;
  const double top1 = nlohmann::json::parse(eval.out)["top1"];
  EXPECT_TRUE(top1 >= 0 && top1 <= 1);
  const auto saved = nlohmann::json::parse(slurp(dir.file("runs/sl/eval-id.json")));
  EXPECT_EQ(saved["probe_options"]["train_augment"], true);
  EXPECT_EQ(saved["probe_options"]["batch_size"], 256);
  EXPECT_DOUBLE_EQ(saved["probe_options"]["lr"].get<double>(), 30);
}

TEST(FaithfulCli, TheTheoremPresetSweepsTheTheoremsRegime) {
  const Result r =
      run("theory sweep --preset theorem --d-from 32 --d-to 128 --seeds 1 --probe-test 100 --json");
  ASSERT_EQ(r.status, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["rows"].size(), 3u);
  for (const auto& row : j["rows"]) {
    const double d = row["d"].get<double>();
    EXPECT_NEAR(row["tau"].get<double>(), std::pow(d, 0.2), 1e-9) << row.dump();
    EXPECT_NEAR(row["rho"].get<double>(), std::pow(d, -0.2), 1e-9) << row.dump();
    EXPECT_EQ(row["n1"].get<double>(), d);
    EXPECT_EQ(row["n2"].get<double>(), d);
    EXPECT_EQ(row["n3"], int64_t(std::floor(std::pow(d, 0.2) + 1e-9)));
  }
  EXPECT_EQ(j["settings"]["m"], 3);
  EXPECT_EQ(j["settings"]["preset"], "theorem");
  EXPECT_EQ(run("theory sweep --preset paper --json").status, 2);
}

TEST(FaithfulCli, QuickHasACifarPresetOfThreeSeeds) {
  const Result missing = run("quick --preset cpu-cifar --print-plan");
  EXPECT_EQ(missing.status, 2);
  EXPECT_NE(missing.err.find("--source cifar10:DIR"), std::string::npos) << missing.err;
  const std::string cifar = LONGTAIL_CIFAR_DIR;  // ../shared/data's images, extracted
  const Result plan = run("quick --preset cpu-cifar --source cifar10:" + cifar + " --print-plan");
  ASSERT_EQ(plan.status, 0) << plan.err;
  const auto j = nlohmann::json::parse(plan.out);
  EXPECT_EQ(j["seeds"], 3);
  EXPECT_EQ(j["supervised"]["epochs"], 20);
  EXPECT_EQ(j["supervised"]["augment"]["protocol"], "standard");
  EXPECT_EQ(j["probe"]["preset"], "paper");
  EXPECT_EQ(nlohmann::json::parse(run("quick --preset cpu --print-plan").out)["seeds"], 3);
  EXPECT_EQ(nlohmann::json::parse(run("quick --preset smoke --print-plan").out)["seeds"], 1);
}

}  // namespace
