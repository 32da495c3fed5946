#include <zlib.h>

#include "data/idx_format.h"
#include "test_support.h"
#include "util/error.h"

namespace lt {
namespace {

using test::TempDir;

std::vector<uint8_t> idx_images(uint32_t count, uint32_t rows, uint32_t cols) {
  std::vector<uint8_t> out = {0, 0, 8, 3};
  for (uint32_t v : {count, rows, cols}) {
    for (int s = 24; s >= 0; s -= 8) out.push_back(uint8_t(v >> s));
  }
  for (uint32_t i = 0; i < count * rows * cols; ++i) out.push_back(uint8_t(i * 7));
  return out;
}

std::vector<uint8_t> idx_labels(const std::vector<uint8_t>& labels) {
  std::vector<uint8_t> out = {0, 0, 8, 1};
  const uint32_t n = uint32_t(labels.size());
  for (int s = 24; s >= 0; s -= 8) out.push_back(uint8_t(n >> s));
  out.insert(out.end(), labels.begin(), labels.end());
  return out;
}

void write_gz(const std::string& path, const std::vector<uint8_t>& bytes) {
  gzFile f = gzopen(path.c_str(), "wb");
  gzwrite(f, bytes.data(), unsigned(bytes.size()));
  gzclose(f);
}

std::vector<std::string> ten_names() {
  std::vector<std::string> names;
  for (int i = 0; i < 10; ++i) names.push_back("c" + std::to_string(i));
  return names;
}

TEST(IdxFormat, ReadsRawAndGzippedFilesAlike) {
  TempDir raw, gz;
  const auto images = idx_images(3, 2, 4);
  const auto labels = idx_labels({0, 9, 4});
  test::write_bytes(raw.file("train-images-idx3-ubyte"), images);
  test::write_bytes(raw.file("train-labels-idx1-ubyte"), labels);
  write_gz(gz.file("train-images-idx3-ubyte.gz"), images);
  write_gz(gz.file("train-labels-idx1-ubyte.gz"), labels);
  for (const auto* dir : {&raw, &gz}) {
    const Dataset d = load_idx_split(dir->path().string(), "train", ten_names());
    EXPECT_EQ(d.size(), 3);
    EXPECT_EQ(d.shape, (ImageShape{1, 2, 4}));
    EXPECT_EQ(d.labels, (std::vector<int64_t>{0, 9, 4}));
    EXPECT_EQ(d.image(1)[0], uint8_t(8 * 7));  // image 1 starts at pixel index 8
  }
}

TEST(IdxFormat, RefusesTruncatedAndSwappedFiles) {
  auto images = idx_images(3, 2, 4);
  auto truncated = images;
  truncated.pop_back();
  EXPECT_LT_ERROR(parse_idx_images(truncated.data(), truncated.size(), "img.idx"),
                  ErrorKind::kFormat, "truncated");
  const auto labels = idx_labels({1, 2, 3});
  EXPECT_LT_ERROR(parse_idx_images(labels.data(), labels.size(), "labels.idx"), ErrorKind::kFormat,
                  "magic number 0x00000801");
  EXPECT_LT_ERROR(parse_idx_labels(images.data(), images.size(), "img.idx"), ErrorKind::kFormat,
                  "images vs labels");
  std::vector<uint8_t> tiny = {0, 0};
  EXPECT_LT_ERROR(parse_idx_labels(tiny.data(), tiny.size(), "t.idx"), ErrorKind::kFormat,
                  "too short");
}

TEST(IdxFormat, RefusesADamagedGzipStream) {
  TempDir dir;
  write_gz(dir.file("x.gz"), idx_images(50, 8, 8));
  auto bytes = test::read_bytes(dir.file("x.gz"));
  bytes.resize(bytes.size() / 2);
  EXPECT_LT_ERROR(parse_idx_images(bytes.data(), bytes.size(), "x.gz"), ErrorKind::kFormat, "x.gz");
}

TEST(IdxFormat, RefusesLabelsOutOfRangeAndMismatchedFiles) {
  TempDir dir;
  test::write_bytes(dir.file("train-images-idx3-ubyte"), idx_images(3, 2, 2));
  test::write_bytes(dir.file("train-labels-idx1-ubyte"), idx_labels({0, 12, 1}));
  EXPECT_LT_ERROR(load_idx_split(dir.path().string(), "train", ten_names()), ErrorKind::kFormat,
                  "label 12 of image 1");
  test::write_bytes(dir.file("train-labels-idx1-ubyte"), idx_labels({0, 1}));
  EXPECT_LT_ERROR(load_idx_split(dir.path().string(), "train", ten_names()), ErrorKind::kFormat,
                  "do not belong together");
  EXPECT_LT_ERROR(load_idx_split(dir.path().string(), "test", ten_names()), ErrorKind::kIo,
                  "t10k-images-idx3-ubyte");
}

}  // namespace
}  // namespace lt
