// The follow-up methods as scripts reach them: `train --method byol|sdclr|bcl` and the cosine
// temperature of simclr and moco run on the smoke preset, mistakes exit 2 with one line, the
// methods-fmnist plan lists every method, and the ImageNet-LT preset wants its source.
#include <cmath>
#include <nlohmann/json.hpp>

#include "cli_run.h"
#include "test_support.h"

namespace {

using lt::test::CliResult;

CliResult run(const std::string& args) {
  return lt::test::run_cli(args);
}

int lines(const std::string& text) {
  return int(std::count(text.begin(), text.end(), '\n'));
}

TEST(MethodsCli, EveryNewMethodTrainsOnTheSmokePreset) {
  lt::test::TempDir dir;
  for (const std::string method :
       {"byol", "sdclr", "bcl", "simclr --temperature-schedule cosine",
        "moco --temperature-schedule cosine --temperature-min 0.05 --temperature-max 0.5"}) {
    // 14 steps cross the first epoch's end (about 740 images, 11 batches of 64): SDCLR prunes
    // again and BCL's memory starts to boost the views.
    const CliResult r = run("train --method " + method +
                            " --preset smoke --iterations 14 --threads 1 --knn-every 0 --json "
                            "--store none --out " +
                            dir.file("runs") + " --name r" + std::to_string(method.size()));
    ASSERT_EQ(r.status, 0) << method << ": " << r.err;
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["status"], "finished") << method;
    ASSERT_TRUE(j["final_loss"].is_number()) << method;
    EXPECT_TRUE(std::isfinite(j["final_loss"].get<double>())) << method;
  }
}

TEST(MethodsCli, MistakesExitTwoWithOneLine) {
  for (const std::string args :
       {"train --method simsiam --temperature-schedule cosine",
        "train --method byol "
        "--temperature-schedule cosine",
        "train --method simclr --temperature-schedule linear",
        "train --method simclr --temperature-schedule cosine --temperature-min 2",
        "train --preset imagenet-lt", "quick --ssl-method supervised --print-plan"}) {
    const CliResult r = run(args + " --out /tmp/longtail-never");
    EXPECT_EQ(r.status, 2) << args << ": " << r.err;
    EXPECT_EQ(lines(r.err), 1) << args << ": " << r.err;
  }
}

TEST(MethodsCli, TheConfigCarriesTheScheduleAndImagenetLtScalesItsLr) {
  CliResult r =
      run("train --method simclr --temperature-schedule cosine --temperature-period 3 "
          "--print-config");
  ASSERT_EQ(r.status, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["temperature_schedule"]["kind"], "cosine");
  EXPECT_EQ(j["temperature_schedule"]["period_epochs"], 3.0);
  r =
      run("train --preset imagenet-lt --source list:/data/ImageNet_LT_train.txt@/data/imagenet "
          "--batch 512 --print-config");
  ASSERT_EQ(r.status, 0) << r.err;
  j = nlohmann::json::parse(r.out);
  EXPECT_NEAR(j["lr"].get<double>(), 0.06, 1e-12);  // 0.015 per 128
  EXPECT_EQ(j["model"], "resnet50");
  EXPECT_EQ(j["cifar_stem"], false);
  EXPECT_EQ(j["moco_queue"], 65536);
}

TEST(MethodsCli, TheMethodsPlanListsEveryMethodWithItsTwinAndThreeSeeds) {
  const CliResult r = run("sweep run --preset methods-fmnist --print-plan");
  ASSERT_EQ(r.status, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  const std::vector<std::string> methods = j["methods"];
  for (const std::string m : {"simsiam", "simclr", "moco", "byol", "sdclr", "bcl", "supervised"}) {
    EXPECT_NE(std::find(methods.begin(), methods.end(), m), methods.end()) << m;
  }
  EXPECT_EQ(j["ratios"], nlohmann::json::array({0.01}));
  EXPECT_EQ(j["samples"].size(), 1u);
  EXPECT_EQ(j["seeds"].size(), 3u);
}

}  // namespace
