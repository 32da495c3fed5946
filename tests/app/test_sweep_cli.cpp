// Sweeps as a user drives them from the command line: the tiny plan (tests/data/sweep-tiny.json)
// runs to its end and, started again, starts nothing; killed with SIGKILL in the middle and
// started again, it ends with the same finished runs, each once; pause, resume and cancel work
// from another process; the dry run reads no data.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <thread>

#include "cli_run.h"
#include "store/run_store.h"
#include "sweep/sweep_plan.h"
#include "sweep/sweep_status.h"
#include "test_support.h"
#include "wait_until.h"

namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

using Result = lt::test::CliResult;
using lt::test::slurp;

Result run(const std::string& args) {
  return lt::test::run_cli(args);
}

// Starts the CLI with `args` (split on spaces), its output in `log_dir`/out and /err.
pid_t spawn(const std::string& args, const std::string& log_dir) {
  std::vector<std::string> words;
  std::istringstream split(args);
  for (std::string w; split >> w;) words.push_back(w);
  const pid_t pid = fork();
  if (pid == 0) {
    const int out = open((log_dir + "/out").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int err = open((log_dir + "/err").c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    dup2(out, 1);
    dup2(err, 2);
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(LONGTAIL_CLI));
    for (auto& w : words) argv.push_back(w.data());
    argv.push_back(nullptr);
    execv(LONGTAIL_CLI, argv.data());
    _exit(127);
  }
  return pid;
}

// The status, or an empty one while the store or the sweep is not there yet.
lt::SweepStatus status_of(const std::string& store) {
  try {
    return lt::read_sweep_status(store);
  } catch (const std::exception&) {
    return {};
  }
}

// The tiny plan, without its out-of-domain probe where digits.png cannot be read (no OpenCV).
std::string tiny_plan(const lt::test::TempDir& dir) {
  const std::string source = std::string(LONGTAIL_SOURCE_DIR) + "/tests/data/sweep-tiny.json";
#ifdef LONGTAIL_HAVE_OPENCV
  (void)dir;
  return source;
#else
  auto plan = json::parse(slurp(source));
  plan["ood_target"] = "none";
  lt::test::write_text(dir.file("sweep-tiny.json"), plan.dump(2));
  return dir.file("sweep-tiny.json");
#endif
}

std::set<std::string> planned_keys(const std::string& plan) {
  std::set<std::string> keys;
  for (const auto& r : lt::expand(lt::load_plan(plan)).runs) keys.insert(r.key);
  return keys;
}

// Every run of the sweep finished once: in the queue, in the store (one record per run, no
// duplicate made by a restart) and in its folder (epochs 1..E once each, probes merged).
void expect_each_finished_once(const std::string& store, const std::string& plan,
                               const std::string& out) {
  const lt::SweepStatus s = lt::read_sweep_status(store);
  std::set<std::string> keys;
  for (const auto& r : s.runs) {
    EXPECT_TRUE(keys.insert(r.key).second) << r.key;
    EXPECT_EQ(r.state, "finished") << r.key << ": " << r.message;
    EXPECT_TRUE(r.top1.contains("id")) << r.key;
    EXPECT_EQ(r.top1_per_probe_seed.at("id").size(), s.probe_seeds.size()) << r.key;
  }
  EXPECT_EQ(keys, planned_keys(plan));

  lt::RunStore runs(store);
  EXPECT_EQ(runs.integrity_check(), "ok");
  const auto stored = runs.list_runs();
  EXPECT_EQ(stored.size(), keys.size());
  std::set<std::string> dirs;
  for (const auto& run : stored) {
    EXPECT_EQ(run.status, "finished") << run.id;
    EXPECT_TRUE(dirs.insert(run.dir).second) << run.dir;
    EXPECT_EQ(run.dir.rfind(fs::weakly_canonical(out).string(), 0), 0u) << run.dir;
    const auto epochs = runs.epochs(run.id);
    ASSERT_EQ(int64_t(epochs.size()), run.epochs_planned) << run.id;
    for (size_t i = 0; i < epochs.size(); ++i) EXPECT_EQ(epochs[i].epoch, int64_t(i) + 1);
    const auto merged = json::parse(slurp(run.dir + "/eval-id.json"));
    EXPECT_EQ(merged["probe_seeds"].size(), s.probe_seeds.size()) << run.id;
    bool recorded = false;
    for (const auto& e : runs.evaluations(run.id)) {
      if (e.probe == "id") {
        recorded = true;
        EXPECT_DOUBLE_EQ(e.top1, merged["top1"].get<double>());
      }
    }
    EXPECT_TRUE(recorded) << run.id;
  }
}

TEST(SweepCli, TheDryRunListsVariantsRunsAndAnEstimateAndReadsNoData) {
  lt::test::TempDir dir;
  const std::string store = dir.file("never-made.sqlite");
  const Result r =
      run("sweep run --preset paper-cifar10 --source cifar10:/no/such/folder "
          "--dry-run --json --store " +
          store);
  ASSERT_EQ(r.status, 0) << r.err;
  const auto j = json::parse(r.out);
  EXPECT_EQ(j["variants"].size(), 20u);
  EXPECT_EQ(j["runs"].size(), 40u);
  EXPECT_GT(j["estimate"]["seconds"].get<double>(), 0);
  EXPECT_EQ(j["variants"][0]["n"], 20431);
  EXPECT_FALSE(fs::exists(store)) << "a dry run makes no store";

  const Result text = run("sweep run --preset fmnist-quick --dry-run --store " + store);
  ASSERT_EQ(text.status, 0) << text.err;
  EXPECT_NE(text.out.find("variants (8)"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("runs (16)"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("estimate: "), std::string::npos) << text.out;

  const Result printed = run("sweep run --preset fmnist-quick --print-plan");
  ASSERT_EQ(printed.status, 0) << printed.err;
  lt::test::write_text(dir.file("plan.json"), printed.out);
  const Result again =
      run("sweep run " + dir.file("plan.json") + " --dry-run --json --store " + store);
  ASSERT_EQ(again.status, 0) << again.err;
  EXPECT_EQ(json::parse(again.out)["sweep_id"],
            json::parse(run("sweep run --preset fmnist-quick --dry-run --json --store " + store)
                            .out)["sweep_id"]);
}

TEST(SweepCli, UsageErrorsExitTwoAndRuntimeErrorsOne) {
  lt::test::TempDir dir;
  for (const std::string args :
       {"sweep", "sweep run --dry-run", "sweep run plan.json --preset fmnist-quick --dry-run",
        "sweep run --preset paper-imagenet --dry-run", "sweep report --format png"}) {
    const Result r = run(args);
    EXPECT_EQ(r.status, 2) << args << ": " << r.err;
    EXPECT_TRUE(r.out.empty()) << args;
  }
  EXPECT_NE(run("sweep report --format png").err.find("GUI"), std::string::npos);
  const Result missing = run("sweep status --store " + dir.file("none.sqlite"));
  EXPECT_EQ(missing.status, 1);
  EXPECT_EQ(std::count(missing.err.begin(), missing.err.end(), '\n'), 1) << missing.err;
}

TEST(SweepCli, NamesThatWouldBecomePathsOrShellWordsWriteNothingOutside) {
  // A plan naming its runs "../../x" or "a; rm -rf ~": refused by name, nothing written beside
  // --out or the store, nothing run.
  lt::test::TempDir dir;
  // Deep inside the test's own folder, so that "../../x" from anywhere in the box lands in it
  // and can be looked for there (not in /tmp, which other programs share).
  const std::string box = dir.file("a/b/c/box");
  std::filesystem::create_directories(box + "/out");
  const auto tiny =
      json::parse(slurp(std::string(LONGTAIL_SOURCE_DIR) + "/tests/data/sweep-tiny.json"));
  std::vector<json> plans;
  for (const std::string name : {"../../x", "a; rm -rf ~", "a/b"}) {
    json plan = tiny;
    plan["name"] = name;
    plans.push_back(plan);
    plan = tiny;
    plan["methods"] = {"simsiam", name};
    plans.push_back(plan);
  }
  for (const auto& plan : plans) {
    lt::test::write_text(dir.file("plan.json"), plan.dump(2));
    for (const std::string mode : {" --dry-run", ""}) {
      const Result r = run("sweep run " + dir.file("plan.json") + mode + " --out " + box +
                           "/out --store " + box + "/out/runs.sqlite");
      EXPECT_EQ(r.status, 2) << plan.dump() << mode << ": " << r.err;
      EXPECT_NE(r.err.find("sweep plan field"), std::string::npos) << r.err;
    }
  }
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(box)) {
    names.push_back(e.path().filename().string());
  }
  EXPECT_EQ(names, std::vector<std::string>{"out"});
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir.path())) {
    EXPECT_NE(e.path().filename().string(), "x") << e.path();
  }
  for (const auto& e : std::filesystem::recursive_directory_iterator(box + "/out")) {
    EXPECT_EQ(e.path().filename().string().find("rm -rf"), std::string::npos) << e.path();
  }
}

TEST(SweepCli, TheTinySweepRunsToItsEndAndStartedAgainStartsNothing) {
  lt::test::TempDir dir;
  const std::string store = dir.file("runs.sqlite");
  const std::string out = dir.file("sweeps");
  const std::string plan = tiny_plan(dir);
  const std::string args =
      "sweep run " + plan + " --parallel 2 --threads 2 --json --store " + store + " --out " + out;
  const Result first = run(args);
  ASSERT_EQ(first.status, 0) << first.err;
  const auto j = json::parse(first.out);
  EXPECT_EQ(j["runs"], 4);
  EXPECT_EQ(j["started"], 4);
  EXPECT_EQ(j["finished"], 4);
  EXPECT_EQ(j["failed"], 0);
  EXPECT_EQ(j["remaining"], 0);
  expect_each_finished_once(store, plan, out);

  const Result second = run(args);
  ASSERT_EQ(second.status, 0) << second.err;
  const auto k = json::parse(second.out);
  EXPECT_EQ(k["already_finished"], 4);
  EXPECT_EQ(k["started"], 0);
  EXPECT_LT(k["seconds"].get<double>(), 5.0);
  expect_each_finished_once(store, plan, out);

  // The report: a final gap for each method, from the probes.
  const Result report = run("sweep report --format json --store " + store);
  ASSERT_EQ(report.status, 0) << report.err;
  const auto rep = json::parse(report.out);
  EXPECT_EQ(rep["state"], "finished");
  std::set<std::string> final_id;
  for (const auto& g : rep["gaps"]) {
    if (g["probe"] == "id" && !g["provisional"].get<bool>()) final_id.insert(g["method"]);
  }
  EXPECT_EQ(final_id, (std::set<std::string>{"simsiam", "supervised"}));
  EXPECT_TRUE(rep["missing"].empty());
  const Result table = run("sweep report --store " + store);
  EXPECT_NE(table.out.find("Relative gap"), std::string::npos) << table.out;
  const Result csv = run("sweep report --format csv --store " + store);
  EXPECT_EQ(csv.out.rfind("table,probe,method", 0), 0u) << csv.out;
  // Each row ends with the protocol its method's runs trained with, as runs export shows it:
  // supervised by the standard protocol (He et al.), SimSiam by its own views.
  EXPECT_NE(csv.out.find(",note,protocol\n"), std::string::npos) << csv.out;
  int supervised_rows = 0;
  for (size_t at = csv.out.find(",supervised,SL,"); at != std::string::npos;
       at = csv.out.find(",supervised,SL,", at + 1), ++supervised_rows) {
    const size_t end = csv.out.find('\n', at);
    EXPECT_EQ(csv.out.substr(end - 9, 9), ",standard") << csv.out.substr(at, end - at);
  }
  EXPECT_GT(supervised_rows, 0) << csv.out;
  EXPECT_NE(csv.out.find(",simsiam,SSL,"), std::string::npos) << csv.out;
  EXPECT_NE(csv.out.find(",ssl\n"), std::string::npos) << csv.out;
  const Result svg =
      run("sweep report --format svg --out " + dir.file("gap.svg") + " --store " + store);
  ASSERT_EQ(svg.status, 0) << svg.err;
  EXPECT_NE(slurp(dir.file("gap.svg")).find("<polyline"), std::string::npos);
  const Result status = run("sweep status --json --store " + store);
  ASSERT_EQ(status.status, 0) << status.err;
  EXPECT_EQ(json::parse(status.out)["counts"]["finished"], 4);
}

TEST(SweepCli, KilledWithSigkillItResumesToTheSameFinishedRunsEachOnce) {
  lt::test::TempDir dir;
  const std::string store = dir.file("runs.sqlite");
  const std::string out = dir.file("sweeps");
  const std::string plan = tiny_plan(dir);
  const std::string args =
      "sweep run " + plan + " --threads 1 --json --store " + store + " --out " + out;

  // Kill once a run has finished and the next one is under way (training or probing), judged
  // from the store, not from a delay: a fast machine finishes the tiny runs in moments.
  const pid_t pid = spawn(args, dir.path().string());
  ASSERT_TRUE(lt::test::wait_until(
      [&] {
        const lt::SweepStatus s = status_of(store);
        return s.finished >= 1 && s.running + s.evaluating >= 1;
      },
      120))
      << slurp(dir.file("err"));
  kill(pid, SIGKILL);
  int raw = 0;
  waitpid(pid, &raw, 0);

  const lt::SweepStatus killed = lt::read_sweep_status(store);
  EXPECT_EQ(killed.running + killed.evaluating, 0) << "a dead runner holds nothing";
  EXPECT_LT(killed.finished, 4);
  EXPECT_EQ(lt::RunStore(store).integrity_check(), "ok");

  const Result again = run(args);
  ASSERT_EQ(again.status, 0) << again.err;
  const auto j = json::parse(again.out);
  EXPECT_EQ(j["already_finished"], killed.finished);
  EXPECT_EQ(j["started"].get<int64_t>(), 4 - killed.finished);
  EXPECT_EQ(j["failed"], 0);
  expect_each_finished_once(store, plan, out);
}

TEST(SweepCli, AFailingRunIsMarkedWithItsReasonAndTheSweepGoesOn) {
  lt::test::TempDir dir;
  const std::string store = dir.file("runs.sqlite");
  // Variants of about 46 images, a batch of 64: every run is refused by the trainer.
  auto plan = json::parse(slurp(tiny_plan(dir)));
  plan["name"] = "too-small";
  plan["samples"] = {0.002};
  plan["methods"] = {"supervised"};
  plan["pretrain"]["batch_size"] = 64;
  lt::test::write_text(dir.file("too-small.json"), plan.dump());
  const Result r = run("sweep run " + dir.file("too-small.json") + " --threads 1 --json --store " +
                       store + " --out " + dir.file("sweeps"));
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_NE(r.err.find("2 of 2 runs failed"), std::string::npos) << r.err;
  const auto j = json::parse(r.out);
  EXPECT_EQ(j["started"], 2) << "the second run was tried after the first failed";
  EXPECT_EQ(j["failed"], 2);

  const auto report = json::parse(run("sweep report --format json --store " + store).out);
  EXPECT_EQ(report["state"], "incomplete");
  ASSERT_EQ(report["missing"].size(), 1u);
  const std::string why = report["missing"][0];
  EXPECT_NE(why.find("failed: bad config"), std::string::npos) << why;
  EXPECT_NE(why.find("batch_size"), std::string::npos) << why;
}

TEST(SweepCli, PauseResumeAndCancelFromAnotherProcess) {
  lt::test::TempDir dir;
  const std::string store = dir.file("runs.sqlite");
  const std::string plan = tiny_plan(dir);
  const pid_t pid = spawn(
      "sweep run " + plan + " --threads 1 --json --store " + store + " --out " + dir.file("sweeps"),
      dir.path().string());
  const auto alive = [&] { return waitpid(pid, nullptr, WNOHANG) == 0; };
  const auto busy = [&] {
    const auto s = status_of(store);
    return s.running + s.evaluating > 0;
  };
  ASSERT_TRUE(lt::test::wait_until(busy, 60)) << slurp(dir.file("err"));

  ASSERT_EQ(run("sweep pause --store " + store).status, 0);
  // The runs in progress stop and go back to the queue; the runner waits.
  EXPECT_TRUE(lt::test::wait_until([&] { return !busy(); }, 20)) << slurp(dir.file("err"));
  EXPECT_EQ(status_of(store).state, "paused");
  EXPECT_TRUE(alive());

  ASSERT_EQ(run("sweep resume --store " + store).status, 0);
  EXPECT_TRUE(lt::test::wait_until(busy, 20)) << slurp(dir.file("err"));

  const Result cancel = run("sweep cancel --json --store " + store);
  ASSERT_EQ(cancel.status, 0) << cancel.err;
  EXPECT_TRUE(json::parse(cancel.out)["runner_alive"].get<bool>());
  int raw = 0;
  ASSERT_TRUE(lt::test::wait_until([&] { return waitpid(pid, &raw, WNOHANG) == pid; }, 30))
      << "the runner did not stop";
  ASSERT_TRUE(WIFEXITED(raw));
  EXPECT_EQ(WEXITSTATUS(raw), 0) << slurp(dir.file("err"));
  const auto summary = json::parse(slurp(dir.file("out")));
  EXPECT_EQ(summary["stopped"], "cancelled");
  EXPECT_GE(summary["requeued"].get<int64_t>(), 2) << "paused once, cancelled once";
  const auto s = lt::read_sweep_status(store);
  EXPECT_EQ(s.state, "cancelled");
  EXPECT_EQ(s.running + s.evaluating, 0);
  EXPECT_LT(s.finished, 4);
}

}  // namespace
