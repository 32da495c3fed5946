#include "data/idx_format.h"

#include <cstring>

#include "data/gzip.h"
#include "util/error.h"

namespace lt {
namespace {

constexpr uint32_t kImagesMagic = 0x00000803;  // unsigned byte, 3 dimensions
constexpr uint32_t kLabelsMagic = 0x00000801;  // unsigned byte, 1 dimension
// Above any real IDX file: rejects nonsense headers and gzip bombs before allocating.
constexpr uint64_t kMaxBytes = uint64_t{1} << 30;  // 1 GiB; EMNIST, the largest, is 0.6

uint32_t read_be32(const uint8_t* p) {
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | uint32_t{p[3]};
}

// Decompresses when needed; `storage` keeps the inflated bytes alive.
void plain_bytes(const uint8_t*& data, size_t& size, std::vector<uint8_t>& storage,
                 const std::string& origin) {
  if (is_gzip(data, size)) {
    storage = gunzip(data, size, origin, kMaxBytes);
    data = storage.data();
    size = storage.size();
  }
}

void check_magic(const uint8_t* data, size_t size, uint32_t expected, const char* what,
                 const std::string& origin) {
  if (size < 4) throw_format(origin + ": too short for an IDX file; the file is truncated");
  const uint32_t magic = read_be32(data);
  if (magic != expected) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "0x%08x", magic);
    throw_format(origin + ": magic number " + buf + " is not that of IDX " + what +
                 "; is this the right file (images vs labels)?");
  }
}

}  // namespace

IdxImages parse_idx_images(const uint8_t* data, size_t size, const std::string& origin) {
  std::vector<uint8_t> storage;
  plain_bytes(data, size, storage, origin);
  check_magic(data, size, kImagesMagic, "images", origin);
  if (size < 16) throw_format(origin + ": IDX header is truncated; copy the file again");
  IdxImages out;
  out.count = read_be32(data + 4);
  out.rows = read_be32(data + 8);
  out.cols = read_be32(data + 12);
  const uint64_t expected = uint64_t(out.count) * uint64_t(out.rows) * uint64_t(out.cols);
  if (out.rows == 0 || out.cols == 0 || expected > kMaxBytes) {
    throw_format(origin + ": IDX header declares " + std::to_string(out.count) + " images of " +
                 std::to_string(out.rows) + "x" + std::to_string(out.cols) +
                 "; the file is damaged");
  }
  if (size - 16 != expected) {
    throw_format(origin + ": holds " + std::to_string(size - 16) + " pixel bytes, the header " +
                 "promises " + std::to_string(expected) + "; the file is truncated or damaged");
  }
  out.pixels.assign(data + 16, data + size);
  return out;
}

std::vector<int64_t> parse_idx_labels(const uint8_t* data, size_t size, const std::string& origin) {
  std::vector<uint8_t> storage;
  plain_bytes(data, size, storage, origin);
  check_magic(data, size, kLabelsMagic, "labels", origin);
  if (size < 8) throw_format(origin + ": IDX header is truncated; copy the file again");
  const uint64_t count = read_be32(data + 4);
  if (size - 8 != count) {
    throw_format(origin + ": holds " + std::to_string(size - 8) + " labels, the header " +
                 "promises " + std::to_string(count) + "; the file is truncated or damaged");
  }
  return std::vector<int64_t>(data + 8, data + size);
}

}  // namespace lt

#include <filesystem>

#include "util/file_io.h"

namespace lt {

Dataset load_idx_split(const std::string& dir, const std::string& split,
                       std::vector<std::string> class_names) {
  const std::string prefix = split == "train" ? "train" : "t10k";
  const auto find = [&](const std::string& stem) {
    for (const std::string& name : {stem + ".gz", stem}) {
      const std::string path = (std::filesystem::path(dir) / name).string();
      if (std::filesystem::exists(path)) return path;
    }
    throw_io("cannot find " + stem + "[.gz] in " + dir + "; for Fashion-MNIST run " +
             "'apt-get install dataset-fashion-mnist' or name the folder that holds the IDX files");
  };
  const std::string images_path = find(prefix + "-images-idx3-ubyte");
  const std::string labels_path = find(prefix + "-labels-idx1-ubyte");
  const auto image_bytes = read_file(images_path);
  const auto label_bytes = read_file(labels_path);
  IdxImages images = parse_idx_images(image_bytes.data(), image_bytes.size(), images_path);
  Dataset d;
  d.origin = dir + " " + split;
  d.labels = parse_idx_labels(label_bytes.data(), label_bytes.size(), labels_path);
  if (int64_t(d.labels.size()) != images.count) {
    throw_format(labels_path + " holds " + std::to_string(d.labels.size()) + " labels for " +
                 std::to_string(images.count) + " images in " + images_path +
                 "; the two files do not belong together");
  }
  d.shape = {1, images.rows, images.cols};
  d.class_names = std::move(class_names);
  d.pixels = PixelBuffer::own(std::move(images.pixels));
  validate(d);
  return d;
}

}  // namespace lt
