// The job script of a Slurm sweep as a user reads it: every value a quoted shell word, the array
// numbered by the runs' positions with %K, the GPUs as gres, and a script bash accepts; and which
// device each worker of a local sweep gets.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>

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
