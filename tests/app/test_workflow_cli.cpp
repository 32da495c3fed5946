// A researcher's own data end to end, as they would do it from a shell: a folder of PNGs through
// the headline (quick), the runs tagged and found again, a report to attach to an email, a
// figure rebuilt from its sidecar by a colleague, and the figure's .tex compiled by pdflatex.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <random>
#include <set>

#include "cli_run.h"
#include "explain/cam_overlay.h"
#include "pdflatex.h"
#include "report/chart_export.h"
#include "test_support.h"

namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;
using lt::test::CliResult;
using lt::test::slurp;

#ifdef LONGTAIL_HAVE_OPENCV
#define SKIP_WITHOUT_OPENCV()
#else
#define SKIP_WITHOUT_OPENCV() GTEST_SKIP() << "built without OpenCV: PNG folders cannot be read"
#endif

CliResult run(const std::string& args) {
  return lt::test::run_cli(args);
}

// DIR/train/<class>/*.png and DIR/test/<class>/*.png, 16 x 16 RGB: each class its own stripes
// (period and colour), with noise, so that a representation has something to learn.
void write_folder_dataset(const std::string& dir, const std::vector<std::string>& classes,
                          int train_per_class, int test_per_class) {
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> noise(-40, 40);
  for (const auto& [split, count] :
       {std::pair{"train", train_per_class}, {"test", test_per_class}}) {
    for (size_t c = 0; c < classes.size(); ++c) {
      const fs::path folder = fs::path(dir) / split / classes[c];
      fs::create_directories(folder);
      for (int i = 0; i < count; ++i) {
        lt::RgbImage image{16, 16, std::vector<uint8_t>(16 * 16 * 3)};
        for (int y = 0; y < 16; ++y) {
          for (int x = 0; x < 16; ++x) {
            const bool on = ((x + i) / int(c + 2)) % 2 == 0;
            for (int k = 0; k < 3; ++k) {
              const int base = on ? (k == int(c % 3) ? 220 : 90) : 30;
              image.pixels[(y * 16 + x) * 3 + k] = uint8_t(std::clamp(base + noise(rng), 0, 255));
            }
          }
        }
        lt::write_png((folder / ("img" + std::to_string(i) + ".png")).string(), image);
      }
    }
  }
}

// DIR/<class>/*.png, no train/ and test/: the layout most folders of images come in.
void write_flat_folder(const std::string& dir, const std::vector<std::string>& classes,
                       int per_class) {
  write_folder_dataset(dir, classes, per_class, 0);
  for (const auto& c : classes) fs::rename(fs::path(dir) / "train" / c, fs::path(dir) / c);
  fs::remove_all(fs::path(dir) / "train");
  fs::remove_all(fs::path(dir) / "test");
}

using lt::test::compiles;
using lt::test::have_pdflatex;

TEST(Workflow, YourFolderThroughQuickThenTagsAReportAndAFigureRebuilt) {
  SKIP_WITHOUT_OPENCV();
  lt::test::TempDir dir;
  const std::string pets = dir.file("pets");
  write_folder_dataset(pets, {"cat", "dog", "fox"}, 40, 10);
  const std::string store = " --store " + dir.file("runs.sqlite");

  // The headline on the folder: four cells, the source named, no OOD target.
  const CliResult quick =
      run("quick --source folder:" + pets +
          " --ood none --dist exp --ratio 0.2 --sample 1 --preset smoke --out " +
          dir.file("quick") + " --threads 2 --json" + store);
  ASSERT_EQ(quick.status, 0) << quick.err;
  const json q = json::parse(quick.out);
  EXPECT_EQ(q["source"], "folder:" + pets);
  EXPECT_EQ(q["ood_target"], "none");
  EXPECT_EQ(q["n"], 40 + 17 + 8);  // exp r = 0.2 over three classes of 40
  ASSERT_EQ(q["cells"].size(), 4u);
  std::set<std::string> cells;
  for (const auto& c : q["cells"]) {
    cells.insert(c["method"].get<std::string>() + "/" + c["variant"].get<std::string>());
    EXPECT_TRUE(fs::exists(fs::path(c["run_dir"].get<std::string>()) / "run.json"));
    EXPECT_GT(c["id_top1"].get<double>(), 0.0);
  }
  EXPECT_EQ(cells, (std::set<std::string>{"simsiam/balanced", "simsiam/imbalanced",
                                          "supervised/balanced", "supervised/imbalanced"}));

  // Tags: the four runs of the headline, and one marked for the paper.
  const json all = json::parse(run("runs list --json" + store).out);
  ASSERT_EQ(all.size(), 4u);
  for (const auto& r : all) {
    const CliResult tagged = run("runs tag " + r["id"].get<std::string>() + " pets" + store);
    ASSERT_EQ(tagged.status, 0) << tagged.err;
  }
  const std::string chosen = all[0]["id"];
  ASSERT_EQ(run("runs tag " + chosen + " for-paper" + store).status, 0);
  ASSERT_EQ(run("runs note " + chosen + " \"the one in Figure 1\"" + store).status, 0);
  const json paper = json::parse(run("runs list --tag for-paper --json" + store).out);
  ASSERT_EQ(paper.size(), 1u);
  EXPECT_EQ(paper[0]["id"], chosen);
  EXPECT_EQ(paper[0]["tags"], json::parse(R"(["for-paper", "pets"])"));
  EXPECT_EQ(paper[0]["note"], "the one in Figure 1");
  EXPECT_EQ(json::parse(run("runs list --tag pets --json" + store).out).size(), 4u);
  EXPECT_EQ(json::parse(run("runs list --tag pets --method supervised --json" + store).out).size(),
            2u);
  EXPECT_EQ(json::parse(run("runs list --tag pets --ratio 0.2 --json" + store).out).size(), 4u);
  EXPECT_EQ(json::parse(run("runs list --tag pets --ratio 0.1 --json" + store).out).size(), 0u);
  ASSERT_EQ(run("runs untag " + chosen + " for-paper" + store).status, 0);
  EXPECT_EQ(json::parse(run("runs list --tag for-paper --json" + store).out).size(), 0u);

  // Provenance: what reproduces the run.
  const json shown = json::parse(run("runs show " + chosen + " --json" + store).out);
  ASSERT_TRUE(shown["provenance"].is_object()) << shown.dump();
  EXPECT_NE(shown["provenance"]["command_line"].get<std::string>().find("quick --source"),
            std::string::npos);
  EXPECT_FALSE(shown["provenance"]["git_commit"].get<std::string>().empty());
  EXPECT_FALSE(shown["provenance"]["libtorch"].get<std::string>().empty());
  EXPECT_FALSE(shown["provenance"]["host"].get<std::string>().empty());

  // The report: figures with sidecars, every number in CSV, a summary, and .tex files.
  const std::string report = dir.file("report");
  const CliResult made = run("report --tag pets --out " + report + store);
  ASSERT_EQ(made.status, 0) << made.err;
  std::map<std::string, int> by_suffix;
  for (const auto& entry : fs::directory_iterator(report)) {
    by_suffix[entry.path().extension().string()]++;
    if (entry.path().extension() == ".svg") {
      const fs::path sidecar = fs::path(report) / (entry.path().stem().string() + ".figure.json");
      EXPECT_TRUE(fs::exists(sidecar)) << sidecar;
      EXPECT_NE(slurp(entry.path().string()).find("<metadata>"), std::string::npos);
    }
  }
  for (const char* suffix : {".svg", ".csv", ".md", ".tex"})
    EXPECT_GE(by_suffix[suffix], 1) << suffix;
  const std::string summary = slurp(report + "/summary.md");
  EXPECT_NE(summary.find("Delta simsiam"), std::string::npos) << summary;
  const json sidecar = json::parse(slurp(report + "/gap-id.figure.json"));
  EXPECT_EQ(sidecar["runs"].size(), 4u);
  EXPECT_EQ(sidecar["evaluation"], "id");

  // A colleague rebuilds the figure from its sidecar: the same numbers, byte for byte.
  const CliResult again =
      run("figure reproduce " + report + "/gap-id.figure.json --out " + dir.file("again") + store);
  ASSERT_EQ(again.status, 0) << again.err;
  EXPECT_EQ(slurp(dir.file("again/gap-id.csv")), slurp(report + "/gap-id.csv"));
  EXPECT_FALSE(slurp(report + "/gap-id.csv").empty());

  // A copied run folder brings its tags into another store; the figure then names what is missing.
  const std::string copy =
      dir.file("copied/" + fs::path(shown["dir"].get<std::string>()).filename().string());
  fs::create_directories(dir.file("copied"));
  fs::copy(shown["dir"].get<std::string>(), copy, fs::copy_options::recursive);
  const std::string other = " --store " + dir.file("other.sqlite");
  ASSERT_EQ(run("runs add " + dir.file("copied") + other).status, 0);
  const json copied = json::parse(run("runs list --tag pets --json" + other).out);
  ASSERT_EQ(copied.size(), 1u);
  EXPECT_EQ(copied[0]["note"], "the one in Figure 1");
  const CliResult lacking =
      run("figure reproduce " + report + "/gap-id.figure.json --out " + dir.file("no") + other);
  EXPECT_EQ(lacking.status, 1);
  EXPECT_NE(lacking.err.find("lacks 3 of the figure's 4 runs"), std::string::npos) << lacking.err;

  if (have_pdflatex())
    EXPECT_TRUE(compiles(report + "/gap-id.tex")) << slurp(report + "/pdflatex.log");
}

// A flat folder of class folders through the headline: --split 0.25 holds out a quarter of
// each class for the probes, seeded, and the four cells pre-train on the rest.
TEST(Workflow, QuickSplitsAFlatFolderIntoTrainAndTest) {
  SKIP_WITHOUT_OPENCV();
  lt::test::TempDir dir;
  const std::string pets = dir.file("pets");
  write_flat_folder(pets, {"cat", "dog", "fox"}, 40);
  const std::string args = "quick --source folder:" + pets +
                           " --ood none --dist exp --ratio 0.2 --sample 1 --preset smoke" +
                           " --store none --threads 2 --json --out " + dir.file("quick");
  const CliResult quick = run(args + " --split 0.25");
  ASSERT_EQ(quick.status, 0) << quick.err;
  const json q = json::parse(quick.out);
  // The split is in the source's spec, so that every run's probe reads the same test images.
  EXPECT_EQ(q["source"], "folder:" + pets + "?test=0.25");
  EXPECT_EQ(q["split"]["train"], 3 * 30);
  EXPECT_EQ(q["split"]["test"], 3 * 10);
  EXPECT_EQ(q["n"], 30 + 13 + 6);  // exp r = 0.2 over three classes of 30
  ASSERT_EQ(q["cells"].size(), 4u);
  std::set<std::string> cells;
  for (const auto& c : q["cells"]) {
    cells.insert(c["method"].get<std::string>() + "/" + c["variant"].get<std::string>());
    EXPECT_GT(c["id_top1"].get<double>(), 0.0);
    const std::string config = slurp(c["run_dir"].get<std::string>() + "/config.json");
    EXPECT_NE(config.find("?test=0.25"), std::string::npos) << config;
  }
  EXPECT_EQ(cells, (std::set<std::string>{"simsiam/balanced", "simsiam/imbalanced",
                                          "supervised/balanced", "supervised/imbalanced"}));

  // Without --split a flat folder holds out 0.2 of each class; --split is for flat folders.
  const json plan = json::parse(run(args + " --print-plan").out);
  EXPECT_EQ(plan["source"], "folder:" + pets);
  const std::string two_level = dir.file("two-level");
  write_folder_dataset(two_level, {"cat", "dog"}, 4, 2);
  const CliResult refused =
      run("quick --source folder:" + two_level + " --split 0.3 --ood none --preset smoke" +
          " --store none --out " + dir.file("no"));
  EXPECT_EQ(refused.status, 2) << refused.err;
  EXPECT_NE(refused.err.find("already holds train/ and test/"), std::string::npos) << refused.err;
}

TEST(Workflow, QuickRefusesAFolderTooSmallForTheDesignAndSuggestsOne) {
  SKIP_WITHOUT_OPENCV();
  lt::test::TempDir dir;
  const std::string pets = dir.file("pets");
  write_folder_dataset(pets, {"cat", "dog", "fox"}, 40, 4);
  const CliResult r =
      run("quick --source folder:" + pets +
          " --ood none --ratio 0.01 --preset smoke --store none --out " + dir.file("quick"));
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(r.out.empty());
  EXPECT_NE(r.err.find("too small for this design"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("fox"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("try --ratio 0.05"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir.file("quick")));  // refused before any pre-training
}

TEST(Workflow, ExportedTexCompilesWithPdflatex) {
  if (!have_pdflatex()) GTEST_SKIP() << "pdflatex is not installed (scripts/install-deps.sh)";
  lt::test::TempDir dir;
  lt::Chart chart;
  chart.name = "accuracy-id";
  chart.title = "Top-1 & 100% of {classes} #1 (r_min ~ 0.01)";
  chart.x_label = "pre-training method";
  chart.y_label = "top-1 accuracy";
  chart.categories = {"simsiam", "supervised"};
  chart.series = {{"long-tailed", {0.61, 0.52}, {0.01, 0.02}}, {"balanced", {0.63, 0.6}, {0, 0}}};
  for (const char* size : {"single", "double"}) {
    const std::string path = dir.file(std::string("figure-") + size + ".tex");
    lt::test::write_text(path, lt::chart_tex(chart, lt::figure_size(size), "a test"));
    EXPECT_TRUE(compiles(path)) << size << ": " << slurp(dir.file("pdflatex.log"));
  }
}

TEST(Workflow, VersionNamesTheBuildItsRunsWillRecord) {
  const CliResult r = run("--version");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out.rfind("longtail 0.1.0\n", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("LibTorch "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("cuDNN "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("compiler "), std::string::npos) << r.out;
}

}  // namespace

// ImageNet-LT's out-of-domain evaluation as the paper's code does it, on a user's folders: every
// data set under --targets-in is fine-tuned in turn, saved under its own name beside the others,
// recorded in the store and comparable with `gap`; a folder without targets says what it wants.
TEST(Workflow, FineGrainedTargetsByFolderAreEachFineTunedAndSavedByName) {
  SKIP_WITHOUT_OPENCV();
  lt::test::TempDir dir;
  const std::string targets = dir.file("fine-grained");
  write_folder_dataset(targets + "/birds", {"finch", "gull", "wren"}, 6, 3);
  write_folder_dataset(targets + "/cars", {"coupe", "van"}, 6, 3);
  fs::create_directories(targets + "/.cache/x");  // hidden: not a target
  fs::create_directories(targets + "/empty");     // holds no folder: not a target
  const std::string store = " --store " + dir.file("runs.sqlite");
  const CliResult trained =
      run("train --preset smoke --iterations 2 --threads 1 --knn-every 0 "
          "--json --out " +
          dir.file("runs") + " --name pre" + store);
  ASSERT_EQ(trained.status, 0) << trained.err;
  const std::string run_dir = dir.file("runs/pre");

  const CliResult r = run("eval --run " + run_dir + " --probe ood --targets-in " + targets +
                          " --mode finetune --finetune-preset fast --threads 1 --json" + store);
  ASSERT_EQ(r.status, 0) << r.err;
  const json j = json::parse(r.out);
  ASSERT_EQ(j["targets"].size(), 2u);
  EXPECT_EQ(j["targets"][0]["name"], "birds");
  EXPECT_EQ(j["targets"][0]["classes"], 3);
  EXPECT_EQ(j["targets"][0]["evaluation"], "ood-finetune@birds");
  EXPECT_EQ(j["targets"][1]["name"], "cars");
  EXPECT_EQ(j["targets"][1]["train_images"], 12);
  EXPECT_EQ(j["targets"][1]["test_images"], 6);
  double sum = 0;
  for (const auto& t : j["targets"]) {
    EXPECT_GE(t["top1"].get<double>(), 0.0);
    EXPECT_LE(t["top1"].get<double>(), 1.0);
    sum += t["top1"].get<double>();
  }
  EXPECT_NEAR(j["mean_top1"].get<double>(), sum / 2, 1e-9);
  for (const std::string name : {"birds", "cars"}) {
    const json saved = json::parse(slurp(run_dir + "/eval-ood-finetune@" + name + ".json"));
    EXPECT_EQ(saved["target_name"], name);
    EXPECT_EQ(saved["finetune_options"]["epochs"], 5);
  }
  EXPECT_FALSE(fs::exists(run_dir + "/eval-ood-finetune.json"));  // the plain OOD one untouched

  // In the store under their names, and comparable run against run.
  const json shown = json::parse(run("runs show pre --json" + store).out);
  std::set<std::string> probes;
  for (const auto& e : shown["evaluations"]) probes.insert(e["probe"].get<std::string>());
  EXPECT_TRUE(probes.count("ood-finetune@birds"));
  EXPECT_TRUE(probes.count("ood-finetune@cars"));
  const CliResult gap = run("gap --balanced " + run_dir + " --imbalanced " + run_dir +
                            " --probe ood-finetune@cars --json" + store);
  ASSERT_EQ(gap.status, 0) << gap.err;
  EXPECT_DOUBLE_EQ(json::parse(gap.out)["delta"].get<double>(), 0.0);
  const CliResult missing =
      run("gap --balanced " + run_dir + " --imbalanced " + run_dir + " --probe ood@owls" + store);
  EXPECT_EQ(missing.status, 1);
  EXPECT_NE(missing.err.find("--targets-in"), std::string::npos) << missing.err;

  // Folders that are not what --targets-in wants.
  fs::create_directories(dir.file("nothing/empty"));
  const CliResult none =
      run("eval --run " + run_dir + " --probe ood --targets-in " + dir.file("nothing") + store);
  EXPECT_EQ(none.status, 2);
  EXPECT_NE(none.err.find("one folder per data set"), std::string::npos) << none.err;
  EXPECT_EQ(run("eval --run " + run_dir + " --probe ood --targets-in " + dir.file("absent") + store)
                .status,
            1);
  EXPECT_EQ(run("eval --run " + run_dir + " --probe id --targets-in " + targets + store).status, 2);
}
