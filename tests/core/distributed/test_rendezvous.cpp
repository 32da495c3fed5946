// Where a process stands in a data-parallel run, read from what torchrun, srun or longtail's own
// launcher set; and the first host of Slurm's compressed host lists.
#include <map>

#include "distributed/rendezvous.h"
#include "distributed/slurm_nodelist.h"
#include "test_support.h"
#include "util/error.h"

namespace lt {
namespace {

EnvironmentLookup environment(std::map<std::string, std::string> vars) {
  return [vars](const std::string& name) -> std::optional<std::string> {
    const auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

TEST(Rendezvous, OneProcessWithoutALauncher) {
  const Rendezvous r = rendezvous_from_environment(environment({{"HOME", "/root"}}));
  EXPECT_FALSE(r.distributed());
  EXPECT_EQ(r.rank, 0);
  EXPECT_EQ(r.world_size, 1);
  EXPECT_EQ(r.launcher, "none");
}

TEST(Rendezvous, ReadsTorchrunsEnvironment) {
  const Rendezvous r = rendezvous_from_environment(
      environment({{"RANK", "5"},
                   {"WORLD_SIZE", "8"},
                   {"LOCAL_RANK", "1"},
                   {"LOCAL_WORLD_SIZE", "4"},
                   {"MASTER_ADDR", "node7"},
                   {"MASTER_PORT", "29611"},
                   // torchrun's variables win over Slurm's where both are set
                   {"SLURM_PROCID", "0"},
                   {"SLURM_NTASKS", "2"},
                   {"SLURM_STEP_ID", "0"}}));
  EXPECT_TRUE(r.distributed());
  EXPECT_EQ(r.launcher, "torchrun");
  EXPECT_EQ(r.rank, 5);
  EXPECT_EQ(r.world_size, 8);
  EXPECT_EQ(r.local_rank, 1);
  EXPECT_EQ(r.local_world_size, 4);
  EXPECT_EQ(r.address(), "node7:29611");
}

TEST(Rendezvous, ReadsSrunsEnvironment) {
  std::string asked;
  const Rendezvous r =
      rendezvous_from_environment(environment({{"SLURM_PROCID", "3"},
                                               // the step's 4 tasks of 8 allocated
                                               {"SLURM_NTASKS", "8"},
                                               {"SLURM_STEP_NUM_TASKS", "4"},
                                               {"SLURM_LOCALID", "1"},
                                               {"SLURM_NTASKS_PER_NODE", "2"},
                                               {"SLURM_STEP_ID", "0"},
                                               {"SLURM_JOB_NODELIST", "gpu[07-08]"},
                                               {"SLURM_JOB_ID", "123456"}}),
                                  [&](const std::string& list) {
                                    asked = list;
                                    return first_slurm_host(list);
                                  });
  EXPECT_EQ(r.launcher, "slurm");
  EXPECT_EQ(r.rank, 3);
  EXPECT_EQ(r.world_size, 4);
  EXPECT_EQ(r.local_rank, 1);
  EXPECT_EQ(r.local_world_size, 2);
  EXPECT_EQ(asked, "gpu[07-08]");
  EXPECT_EQ(r.master_addr, "gpu07");
  EXPECT_EQ(r.master_port, 29500 + 456);  // the job's own port: jobs sharing a node differ
}

TEST(Rendezvous, ABatchScriptWithoutSrunIsOneProcess) {
  // sbatch --ntasks=4 runs its script once, with the allocation's SLURM_NTASKS but no step.
  const Rendezvous r = rendezvous_from_environment(
      environment({{"SLURM_PROCID", "0"}, {"SLURM_NTASKS", "4"}, {"SLURM_JOB_NODELIST", "a1"}}));
  EXPECT_FALSE(r.distributed());
  // ... or with the batch step's special id.
  EXPECT_FALSE(rendezvous_from_environment(environment({{"SLURM_PROCID", "0"},
                                                        {"SLURM_NTASKS", "4"},
                                                        {"SLURM_STEP_ID", "4294967294"},
                                                        {"SLURM_JOB_NODELIST", "a1"}}))
                   .distributed());
}

TEST(Rendezvous, MasterAddrWinsUnderSlurm) {
  const Rendezvous r = rendezvous_from_environment(environment({{"SLURM_PROCID", "0"},
                                                                {"SLURM_NTASKS", "2"},
                                                                {"SLURM_STEP_ID", "1"},
                                                                {"SLURM_JOB_NODELIST", "a[1-2]"},
                                                                {"MASTER_ADDR", "10.0.0.9"},
                                                                {"MASTER_PORT", "30000"}}));
  EXPECT_EQ(r.address(), "10.0.0.9:30000");
}

TEST(Rendezvous, NamesTheVariableThatIsWrong) {
  EXPECT_LT_ERROR(rendezvous_from_environment(environment({{"RANK", "2"}, {"WORLD_SIZE", "2"}})),
                  ErrorKind::kSetting, "RANK=2 is not below WORLD_SIZE=2");
  EXPECT_LT_ERROR(rendezvous_from_environment(environment({{"RANK", "x"}, {"WORLD_SIZE", "2"}})),
                  ErrorKind::kSetting, "RANK=\"x\"");
  EXPECT_LT_ERROR(rendezvous_from_environment(
                      environment({{"RANK", "0"}, {"WORLD_SIZE", "2"}, {"MASTER_PORT", "70000"}})),
                  ErrorKind::kSetting, "MASTER_PORT");
}

TEST(Rendezvous, LoopbackAddresses) {
  EXPECT_TRUE(is_loopback_address("127.0.0.1"));
  EXPECT_TRUE(is_loopback_address("localhost"));
  EXPECT_TRUE(is_loopback_address("::1"));
  EXPECT_FALSE(is_loopback_address("10.1.2.3"));
  EXPECT_FALSE(is_loopback_address("node127"));
}

TEST(SlurmNodelist, FirstHostOfTheSimpleForms) {
  EXPECT_EQ(first_slurm_host("gpu07"), "gpu07");
  EXPECT_EQ(first_slurm_host("gpu[07-10]"), "gpu07");
  EXPECT_EQ(first_slurm_host("gpu[3,5-7],cpu1"), "gpu3");
  EXPECT_EQ(first_slurm_host("a1,b2"), "a1");
  EXPECT_EQ(first_slurm_host("node[010-012]-ib"), "node010-ib");
}

}  // namespace
}  // namespace lt
