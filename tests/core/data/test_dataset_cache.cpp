#include <cstring>
#include <filesystem>

#include "data/dataset_cache.h"
#include "test_support.h"
#include "util/error.h"

namespace lt {
namespace {

Dataset small_dataset(int64_t n) {
  Dataset d;
  d.shape = {3, 4, 5};
  d.class_names = {"zero", "one", "two"};
  std::vector<uint8_t> pixels(size_t(n * d.shape.pixels()));
  for (size_t i = 0; i < pixels.size(); ++i) pixels[i] = uint8_t(i * 13 + 1);
  for (int64_t i = 0; i < n; ++i) d.labels.push_back(i % 3);
  d.pixels = PixelBuffer::own(std::move(pixels));
  d.origin = "memory";
  return d;
}

TEST(DatasetCache, RoundTripsEveryByte) {
  test::TempDir dir;
  const Dataset d = small_dataset(7);
  write_cache(d, {"test", "folder:/somewhere"}, dir.file("d.ltds"));
  EXPECT_TRUE(is_cache_file(dir.file("d.ltds")));
  CacheInfo info;
  const Dataset back = read_cache(dir.file("d.ltds"), &info);
  EXPECT_EQ(info.split, "test");
  EXPECT_EQ(info.origin, "folder:/somewhere");
  EXPECT_EQ(back.shape, d.shape);
  EXPECT_EQ(back.labels, d.labels);
  EXPECT_EQ(back.class_names, d.class_names);
  ASSERT_EQ(back.pixels.size(), d.pixels.size());
  EXPECT_EQ(0, std::memcmp(back.pixels.data(), d.pixels.data(), d.pixels.size()));
}

TEST(DatasetCache, DetectsTruncationAndFlippedBytes) {
  test::TempDir dir;
  write_cache(small_dataset(7), {"train", "x"}, dir.file("d.ltds"));
  auto bytes = test::read_bytes(dir.file("d.ltds"));
  auto truncated = bytes;
  truncated.resize(bytes.size() - 10);
  test::write_bytes(dir.file("t.ltds"), truncated);
  EXPECT_LT_ERROR(read_cache(dir.file("t.ltds")), ErrorKind::kFormat, "longtail data import");
  auto flipped = bytes;
  flipped[bytes.size() - 3] ^= 0x40;  // one pixel
  test::write_bytes(dir.file("f.ltds"), flipped);
  EXPECT_LT_ERROR(read_cache(dir.file("f.ltds")), ErrorKind::kFormat, "checksum");
  auto other_version = bytes;
  other_version[8] = 9;
  test::write_bytes(dir.file("v.ltds"), other_version);
  EXPECT_LT_ERROR(read_cache(dir.file("v.ltds")), ErrorKind::kFormat, "version 9");
  test::write_text(dir.file("text.ltds"), "hello");
  EXPECT_LT_ERROR(read_cache(dir.file("text.ltds")), ErrorKind::kFormat, "no LTDS magic");
}

TEST(DatasetCache, AFailedWriteKeepsThePreviousCache) {
  test::TempDir dir;
  write_cache(small_dataset(4), {"train", "x"}, dir.file("d.ltds"));
  Dataset broken = small_dataset(4);
  broken.labels[2] = 7;  // out of range: refused before anything is written
  EXPECT_LT_ERROR(write_cache(broken, {"train", "x"}, dir.file("d.ltds")), ErrorKind::kFormat,
                  "label 7");
  EXPECT_EQ(read_cache(dir.file("d.ltds")).size(), 4);
  EXPECT_FALSE(std::filesystem::exists(dir.file("d.ltds.tmp")));
}

TEST(DatasetCache, CancellingLeavesNoFile) {
  test::TempDir dir;
  const ProgressFn stop = [](const Progress&) { return false; };
  EXPECT_THROW(write_cache(small_dataset(4), {"train", "x"}, dir.file("c.ltds"), stop), Cancelled);
  EXPECT_FALSE(std::filesystem::exists(dir.file("c.ltds")));
  EXPECT_FALSE(std::filesystem::exists(dir.file("c.ltds.tmp")));
}

}  // namespace
}  // namespace lt
