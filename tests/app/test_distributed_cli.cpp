// Data-parallel pre-training through the CLI, on the CPU with Gloo over loopback: two processes
// started by `longtail train --nproc-per-node 2` train the run a single process trains with the
// same global batch (with synchronised BatchNorm), their replicas stay bitwise equal, one of them
// killed fails the run as a whole and leaves no process behind, and a resume must use the world
// size the run was trained with.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "cli_run.h"
#include "distributed/data_parallel.h"
#include "distributed/worker_launcher.h"
#include "test_support.h"
#include "train/saved_run.h"

namespace lt {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

// A few steps on a few hundred Fashion-MNIST images, on one thread per process.
const std::string kTinyRunAnyBatch =
    "train --preset smoke --device cpu --precision fp32 --threads 1 --knn-every 0 --seed 4 "
    "--store none";
const std::string kTinyRun = kTinyRunAnyBatch + " --method simsiam --batch 32";

json read_json(const fs::path& path) {
  return json::parse(std::ifstream(path));
}

// The losses metrics.jsonl records, epoch by epoch.
std::vector<double> losses(const fs::path& run_dir) {
  std::vector<double> out;
  std::ifstream in(run_dir / "metrics.jsonl");
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) out.push_back(json::parse(line).at("loss").get<double>());
  }
  return out;
}

// The trainable parameters of the run's checkpoint (what the fingerprints cover).
std::vector<torch::Tensor> checkpoint_parameters(const fs::path& run_dir) {
  const SavedRun saved = read_saved_run(run_dir.string());
  return load_saved_method(run_dir.string(), saved)->trainable_parameters();
}

std::vector<fs::path> run_folders(const fs::path& out) {
  std::vector<fs::path> found;
  for (const auto& entry : fs::directory_iterator(out)) {
    if (entry.is_directory()) found.push_back(entry.path());
  }
  return found;
}

TEST(DistributedCli, TwoProcessesTrainTheRunOneProcessTrains) {
  test::TempDir dir;
  const std::string one = dir.file("one"), two = dir.file("two");
  // Two steps: the second uses the momentum of the first. Not more, because early SimSiam
  // on a batch of 32 magnifies float rounding about tenfold a step (the order of the sums
  // differs between one process and two): we measured the largest parameter difference at
  // 1e-7 after one step, 1e-6 after two and 1e-5 to 4e-4 after three, over seeds 4 to 8, with
  // and without per-run generators, while a wrong gradient or view differs by far more.
  const auto single =
      test::run_cli_within(300, kTinyRun + " --iterations 2 --json --out " + one + " --name run");
  ASSERT_EQ(single.status, 0) << single.err;
  const auto parallel = test::run_cli_within(
      300, kTinyRun + " --iterations 2 --json --out " + two + " --nproc-per-node 2 --sync-bn");
  ASSERT_EQ(parallel.status, 0) << parallel.err;

  // One summary (rank 0's) on stdout, one run folder.
  const json summary = json::parse(parallel.out);  // throws if stdout is not one JSON object
  EXPECT_EQ(summary.at("world_size"), 2);
  EXPECT_EQ(summary.at("epochs_done"), 1);
  EXPECT_EQ(summary.at("status"), "finished");
  ASSERT_TRUE(summary.at("final_loss").is_number());
  const auto folders = run_folders(two);
  ASSERT_EQ(folders.size(), 1u);
  EXPECT_EQ(folders[0].filename().string(), summary.at("run_id").get<std::string>());
  EXPECT_EQ(json::parse(single.out).at("world_size"), 1);

  // The same loss and parameters as one process with the same global batch.
  const fs::path one_dir = fs::path(one) / "run", two_dir = folders[0];
  EXPECT_NEAR(summary.at("final_loss").get<double>(),
              json::parse(single.out).at("final_loss").get<double>(), 1e-5);
  const auto l1 = losses(one_dir), l2 = losses(two_dir);
  ASSERT_EQ(l1.size(), 1u);
  ASSERT_EQ(l2.size(), 1u);
  EXPECT_NEAR(l1[0], l2[0], 1e-5);
  const auto p1 = checkpoint_parameters(one_dir), p2 = checkpoint_parameters(two_dir);
  ASSERT_EQ(p1.size(), p2.size());
  double largest = 0;
  size_t worst = 0;
  for (size_t k = 0; k < p1.size(); ++k) {
    const double d = (p1[k] - p2[k]).abs().max().item<double>();
    if (d > largest) largest = d, worst = k;
  }
  EXPECT_LT(largest, 1e-5) << "parameter " << worst << " of " << p1.size() << ", shape "
                           << p1[worst].sizes() << ", largest value "
                           << p1[worst].abs().max().item<double>();

  // Both ranks' parameters, bitwise: the fingerprints they exchanged at the checkpoint, the
  // first of which is rank 0's checkpoint's.
  const json info = read_json(two_dir / "run.json");
  const json dist = info.at("distributed");
  EXPECT_EQ(dist.at("world_size"), 2);
  EXPECT_EQ(dist.at("backend"), "gloo");
  EXPECT_EQ(dist.at("sync_batch_norm"), true);
  EXPECT_EQ(dist.at("batch_per_process"), 16);
  const auto fingerprints = dist.at("parameter_fingerprints").get<std::vector<std::string>>();
  ASSERT_EQ(fingerprints.size(), 2u);
  EXPECT_EQ(fingerprints[0], fingerprints[1]);
  EXPECT_EQ(fingerprints[0], tensor_fingerprint(p2));
  // The run records the launcher's command, which is what reproduces it.
  EXPECT_NE(info.at("provenance").at("command_line").get<std::string>().find("--nproc-per-node"),
            std::string::npos);

  // A resume must use the world size (and BatchNorm) the run was trained with ...
  const auto alone =
      test::run_cli_within(60, "train --resume " + two_dir.string() + " --store none");
  EXPECT_EQ(alone.status, 2);
  EXPECT_NE(alone.err.find("was trained by 2 processes"), std::string::npos) << alone.err;
  const auto unsynced = test::run_cli_within(
      60, "train --resume " + two_dir.string() + " --store none --nproc-per-node 2");
  EXPECT_EQ(unsynced.status, 2);
  EXPECT_NE(unsynced.err.find("--sync-bn"), std::string::npos) << unsynced.err;
  // ... and then continues it.
  const auto resumed =
      test::run_cli_within(300, "train --resume " + two_dir.string() +
                                    " --store none --json --epochs 2 --nproc-per-node 2 --sync-bn");
  ASSERT_EQ(resumed.status, 0) << resumed.err;
  EXPECT_EQ(json::parse(resumed.out).at("epochs_done"), 2);
  EXPECT_EQ(losses(two_dir).size(), 2u);
}

// SimCLR's negatives and MoCo's queue span the processes: the loss (and, after SimCLR's first
// step, the parameters) are the single process's with the same global batch. Gathering less
// (local negatives, local keys) would change the loss by far more than the tolerance. SimCLR's
// large gradients amplify rounding from step to step, so it is compared after one step.
TEST(DistributedCli, SimClrNegativesAndMocoKeysSpanTheProcesses) {
  for (const auto& [method, steps] : {std::pair<std::string, int>{"simclr", 1}, {"moco", 2}}) {
    test::TempDir dir;
    const std::string args = kTinyRunAnyBatch + " --batch 32 --method " + method +
                             " --iterations " + std::to_string(steps) + " --json --name run";
    const auto single = test::run_cli_within(300, args + " --out " + dir.file("one"));
    ASSERT_EQ(single.status, 0) << single.err;
    const auto parallel = test::run_cli_within(
        300, args + " --out " + dir.file("two") + " --nproc-per-node 2 --sync-bn");
    ASSERT_EQ(parallel.status, 0) << parallel.err;
    EXPECT_NEAR(json::parse(single.out).at("final_loss").get<double>(),
                json::parse(parallel.out).at("final_loss").get<double>(), 1e-5)
        << method;
    const auto p1 = checkpoint_parameters(fs::path(dir.file("one")) / "run");
    const auto p2 = checkpoint_parameters(fs::path(dir.file("two")) / "run");
    ASSERT_EQ(p1.size(), p2.size());
    double largest = 0;
    for (size_t k = 0; k < p1.size(); ++k) {
      largest = std::max(largest, (p1[k] - p2[k]).abs().max().item<double>());
    }
    EXPECT_LT(largest, 1e-5) << method;
  }
}

TEST(DistributedCli, PerProcessBatchNormKeepsTheReplicasEqual) {
  test::TempDir dir;
  const auto r = test::run_cli_within(
      300, kTinyRun + " --iterations 4 --json --out " + dir.file("runs") + " --nproc-per-node 2");
  ASSERT_EQ(r.status, 0) << r.err;
  const json summary = json::parse(r.out);
  const json dist =
      read_json(fs::path(summary.at("run_dir").get<std::string>()) / "run.json").at("distributed");
  EXPECT_EQ(dist.at("sync_batch_norm"), false);
  const auto fingerprints = dist.at("parameter_fingerprints").get<std::vector<std::string>>();
  ASSERT_EQ(fingerprints.size(), 2u);
  EXPECT_EQ(fingerprints[0], fingerprints[1]);
}

// The launcher started in the background, its stderr readable line by line.
class Launch {
 public:
  explicit Launch(const std::vector<std::string>& args) {
    int fds[2];
    if (pipe(fds) != 0) throw std::runtime_error("pipe");
    pid_ = fork();
    if (pid_ == 0) {
      dup2(fds[1], STDERR_FILENO);
      close(fds[0]);
      close(fds[1]);
      FILE* null = std::fopen("/dev/null", "w");
      dup2(fileno(null), STDOUT_FILENO);
      std::vector<char*> argv{const_cast<char*>(LONGTAIL_CLI)};
      for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
      argv.push_back(nullptr);
      setenv("LONGTAIL_PROGRESS", "lines", 1);
      execv(LONGTAIL_CLI, argv.data());
      _exit(127);
    }
    close(fds[1]);
    err_ = fdopen(fds[0], "r");
  }
  ~Launch() {
    if (pid_ > 0 && !reaped_) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    if (err_) std::fclose(err_);
  }
  // Reads stderr until a line holds `needle` (true) or stderr ends (false).
  bool wait_for_line(const std::string& needle) {
    char line[4096];
    while (std::fgets(line, sizeof line, err_) != nullptr) {
      text_ += line;
      if (std::string(line).find(needle) != std::string::npos) return true;
    }
    return false;
  }
  // The exit status, waiting at most `limit` (-1 when it is still running then).
  int wait_exit(std::chrono::seconds limit) {
    const auto until = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < until) {
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        reaped_ = true;
        char line[4096];
        while (std::fgets(line, sizeof line, err_) != nullptr) text_ += line;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return -1;
  }
  // The workers: the launcher's children, by rank (read from their environment).
  std::map<int, pid_t> workers() const {
    std::map<int, pid_t> out;
    for (const auto& entry : fs::directory_iterator("/proc")) {
      const std::string name = entry.path().filename().string();
      if (name.find_first_not_of("0123456789") != std::string::npos) continue;
      std::ifstream stat(entry.path() / "stat");
      std::string text((std::istreambuf_iterator<char>(stat)), {});
      const auto close = text.rfind(')');
      if (close == std::string::npos) continue;
      char state = 0;
      int ppid = 0;
      if (std::sscanf(text.c_str() + close + 1, " %c %d", &state, &ppid) != 2) continue;
      if (ppid != pid_) continue;
      std::ifstream environ(entry.path() / "environ");
      std::string env((std::istreambuf_iterator<char>(environ)), {});
      const auto at = env.find(std::string("\0RANK=", 6));
      if (at != std::string::npos) out[std::stoi(env.substr(at + 6))] = std::stoi(name);
    }
    return out;
  }
  pid_t pid() const { return pid_; }
  const std::string& text() const { return text_; }

 private:
  pid_t pid_ = -1;
  FILE* err_ = nullptr;
  bool reaped_ = false;
  std::string text_;
};

bool gone(pid_t pid) {
  return kill(pid, 0) == -1 && errno == ESRCH;
}

std::vector<std::string> long_run(const std::string& out) {
  std::vector<std::string> args;
  std::istringstream words(kTinyRun + " --epochs 200 --nproc-per-node 2 --out " + out +
                           " --name long");
  for (std::string w; words >> w;) args.push_back(w);
  return args;
}

TEST(DistributedCli, AKilledWorkerFailsTheRunAndLeavesNoProcess) {
  test::TempDir dir;
  Launch launch(long_run(dir.file("runs")));
  ASSERT_TRUE(launch.wait_for_line("epoch 1/")) << launch.text();  // both are training
  const auto workers = launch.workers();
  ASSERT_EQ(workers.size(), 2u) << launch.text();
  ASSERT_EQ(kill(workers.at(1), SIGKILL), 0);
  const int status = launch.wait_exit(std::chrono::seconds(120));
  ASSERT_NE(status, -1) << "the launcher did not end after a worker was killed";
  EXPECT_EQ(status, 1) << launch.text();
  EXPECT_NE(launch.text().find("worker rank 1"), std::string::npos) << launch.text();
  EXPECT_NE(launch.text().find("signal 9"), std::string::npos) << launch.text();
  EXPECT_TRUE(gone(workers.at(0))) << "rank 0 outlived the launcher";
  EXPECT_TRUE(gone(workers.at(1)));
}

TEST(DistributedCli, AnInterruptStopsEveryWorkerAtTheSameStep) {
  test::TempDir dir;
  Launch launch(long_run(dir.file("runs")));
  ASSERT_TRUE(launch.wait_for_line("epoch 1/")) << launch.text();
  const auto workers = launch.workers();
  ASSERT_EQ(workers.size(), 2u);
  ASSERT_EQ(kill(launch.pid(), SIGINT), 0);  // as Ctrl-C in a terminal
  const int status = launch.wait_exit(std::chrono::seconds(120));
  ASSERT_NE(status, -1) << "the launcher did not end after SIGINT";
  EXPECT_EQ(status, 1) << launch.text();
  for (const auto& [rank, pid] : workers) EXPECT_TRUE(gone(pid)) << "rank " << rank;
  // The run stopped cleanly and says how to go on.
  const json info = read_json(fs::path(dir.file("runs")) / "long" / "run.json");
  EXPECT_EQ(info.at("status"), "cancelled") << launch.text();
  EXPECT_NE(launch.text().find("--resume"), std::string::npos) << launch.text();
}

TEST(DistributedCli, ARendezvousNobodyComesToNamesItsAddress) {
  const int port = free_loopback_port();
  test::TempDir dir;
  const auto r = test::run_cli_prefixed(
      "env RANK=1 WORLD_SIZE=2 MASTER_ADDR=127.0.0.1 MASTER_PORT=" + std::to_string(port) + " ",
      kTinyRun + " --iterations 1 --dist-timeout 2 --out " + dir.file("runs"));
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_NE(r.err.find("127.0.0.1:" + std::to_string(port)), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("within 2 s"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir.file("runs")));  // rank 1 writes nothing
}

TEST(DistributedCli, ABatchThatDoesNotSplitIsRefusedOnce) {
  test::TempDir dir;
  const auto r = test::run_cli_within(
      60,
      kTinyRunAnyBatch + " --iterations 1 --batch 30 --nproc-per-node 4 --out " + dir.file("runs"));
  EXPECT_EQ(r.status, 2) << r.err;
  const auto first = r.err.find("does not split into 4");
  ASSERT_NE(first, std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("does not split", first + 1), std::string::npos) << r.err;  // once
  EXPECT_FALSE(fs::exists(dir.file("runs")));
}

TEST(DistributedCli, BclIsRefusedDataParallelWithWhatToDo) {
  test::TempDir dir;
  const auto r = test::run_cli_within(60, kTinyRunAnyBatch +
                                              " --method bcl --iterations 1 --batch 32 "
                                              "--nproc-per-node 2 --out " +
                                              dir.file("runs"));
  EXPECT_EQ(r.status, 2) << r.err;
  EXPECT_NE(r.err.find("train it with one process"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir.file("runs")));
}

}  // namespace
}  // namespace lt
