// Grad-CAM on networks whose answer is known: a hand-built layer with one channel that sees the
// left half and one that sees the right half, and a score that reads only one of them. The
// map must land on the half the score reads, for Grad-CAM and Grad-CAM++ alike.
#include <torch/torch.h>

#include <filesystem>

#include "explain/cam_overlay.h"
#include "explain/grad_cam.h"
#include "models/resnet.h"
#include "runtime/run_generator.h"
#include "test_support.h"
#include "util/error.h"

#ifdef LONGTAIL_HAVE_OPENCV
#include <opencv2/imgcodecs.hpp>
#endif

namespace lt {
namespace {

constexpr int64_t kSize = 32;

struct HalfNetwork {
  torch::Tensor activation;  // N x 2 x 8 x 8: channel 0 sees the left half, channel 1 the right
  torch::Tensor score;       // N: the sum of the channel the score reads
};

// A fixed 4 x 4 stride-4 mean filter (a conv layer with known weights), then a mask per channel.
HalfNetwork half_network(const torch::Tensor& images, bool reads_right) {
  const auto x = images.detach().clone().requires_grad_(true);
  const auto weight = torch::full({2, images.size(1), 4, 4}, 1.0 / (16.0 * images.size(1)));
  const auto a = torch::relu(torch::conv2d(x, weight, {}, /*stride=*/4));
  const int64_t w = a.size(3);
  auto mask = torch::zeros({1, 2, 1, w});
  mask.index_put_({0, 0, 0, torch::indexing::Slice(0, w / 2)}, 1.0);
  mask.index_put_({0, 1, 0, torch::indexing::Slice(w / 2, w)}, 1.0);
  const auto activation = a * mask;
  return {activation, activation.select(1, reads_right ? 1 : 0).sum({1, 2})};
}

torch::Tensor maps_of(const torch::Tensor& images, bool reads_right, CamMethod method) {
  const HalfNetwork net = half_network(images, reads_right);
  return cam_from_activation(net.activation, net.score, method, kSize, kSize);
}

TEST(GradCam, PutsTheMapWhereTheScoreLooks) {
  torch::manual_seed(1);
  const auto images = torch::rand({6, 3, kSize, kSize});
  for (const CamMethod method : {CamMethod::kGradCam, CamMethod::kGradCamPlusPlus}) {
    const auto right = right_half_share(maps_of(images, true, method));
    const auto left = right_half_share(maps_of(images, false, method));
    for (int64_t i = 0; i < images.size(0); ++i) {
      EXPECT_GT(right[i].item<float>(), 0.9) << to_string(method) << " image " << i;
      EXPECT_LT(left[i].item<float>(), 0.1) << to_string(method) << " image " << i;
    }
  }
}

TEST(GradCam, GivesOneMapPerImageAtTheInputSizeScaledToUnit) {
  torch::manual_seed(2);
  const auto images = torch::rand({5, 1, kSize, kSize});
  for (const CamMethod method : {CamMethod::kGradCam, CamMethod::kGradCamPlusPlus}) {
    const auto maps = maps_of(images, true, method);
    EXPECT_EQ(maps.sizes(), (std::vector<int64_t>{5, kSize, kSize}));
    EXPECT_EQ(maps.scalar_type(), torch::kFloat);
    EXPECT_GE(maps.min().item<float>(), 0.0f);
    EXPECT_LE(maps.max().item<float>(), 1.0f);
    // Each map is min-max scaled on its own: its brightest pixel is (almost exactly) 1.
    EXPECT_TRUE(torch::allclose(maps.flatten(1).amax(1), torch::ones({5}), 0, 1e-5));
  }
}

TEST(GradCam, BatchesGiveTheMapsOfOneByOne) {
  // A real encoder (BatchNorm in eval mode): an image's map must not depend on its neighbours.
  torch::manual_seed(3);
  at::Generator init = init_generator(3);
  ResNet encoder = make_encoder({"resnet-small", true, 3}, init);
  encoder->eval();
  const auto images = torch::randn({4, 3, 16, 16});
  const auto cam = [&](const torch::Tensor& x, CamMethod method) {
    const EncoderOutput out = encoder->forward_with_activation(x);
    const auto direction = out.features.detach();
    const auto score = (out.features * direction / direction.norm(2, 1, true)).sum(1);
    return cam_from_activation(out.last_block, score, method, 16, 16);
  };
  for (const CamMethod method : {CamMethod::kGradCam, CamMethod::kGradCamPlusPlus}) {
    const auto together = cam(images, method);
    for (int64_t i = 0; i < images.size(0); ++i) {
      const auto alone = cam(images.narrow(0, i, 1), method);
      EXPECT_LT((together[i] - alone[0]).abs().max().item<float>(), 1e-5)
          << to_string(method) << " image " << i;
    }
  }
}

TEST(GradCam, AScoreThatIgnoresTheLayerGivesAnEmptyMap) {
  const auto images = torch::rand({2, 1, kSize, kSize});
  const HalfNetwork net = half_network(images, true);
  const auto unrelated = torch::ones({2}).requires_grad_(true) * 2;
  const auto maps = cam_from_activation(net.activation, unrelated, CamMethod::kGradCam, 8, 8);
  EXPECT_EQ(maps.abs().max().item<float>(), 0.0f);
  EXPECT_FLOAT_EQ(right_half_share(maps)[0].item<float>(), 0.5f);
}

TEST(GradCam, RefusesWhatItCannotExplain) {
  EXPECT_LT_ERROR(parse_cam_method("scorecam"), ErrorKind::kSetting, "gradcam++");
  EXPECT_EQ(parse_cam_method("gradcam++"), CamMethod::kGradCamPlusPlus);
  EXPECT_EQ(to_string(parse_cam_method("gradcam")), "gradcam");
  const auto detached = torch::rand({2, 3, 4, 4});
  EXPECT_LT_ERROR(cam_from_activation(detached, detached.sum({1, 2, 3}), CamMethod::kGradCam, 8, 8),
                  ErrorKind::kSetting, "gradients");
  const HalfNetwork net = half_network(torch::rand({2, 1, kSize, kSize}), true);
  EXPECT_LT_ERROR(cam_from_activation(net.activation, net.score.sum(), CamMethod::kGradCam, 8, 8),
                  ErrorKind::kSetting, "one score per image");
}

TEST(RightHalfShare, MeasuresHandMadeMaps) {
  auto maps = torch::zeros({5, 2, 4});
  maps[0].narrow(1, 2, 2).fill_(1);  // all on the right
  maps[1].narrow(1, 0, 2).fill_(1);  // all on the left
  maps[2].fill_(0.3);                // even
  maps[3][0][3] = 3;                 // 3 right, 1 left
  maps[3][1][0] = 1;
  // maps[4] stays zero: no evidence either way.
  const auto share = right_half_share(maps);
  ASSERT_EQ(share.sizes(), (std::vector<int64_t>{5}));
  EXPECT_FLOAT_EQ(share[0].item<float>(), 1.0f);
  EXPECT_FLOAT_EQ(share[1].item<float>(), 0.0f);
  EXPECT_FLOAT_EQ(share[2].item<float>(), 0.5f);
  EXPECT_FLOAT_EQ(share[3].item<float>(), 0.75f);
  EXPECT_FLOAT_EQ(share[4].item<float>(), 0.5f);
  // An odd width: the middle column is split between the halves.
  auto odd = torch::zeros({1, 1, 3});
  odd[0][0][1] = 1;
  EXPECT_FLOAT_EQ(right_half_share(odd)[0].item<float>(), 0.5f);
}

#ifdef LONGTAIL_HAVE_OPENCV

TEST(CamOverlay, ColoursTheMapHotWhereItIsHigh) {
  const int64_t h = 4, w = 6;
  std::vector<uint8_t> grey(size_t(h * w), 128);
  std::vector<float> map(size_t(h * w), 0.0f);
  for (int64_t y = 0; y < h; ++y)
    for (int64_t x = w / 2; x < w; ++x) map[size_t(y * w + x)] = 1.0f;
  const RgbImage overlay = cam_overlay(grey.data(), 1, h, w, map.data());
  ASSERT_EQ(overlay.pixels.size(), size_t(h * w * 3));
  const auto pixel = [&](int64_t x, int c) { return int(overlay.pixels[size_t(3 * x + c)]); };
  // JET: 1 is red, 0 is blue.
  EXPECT_GT(pixel(w - 1, 0), pixel(w - 1, 2));
  EXPECT_GT(pixel(0, 2), pixel(0, 0));
  EXPECT_LT_ERROR(cam_overlay(grey.data(), 1, h, w, map.data(), 1.5), ErrorKind::kSetting,
                  "weight");
}

TEST(CamOverlay, WritesAContactSheetAsPng) {
  test::TempDir dir;
  std::vector<uint8_t> image(size_t(3 * 8 * 8), 200);
  std::vector<float> map(64, 0.5f);
  const RgbImage plain = planar_to_rgb(image.data(), 3, 8, 8);
  const RgbImage overlay = cam_overlay(image.data(), 3, 8, 8, map.data());
  const RgbImage sheet = contact_sheet({{"frequent", {plain, overlay}}, {"rare", {plain, overlay}}},
                                       {"image", "SSL"}, 4);
  EXPECT_GT(sheet.width, 2 * 8 * 4);
  EXPECT_GT(sheet.height, 2 * 8 * 4);
  const std::string path = dir.file("sheet.png");
  write_png(path, sheet);
  EXPECT_FALSE(std::filesystem::exists(path + ".tmp"));
  const cv::Mat read = cv::imread(path);
  EXPECT_EQ(read.cols, sheet.width);
  EXPECT_EQ(read.rows, sheet.height);
}

#else

TEST(CamOverlay, NeedsTheOpenCvBuild) {
  std::vector<uint8_t> image(4, 0);
  std::vector<float> map(4, 0.0f);
  EXPECT_FALSE(can_draw_overlays());
  EXPECT_LT_ERROR(cam_overlay(image.data(), 1, 2, 2, map.data()), ErrorKind::kSetting, "OpenCV");
}

#endif

}  // namespace
}  // namespace lt
