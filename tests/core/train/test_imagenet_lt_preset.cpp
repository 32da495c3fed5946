// The ImageNet-LT preset holds the paper's MoCo v2 settings, and trains for real on a tiny list
// file of generated 64 px images through the ImageNet stem of a ResNet-50.
#include <torch/torch.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "data/image_files.h"
#include "test_support.h"
#include "train/imagenet_lt_preset.h"
#include "train/run_config.h"
#include "train/trainer.h"

#ifdef LONGTAIL_HAVE_OPENCV
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#endif

namespace lt {
namespace {

TEST(ImagenetLtPreset, HoldsThePapersMocoV2Settings) {
  const RunConfig c = preset_config("imagenet-lt");
  EXPECT_EQ(c.encoder.arch, "resnet50");
  EXPECT_FALSE(c.encoder.cifar_stem);
  EXPECT_EQ(c.method.name, "moco");
  EXPECT_EQ(c.method.projector_dim, 128);
  EXPECT_EQ(c.method.moco_queue, 65536);
  EXPECT_DOUBLE_EQ(c.method.moco_momentum, 0.999);
  EXPECT_DOUBLE_EQ(c.method.temperature, 0.2);
  EXPECT_EQ(c.batch_size, 256);
  EXPECT_DOUBLE_EQ(c.lr, 0.03);  // 0.015 per 128
  EXPECT_DOUBLE_EQ(imagenet_lt_lr(128), 0.015);
  EXPECT_DOUBLE_EQ(imagenet_lt_lr(1024), 0.12);
  EXPECT_DOUBLE_EQ(c.weight_decay, 1e-4);
  EXPECT_EQ(c.epochs, 300);
  EXPECT_EQ(c.design.distribution, Distribution::kPareto);
  EXPECT_DOUBLE_EQ(c.design.pareto_shape, 6);
  EXPECT_EQ(c.design.max_per_class, 1280);
  EXPECT_DOUBLE_EQ(c.design.ratio * 1280, 5);
  EXPECT_EQ(c.augment.mean, (std::vector<double>{0.485, 0.456, 0.406}));
  validate_config(c);
  // It survives the config file a run directory keeps.
  EXPECT_EQ(config_to_json(config_from_json(config_to_json(c), "c.json")), config_to_json(c));
}

TEST(ImagenetLtPreset, TrainsOnAListFileOf64PixelImagesThroughTheImagenetStem) {
#ifndef LONGTAIL_HAVE_OPENCV
  GTEST_SKIP() << "built without OpenCV: no image files to decode";
#else
  test::TempDir dir;
  // Four classes of 12 noisy images each, 64 x 64, listed as ImageNet-LT's files are.
  std::ofstream list(dir.file("train.txt"));
  cv::RNG rng(7);
  for (int label = 0; label < 4; ++label) {
    for (int i = 0; i < 12; ++i) {
      const std::string relative = "n0" + std::to_string(label) + "/" + std::to_string(i) + ".png";
      std::filesystem::create_directories(dir.file("root/n0" + std::to_string(label)));
      cv::Mat image(64, 64, CV_8UC3);
      rng.fill(image, cv::RNG::UNIFORM, cv::Scalar::all(0), cv::Scalar::all(255));
      image += cv::Scalar(60 * label, 20, 255 - 60 * label);
      ASSERT_TRUE(cv::imwrite(dir.file("root/" + relative), image));
      list << relative << " " << label << "\n";
    }
  }
  list.close();
  RunConfig c = preset_config("imagenet-lt");
  c.source = "list:" + dir.file("train.txt") + "@" + dir.file("root");
  c.design.max_per_class = 0;  // the smallest class: 12
  c.design.ratio = 0.25;       // 12 down to 3
  c.epochs = 1;
  c.batch_size = 4;
  c.device = "cpu";
  c.precision = "fp32";
  c.threads = 1;
  const RunResult r = train(c, dir.file("run"));
  ASSERT_EQ(r.status, "finished") << r.message;
  EXPECT_TRUE(std::isfinite(r.final_loss));
  const RunConfig saved = config_from_json(
      [&] {
        std::ifstream in(dir.file("run/config.json"));
        return std::string(std::istreambuf_iterator<char>(in), {});
      }(),
      "config.json");
  EXPECT_FALSE(saved.encoder.cifar_stem);
  EXPECT_EQ(saved.encoder.arch, "resnet50");
  EXPECT_EQ(saved.encoder.in_channels, 3);
#endif
}

}  // namespace
}  // namespace lt
