// The job script of a Slurm sweep as a user reads it: every value a quoted shell word, the array
// numbered by the runs' positions with %K, the GPUs as gres, and a script bash accepts; several
// processes per run started by srun at a port of their own; and which device each worker of a
// local sweep gets.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "sweep/slurm_script.h"
#include "sweep/worker_devices.h"
#include "test_support.h"
#include "util/error.h"
#include "util/shell_quote.h"

namespace {

lt::SlurmScriptInput input() {
  lt::SlurmScriptInput in;
  in.sweep_id = "paper-cifar10-abc123";
  in.sweep_name = "paper-cifar10";
  in.sweep_dir = "/shared/sweeps/paper-cifar10-abc123";
  in.longtail = "/opt/long tail/bin/longtail";  // a blank: it must come out quoted
  for (int64_t i = 0; i < 40; ++i) in.positions.push_back(i);
  in.options.partition = "gpu";
  in.options.gpus_per_run = 1;
  in.options.cpus_per_run = 8;
  in.options.mem = "32G";
  in.options.time = "24:00:00";
  in.options.max_running = 4;
  in.options.sbatch_args = {"--constraint=h100"};
  in.device = "cuda:0";
  return in;
}

bool bash_accepts(const std::string& script) {
  lt::test::TempDir dir;
  lt::test::write_text(dir.file("job.sbatch"), script);
  const int raw = std::system(("bash -n " + dir.file("job.sbatch")).c_str());
  return WIFEXITED(raw) && WEXITSTATUS(raw) == 0;
}

TEST(SlurmScript, ShellWordsQuoteWhatTheShellWouldSplitOrExpand) {
  EXPECT_EQ(lt::shell_quote("cuda:0"), "cuda:0");
  EXPECT_EQ(lt::shell_quote("/a b/c"), "'/a b/c'");
  EXPECT_EQ(lt::shell_quote("it's"), "'it'\\''s'");
  EXPECT_EQ(lt::shell_quote("$HOME"), "'$HOME'");
  EXPECT_EQ(lt::shell_quote(""), "''");
}

TEST(SlurmScript, ArrayRangesComeFromThePositionsWithTheLimit) {
  EXPECT_EQ(lt::slurm_array_spec({0, 1, 2, 3}, 4), "0-3%4");
  EXPECT_EQ(lt::slurm_array_spec({5, 1, 3, 2}, 0), "1-3,5");
  EXPECT_EQ(lt::slurm_array_spec({7}, 2), "7%2");
}

TEST(SlurmScript, HoldsWhatWasAskedAndBashAcceptsIt) {
  const std::string script = lt::slurm_job_script(input());
  EXPECT_NE(script.find("#SBATCH --array=0-39%4\n"), std::string::npos) << script;
  EXPECT_NE(script.find("#SBATCH --partition=gpu\n"), std::string::npos);
  EXPECT_NE(script.find("#SBATCH --gres=gpu:1\n"), std::string::npos);
  EXPECT_NE(script.find("#SBATCH --cpus-per-task=8\n"), std::string::npos);
  EXPECT_NE(script.find("#SBATCH --mem=32G\n"), std::string::npos);
  EXPECT_NE(script.find("#SBATCH --time=24:00:00\n"), std::string::npos);
  EXPECT_NE(script.find("#SBATCH --requeue\n"), std::string::npos);
  EXPECT_NE(script.find("#SBATCH --constraint=h100\n"), std::string::npos);
  EXPECT_NE(script.find("longtail='/opt/long tail/bin/longtail'\n"), std::string::npos);
  EXPECT_NE(script.find("--task \"$SLURM_ARRAY_TASK_ID\" --device cuda:0"), std::string::npos);
  EXPECT_TRUE(bash_accepts(script)) << script;

  lt::SlurmScriptInput cpu = input();
  cpu.options.gpus_per_run = 0;
  cpu.options.partition.clear();
  const std::string cpu_script = lt::slurm_job_script(cpu);
  EXPECT_EQ(cpu_script.find("--gres"), std::string::npos);
  EXPECT_EQ(cpu_script.find("--partition"), std::string::npos);
  EXPECT_TRUE(bash_accepts(cpu_script));
}

// What the script hands srun: bash runs it as Slurm would (SLURM_JOB_ID set) with a stand-in srun
// first on PATH that prints MASTER_ADDR, MASTER_PORT and its own arguments.
std::string what_srun_gets(const std::string& script, int64_t job_id) {
  lt::test::TempDir dir;
  lt::test::write_text(dir.file("srun"), "#!/bin/bash\necho \"$MASTER_ADDR $MASTER_PORT $*\"\n");
  std::filesystem::permissions(dir.file("srun"), std::filesystem::perms::owner_exec,
                               std::filesystem::perm_options::add);
  lt::test::write_text(dir.file("job.sbatch"), script);
  const std::string command = "PATH=" + lt::shell_quote(dir.path().string()) +
                              ":\"$PATH\" SLURM_JOB_ID=" + std::to_string(job_id) +
                              " SLURM_ARRAY_TASK_ID=3 bash " + dir.file("job.sbatch") + " >" +
                              dir.file("out") + " 2>&1";
  const int raw = std::system(command.c_str());
  std::ifstream file(dir.file("out"));
  const std::string out((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  return WIFEXITED(raw) && WEXITSTATUS(raw) == 0 ? out : "failed: " + out;
}

// A socket listening on 127.0.0.1 at the first free port from `from` (-1 and 0 when none).
struct Listener {
  int fd = -1;
  int port = 0;
  explicit Listener(int from) {
    for (int port_tried = from; port_tried < from + 200; ++port_tried) {
      fd = ::socket(AF_INET, SOCK_STREAM, 0);
      sockaddr_in address{};
      address.sin_family = AF_INET;
      address.sin_port = htons(uint16_t(port_tried));
      address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
          ::listen(fd, 1) == 0) {
        port = port_tried;
        return;
      }
      ::close(fd);
      fd = -1;
    }
  }
  ~Listener() {
    if (fd >= 0) ::close(fd);
  }
};

TEST(SlurmScript, OneProcessPerRunIsTheScriptItAlwaysWas) {
  // Byte for byte the script of the one-process sweeps submitted before --tasks-per-run.
  const std::string before =
      "#!/bin/bash\n"
      "# LongTail Lab sweep paper-cifar10-abc123: one array task per run, the task id being the\n"
      "# run's position in the sweep. Written by `longtail sweep submit`; edit it and submit it\n"
      "# again by hand with `sbatch /shared/sweeps/paper-cifar10-abc123/slurm/sweep.sbatch` if "
      "you like\n"
      "# (--array picks the runs). A requeued or resubmitted task resumes its run from its\n"
      "# checkpoint. Tasks never write the run store: each leaves its results in its run's\n"
      "# folder, and `longtail sweep collect --sweep /shared/sweeps/paper-cifar10-abc123`\n"
      "# (run by `sweep status` and `sweep report` too) brings them into the store.\n"
      "#SBATCH --job-name=lt-paper-cifar10\n"
      "#SBATCH --array=0-39%4\n"
      "#SBATCH --partition=gpu\n"
      "#SBATCH --ntasks=1\n"
      "#SBATCH --cpus-per-task=8\n"
      "#SBATCH --gres=gpu:1\n"
      "#SBATCH --mem=32G\n"
      "#SBATCH --time=24:00:00\n"
      "#SBATCH --chdir=/shared/sweeps/paper-cifar10-abc123\n"
      "#SBATCH --output=/shared/sweeps/paper-cifar10-abc123/slurm/%A_%a.out\n"
      "#SBATCH --open-mode=append\n"
      "#SBATCH --requeue\n"
      "#SBATCH --constraint=h100\n"
      "\n"
      "set -euo pipefail\n"
      "# A compute node's PATH is not the submitter's: the longtail that wrote this script.\n"
      "longtail='/opt/long tail/bin/longtail'\n"
      "sweep_dir=/shared/sweeps/paper-cifar10-abc123\n"
      "# Slurm shows the task only the GPUs it was given (CUDA_VISIBLE_DEVICES): cuda:0 is one.\n"
      "exec \"$longtail\" sweep exec --sweep \"$sweep_dir\" --task \"$SLURM_ARRAY_TASK_ID\" "
      "--device cuda:0 --threads 8\n";
  lt::SlurmScriptInput in = input();
  EXPECT_EQ(lt::slurm_job_script(in), before);  // tasks_per_run unresolved (0)
  in.options.tasks_per_run = 1;
  EXPECT_EQ(lt::slurm_job_script(in), before);
}

TEST(SlurmScript, TwoProcessesPerRunAreOneSrunStepAtAPortOfTheirOwn) {
  lt::SlurmScriptInput in = input();
  in.options.gpus_per_run = 2;
  in.options.tasks_per_run = 2;
  in.device = "cuda";
  const std::string script = lt::slurm_job_script(in);
  EXPECT_NE(script.find("#SBATCH --nodes=1\n#SBATCH --ntasks=2\n#SBATCH --cpus-per-task=4\n"
                        "#SBATCH --gres=gpu:2\n"),
            std::string::npos)
      << script;
  EXPECT_EQ(script.find("--ntasks=1"), std::string::npos);
  const std::string srun =
      "exec srun --ntasks=2 --cpus-per-task=4 --kill-on-bad-exit=1 \"$longtail\" sweep exec "
      "--sweep \"$sweep_dir\" --task \"$SLURM_ARRAY_TASK_ID\" --device cuda --threads 4\n";
  EXPECT_NE(script.find(srun), std::string::npos) << script;
  EXPECT_EQ(script.find("exec \"$longtail\""), std::string::npos);  // not one process alone
  EXPECT_TRUE(bash_accepts(script)) << script;

  // The port comes from the job id (each array task has its own), in the documented range.
  const std::string got = what_srun_gets(script, 123);
  EXPECT_EQ(got.rfind("127.0.0.1 20123 --ntasks=2 --cpus-per-task=4 --kill-on-bad-exit=1 ", 0), 0u)
      << got;
  EXPECT_NE(got.find("sweep exec --sweep /shared/sweeps/paper-cifar10-abc123 --task 3 --device "
                     "cuda --threads 4"),
            std::string::npos)
      << got;
  EXPECT_EQ(what_srun_gets(script, 9000 + 123), got);  // modulo the range
  // A port something on the node listens on already is passed over.
  const Listener busy(lt::kSlurmFirstPort + 4000);
  ASSERT_GT(busy.port, 0) << "no free port to listen on near " << lt::kSlurmFirstPort + 4000;
  const std::string moved = what_srun_gets(script, busy.port - lt::kSlurmFirstPort);
  const int port = std::atoi(moved.substr(moved.find(' ') + 1).c_str());
  EXPECT_GT(port, busy.port) << moved;
  EXPECT_LT(port, lt::kSlurmFirstPort + lt::kSlurmPortCount) << moved;

  // On CPU: the same step, its processes on the CPU share of the cores, no GPU asked.
  in.options.gpus_per_run = 0;
  in.options.cpus_per_run = 2;
  in.device = "cpu";
  const std::string cpu = lt::slurm_job_script(in);
  EXPECT_EQ(cpu.find("--gres"), std::string::npos);
  EXPECT_NE(cpu.find("exec srun --ntasks=2 --cpus-per-task=1 --kill-on-bad-exit=1 "),
            std::string::npos)
      << cpu;
  EXPECT_NE(cpu.find("--device cpu --threads 1\n"), std::string::npos);
  in.options.cpus_per_run = 3;
  EXPECT_THROW(lt::slurm_job_script(in), lt::Error);  // 3 cores do not split in two
}

TEST(SlurmScript, AValueAnSbatchLineCannotHoldIsRefusedByName) {
  lt::SlurmScriptInput in = input();
  in.options.partition = "gpu\n#SBATCH --uid=0";
  try {
    lt::slurm_job_script(in);
    FAIL() << "accepted";
  } catch (const lt::Error& e) {
    EXPECT_EQ(e.kind(), lt::ErrorKind::kSetting);
    EXPECT_NE(std::string(e.what()).find("--partition"), std::string::npos) << e.what();
  }
}

TEST(WorkerDevices, OneRunPerGpuUnlessSharingIsAsked) {
  const std::vector<std::string> two = {"cuda:0", "cuda:1"};
  auto d = lt::assign_worker_devices({}, "cuda", 4, false, two);
  EXPECT_EQ(d.devices, two);
  EXPECT_NE(d.note.find("wait in the queue"), std::string::npos) << d.note;

  d = lt::assign_worker_devices({}, "cuda", 4, true, two);
  EXPECT_EQ(d.devices, (std::vector<std::string>{"cuda:0", "cuda:1", "cuda:0", "cuda:1"}));
  EXPECT_TRUE(d.note.empty());

  d = lt::assign_worker_devices({"cuda:1", "cuda:0"}, "auto", 2, false, {});
  EXPECT_EQ(d.devices.size(), 2u);
  EXPECT_NE(d.devices[0], d.devices[1]);

  d = lt::assign_worker_devices({}, "auto", 3, false, {});  // no GPU: K CPU workers
  EXPECT_EQ(d.devices, (std::vector<std::string>{"auto", "auto", "auto"}));

  EXPECT_THROW(lt::assign_worker_devices({"gpu0"}, "auto", 1, false, {}), lt::Error);
}

}  // namespace
