// The methods that carry state of their own resume exactly: BYOL's target network, SDCLR's masks
// BCL's per-image memory and the cosine temperature's place in its period (set from the step, not
// kept).
#include <torch/torch.h>

#include "test_support.h"
#include "tiny_run.h"
#include "train/trainer.h"

namespace lt {
namespace {

RunConfig config_for(const std::string& name) {
  if (name == "simclr-cosine" || name == "moco-cosine") {
    RunConfig c = test::tiny_run(name.substr(0, name.find('-')));
    c.method.temperature_schedule = "cosine";
    c.method.temperature_period = 1.5;  // epochs: the break falls mid-period
    return c;
  }
  return test::tiny_run(name);
}

class MethodResumeTest : public ::testing::TestWithParam<std::string> {};

TEST_P(MethodResumeTest, AResumedRunEqualsAnUnbrokenOne) {
  test::TempDir dir;
  RunConfig c = config_for(GetParam());
  c.epochs = 4;
  const RunResult straight = train(c, dir.file("straight"));
  ASSERT_EQ(straight.status, "finished") << straight.message;
  int64_t epochs_seen = 0;
  const RunResult half = train(c, dir.file("broken"), [&](const TrainProgress& p) {
    if (p.finished_epoch) ++epochs_seen;
    return epochs_seen < 2;
  });
  ASSERT_EQ(half.status, "cancelled");
  const RunResult resumed = resume(dir.file("broken"));
  ASSERT_EQ(resumed.status, "finished") << resumed.message;
  ASSERT_EQ(resumed.history.size(), 4u);
  for (size_t e = 0; e < 4; ++e) {
    EXPECT_NEAR(resumed.history[e].loss, straight.history[e].loss, 1e-5)
        << GetParam() << " epoch " << e + 1;
  }
}

INSTANTIATE_TEST_SUITE_P(Methods, MethodResumeTest,
                         ::testing::Values("byol", "sdclr", "bcl", "simclr-cosine", "moco-cosine"),
                         [](const auto& info) {
                           std::string name = info.param;
                           for (char& ch : name) {
                             if (ch == '-') ch = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace lt
