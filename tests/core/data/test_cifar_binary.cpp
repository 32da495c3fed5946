#include "data/cifar_binary.h"
#include "test_support.h"
#include "util/error.h"

namespace lt {
namespace {

std::vector<uint8_t> records(const std::vector<uint8_t>& labels) {
  std::vector<uint8_t> out;
  for (size_t r = 0; r < labels.size(); ++r) {
    out.push_back(labels[r]);
    for (int i = 0; i < 3072; ++i) out.push_back(uint8_t(r * 31 + i / 1024));  // plane marker
  }
  return out;
}

TEST(CifarBinary, ReadsTheFiveTrainingBatchesInOrder) {
  test::TempDir dir;
  for (int b = 1; b <= 5; ++b) {
    test::write_bytes(dir.file("data_batch_" + std::to_string(b) + ".bin"),
                      records({uint8_t(b), uint8_t(b + 1)}));
  }
  test::write_bytes(dir.file("test_batch.bin"), records({9}));
  const Dataset train = load_cifar10_batches(dir.path().string(), "train");
  EXPECT_EQ(train.size(), 10);
  EXPECT_EQ(train.shape, (ImageShape{3, 32, 32}));
  EXPECT_EQ(train.labels[0], 1);
  EXPECT_EQ(train.labels[9], 6);
  EXPECT_EQ(train.class_names[0], "airplane");
  // Channel planes stay planes: R, then G, then B.
  EXPECT_EQ(train.image(1)[0], 31);
  EXPECT_EQ(train.image(1)[1024], 32);
  EXPECT_EQ(train.image(1)[2048], 33);
  EXPECT_EQ(load_cifar10_batches(dir.path().string(), "test").size(), 1);
}

TEST(CifarBinary, RefusesPartialRecordsAndForeignLabels) {
  CifarBatch batch;
  auto bytes = records({1, 2});
  bytes.pop_back();
  EXPECT_LT_ERROR(parse_cifar10_batch(bytes.data(), bytes.size(), "b.bin", batch),
                  ErrorKind::kFormat, "whole number");
  bytes = records({1, 57});
  EXPECT_LT_ERROR(parse_cifar10_batch(bytes.data(), bytes.size(), "b.bin", batch),
                  ErrorKind::kFormat, "label 57");
  test::TempDir dir;
  test::write_bytes(dir.file("data_batch_1.bin"), records({0}));
  EXPECT_LT_ERROR(load_cifar10_batches(dir.path().string(), "train"), ErrorKind::kIo,
                  "data_batch_2.bin");
}

}  // namespace
}  // namespace lt
