// What a long run meets, through the CLI as a script meets it: a run name that would leave
// --out, a run store locked by another process for the whole run, and a disk that fills up
// under a training run, an import, a sweep and a report.
#include <sqlite3.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli_run.h"
#include "store/run_store.h"
#include "test_support.h"
#include "util/shell_quote.h"

namespace {

namespace fs = std::filesystem;
using lt::shell_quote;
using lt::test::CliResult;
using lt::test::run_cli;

const std::string kTinyTrain = "train --preset smoke --threads 1 --knn-every 0 ";

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

std::vector<std::string> names_in(const std::string& folder) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(folder)) names.push_back(e.path().filename());
  std::sort(names.begin(), names.end());
  return names;
}

// Every file under `folder`, at any depth.
std::vector<std::string> files_under(const std::string& folder) {
  std::vector<std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(folder)) {
    if (e.is_regular_file()) files.push_back(e.path().string());
  }
  return files;
}

// Files may grow to `kib` KiB in the command (`ulimit -f`); with SIGXFSZ ignored a write past
// the limit fails with EFBIG, as on a full disk.
std::string with_files_up_to(int kib) {
  return "trap '' XFSZ; ulimit -f " + std::to_string(kib) + "; ";
}

TEST(Reliability, ARunNameThatWouldLeaveOutIsRefused) {
  lt::test::TempDir dir;
  fs::create_directories(dir.file("box/out"));
  for (const std::string name : {"../escaped", "a/b", "..", "../../x"}) {
    const CliResult r = run_cli(kTinyTrain + "--epochs 1 --store none --out " +
                                shell_quote(dir.file("box/out")) + " --name " + shell_quote(name));
    EXPECT_EQ(r.status, 2) << name << ": " << r.err;
    EXPECT_NE(r.err.find("--name"), std::string::npos) << r.err;
    EXPECT_EQ(lines_of(r.err).size(), 1u) << r.err;
  }
  // Nothing was written anywhere: not beside --out, not inside it.
  EXPECT_EQ(names_in(dir.file("box")), std::vector<std::string>{"out"});
  EXPECT_TRUE(names_in(dir.file("box/out")).empty());
}

// Another process's connection holding the store's write lock (sqlite3's BEGIN EXCLUSIVE).
class StoreLock {
 public:
  explicit StoreLock(const std::string& path) {
    EXPECT_EQ(sqlite3_open(path.c_str(), &db_), SQLITE_OK);
    EXPECT_EQ(sqlite3_exec(db_, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr), SQLITE_OK);
  }
  ~StoreLock() { release(); }
  void release() {
    if (db_ == nullptr) return;
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(db_);
    db_ = nullptr;
  }

 private:
  sqlite3* db_ = nullptr;
};

TEST(Reliability, AStoreLockedForTheWholeRunNeverStopsTraining) {
  lt::test::TempDir dir;
  const std::string store_path = dir.file("runs.sqlite");
  { lt::RunStore make(store_path); }
  const std::string store = " --store " + shell_quote(store_path);
  StoreLock lock(store_path);
  const CliResult r = run_cli(kTinyTrain + "--epochs 2 --json --out " +
                              shell_quote(dir.file("runs")) + " --name locked" + store);
  ASSERT_EQ(r.status, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["status"], "finished");
  EXPECT_EQ(j["epochs_done"], 2);
  // Said once, with the repair.
  EXPECT_NE(r.err.find("warning: the run store"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("runs add"), std::string::npos) << r.err;
  lock.release();
  // The folder is the truth: `runs add` records it whole.
  ASSERT_EQ(run_cli("runs add " + shell_quote(dir.file("runs/locked")) + store).status, 0);
  const CliResult show = run_cli("runs show locked --json" + store);
  ASSERT_EQ(show.status, 0) << show.err;
  const auto shown = nlohmann::json::parse(show.out);
  EXPECT_EQ(shown["status"], "finished");
  EXPECT_EQ(shown["epochs"].size(), 2u);
}

TEST(Reliability, AFullDiskStopsWithOneLineAndKeepsTheLastCheckpoint) {
  lt::test::TempDir dir;
  const std::string store_path = dir.file("runs.sqlite");
  const std::string store = " --store " + shell_quote(store_path);
  const std::string run_dir = dir.file("runs/full");
  ASSERT_EQ(run_cli(kTinyTrain + "--epochs 1 --out " + shell_quote(dir.file("runs")) +
                    " --name full" + store)
                .status,
            0);
  const auto checkpoint = lt::test::read_bytes(run_dir + "/checkpoint.pt");
  ASSERT_GT(checkpoint.size(), 64u * 1024);
  // Files may grow to 32 KiB: run.json and metrics fit, a checkpoint does not. With SIGXFSZ
  // ignored a write past the limit fails with EFBIG, as on a full disk.
  const CliResult r =
      lt::test::run_cli_prefixed("trap '' XFSZ; ulimit -f 32; ",
                                 "train --resume " + shell_quote(run_dir) + " --epochs 3" + store);
  EXPECT_EQ(r.status, 1) << r.err;
  const auto err = lines_of(r.err);
  ASSERT_FALSE(err.empty());
  // The last line (after the epoch lines) names the folder and the space needed.
  EXPECT_NE(err.back().find("the folder " + run_dir + " needs at least"), std::string::npos)
      << r.err;
  EXPECT_NE(err.back().find("checkpoint"), std::string::npos) << r.err;
  // The last good checkpoint is there, whole, and no temporary file is left beside it.
  EXPECT_EQ(lt::test::read_bytes(run_dir + "/checkpoint.pt"), checkpoint);
  for (const auto& name : names_in(run_dir)) {
    EXPECT_EQ(name.find(".tmp"), std::string::npos) << name;
  }
  // The store is intact and the run goes on once there is room.
  {
    lt::RunStore runs(store_path);
    EXPECT_EQ(runs.integrity_check(), "ok");
  }
  const CliResult resumed =
      run_cli("train --resume " + shell_quote(run_dir) + " --epochs 3 --json" + store);
  ASSERT_EQ(resumed.status, 0) << resumed.err;
  EXPECT_EQ(nlohmann::json::parse(resumed.out)["epochs_done"], 3);
  // A finished run resumed to its own length is done: exit 0 (a script's contract).
  EXPECT_EQ(run_cli("train --resume " + shell_quote(run_dir) + " --epochs 3" + store).status, 0);
  const CliResult show = run_cli("runs show " + shell_quote(run_dir) + " --json" + store);
  ASSERT_EQ(show.status, 0) << show.err;
  const auto shown = nlohmann::json::parse(show.out);
  ASSERT_EQ(shown["epochs"].size(), 3u);
  for (int e = 0; e < 3; ++e) EXPECT_EQ(shown["epochs"][e]["epoch"], e + 1);
}

TEST(Reliability, AFullDiskStopsAnImportWithOneLineAndKeepsTheEarlierCache) {
  lt::test::TempDir dir;
  const std::string folder = dir.file("caches");
  fs::create_directories(folder);
  const std::string cache = folder + "/fmnist.ltds";
  lt::test::write_text(cache, "the cache of an earlier import");
  // Fashion-MNIST's 47 MB of pixels do not fit in 32 KiB.
  const CliResult r = lt::test::run_cli_prefixed(
      with_files_up_to(32), "data import fashion-mnist --out " + shell_quote(cache));
  EXPECT_EQ(r.status, 1) << r.err;
  const auto err = lines_of(r.err);
  ASSERT_EQ(err.size(), 1u) << r.err;
  // The whole cache's size, not what was written when the disk filled.
  EXPECT_NE(err[0].find("the folder " + folder + " needs 47."), std::string::npos) << r.err;
  EXPECT_NE(err[0].find("MB free"), std::string::npos) << r.err;
  // The earlier cache is as it was and nothing else is left in the folder.
  EXPECT_EQ(lt::test::slurp(cache), "the cache of an earlier import");
  EXPECT_EQ(names_in(folder), std::vector<std::string>{"fmnist.ltds"});
}

TEST(Reliability, AFullDiskStopsASweepWithOneLineAndPutsTheRunBackInItsQueue) {
  lt::test::TempDir dir;
  const std::string store_path = dir.file("runs.sqlite");
  const std::string store = " --store " + shell_quote(store_path);
  const std::string out = dir.file("sweeps");
  lt::test::write_text(dir.file("plan.json"), R"({
    "format": "longtail-sweep-plan", "name": "full", "source": "fashion-mnist",
    "split": "train", "distribution": "exp", "ratios": [0.1], "samples": [0.01],
    "methods": ["simsiam"], "seeds": [0], "model": "resnet-small",
    "pretrain": {"preset": "smoke", "epochs": 1, "batch_size": 32, "knn_every": 0},
    "probe": {"preset": "fast", "epochs": 2, "train_per_class": 10, "test_per_class": 5,
              "seeds": [0]},
    "ood_target": ""})");
  // Up to 1 MiB: the store, the plan, the variant and run.json fit; a checkpoint does not.
  const CliResult r = lt::test::run_cli_prefixed(
      with_files_up_to(1024), "sweep run " + shell_quote(dir.file("plan.json")) +
                                  " --threads 1 --json --out " + shell_quote(out) + store);
  EXPECT_EQ(r.status, 1) << r.err;
  const auto err = lines_of(r.err);
  ASSERT_EQ(err.size(), 1u) << r.err;
  EXPECT_NE(err[0].find("the folder " + out + "/"), std::string::npos) << r.err;
  EXPECT_NE(err[0].find("needs at least"), std::string::npos) << r.err;
  // No torn or temporary file anywhere, and the store is whole.
  for (const auto& file : files_under(out)) {
    EXPECT_EQ(file.find(".tmp"), std::string::npos) << file;
  }
  {
    lt::RunStore runs(store_path);
    EXPECT_EQ(runs.integrity_check(), "ok");
  }
  // The run is back in the queue, not failed: the same command goes on once there is room.
  const CliResult status = run_cli("sweep status --json" + store);
  ASSERT_EQ(status.status, 0) << status.err;
  const auto counts = nlohmann::json::parse(status.out)["counts"];
  EXPECT_EQ(counts["failed"], 0) << status.out;
  EXPECT_EQ(counts["running"], 0) << status.out;
  EXPECT_EQ(counts["queued"], counts["runs"]) << status.out;
}

TEST(Reliability, AFullDiskStopsAReportWithOneLineAndLeavesNoTornFile) {
  lt::test::TempDir dir;
  const std::string store_path = dir.file("runs.sqlite");
  const std::string store = " --store " + shell_quote(store_path);
  ASSERT_EQ(run_cli(kTinyTrain + "--epochs 1 --out " + shell_quote(dir.file("runs")) +
                    " --name shown" + store)
                .status,
            0);
  const CliResult probed = run_cli(
      "eval --run shown --probe id --probe-preset fast --probe-epochs 2 --train-per-class 10 "
      "--test-per-class 5 --threads 1" +
      store);
  ASSERT_EQ(probed.status, 0) << probed.err;
  const std::string report = dir.file("report");
  // A connection of this process keeps the store's WAL index (32 KiB) in place, so that the
  // report reads the store within a limit its figures do not fit in: 4 KiB.
  lt::RunStore kept(store_path);
  const CliResult r = lt::test::run_cli_prefixed(
      with_files_up_to(4), "report shown --out " + shell_quote(report) + store);
  EXPECT_EQ(r.status, 1) << r.err;
  const auto err = lines_of(r.err);
  ASSERT_EQ(err.size(), 1u) << r.err;
  EXPECT_NE(err[0].find("the folder " + report + " needs at least"), std::string::npos) << r.err;
  // What was written is whole (an SVG ends with its closing tag); nothing temporary is left.
  for (const auto& file : files_under(report)) {
    EXPECT_EQ(file.find(".tmp"), std::string::npos) << file;
    if (fs::path(file).extension() == ".svg") {
      EXPECT_NE(lt::test::slurp(file).find("</svg>"), std::string::npos) << file;
    }
  }
  {
    lt::RunStore runs(store_path);
    EXPECT_EQ(runs.integrity_check(), "ok");
  }
  // With room, the same command writes the report.
  const CliResult made = run_cli("report shown --out " + shell_quote(report) + store);
  EXPECT_EQ(made.status, 0) << made.err;
}

}  // namespace
