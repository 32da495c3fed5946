#include "data/stl10_binary.h"

#include "util/error.h"

namespace lt {
namespace {
constexpr size_t kSide = 96;
constexpr size_t kPlane = kSide * kSide;
constexpr size_t kImageBytes = 3 * kPlane;
}  // namespace

std::vector<uint8_t> parse_stl10_images(const uint8_t* data, size_t size,
                                        const std::string& origin) {
  if (size == 0 || size % kImageBytes != 0) {
    throw_format(origin + ": " + std::to_string(size) + " bytes is not a whole number of " +
                 "STL-10 images of 27648 bytes; the file is truncated or not an STL-10 X file");
  }
  std::vector<uint8_t> out(size);
  const size_t images = size / kImageBytes;
  for (size_t i = 0; i < images; ++i) {
    for (size_t c = 0; c < 3; ++c) {
      const uint8_t* src = data + i * kImageBytes + c * kPlane;
      uint8_t* dst = out.data() + i * kImageBytes + c * kPlane;
      // Column-major in the file: pixel (row, col) sits at col * 96 + row.
      for (size_t col = 0; col < kSide; ++col) {
        for (size_t row = 0; row < kSide; ++row) dst[row * kSide + col] = src[col * kSide + row];
      }
    }
  }
  return out;
}

std::vector<int64_t> parse_stl10_labels(const uint8_t* data, size_t size,
                                        const std::string& origin) {
  if (size == 0) throw_format(origin + ": the label file is empty; copy it again");
  std::vector<int64_t> labels(size);
  for (size_t i = 0; i < size; ++i) {
    if (data[i] < 1 || data[i] > 10) {
      throw_format(origin + ": label " + std::to_string(data[i]) + " of image " +
                   std::to_string(i) + " is outside STL-10's 1..10; the file is damaged");
    }
    labels[i] = data[i] - 1;
  }
  return labels;
}

}  // namespace lt

#include <filesystem>
#include <fstream>

#include "util/file_io.h"

namespace lt {

Dataset load_stl10(const std::string& dir, const std::string& split) {
  namespace fs = std::filesystem;
  const std::string x_path = (fs::path(dir) / (split + "_X.bin")).string();
  const std::string y_path = (fs::path(dir) / (split + "_y.bin")).string();
  for (const auto& path : {x_path, y_path}) {
    if (!fs::exists(path)) {
      throw_io("cannot find " + path + "; the STL-10 binary release has train_X.bin, " +
               "train_y.bin, test_X.bin and test_y.bin in one folder (stl10_binary/)");
    }
  }
  const auto x = read_file(x_path);
  const auto y = read_file(y_path);
  Dataset d;
  d.origin = "stl10:" + dir + " " + split;
  d.shape = {3, 96, 96};
  d.labels = parse_stl10_labels(y.data(), y.size(), y_path);
  std::vector<uint8_t> pixels = parse_stl10_images(x.data(), x.size(), x_path);
  if (pixels.size() != d.labels.size() * size_t(d.shape.pixels())) {
    throw_format(y_path + " holds " + std::to_string(d.labels.size()) + " labels for " +
                 std::to_string(pixels.size() / d.shape.pixels()) + " images in " + x_path +
                 "; the two files do not belong together");
  }
  d.class_names = {"airplane", "bird",  "car",    "cat",  "deer",
                   "dog",      "horse", "monkey", "ship", "truck"};
  std::ifstream names_file(fs::path(dir) / "class_names.txt");
  std::vector<std::string> names;
  for (std::string line; std::getline(names_file, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty()) names.push_back(line);
  }
  if (names.size() == 10) d.class_names = names;
  d.pixels = PixelBuffer::own(std::move(pixels));
  validate(d);
  return d;
}

}  // namespace lt
