// `longtail gradcam` as a user meets it: the folder it promises, shares in [0, 1], and maps that
// equal pytorch-grad-cam's on torchvision's ResNet-18 loaded with the exported weights.
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli_run.h"
#include "test_support.h"

namespace {

using Result = lt::test::CliResult;
using lt::test::slurp;
namespace fs = std::filesystem;

Result run(const std::string& args) {
  return lt::test::run_cli(args);
}

// A ResNet-18 run of one step: the weights need not be good, only the run's own.
void train(const lt::test::TempDir& dir, const std::string& method) {
  const Result r = run("train --preset smoke --model resnet18 --method " + method +
                       " --iterations 1 --batch 8 --knn-every 0 --threads 2 --store none --out " +
                       dir.file("runs") + " --name " + method);
  ASSERT_EQ(r.status, 0) << r.err;
}

void expect_share(const nlohmann::json& value, const std::string& what) {
  ASSERT_TRUE(value.is_number()) << what;
  EXPECT_GE(value.get<double>(), 0.0) << what;
  EXPECT_LE(value.get<double>(), 1.0) << what;
}

TEST(GradCamCli, MapsMatchPytorchGradCamForSslAndSupervisedRuns) {
  lt::test::TempDir dir;
  train(dir, "simsiam");
  train(dir, "supervised");
  std::vector<std::string> outs;
  for (const std::string method : {"simsiam", "supervised"}) {
    for (const std::string cam : {"gradcam", "gradcam++"}) {
      const std::string out = dir.file(method + "-" + cam);
      const Result r = run("gradcam --run " + dir.file("runs/" + method) +
                           " --data fashion-mnist --split test --images 16 --method " + cam +
                           " --threads 2 --device cpu --json --out " + out);
      ASSERT_EQ(r.status, 0) << r.err;
      const auto printed = nlohmann::json::parse(r.out);
      const auto saved = nlohmann::json::parse(slurp(out + "/masses.json"));
      EXPECT_EQ(printed["method"], cam);
      EXPECT_EQ(printed["target"], method == "supervised" ? "label" : "self");
      EXPECT_EQ(printed["images"], 16);
      EXPECT_EQ(printed["frequent"]["images"], 8);
      EXPECT_EQ(printed["rare"]["images"], 8);
      EXPECT_EQ(printed["frequent"], saved["frequent"]);
      expect_share(saved["frequent"]["right_half_share"], out + " frequent");
      expect_share(saved["rare"]["right_half_share"], out + " rare");
      ASSERT_EQ(saved["per_image"].size(), 16u);
      for (const auto& image : saved["per_image"]) {
        expect_share(image["right_half_share"], out + " image " + image["index"].dump());
        // Frequent images first (labels < 5), then rare ones.
        const bool frequent = &image - &saved["per_image"][0] < 8;
        EXPECT_EQ(image["label"].get<int64_t>() < 5, frequent) << image.dump();
      }
      for (const char* file : {"maps.npy", "input.npy", "labels.npy", "weights.pt"}) {
        EXPECT_TRUE(fs::exists(out + "/" + file)) << out << "/" << file;
      }
      EXPECT_EQ(fs::exists(out + "/targets.npy"), method != "supervised");
#ifdef LONGTAIL_HAVE_OPENCV
      EXPECT_TRUE(fs::exists(out + "/contact-sheet.png"));
      const auto& first = saved["per_image"][0];
      EXPECT_TRUE(
          fs::exists(out + "/cam-" + first["index"].dump() + "-" + first["label"].dump() + ".png"));
#endif
      outs.push_back(out);
    }
  }

  const std::string python = LONGTAIL_PYTHON;
  if (python.empty()) GTEST_SKIP() << "no Python to run pytorch-grad-cam with";
  std::string command = python + " " + LONGTAIL_SOURCE_DIR + "/tests/python/check_gradcam.py";
  for (const auto& out : outs) command += " " + out;
  command += " >" + dir.file("py.out") + " 2>&1";
  const int raw = std::system(command.c_str());
  if (WIFEXITED(raw) && WEXITSTATUS(raw) == 77) {
    GTEST_SKIP() << "no pytorch_grad_cam (scripts/install-deps.sh installs grad-cam==1.5.7): "
                 << slurp(dir.file("py.out"));
  }
  // The script fails above 1e-4; its lines name each folder's largest difference.
  EXPECT_EQ(raw, 0) << slurp(dir.file("py.out"));
  const std::string report = slurp(dir.file("py.out"));
  for (const auto& out : outs) EXPECT_NE(report.find(out + ":"), std::string::npos) << report;
  std::printf("%s", report.c_str());
}

TEST(GradCamCli, ABadRunPathExitsOneNamingIt) {
  lt::test::TempDir dir;
  const Result r = run("gradcam --run " + dir.file("no-such-run") +
                       " --data fashion-mnist --store none --out " + dir.file("out"));
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_NE(r.err.find(dir.file("no-such-run")), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty());
  EXPECT_FALSE(fs::exists(dir.file("out")));
}

TEST(GradCamCli, NonsenseSettingsExitTwo) {
  lt::test::TempDir dir;
  for (const std::string args : std::vector<std::string>{
           "--method scorecam", "--target logits", "--images 0", "--split validation",
           "--frequent-classes -1", "--target probe", "--probe " + dir.file("p.pt")}) {
    const Result r = run("gradcam --run " + dir.file("r") + " --data fashion-mnist --out " +
                         dir.file("out") + " " + args);
    EXPECT_EQ(r.status, 2) << args << ": " << r.err;
    EXPECT_TRUE(r.out.empty()) << args;
  }
}

}  // namespace
