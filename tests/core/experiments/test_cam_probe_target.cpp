// Grad-CAM's probe target on a real (tiny) run: a probe logit is a linear score of the pooled
// embedding, so a probe whose weight row is an image's own unit embedding explains exactly what
// the self target explains; the label picks the row, and a label outside the probe's classes
// falls back to the prediction.
#include <torch/torch.h>

#include "experiments/cam_model.h"
#include "test_support.h"
#include "tiny_run.h"
#include "train/trainer.h"
#include "util/error.h"

namespace lt {
namespace {

class CamProbeTarget : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new test::TempDir();
    RunConfig c = test::tiny_run("simclr");
    c.epochs = 1;
    const RunResult r = train(c, dir_->file("run"));
    ASSERT_EQ(r.status, "finished") << r.message;
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  static std::string run_dir() { return dir_->file("run"); }
  static test::TempDir* dir_;
};
test::TempDir* CamProbeTarget::dir_ = nullptr;

torch::Tensor some_images(int64_t n) {
  torch::manual_seed(11);
  return torch::randint(0, 256, {n, 1, 28, 28}, torch::kLong).to(torch::kUInt8);
}

TEST_F(CamProbeTarget, AProbeOnTheOwnEmbeddingExplainsWhatTheSelfTargetDoes) {
  const CamModel model(run_dir(), "cpu");
  const torch::Tensor images = some_images(4);
  CamRequest self;
  self.target = CamTarget::kSelf;
  const CamResult own = model.explain(images, {}, self);
  EXPECT_EQ(own.target_used, "self");
  for (int64_t i = 0; i < images.size(0); ++i) {
    const torch::Tensor f = own.target_embeddings[i];
    const torch::Tensor unit = f / f.norm();
    CamRequest probe;
    probe.target = CamTarget::kProbe;
    // Row 0 the image's own direction, row 1 its opposite: label 0 explains row 0's logit,
    // label 1 row 1's (whose map is the negated gradient's: another map), and a label the probe
    // does not know (7) its prediction, row 0 (a positive logit: features after a ReLU).
    probe.probe_weight = torch::stack({unit, -unit});
    probe.probe_bias = torch::tensor({0.5f, -0.5f});
    const torch::Tensor one = images.narrow(0, i, 1);
    for (int64_t label : {int64_t(0), int64_t(7)}) {
      const CamResult r = model.explain(one, torch::tensor({label}), probe);
      EXPECT_EQ(r.target_used, "probe");
      EXPECT_EQ(r.scores_target[0].item<int64_t>(), 0) << label;
      EXPECT_TRUE(torch::allclose(r.maps[0], own.maps[i], 1e-4, 1e-5))
          << "image " << i << ", label " << label << ": largest difference "
          << (r.maps[0] - own.maps[i]).abs().max().item<double>();
    }
    const CamResult opposite = model.explain(one, torch::tensor({int64_t(1)}), probe);
    EXPECT_EQ(opposite.scores_target[0].item<int64_t>(), 1);
    EXPECT_FALSE(torch::allclose(opposite.maps[0], own.maps[i], 1e-3, 1e-3)) << i;
    // No labels: the prediction.
    EXPECT_EQ(model.explain(one, {}, probe).scores_target[0].item<int64_t>(), 0);
  }
}

TEST_F(CamProbeTarget, RefusesAMissingOrMisshapenProbe) {
  const CamModel model(run_dir(), "cpu");
  CamRequest probe;
  probe.target = parse_cam_target("probe");
  EXPECT_LT_ERROR(model.explain(some_images(2), {}, probe), ErrorKind::kSetting,
                  "semisynth run saves rare-probe.pt");
  probe.probe_weight = torch::zeros({5, 3});
  EXPECT_LT_ERROR(model.explain(some_images(2), {}, probe), ErrorKind::kSetting, "K x ");
  CamRequest self;
  self.target = CamTarget::kSelf;
  const int64_t dim = model.explain(some_images(1), {}, self).target_embeddings.size(1);
  probe.probe_weight = torch::zeros({5, dim});
  probe.probe_bias = torch::zeros({4});
  EXPECT_LT_ERROR(model.explain(some_images(2), {}, probe), ErrorKind::kSetting, "one bias per");
}

}  // namespace
}  // namespace lt
