// kill -9 at chosen moments of a training run: the run store must stay intact (PRAGMA
// integrity_check), hold every epoch that finished exactly once, and the run must resume to its
// end. The kills are placed by what the run reports (LONGTAIL_PROGRESS=lines), not by time, so
// they land where meant on any machine: in start-up, in the middle of an epoch, and just after an
// epoch was recorded (before or while its checkpoint is written). Which step of which epoch is
// drawn from a seed, printed, and taken from LONGTAIL_CRASH_SEED when set, so a failure can be
// replayed.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <random>

#include "store/run_store.h"
#include "test_support.h"

namespace {

namespace fs = std::filesystem;

// Starts the CLI with `args` and progress lines on; its stderr comes back through `err_fd`.
pid_t spawn_cli(const std::vector<std::string>& args, int& err_fd) {
  int err_pipe[2];
  if (::pipe(err_pipe) != 0) return -1;
  const pid_t pid = fork();
  if (pid == 0) {
    const int null = open("/dev/null", O_WRONLY);
    dup2(null, 1);
    dup2(err_pipe[1], 2);
    close(err_pipe[0]);
    close(err_pipe[1]);
    setenv("LONGTAIL_PROGRESS", "lines", 1);
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(LONGTAIL_CLI));
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(LONGTAIL_CLI, argv.data());
    _exit(127);
  }
  close(err_pipe[1]);
  err_fd = err_pipe[0];
  return pid;
}

// Reads stderr lines until `wanted` says yes (true) or the process closes it (false).
bool wait_for_line(int fd, const std::function<bool(const std::string&)>& wanted,
                   std::string& seen) {
  std::string line;
  char c;
  while (::read(fd, &c, 1) == 1) {
    if (c != '\n') {
      line += c;
      continue;
    }
    seen += line + "\n";
    if (wanted(line)) return true;
    line.clear();
  }
  return false;
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

  const char* given_seed = std::getenv("LONGTAIL_CRASH_SEED");
  const unsigned seed = given_seed ? unsigned(std::stoul(given_seed)) : std::random_device{}();
  std::printf("crash test seed %u (LONGTAIL_CRASH_SEED=%u replays it)\n", seed, seed);
  RecordProperty("seed", std::to_string(seed));
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> nth_step(1, 3);
  // Kill 1 in start-up; 2 and 4 in the middle of an epoch (at a drawn step report); 3 and 5
  // just after an epoch's record line.
  enum class Moment { kStartUp, kMidEpoch, kAfterEpochRecord };
  const Moment moments[] = {Moment::kStartUp, Moment::kMidEpoch, Moment::kAfterEpochRecord,
                            Moment::kMidEpoch, Moment::kAfterEpochRecord};
  std::string log;
  int landed_mid_run = 0;
  for (const Moment moment : moments) {
    const bool started = fs::exists(run_dir + "/run.json");
    int err = -1;
    const pid_t pid = spawn_cli(started ? resume : fresh, err);
    ASSERT_GT(pid, 0);
    bool reached = true;
    if (moment == Moment::kMidEpoch) {
      const int n = nth_step(rng);
      int steps = 0;
      log += "mid-epoch at step report " + std::to_string(n) + "; ";
      reached = wait_for_line(
          err,
          [&](const std::string& l) { return l.rfind("progress epoch", 0) == 0 && ++steps == n; },
          log);
    } else if (moment == Moment::kAfterEpochRecord) {
      log += "after an epoch record; ";
      reached = wait_for_line(
          err, [](const std::string& l) { return l.rfind("epoch ", 0) == 0; }, log);
    } else {
      log += "start-up; ";
    }
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    close(err);
    // The moment was reached while the run was alive: the kill landed in the middle of the run.
    ASSERT_TRUE(reached) << "the run ended before the kill's moment; seed " << seed << "\n" << log;
    if (moment != Moment::kStartUp) {
      ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << log;
      ++landed_mid_run;
    }
    expect_consistent(store, run_dir, "seed " + std::to_string(seed) + ": " + log);
  }
  EXPECT_EQ(landed_mid_run, 4);
  EXPECT_LT(epochs_done_in_run_json(run_dir), 6) << "the kills left nothing to resume";
  // Resume (or start, if every kill came before the run existed) to the end.
  const bool started = fs::exists(run_dir + "/run.json");
  int err = -1;
  const pid_t pid = spawn_cli(started ? resume : fresh, err);
  std::string tail;
  wait_for_line(
      err, [](const std::string&) { return false; }, tail);
  close(err);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << tail << "; seed " << seed;

  lt::RunStore runs(store);
  EXPECT_EQ(runs.integrity_check(), "ok");
  const auto run = runs.find_run("crash");
  ASSERT_TRUE(run);
  EXPECT_EQ(run->status, "finished");
  EXPECT_EQ(run->epochs_done, 6);
  const auto epochs = runs.epochs(run->id);
  ASSERT_EQ(epochs.size(), 6u) << "seed " << seed << ": " << log;
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
