// The CLI as scripts meet it: exit status 0/1/2, one clear line on stderr, and with --json one
// JSON object on stdout and nothing else.
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli_run.h"
#include "test_support.h"

namespace {

using Result = lt::test::CliResult;
using lt::test::slurp;

Result run(const std::string& args) {
  return lt::test::run_cli(args);
}

// The GPU machine's build has no OpenCV: digits.png and JPEG folders cannot be read there.
#ifdef LONGTAIL_HAVE_OPENCV
#define SKIP_WITHOUT_OPENCV()
#else
#define SKIP_WITHOUT_OPENCV() GTEST_SKIP() << "built without OpenCV: digits.png and JPEGs unread"
#endif

int lines(const std::string& text) {
  return int(std::count(text.begin(), text.end(), '\n'));
}

TEST(Cli, ShowsASourceAsJson) {
  const Result r = run("data show fashion-mnist --split test --json");
  ASSERT_EQ(r.status, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["total"], 10000);
  EXPECT_EQ(j["counts"].size(), 10u);
  EXPECT_EQ(j["shape"], nlohmann::json::parse("[1, 28, 28]"));
  EXPECT_EQ(j["classes"][0], "T-shirt/top");
}

TEST(Cli, DesignsAVariantAndItsTwinAndWritesBoth) {
  lt::test::TempDir dir;
  const Result r =
      run("data design --source fashion-mnist --dist step --ratio 0.02 --frequent 3 "
          "--seed 4 --twin --json --out " +
          dir.file("v.json"));
  ASSERT_EQ(r.status, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["total"], 3 * 6000 + 7 * 120);
  EXPECT_DOUBLE_EQ(j["ratio_achieved"].get<double>(), 0.02);
  EXPECT_EQ(j["hash"].get<std::string>().size(), 16u);
  EXPECT_EQ(j["twin"]["total"], j["total"]);
  EXPECT_TRUE(std::filesystem::exists(dir.file("v.json")));
  EXPECT_TRUE(std::filesystem::exists(dir.file("v-twin.json")));
  // The saved variant is a source: showing it gives its counts.
  const Result shown = run("data show " + dir.file("v-twin.json") + " --json");
  ASSERT_EQ(shown.status, 0) << shown.err;
  EXPECT_EQ(nlohmann::json::parse(shown.out)["counts"], j["twin"]["counts"]);
}

TEST(Cli, UsageErrorsExitTwo) {
  for (const std::string args :
       {"--no-such-flag", "", "data design --ratio 0", "data design --ratio 1.5",
        "data design --sample 0", "data design --ratio abc", "data show imagenet",
        "data design --dist zipf"}) {
    const Result r = run(args);
    EXPECT_EQ(r.status, 2) << args << ": " << r.err;
    EXPECT_TRUE(r.out.empty()) << args;
    EXPECT_GE(lines(r.err), 1) << args;
  }
}

TEST(Cli, RuntimeErrorsExitOneWithOneLine) {
  lt::test::TempDir dir;
  lt::test::write_text(dir.file("broken.ltds"), "LTDS\r\n\x1a\nthis is not a cache");
  for (const std::string& args : std::vector<std::string>{
           "data show " + dir.file("broken.ltds"), "data show cifar10:/no/such/folder",
           "data design --max 7000", "data import fashion-mnist --out /no/such/dir/x.ltds"}) {
    const Result r = run(args);
    EXPECT_EQ(r.status, 1) << args << ": " << r.err;
    EXPECT_EQ(lines(r.err), 1) << args << ": " << r.err;
    EXPECT_EQ(r.err.rfind("longtail: error: ", 0), 0u) << r.err;
  }
}

TEST(Cli, ImportsIntoACacheThatLoadsBack) {
  lt::test::TempDir dir;
  const Result r = run("data import fashion-mnist --split test --json --out " + dir.file("t.ltds"));
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["total"], 10000);
  const Result shown = run("data show " + dir.file("t.ltds") + " --json");
  ASSERT_EQ(shown.status, 0) << shown.err;
  EXPECT_EQ(nlohmann::json::parse(shown.out)["total"], 10000);
  EXPECT_EQ(run("data show " + dir.file("t.ltds") + " --split train").status, 2);
}

TEST(Cli, TrainsAndResumesWithTheSummaryScriptsReadOnStdout) {
  lt::test::TempDir dir;
  const Result r =
      run("train --preset smoke --iterations 3 --threads 1 --knn-every 0 --json "
          "--out " +
          dir.file("runs") + " --name first");
  ASSERT_EQ(r.status, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["run_id"], "first");
  EXPECT_EQ(j["run_dir"], dir.file("runs/first"));
  EXPECT_EQ(j["epochs_done"], 1);
  EXPECT_TRUE(j["final_loss"].is_number());
  EXPECT_EQ(j["status"], "finished");
  const Result more = run("train --resume " + dir.file("runs/first") + " --epochs 2 --json");
  ASSERT_EQ(more.status, 0) << more.err;
  const auto k = nlohmann::json::parse(more.out);
  EXPECT_EQ(k["epochs_done"], 2);
  EXPECT_EQ(k["epochs"].size(), 2u);
  // The same name again is refused rather than overwritten.
  EXPECT_EQ(run("train --preset smoke --out " + dir.file("runs") + " --name first").status, 2);
}

// Without --out, runs go beside the run store (as the window's do), never into the folder the
// command was started in: a checkout stays free of untracked runs/ folders.
TEST(Cli, WithoutOutACommandLeavesTheCurrentFolderEmpty) {
  lt::test::TempDir cwd, home;
  const std::string env = "cd " + cwd.path().string() +
                          " && XDG_DATA_HOME=" + home.path().string() + " LONGTAIL_STORE= ";
  const Result r = lt::test::run_cli_prefixed(
      env, "train --preset smoke --iterations 2 --threads 1 --knn-every 0 --json --name here");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(std::filesystem::is_empty(cwd.path())) << "the command wrote into its folder";
  const std::string expected = home.file("longtail/runs/here");
  EXPECT_EQ(nlohmann::json::parse(r.out)["run_dir"], expected);
  EXPECT_TRUE(std::filesystem::exists(expected + "/checkpoint.pt")) << r.err;
  EXPECT_NE(r.err.find("writing under " + home.file("longtail/runs")), std::string::npos) << r.err;
  EXPECT_TRUE(std::filesystem::exists(home.file("longtail/runs.sqlite")));
}

TEST(Cli, EvaluatesRunsAndComputesTheRelativeGap) {
  SKIP_WITHOUT_OPENCV();
  lt::test::TempDir dir;
  const std::string common = " --preset smoke --iterations 4 --threads 1 --knn-every 0 --out " +
                             dir.file("runs") + " --seed 2";
  ASSERT_EQ(run("train" + common + " --name imb").status, 0);
  ASSERT_EQ(run("train" + common + " --twin --name bal").status, 0);
  const std::string probe =
      " --probe-preset fast --probe-epochs 5 --train-per-class 30 "
      "--test-per-class 20 --threads 1 --json";
  for (const std::string name : {"imb", "bal"}) {
    for (const std::string kind : {"id", "ood"}) {
      const Result r = run("eval --run " + dir.file("runs/" + name) + " --probe " + kind + probe);
      ASSERT_EQ(r.status, 0) << r.err;
      const auto j = nlohmann::json::parse(r.out);
      EXPECT_GT(j["top1"].get<double>(), 0.1) << name << " " << kind;  // above chance
      EXPECT_EQ(j["train_images"], 300);
      EXPECT_EQ(j["data"], kind == "id" ? "fashion-mnist" : "digits");
    }
  }
  const Result gap = run("gap --balanced " + dir.file("runs/bal") + " --imbalanced " +
                         dir.file("runs/imb") + " --probe ood --json");
  ASSERT_EQ(gap.status, 0) << gap.err;
  const auto g = nlohmann::json::parse(gap.out);
  const double bal = g["balanced_top1"][0], imb = g["imbalanced_top1"][0];
  EXPECT_NEAR(g["delta"].get<double>(), (bal - imb) / bal, 1e-9);
  // A run never evaluated is named, with the command that evaluates it.
  lt::test::write_text(dir.file("runs/empty/config.json"), "{}");
  const Result missing =
      run("gap --balanced " + dir.file("runs/empty") + " --imbalanced " + dir.file("runs/imb"));
  EXPECT_EQ(missing.status, 1);
  EXPECT_NE(missing.err.find("longtail eval --run"), std::string::npos) << missing.err;
}

TEST(Cli, QuickSmokeFillsTheWholeTableAndReusesFinishedCells) {
  SKIP_WITHOUT_OPENCV();
  lt::test::TempDir dir;
  const std::string store = " --store " + dir.file("runs.sqlite");
  const Result r = run("quick --preset smoke --threads 1 --json --out " + dir.file("q") + store);
  ASSERT_EQ(r.status, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["cells"].size(), 4u);
  for (const auto& cell : j["cells"]) {
    for (const char* key : {"id_top1", "ood_top1"}) {
      const double a = cell[key];
      EXPECT_TRUE(a > 0 && a <= 1) << cell.dump();
    }
  }
  for (const char* key : {"delta_ssl_id", "delta_sl_id", "delta_ssl_ood", "delta_sl_ood"}) {
    EXPECT_TRUE(std::isfinite(j[key]["delta"].get<double>())) << key;
  }
  EXPECT_FALSE(j["verdict"].get<std::string>().empty());
  EXPECT_GT(j["n"].get<int64_t>(), 0);
  // A second call finds every cell finished and evaluated: same table, no training.
  const Result again =
      run("quick --preset smoke --threads 1 --json --out " + dir.file("q") + store);
  ASSERT_EQ(again.status, 0) << again.err;
  const auto k = nlohmann::json::parse(again.out);
  EXPECT_EQ(k["cells"], j["cells"]);
  EXPECT_LT(k["seconds"].get<double>(), j["seconds"].get<double>());
  // The four pre-trainings are in the store, finished, with both probes, once each.
  const auto runs = nlohmann::json::parse(run("runs list --json" + store).out);
  ASSERT_EQ(runs.size(), 4u);
  for (const auto& run_json : runs) {
    EXPECT_EQ(run_json["status"], "finished");
    EXPECT_EQ(run_json["id"].get<std::string>().rfind("smoke-", 0), 0u) << run_json["id"];
    EXPECT_TRUE(run_json["id_top1"].is_number() && run_json["ood_top1"].is_number());
  }
}

TEST(Cli, Table1SmokeFillsACompleteFiniteTable) {
  lt::test::TempDir dir;
  const std::string store = " --store " + dir.file("runs.sqlite");
  const Result r = run("table1 --preset smoke --threads 1 --json --out " + dir.file("t") + store);
  ASSERT_EQ(r.status, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["rows"].size(), 4u);
  std::vector<std::string> names;
  for (const auto& row : j["rows"]) {
    names.push_back(row["name"]);
    const double top1 = row["top1"];
    EXPECT_TRUE(top1 > 0 && top1 <= 1) << row.dump();
    for (const char* gap : {"frequent", "rare"})
      EXPECT_TRUE(std::isfinite(row["gap"][gap].get<double>())) << row.dump();
    EXPECT_GT(row["paper_top1"].get<double>(), 0.8);
  }
  EXPECT_EQ(names, (std::vector<std::string>{"simsiam", "simsiam+sam", "simsiam-balanced",
                                             "simsiam+rwsam"}));
  EXPECT_EQ(j["sam_preset"], "official-asam");
  // The rwSAM row trained its whole schedule with fixed weights from the plain row's run.
  const std::string rwsam_dir = j["rows"][3]["run_dir"];
  EXPECT_TRUE(std::filesystem::exists(rwsam_dir + "/rwsam-weights.pt"));
  const auto rwsam_config = nlohmann::json::parse(slurp(rwsam_dir + "/config.json"));
  EXPECT_EQ(rwsam_config["sam"]["start_epoch"], 0);
  EXPECT_EQ(std::filesystem::path(rwsam_config["sam"]["weights_from"].get<std::string>()),
            std::filesystem::absolute(j["rows"][0]["run_dir"].get<std::string>()));
  const auto record = nlohmann::json::parse(slurp(rwsam_dir + "/rwsam-weights.json"));
  EXPECT_EQ(record["epoch"], 1);
  EXPECT_TRUE(record["bandwidth"].get<double>() > 0) << record.dump();
  EXPECT_EQ(record["bandwidth_rule"], "half-median");
  // All four are in the store, finished.
  const auto runs = nlohmann::json::parse(run("runs list --json" + store).out);
  EXPECT_EQ(runs.size(), 4u);
}

TEST(Cli, SemisynthSmokeFillsTheTableAndTheMasses) {
  lt::test::TempDir dir;
  const std::string store = " --store " + dir.file("runs.sqlite");
  const Result r =
      run("semisynth run --preset smoke --threads 1 --json --out " + dir.file("s") + store);
  ASSERT_EQ(r.status, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["rows"].size(), 4u);
  std::vector<std::string> names;
  for (const auto& row : j["rows"]) {
    names.push_back(row["name"]);
    const double top1 = row["rare_probe_top1"];
    EXPECT_TRUE(top1 > 0 && top1 <= 1) << row.dump();
    if (row["name"] == "random") {
      EXPECT_TRUE(row["masses"].is_null());
      EXPECT_TRUE(row["probe_masses"].is_null());
      // The paper gives the random encoder no number: none is labelled as the paper's.
      EXPECT_TRUE(row["paper_top1"].is_null()) << row.dump();
      continue;
    }
    EXPECT_GT(row["paper_top1"].get<double>(), 0.3) << row.dump();
    for (const char* masses : {"masses", "probe_masses"}) {
      for (const char* group : {"frequent", "rare"}) {
        const double share = row[masses][group]["right_half_share"];
        EXPECT_TRUE(share >= 0 && share <= 1) << row.dump();
        EXPECT_GT(row[masses][group]["images"].get<int>(), 0) << row.dump();
      }
    }
    // Each map names what it explains: SSL and SL their own scores, and both the rare probe's.
    const std::string own = row["name"] == "simclr"       ? "self"
                            : row["name"] == "supervised" ? "label"
                                                          : "predicted";
    EXPECT_EQ(row["masses"]["target"], own) << row.dump();
    EXPECT_EQ(row["probe_masses"]["target"], "probe") << row.dump();
    // The probe's result and the probe itself are saved in the run, and recorded in the store.
    const std::string run_dir = row["run_dir"];
    EXPECT_TRUE(std::filesystem::exists(run_dir + "/eval-rare-probe.json"));
    EXPECT_TRUE(std::filesystem::exists(run_dir + "/rare-probe.pt"));
    const auto saved = nlohmann::json::parse(slurp(run_dir + "/gradcam-masses.json"));
    EXPECT_EQ(saved["probe_target"]["target"], "probe");
  }
  // `gradcam` explains the same probe from its file, for the SSL run as for the SL one.
  const std::string heldout = j["data_files"][4];
  for (const int row : {0, 1}) {
    const std::string run_dir = j["rows"][row]["run_dir"];
    const Result cam =
        run("gradcam --run " + run_dir + " --data " + heldout + " --target probe --probe " +
            run_dir + "/rare-probe.pt --images 6 --threads 1 --store none --json --out " +
            dir.file("cam" + std::to_string(row)));
    ASSERT_EQ(cam.status, 0) << cam.err;
    const auto c = nlohmann::json::parse(cam.out);
    EXPECT_EQ(c["target"], "probe");
    EXPECT_EQ(c["rare"]["images"], 3);
  }
  EXPECT_EQ(names, (std::vector<std::string>{"simclr", "supervised", "supervised-rare", "random"}));
  EXPECT_EQ(j["train_images"], 5 * 200 + 5 * 10);
  EXPECT_EQ(j["data_files"].size(), 5u);
  const auto runs = nlohmann::json::parse(run("runs list --json" + store).out);
  EXPECT_EQ(runs.size(), 3u);
  // The experiment again: every run is reused (its checkpoint and metrics stay as they were),
  // and the table is the same. The folder names preset, source, layout and seed, so another
  // layout or seed is another experiment and never reuses these runs.
  const std::string folder = j["folder"];
  EXPECT_NE(folder.find("smoke-fashion-mnist-squeezed-s0"), std::string::npos) << folder;
  const std::string simclr = j["rows"][0]["run_dir"];
  EXPECT_EQ(simclr.rfind(folder, 0), 0u) << simclr;
  const auto checkpoint_time = std::filesystem::last_write_time(simclr + "/checkpoint.pt");
  const std::string metrics = slurp(simclr + "/metrics.jsonl");
  const Result again =
      run("semisynth run --preset smoke --threads 1 --json --out " + dir.file("s") + store);
  ASSERT_EQ(again.status, 0) << again.err;
  EXPECT_EQ(std::filesystem::last_write_time(simclr + "/checkpoint.pt"), checkpoint_time);
  EXPECT_EQ(slurp(simclr + "/metrics.jsonl"), metrics);
  EXPECT_EQ(nlohmann::json::parse(again.out)["rows"], j["rows"]);
}

TEST(Cli, SemisynthCpuCifarNeedsCifar10) {
  for (const std::string args : {"semisynth run --preset cpu-cifar",
                                 "semisynth run --preset cpu-cifar --source fashion-mnist"}) {
    const Result r = run(args + " --store none --out /tmp/longtail-never");
    EXPECT_EQ(r.status, 2) << args << ": " << r.err;
    EXPECT_EQ(lines(r.err), 1) << args << ": " << r.err;
    EXPECT_NE(r.err.find("--source cifar10:DIR"), std::string::npos) << r.err;
  }
}

TEST(Cli, BuildsTheHalfLayoutOfCifar10AtTheSourcesSize) {
  SKIP_WITHOUT_OPENCV();
  const std::string cifar = LONGTAIL_CIFAR_DIR;
  if (!std::filesystem::exists(cifar + "/test")) GTEST_SKIP() << "no CIFAR-10 at " << cifar;
  lt::test::TempDir dir;
  for (const std::string layout : {"half", "squeezed", "side-by-side"}) {
    const Result r = run("semisynth build --source cifar10:" + cifar +
                         " --split test --frequent-per-class 4 --rare-per-class 2 --layout " +
                         layout + " --json --out " + dir.file(layout + ".ltds"));
    ASSERT_EQ(r.status, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["layout"], layout);
    EXPECT_EQ(j["total"], 5 * 4 + 5 * 2);
    EXPECT_EQ(j["shape"],
              nlohmann::json::parse(layout == "side-by-side" ? "[3, 32, 64]" : "[3, 32, 32]"));
  }
}

TEST(Cli, SemisynthRefusesAnUnknownPresetOrLayout) {
  for (const std::string args : {"semisynth run --preset huge", "semisynth run --layout diagonal",
                                 "semisynth run --cam-method lime"}) {
    const Result r = run(args + " --store none --out /tmp/longtail-never");
    EXPECT_EQ(r.status, 2) << args << ": " << r.err;
    EXPECT_EQ(lines(r.err), 1) << args << ": " << r.err;
  }
}

TEST(Cli, TrainTakesTheNamedSamPresets) {
  lt::test::TempDir dir;
  const Result bad = run("train --sam-preset bogus --out " + dir.file("x"));
  EXPECT_EQ(bad.status, 2);
  EXPECT_NE(bad.err.find("official-asam"), std::string::npos) << bad.err;
}

TEST(Cli, SamPresetsAreAsamAndTheModeIsChosenBySam) {
  const auto sam_of = [](const std::string& args) {
    const Result r = run("train " + args + " --print-config");
    EXPECT_EQ(r.status, 0) << args << ": " << r.err;
    return nlohmann::json::parse(r.out)["sam"];
  };
  auto sam = sam_of("--sam asam --sam-preset paper-cifar");
  EXPECT_EQ(sam["mode"], "asam");
  EXPECT_EQ(sam["adaptive"], true);
  EXPECT_EQ(sam["rho"], 5);
  sam = sam_of("--sam rwsam --sam-preset paper-cifar --rwsam-start 5");
  EXPECT_EQ(sam["mode"], "rwsam");
  EXPECT_EQ(sam["adaptive"], true);
  EXPECT_EQ(sam["rho"], 5);
  EXPECT_EQ(sam["alpha"], 1.2);
  EXPECT_EQ(sam["start_epoch"], 5);
  sam = sam_of("--sam rwsam --sam-preset imagenet-lt --rwsam-start 2");
  EXPECT_EQ(sam["adaptive"], true);
  EXPECT_EQ(sam["rho"], 2);
  EXPECT_EQ(sam["alpha"], 0.5);
  // Plain SAM only by name, then at the preset's radius.
  sam = sam_of("--sam sam --sam-preset paper-cifar");
  EXPECT_EQ(sam["mode"], "sam");
  EXPECT_EQ(sam["adaptive"], false);
  // A preset alone chooses no mode.
  const Result alone = run("train --sam-preset paper-cifar --print-config");
  EXPECT_EQ(alone.status, 2);
  EXPECT_NE(alone.err.find("--sam"), std::string::npos) << alone.err;
}

TEST(Cli, RwSamWithoutWeightsOrAStageOneExitsTwoSayingHowToGetThem) {
  for (const std::string extra : {"", " --print-config"}) {
    const Result r = run("train --method simsiam --sam rwsam --out /tmp/longtail-never" + extra);
    EXPECT_EQ(r.status, 2) << r.err;
    EXPECT_EQ(lines(r.err), 1) << r.err;
    EXPECT_NE(r.err.find("--rwsam-weights-from"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("longtail weights"), std::string::npos) << r.err;
  }
  const Result missing =
      run("train --sam rwsam --rwsam-weights-from /nonexistent/run --print-config --store none");
  EXPECT_EQ(missing.status, 2) << missing.err;
  EXPECT_FALSE(std::filesystem::exists("/tmp/longtail-never"));
}

TEST(Cli, PrintConfigValidatesLikeARun) {
  const Result r = run("train --lr 0 --print-config");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("lr"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
}

TEST(Cli, PaperCifarWithoutASourceExitsTwoNamingIt) {
  for (const std::string extra : {"", " --print-config"}) {
    const Result r = run("train --preset paper-cifar --out /tmp/longtail-never" + extra);
    EXPECT_EQ(r.status, 2) << r.err;
    EXPECT_EQ(lines(r.err), 1) << r.err;
    EXPECT_NE(r.err.find("--source cifar10:DIR"), std::string::npos) << r.err;
  }
  EXPECT_EQ(run("train --preset paper-cifar --source cifar10:/data --print-config").status, 0);
}

TEST(Cli, TrainRefusesNonsenseWithExitTwo) {
  for (const std::string args : {"train --method barlow", "train --lr 0", "train --batch 1000000",
                                 "train --model vgg", "train --device tpu", "train --ratio 3"}) {
    const Result r = run(args + " --out /tmp/longtail-never");
    EXPECT_EQ(r.status, 2) << args << ": " << r.err;
    EXPECT_EQ(lines(r.err), 1) << args << ": " << r.err;
  }
  EXPECT_FALSE(std::filesystem::exists("/tmp/longtail-never"));
}

TEST(Cli, ExportsAnEncoderThatTorchvisionLoads) {
  lt::test::TempDir dir;
  const Result r =
      run("train --preset smoke --model resnet18 --iterations 1 --threads 1 "
          "--knn-every 0 --out " +
          dir.file("runs") + " --name r18");
  ASSERT_EQ(r.status, 0) << r.err;
  const Result e = run("export-encoder " + dir.file("runs/r18") + " --out " + dir.file("e.pt"));
  ASSERT_EQ(e.status, 0) << e.err;
  const std::string python = LONGTAIL_PYTHON;
  if (python.empty() ||
      std::system((python + " -c 'import torchvision' 2>/dev/null").c_str()) != 0) {
    GTEST_SKIP() << "no Python with torchvision to check the file with";
  }
  const std::string check = python + " " + LONGTAIL_SOURCE_DIR +
                            "/tests/python/check_encoder_export.py " + dir.file("e.pt") +
                            " resnet18 1 >" + dir.file("py.out") + " 2>&1";
  EXPECT_EQ(std::system(check.c_str()), 0) << slurp(dir.file("py.out"));
}

TEST(Cli, CtrlCDuringAnImportLeavesNoFile) {
  SKIP_WITHOUT_OPENCV();
  const std::string cifar = LONGTAIL_CIFAR_DIR;
  if (!std::filesystem::exists(cifar + "/train")) GTEST_SKIP() << "no CIFAR-10 at " << cifar;
  lt::test::TempDir dir;
  const std::string out = dir.file("c.ltds");
  // The interrupt is sent when the import reports its first progress line, not after a fixed
  // time: a fast machine decodes the 50,000 JPEGs in about a second.
  int err_pipe[2];
  ASSERT_EQ(::pipe(err_pipe), 0);
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    ::dup2(err_pipe[1], STDERR_FILENO);
    ::close(err_pipe[0]);
    ::close(err_pipe[1]);
    ::setenv("LONGTAIL_PROGRESS", "lines", 1);
    const std::string source = "cifar10:" + cifar;
    ::execl(LONGTAIL_CLI, LONGTAIL_CLI, "data", "import", source.c_str(), "--out", out.c_str(),
            static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(err_pipe[1]);
  std::string err;
  bool signalled = false;
  char buffer[4096];
  for (ssize_t n; (n = ::read(err_pipe[0], buffer, sizeof buffer)) > 0;) {
    err.append(buffer, static_cast<size_t>(n));
    if (!signalled && err.find("progress decoding") != std::string::npos) {
      ::kill(child, SIGINT);
      signalled = true;
    }
  }
  ::close(err_pipe[0]);
  int raw = 0;
  ASSERT_EQ(::waitpid(child, &raw, 0), child);
  ASSERT_TRUE(signalled) << "the import reported no progress: " << err;
  ASSERT_TRUE(WIFEXITED(raw)) << err;
  EXPECT_EQ(WEXITSTATUS(raw), 1) << err;
  EXPECT_NE(err.find("interrupted"), std::string::npos) << err;
  EXPECT_FALSE(std::filesystem::exists(out));
  EXPECT_FALSE(std::filesystem::exists(out + ".tmp"));
}

}  // namespace

TEST(Cli, RecordsRunsInTheStoreAndNamesThemById) {
  lt::test::TempDir dir;
  const std::string store = " --store " + dir.file("store/runs.sqlite");
  const Result trained =
      run("train --preset smoke --iterations 4 --threads 1 --knn-every 0 --out " +
          dir.file("runs") + " --name tiny --json" + store);
  ASSERT_EQ(trained.status, 0) << trained.err;

  const Result list = run("runs list --json" + store);
  ASSERT_EQ(list.status, 0) << list.err;
  const auto runs = nlohmann::json::parse(list.out);
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0]["id"], "tiny");
  EXPECT_EQ(runs[0]["status"], "finished");
  EXPECT_EQ(runs[0]["method"], "simsiam");

  // Evaluated by its id, not its directory; the evaluation lands in the store.
  const Result eval =
      run("eval --run tiny --probe id --probe-preset fast --probe-epochs 3 "
          "--train-per-class 20 --test-per-class 10 --threads 1 --json" +
          store);
  ASSERT_EQ(eval.status, 0) << eval.err;
  const Result show = run("runs show tiny --json" + store);
  ASSERT_EQ(show.status, 0) << show.err;
  const auto shown = nlohmann::json::parse(show.out);
  const auto trained_json = nlohmann::json::parse(trained.out);
  ASSERT_EQ(shown["epochs"].size(), trained_json["epochs"].size());
  for (const char* key : {"epoch", "loss", "lr"}) EXPECT_TRUE(shown["epochs"][0].contains(key));
  EXPECT_EQ(shown["epochs"].back()["loss"], trained_json["final_loss"]);
  EXPECT_EQ(shown["id_top1"], nlohmann::json::parse(eval.out)["top1"]);
  EXPECT_EQ(shown["config"]["method"], "simsiam");
  EXPECT_EQ(shown["libtorch"].get<std::string>().substr(0, 1), "2");

  const Result csv = run("runs export --format csv" + store);
  ASSERT_EQ(csv.status, 0) << csv.err;
  EXPECT_EQ(lines(csv.out), 2);  // header and the run
  EXPECT_EQ(csv.out.rfind("id,status,method", 0), 0u);
  const Result epochs_csv = run("runs export --format csv --epochs" + store);
  EXPECT_EQ(lines(epochs_csv.out), 1 + int(trained_json["epochs"].size()));
  const Result exported = run("runs export --format json" + store);
  EXPECT_EQ(nlohmann::json::parse(exported.out)["runs"].size(), 1u);

  const Result check = run("runs check --json" + store);
  ASSERT_EQ(check.status, 0) << check.err;
  EXPECT_EQ(nlohmann::json::parse(check.out)["integrity"], "ok");

  EXPECT_EQ(run("runs show nosuchrun" + store).status, 1);
  EXPECT_EQ(run("runs export --format xml" + store).status, 2);
  const Result rm = run("runs rm tiny" + store);
  ASSERT_EQ(rm.status, 0) << rm.err;
  EXPECT_TRUE(std::filesystem::exists(dir.file("runs/tiny/run.json")));  // files stay
  EXPECT_EQ(nlohmann::json::parse(run("runs list --json" + store).out).size(), 0u);
  // `runs add` records it again from its directory.
  ASSERT_EQ(run("runs add " + dir.file("runs") + store).status, 0);
  EXPECT_EQ(nlohmann::json::parse(run("runs list --json" + store).out).size(), 1u);
}

TEST(Cli, ADamagedStoreIsNamedWithWhatToDo) {
  lt::test::TempDir dir;
  lt::test::write_text(dir.file("runs.sqlite"), std::string(5000, 'z'));
  const Result r = run("runs list --store " + dir.file("runs.sqlite"));
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(lines(r.err), 1) << r.err;
  EXPECT_NE(r.err.find("move it away"), std::string::npos) << r.err;
}

TEST(Cli, WeightsCoverEveryPreTrainingImageAndAverageOne) {
  lt::test::TempDir dir;
  const std::string store = " --store none";
  ASSERT_EQ(run("train --preset smoke --iterations 2 --threads 1 --knn-every 0 --out " +
                dir.file("runs") + " --name w" + store)
                .status,
            0);
  const Result r = run("weights --run " + dir.file("runs/w") + " --threads 1 --json --out " +
                       dir.file("w.json") + store);
  ASSERT_EQ(r.status, 0) << r.err;
  const auto summary = nlohmann::json::parse(r.out);
  const auto file = nlohmann::json::parse(slurp(dir.file("w.json")));
  const auto n = summary["n"].get<size_t>();
  ASSERT_EQ(file["weights"].size(), n);
  int64_t counted = 0;
  for (const auto& c : summary["per_class"]) counted += c["count"].get<int64_t>();
  EXPECT_EQ(counted, int64_t(n));
  double sum = 0;
  for (const auto& w : file["weights"]) sum += w.get<double>();
  EXPECT_NEAR(sum / double(n), 1.0, 1e-9);
  EXPECT_GT(summary["bandwidth"].get<double>(), 0);
  // How h was chosen (without labels) and how spread the weights are.
  EXPECT_EQ(summary["bandwidth_rule"], "half-median");
  EXPECT_TRUE(summary["flat"].is_boolean());
  // Cross-validation by name: the grid and each bandwidth's held-out score come with it.
  const Result cv =
      run("weights --run " + dir.file("runs/w") + " --bandwidth-rule cv --threads 1 --json --out " +
          dir.file("cv.json") + store);
  ASSERT_EQ(cv.status, 0) << cv.err;
  const auto by_cv = nlohmann::json::parse(cv.out);
  EXPECT_EQ(by_cv["bandwidth_rule"], "cv-5fold");
  EXPECT_EQ(by_cv["bandwidth_grid"].size(), by_cv["heldout_log_density"].size());
  EXPECT_GT(by_cv["bandwidth_grid"].size(), 1u);
  EXPECT_GT(summary["weights_spread"]["max"].get<double>(), 0);
  EXPECT_TRUE(summary["spearman_with_inverse_class_size"].is_number());
  EXPECT_EQ(
      run("weights --run " + dir.file("runs/w") + " --alpha -1 --out " + dir.file("x.json") + store)
          .status,
      2);
  // The file is what a rwSAM run of the full schedule takes its fixed weights from.
  const Result rw =
      run("train --preset smoke --iterations 2 --threads 1 --knn-every 0 --sam "
          "rwsam --rwsam-weights-from " +
          dir.file("w.json") + " --json --out " + dir.file("runs") + " --name rw" + store);
  ASSERT_EQ(rw.status, 0) << rw.err;
  const auto record = nlohmann::json::parse(slurp(dir.file("runs/rw/rwsam-weights.json")));
  EXPECT_EQ(record["from"], dir.file("w.json"));
  EXPECT_EQ(record["bandwidth"], summary["bandwidth"]);
  // Weights of other images are refused.
  const Result other =
      run("train --preset smoke --sample 0.04 --iterations 2 --threads 1 "
          "--knn-every 0 --sam rwsam --rwsam-weights-from " +
          dir.file("w.json") + " --out " + dir.file("runs") + " --name bad" + store);
  EXPECT_EQ(other.status, 2) << other.err;
  EXPECT_NE(other.err.find("same variant"), std::string::npos) << other.err;
}

TEST(Cli, BuildsASplitImageSetThatDataShowCounts) {
  lt::test::TempDir dir;
  const Result r =
      run("semisynth build --source fashion-mnist --rare-per-class 10 --frequent-per-class 100 "
          "--json --out " +
          dir.file("x.ltds"));
  ASSERT_EQ(r.status, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["counts"], nlohmann::json::parse("[100,100,100,100,100,10,10,10,10,10]"));
  EXPECT_EQ(j["total"], 550);
  EXPECT_EQ(j["shape"], nlohmann::json::parse("[1, 28, 28]"));
  EXPECT_EQ(j["kind"], "imbalanced");
  const Result shown = run("data show " + dir.file("x.ltds") + " --json");
  ASSERT_EQ(shown.status, 0) << shown.err;
  const auto s = nlohmann::json::parse(shown.out);
  EXPECT_EQ(s["counts"], j["counts"]);
  EXPECT_EQ(s["shape"], j["shape"]);
  EXPECT_EQ(s["split"], "train");
  // The held-out probe set from the test split: every rare image, and `data show` names the
  // split the file holds.
  const Result probe =
      run("semisynth build --split test --probe --json --out " + dir.file("p.ltds"));
  ASSERT_EQ(probe.status, 0) << probe.err;
  EXPECT_EQ(nlohmann::json::parse(probe.out)["total"], 5000);
  const auto p = nlohmann::json::parse(run("data show " + dir.file("p.ltds") + " --json").out);
  EXPECT_EQ(p["split"], "test");
  // One kind per set: two kind flags are a usage error, and nothing is written.
  const Result both = run("semisynth build --balanced --rare-only --out " + dir.file("y.ltds"));
  EXPECT_EQ(both.status, 2) << both.err;
  EXPECT_NE(both.err.find("at most one"), std::string::npos) << both.err;
  EXPECT_FALSE(std::filesystem::exists(dir.file("y.ltds")));
}
