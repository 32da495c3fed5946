// kill -9 at random moments of a training run: the run store must stay intact (PRAGMA
// integrity_check), hold every epoch that finished exactly once, and the run must resume to its
// end. The kill delays are random (the seed is printed) so that, run after run, the kills land
// in start-up, in the middle of epochs, and between an epoch's record and its checkpoint.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <thread>

#include "store/run_store.h"
#include "test_support.h"

namespace {

namespace fs = std::filesystem;

// Starts the CLI with `args`, output to files in `log_dir`; returns its pid.
pid_t spawn_cli(const std::vector<std::string>& args, const std::string& log_dir) {
  const pid_t pid = fork();
  if (pid == 0) {
    const int out = open((log_dir + "/out").c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    const int err = open((log_dir + "/err").c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    dup2(out, 1);
    dup2(err, 2);
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(LONGTAIL_CLI));
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(LONGTAIL_CLI, argv.data());
    _exit(127);
  }
  return pid;
}

int64_t epochs_done_in_run_json(const std::string& run_dir) {
  try {
    return nlohmann::json::parse(std::ifstream(run_dir + "/run.json")).value("epochs_done", 0);
  } catch (const std::exception&) {
    return 0;
  }
}

// What must hold after any kill: an intact store whose epochs for the run are 1..k, each once,
// with k covering every checkpointed epoch (and at most the one recorded before its checkpoint).
void expect_consistent(const std::string& store_path, const std::string& run_dir,
                       const std::string& context) {
  SCOPED_TRACE(context);
  lt::RunStore store(store_path);
  EXPECT_EQ(store.integrity_check(), "ok");
  const auto run = store.find_run(run_dir);
  const int64_t checkpointed = epochs_done_in_run_json(run_dir);
  if (!run) {
    EXPECT_EQ(checkpointed, 0) << "a checkpointed run is missing from the store";
    return;
  }
  const auto epochs = store.epochs(run->id);
  for (size_t i = 0; i < epochs.size(); ++i) EXPECT_EQ(epochs[i].epoch, int64_t(i) + 1);
  EXPECT_GE(int64_t(epochs.size()), checkpointed);
  EXPECT_LE(int64_t(epochs.size()), checkpointed + 1);
}

TEST(CrashSafety, KillNineAtRandomMomentsLosesNoEpochAndTheRunResumes) {
  lt::test::TempDir dir;
  const std::string store = dir.file("runs.sqlite");
  const std::string run_dir = dir.file("runs/crash");
  const std::vector<std::string> fresh = {
      "train", "--preset", "smoke",          "--epochs", "6",     "--knn-every", "0",  "--threads",
      "1",     "--out",    dir.file("runs"), "--name",   "crash", "--store",     store};
  const std::vector<std::string> resume = {"train", "--resume", run_dir, "--store", store};

  const unsigned seed = std::random_device{}();
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> delay_ms(300, 4500);
  std::string delays;
  for (int kill_number = 1; kill_number <= 5; ++kill_number) {
    const bool started = fs::exists(run_dir + "/run.json");
    const pid_t pid = spawn_cli(started ? resume : fresh, dir.path().string());
    const int delay = delay_ms(rng);
    delays += std::to_string(delay) + " ";
    std::this_thread::sleep_for(std::chrono::milliseconds(delay));
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    expect_consistent(store, run_dir,
                      "seed " + std::to_string(seed) + ", kill delays (ms): " + delays);
  }
  // Resume (or start, if every kill came before the run existed) to the end.
  const bool started = fs::exists(run_dir + "/run.json");
  const pid_t pid = spawn_cli(started ? resume : fresh, dir.path().string());
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0)
      << lt::test::read_bytes(dir.file("err")).size() << " bytes on stderr; seed " << seed;

  lt::RunStore runs(store);
  EXPECT_EQ(runs.integrity_check(), "ok");
  const auto run = runs.find_run("crash");
  ASSERT_TRUE(run);
  EXPECT_EQ(run->status, "finished");
  EXPECT_EQ(run->epochs_done, 6);
  const auto epochs = runs.epochs(run->id);
  ASSERT_EQ(epochs.size(), 6u) << "kill delays (ms): " << delays;
  // The store holds what the run directory holds, epoch by epoch.
  std::ifstream metrics(run_dir + "/metrics.jsonl");
  int64_t line_number = 0;
  for (std::string line; std::getline(metrics, line); ++line_number) {
    const auto j = nlohmann::json::parse(line);
    ASSERT_LT(line_number, 6);
    EXPECT_EQ(epochs[line_number].epoch, j["epoch"].get<int64_t>());
    EXPECT_DOUBLE_EQ(epochs[line_number].loss, j["loss"].get<double>());
  }
  EXPECT_EQ(line_number, 6);
}

}  // namespace
