// Sweeps on a real single-node Slurm (scripts/slurm-local.sh, started by the ctest fixture
// slurm_local, or by .ci/run): the tiny plan as a job array finishes and `collect` brings its runs
// home once; a task cancelled in the middle of its run resumes from its checkpoint when the sweep
// is submitted again; a task that fails is reported with its reason while the others finish; a
// run trained by two processes of one srun step (--tasks-per-run 2) comes home as one run.
// Where Slurm cannot run (no root, no packages) these skip with the reason; under CI=true they
// must not skip. The dry run of the paper's grid needs no Slurm.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "cli_run.h"
#include "store/run_store.h"
#include "test_support.h"
#include "wait_until.h"

namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;
using lt::test::slurp;

lt::test::CliResult run(const std::string& args) {
  return lt::test::run_cli(args);
}

// The output of a shell command, and whether it succeeded.
bool shell(const std::string& command, std::string* out = nullptr) {
  lt::test::TempDir dir;
  const int raw = std::system((command + " >" + dir.file("out") + " 2>&1").c_str());
  if (out != nullptr) *out = slurp(dir.file("out"));
  return WIFEXITED(raw) && WEXITSTATUS(raw) == 0;
}

// Points SLURM_CONF at the local cluster; "" when it is up, else why not.
std::string local_slurm() {
  if (std::getenv("SLURM_CONF") == nullptr) {
    const std::string conf = "/tmp/longtail-slurm-" + std::to_string(getuid()) + "/slurm.conf";
    setenv("SLURM_CONF", conf.c_str(), 1);
  }
  // Slurm's clients retry a missing slurm.conf for a minute: look first.
  if (!fs::exists(std::getenv("SLURM_CONF"))) {
    return std::string("no slurm.conf at ") + std::getenv("SLURM_CONF");
  }
  std::string out;
  if (!shell("timeout 30 sinfo -h -o %T", &out)) return "sinfo failed: " + out;
  if (out.find("idle") == std::string::npos && out.find("mixed") == std::string::npos &&
      out.find("alloc") == std::string::npos) {
    return "the node is not up: " + out;
  }
  return "";
}

#define REQUIRE_SLURM()                                                                    \
  do {                                                                                     \
    const std::string why = local_slurm();                                                 \
    if (!why.empty()) {                                                                    \
      const char* ci = std::getenv("CI");                                                  \
      if (ci != nullptr && std::string(ci) == "true") FAIL() << "no Slurm in CI: " << why; \
      GTEST_SKIP() << "no local Slurm (scripts/slurm-local.sh start, as root): " << why;   \
    }                                                                                      \
  } while (0)

// The tiny plan with `changes` merged in, written into `dir`.
std::string tiny_plan(const lt::test::TempDir& dir, const json& changes) {
  auto plan = json::parse(slurp(std::string(LONGTAIL_SOURCE_DIR) + "/tests/data/sweep-tiny.json"));
#ifndef LONGTAIL_HAVE_OPENCV
  plan["ood_target"] = "none";
#endif
  plan.merge_patch(changes);
  lt::test::write_text(dir.file("plan.json"), plan.dump(2));
  return dir.file("plan.json");
}

// Cancels the jobs a test submitted when it ends early, so that no task outlives its folder.
struct JobGuard {
  std::set<std::string> jobs;
  ~JobGuard() {
    for (const auto& j : jobs) shell("scancel " + j);
  }
};

json status(const std::string& sweep_dir, const std::string& store) {
  const auto r = run("sweep status --sweep " + sweep_dir + " --store " + store + " --json");
  if (r.status != 0) return json{{"error", r.err}};
  return json::parse(r.out);
}

bool every_run(const json& s, const std::string& state) {
  if (!s.contains("runs") || s["runs"].empty()) return false;
  for (const auto& r : s["runs"]) {
    if (r.value("state", "") != state) return false;
  }
  return true;
}

bool none_active(const json& s) {
  if (!s.contains("runs")) return false;
  for (const auto& r : s["runs"]) {
    const std::string state = r.value("state", "");
    if (state == "pending" || state == "running") return false;
  }
  return true;
}

// `sweep submit PLAN --slurm FLAGS --out DIR/sweeps --store STORE --json`: its answer, with the
// job put under the guard; {"error": ...} when the submission was refused.
json submit(const std::string& plan, const std::string& flags, const lt::test::TempDir& dir,
            const std::string& store, JobGuard& guard) {
  const auto r = run("sweep submit " + plan + " --slurm " + flags + " --out " + dir.file("sweeps") +
                     " --store " + store + " --json");
  if (r.status != 0) return json{{"error", r.err}};
  json j = json::parse(r.out);
  if (j.value("job_id", json()).is_string()) guard.jobs.insert(j["job_id"].get<std::string>());
  return j;
}

// The sweep's status once none of its runs is pending or running (at most 15 minutes).
json settled(const std::string& sweep_dir, const std::string& store) {
  json s;
  lt::test::wait_until([&] { return none_active(s = status(sweep_dir, store)); }, 900);
  return s;
}

const json* run_of(const json& s, const std::string& key_part) {
  for (const auto& r : s["runs"]) {
    if (r.value("key", "").find(key_part) != std::string::npos) return &r;
  }
  return nullptr;
}

// Every task's log, for a failure message.
std::string slurp_logs(const std::string& sweep_dir) {
  std::string out;
  for (const auto& entry : fs::directory_iterator(sweep_dir + "/slurm")) {
    if (entry.path().extension() == ".out") {
      out += "--- " + entry.path().string() + "\n" + slurp(entry.path().string());
    }
  }
  return out;
}

std::string stored_summary(const std::string& store) {
  lt::RunStore runs(store);
  std::string out;
  for (const auto& run : runs.list_runs()) {
    out += run.dir + " " + run.status + " epochs " + std::to_string(runs.epochs(run.id).size()) +
           " evals " + std::to_string(runs.evaluations(run.id).size()) + "\n";
  }
  return out;
}

TEST(SweepSlurm, TheDryRunOfThePaperGridWritesTheScriptAndPrintsItsNames) {
  lt::test::TempDir dir;
  const auto r =
      run("sweep submit --preset paper-cifar10 --slurm --dry-run --max-running 4 "
          "--partition gpu --out " +
          dir.file("sweeps") + " --store " + dir.file("never-made.sqlite") + " --json");
  ASSERT_EQ(r.status, 0) << r.err;
  const json j = json::parse(r.out);
  EXPECT_EQ(j["run_count"], 40);
  EXPECT_TRUE(j["job_id"].is_null());
  const std::string script = j["script"];
  EXPECT_EQ(script, j["sweep_dir"].get<std::string>() + "/slurm/sweep.sbatch");
  EXPECT_EQ(fs::path(j["sweep_dir"].get<std::string>()).filename(),
            j["sweep_id"].get<std::string>());
  const std::string text = slurp(script);
  EXPECT_NE(text.find("#SBATCH --array=0-39%4\n"), std::string::npos) << text;
  EXPECT_NE(text.find("#SBATCH --partition=gpu\n"), std::string::npos);
  EXPECT_NE(text.find("#SBATCH --gres=gpu:1\n"), std::string::npos);  // a GPU plan
  EXPECT_NE(text.find("longtail=" + fs::canonical(LONGTAIL_CLI).string()), std::string::npos);
  EXPECT_TRUE(shell("bash -n " + script));
  EXPECT_TRUE(fs::exists(j["sweep_dir"].get<std::string>() + "/slurm/queue.json"));
  EXPECT_FALSE(fs::exists(dir.file("never-made.sqlite")));
}

TEST(SweepSlurm, ProcessesPerRunThatCannotTrainTogetherAreRefusedBeforeAnythingIsQueued) {
  lt::test::TempDir dir;
  const std::string store = dir.file("store.sqlite");
  const std::string out = " --out " + dir.file("sweeps") + " --store " + store;
  // BCL keeps each image's loss memory in one process: refused at submit, naming the run.
  const std::string with_bcl = tiny_plan(dir, json{{"methods", {"simsiam", "bcl"}}});
  auto r = run("sweep submit " + with_bcl + " --slurm --tasks-per-run 2" + out);
  EXPECT_EQ(r.status, 2) << r.err;
  EXPECT_NE(r.err.find("run bcl-exp-"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--tasks-per-run 1"), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_FALSE(fs::exists(store));  // nothing queued
  EXPECT_FALSE(fs::exists(dir.file("sweeps")));
  r = run("sweep submit " + with_bcl + " --slurm --dry-run --tasks-per-run 2" + out);
  EXPECT_EQ(r.status, 2) << r.err;

  // One process per GPU: a different count is refused with what to give.
  r =
      run("sweep submit --preset paper-cifar10 --slurm --dry-run --gpus-per-run 2 "
          "--tasks-per-run 3" +
          out);
  EXPECT_EQ(r.status, 2) << r.err;
  EXPECT_NE(r.err.find("--gpus-per-run 3"), std::string::npos) << r.err;
  // ... and the default is one process per GPU, each with the cores of a one-GPU run.
  r = run("sweep submit --preset paper-cifar10 --slurm --dry-run --gpus-per-run 2 --json" + out);
  ASSERT_EQ(r.status, 0) << r.err;
  const json j = json::parse(r.out);
  EXPECT_EQ(j["tasks_per_run"], 2);
  EXPECT_EQ(j["cpus_per_run"], 8);
  const std::string script = slurp(j["script"]);
  EXPECT_NE(script.find("#SBATCH --ntasks=2\n"), std::string::npos) << script;
  EXPECT_NE(script.find("exec srun --ntasks=2 --cpus-per-task=4 "), std::string::npos) << script;
  EXPECT_FALSE(fs::exists(store));
}

TEST(SweepSlurm, ARunOfTwoProcessesTrainsDataParallelAndComesHomeOnce) {
  REQUIRE_SLURM();
  lt::test::TempDir dir;
  JobGuard guard;
  const std::string store = dir.file("store.sqlite");
  // One method: the variant and its balanced twin, each run trained by two Gloo processes.
  const std::string plan = tiny_plan(dir, json{{"methods", {"simsiam"}},
                                               {"pretrain", {{"epochs", 1}, {"knn_every", 0}}},
                                               {"probe", {{"seeds", {0}}, {"epochs", 2}}},
                                               {"ood_target", "none"}});
  json j = submit(plan, "--tasks-per-run 2 --cpus-per-run 2", dir, store, guard);
  ASSERT_FALSE(j.contains("error")) << j.dump();
  ASSERT_FALSE(j["job_id"].is_null());
  EXPECT_EQ(j["tasks_per_run"], 2);
  const std::string sweep_dir = j["sweep_dir"];
  EXPECT_NE(slurp(j["script"]).find("exec srun --ntasks=2 --cpus-per-task=1 "), std::string::npos);

  const json s = settled(sweep_dir, store);
  ASSERT_TRUE(none_active(s)) << s.dump(2);
  ASSERT_TRUE(every_run(s, "completed")) << s.dump(2) << slurp_logs(sweep_dir);
  lt::RunStore runs(store);
  for (const auto& r : s["runs"]) {
    EXPECT_EQ(r["queue_state"], "finished") << r.dump();
    const std::string run_dir = r["run_dir"];
    const json info = json::parse(slurp(run_dir + "/run.json"));
    EXPECT_EQ(info["status"], "finished");
    EXPECT_EQ(info["distributed"]["world_size"], 2) << info.dump(2);
    EXPECT_EQ(info["distributed"]["backend"], "gloo");
    const auto stored = runs.find_run(run_dir);
    ASSERT_TRUE(stored.has_value()) << run_dir;
    EXPECT_EQ(stored->status, "finished");
    // The task's file is rank 0's (the other rank has no probe result to write over it).
    const json task =
        json::parse(slurp(sweep_dir + "/slurm/tasks/" + r["key"].get<std::string>() + ".json"));
    EXPECT_EQ(task["state"], "finished") << task.dump(2);
    EXPECT_TRUE(task["result"]["id"].contains("top1")) << task.dump(2);
  }
}

TEST(SweepSlurm, TheTinySweepAsAnArrayFinishesAndComesHomeOnce) {
  REQUIRE_SLURM();
  lt::test::TempDir dir;
  JobGuard guard;
  const std::string store = dir.file("store.sqlite");
  const std::string plan = tiny_plan(dir, json::object());
  json j = submit(plan, "--cpus-per-run 1 --max-running 4", dir, store, guard);
  ASSERT_FALSE(j.contains("error")) << j.dump();
  ASSERT_FALSE(j["job_id"].is_null());
  EXPECT_EQ(j["run_count"], 4);
  const std::string sweep_dir = j["sweep_dir"];
  EXPECT_NE(slurp(j["script"]).find("#SBATCH --array=0-3%4"), std::string::npos);

  const json s = settled(sweep_dir, store);
  ASSERT_TRUE(none_active(s)) << s.dump(2);
  ASSERT_TRUE(every_run(s, "completed")) << s.dump(2);
  for (const auto& r : s["runs"]) {
    EXPECT_EQ(r["queue_state"], "finished") << r.dump();
    EXPECT_EQ(r["job_id"], j["job_id"]);
    EXPECT_EQ(r["top1_per_probe_seed"]["id"].size(), 2u) << r.dump();
  }
  // In the store: each run once, its epochs 1..E once each, its probes recorded.
  {
    lt::RunStore runs(store);
    const auto stored = runs.list_runs();
    ASSERT_EQ(stored.size(), 4u);
    for (const auto& run : stored) {
      EXPECT_EQ(run.status, "finished") << run.id;
      const auto epochs = runs.epochs(run.id);
      ASSERT_EQ(int64_t(epochs.size()), run.epochs_planned) << run.id;
      for (size_t i = 0; i < epochs.size(); ++i) EXPECT_EQ(epochs[i].epoch, int64_t(i) + 1);
      bool probed = false;
      for (const auto& e : runs.evaluations(run.id)) probed = probed || e.probe == "id";
      EXPECT_TRUE(probed) << run.id;
    }
  }
  const std::string before = stored_summary(store);

  const auto again = run("sweep collect --sweep " + sweep_dir + " --store " + store + " --json");
  ASSERT_EQ(again.status, 0) << again.err;
  EXPECT_EQ(json::parse(again.out)["collected"], 0);
  EXPECT_EQ(json::parse(again.out)["finished"], 4);

  json resubmitted = submit(plan, "--cpus-per-run 1", dir, store, guard);
  ASSERT_FALSE(resubmitted.contains("error")) << resubmitted.dump();
  EXPECT_EQ(resubmitted["run_count"], 0);
  EXPECT_TRUE(resubmitted["job_id"].is_null());
  EXPECT_EQ(stored_summary(store), before);
}

TEST(SweepSlurm, ATaskCancelledMidRunResumesFromItsCheckpointWhenSubmittedAgain) {
  REQUIRE_SLURM();
  lt::test::TempDir dir;
  JobGuard guard;
  const std::string store = dir.file("store.sqlite");
  // One method: two runs (the variant and its twin), long enough to be caught in the middle.
  const std::string plan = tiny_plan(dir, json{{"methods", {"supervised"}},
                                               {"pretrain", {{"epochs", 20}, {"knn_every", 10}}},
                                               {"probe", {{"seeds", {0}}, {"epochs", 2}}},
                                               {"ood_target", "none"}});
  json j = submit(plan, "--cpus-per-run 1", dir, store, guard);
  ASSERT_FALSE(j.contains("error")) << j.dump();
  const std::string job = j["job_id"];
  const std::string sweep_dir = j["sweep_dir"];

  // The imbalanced run (position 0): cancelled once it has checkpointed an epoch.
  json s = status(sweep_dir, store);
  ASSERT_TRUE(s.contains("runs")) << s.dump();
  const std::string key = s["runs"][0]["key"];
  const std::string run_dir = s["runs"][0]["run_dir"];
  const auto epochs_in_folder = [&] {
    try {
      return json::parse(slurp(run_dir + "/run.json")).value("epochs_done", 0);
    } catch (const std::exception&) {
      return 0;
    }
  };
  ASSERT_TRUE(lt::test::wait_until([&] { return epochs_in_folder() >= 1; }, 600));
  ASSERT_TRUE(shell("scancel " + job + "_0"));
  ASSERT_TRUE(lt::test::wait_until(
      [&] {
        s = status(sweep_dir, store);
        const json* r = run_of(s, key);
        return r != nullptr && (*r)["state"] == "cancelled";
      },
      300))
      << s.dump(2);
  const int cancelled_at = epochs_in_folder();
  ASSERT_LT(cancelled_at, 20) << "the run finished before it could be cancelled";

  json again = submit(plan, "--cpus-per-run 1", dir, store, guard);
  ASSERT_FALSE(again.contains("error")) << again.dump();
  EXPECT_EQ(again["run_count"], 1);  // the cancelled run only
  ASSERT_FALSE(again["job_id"].is_null());
  ASSERT_TRUE(lt::test::wait_until(
      [&] { return every_run(s = status(sweep_dir, store), "completed"); }, 900))
      << s.dump(2);

  const json task = json::parse(slurp(sweep_dir + "/slurm/tasks/" + key + ".json"));
  EXPECT_GE(task.value("resumed_from_epoch", 0), 1) << task.dump(2);
  EXPECT_LE(task.value("resumed_from_epoch", 0), cancelled_at);
  lt::RunStore runs(store);
  const auto stored = runs.find_run(run_dir);
  ASSERT_TRUE(stored.has_value());
  const auto epochs = runs.epochs(stored->id);
  ASSERT_EQ(epochs.size(), 20u);
  for (size_t i = 0; i < epochs.size(); ++i) EXPECT_EQ(epochs[i].epoch, int64_t(i) + 1);
}

TEST(SweepSlurm, AFailingTaskIsReportedWithItsReasonAndTheOthersFinish) {
  REQUIRE_SLURM();
  lt::test::TempDir dir;
  JobGuard guard;
  const std::string store = dir.file("store.sqlite");
  const std::string plan = tiny_plan(
      dir, json{{"methods", {"supervised"}}, {"probe", {{"seeds", {0}}}}, {"ood_target", "none"}});
  // Submitted held, one run's source made wrong the way a node without the data sees it, then
  // released.
  json j = submit(plan, "--cpus-per-run 1 --sbatch-arg=--hold", dir, store, guard);
  ASSERT_FALSE(j.contains("error")) << j.dump();
  const std::string job = j["job_id"];
  const std::string sweep_dir = j["sweep_dir"];
  json queue = json::parse(slurp(sweep_dir + "/slurm/queue.json"));
  const std::string bad_key = queue["runs"][1]["key"];
  queue["runs"][1]["config"]["source"] = "fashion-mnist:/no/such/folder";
  lt::test::write_text(sweep_dir + "/slurm/queue.json", queue.dump(2));
  std::string out;
  ASSERT_TRUE(shell("scontrol release " + job, &out)) << out;

  const json s = settled(sweep_dir, store);
  ASSERT_TRUE(none_active(s)) << s.dump(2);
  for (const auto& r : s["runs"]) {
    if (r["key"] == bad_key) {
      EXPECT_EQ(r["state"], "failed") << r.dump(2);
      EXPECT_EQ(r["queue_state"], "failed");
      const std::string message = r["message"];
      EXPECT_NE(message.find("/no/such/folder"), std::string::npos) << message;
      EXPECT_NE(message.find("Slurm: FAILED"), std::string::npos) << message;
      EXPECT_EQ(r["slurm_reason"], "NonZeroExitCode");
    } else {
      EXPECT_EQ(r["state"], "completed") << r.dump(2);
      EXPECT_EQ(r["queue_state"], "finished");
    }
  }
  const auto report = run("sweep status --sweep " + sweep_dir + " --store " + store);
  EXPECT_NE(report.out.find("/no/such/folder"), std::string::npos) << report.out;
}

TEST(SweepSlurm, CancelCancelsTheSweepsArrayAndStatusSaysSo) {
  REQUIRE_SLURM();
  lt::test::TempDir dir;
  JobGuard guard;
  const std::string store = dir.file("store.sqlite");
  const std::string plan = tiny_plan(dir, json::object());
  // Held, so that nothing runs before the cancel.
  json j = submit(plan, "--cpus-per-run 1 --sbatch-arg=--hold", dir, store, guard);
  ASSERT_FALSE(j.contains("error")) << j.dump();
  const std::string sweep_dir = j["sweep_dir"];
  EXPECT_TRUE(every_run(status(sweep_dir, store), "pending"));
  const auto cancelled = run("sweep cancel --sweep " + sweep_dir + " --store " + store + " --json");
  ASSERT_EQ(cancelled.status, 0) << cancelled.err;
  EXPECT_EQ(json::parse(cancelled.out)["scancel"], json::array({j["job_id"]}));
  json s;
  EXPECT_TRUE(lt::test::wait_until(
      [&] { return every_run(s = status(sweep_dir, store), "cancelled"); }, 120))
      << s.dump(2);
  for (const auto& r : s["runs"]) EXPECT_EQ(r["queue_state"], "queued");  // submit runs them
}

}  // namespace
