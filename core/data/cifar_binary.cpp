#include "data/cifar_binary.h"

#include "util/error.h"

namespace lt {
namespace {
constexpr size_t kImageBytes = 3 * 32 * 32;
constexpr size_t kRecordBytes = 1 + kImageBytes;
constexpr int kClasses = 10;
}  // namespace

void parse_cifar10_batch(const uint8_t* data, size_t size, const std::string& origin,
                         CifarBatch& batch) {
  if (size == 0 || size % kRecordBytes != 0) {
    throw_format(origin + ": " + std::to_string(size) + " bytes is not a whole number of " +
                 "CIFAR-10 records of 3073 bytes; the file is truncated or not a CIFAR-10 batch");
  }
  const size_t records = size / kRecordBytes;
  batch.labels.reserve(batch.labels.size() + records);
  batch.pixels.reserve(batch.pixels.size() + records * kImageBytes);
  for (size_t r = 0; r < records; ++r) {
    const uint8_t* record = data + r * kRecordBytes;
    if (record[0] >= kClasses) {
      throw_format(origin + ": record " + std::to_string(r) + " has label " +
                   std::to_string(record[0]) + ", CIFAR-10 labels are 0..9; is this CIFAR-100?");
    }
    batch.labels.push_back(record[0]);
    batch.pixels.insert(batch.pixels.end(), record + 1, record + kRecordBytes);
  }
}

}  // namespace lt

#include <filesystem>
#include <fstream>

#include "util/file_io.h"

namespace lt {

bool has_cifar10_batches(const std::string& dir) {
  return std::filesystem::exists(std::filesystem::path(dir) / "data_batch_1.bin") ||
         std::filesystem::exists(std::filesystem::path(dir) / "test_batch.bin");
}

Dataset load_cifar10_batches(const std::string& dir, const std::string& split) {
  namespace fs = std::filesystem;
  std::vector<std::string> names;
  if (split == "train") {
    for (int i = 1; i <= 5; ++i) names.push_back("data_batch_" + std::to_string(i) + ".bin");
  } else {
    names.push_back("test_batch.bin");
  }
  CifarBatch batch;
  for (const auto& name : names) {
    const std::string path = (fs::path(dir) / name).string();
    if (!fs::exists(path)) {
      throw_io("cannot find " + path + "; the CIFAR-10 binary release has data_batch_1..5.bin " +
               "and test_batch.bin in one folder");
    }
    const auto bytes = read_file(path);
    parse_cifar10_batch(bytes.data(), bytes.size(), path, batch);
  }
  Dataset d;
  d.origin = "cifar10:" + dir + " " + split;
  d.shape = {3, 32, 32};
  d.labels = std::move(batch.labels);
  d.class_names = {"airplane", "automobile", "bird",  "cat",  "deer",
                   "dog",      "frog",       "horse", "ship", "truck"};
  std::ifstream meta(fs::path(dir) / "batches.meta.txt");
  std::vector<std::string> meta_names;
  for (std::string line; std::getline(meta, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty()) meta_names.push_back(line);
  }
  if (meta_names.size() == 10) d.class_names = meta_names;
  d.pixels = PixelBuffer::own(std::move(batch.pixels));
  validate(d);
  return d;
}

}  // namespace lt
