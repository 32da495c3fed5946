// The one in-memory form of every data set: uint8 images N x C x H x W (row-major, channel
// planes), int64 labels in [0, classes), and class names. Pixels may be owned or mapped from a
// cache file; either way they are read-only once built, and cheap to share.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace lt {

struct ImageShape {
  int64_t channels = 0;
  int64_t height = 0;
  int64_t width = 0;
  int64_t pixels() const { return channels * height * width; }
  bool operator==(const ImageShape& o) const {
    return channels == o.channels && height == o.height && width == o.width;
  }
  bool operator!=(const ImageShape& o) const { return !(*this == o); }
};

// Read-only bytes that keep their owner (a vector or a file mapping) alive.
class PixelBuffer {
 public:
  PixelBuffer() = default;
  static PixelBuffer own(std::vector<uint8_t> bytes);
  static PixelBuffer view(std::shared_ptr<const void> owner, const uint8_t* data, size_t size);

  const uint8_t* data() const { return data_; }
  size_t size() const { return size_; }

 private:
  std::shared_ptr<const void> owner_;
  const uint8_t* data_ = nullptr;
  size_t size_ = 0;
};

struct Dataset {
  ImageShape shape;
  std::vector<int64_t> labels;
  std::vector<std::string> class_names;
  PixelBuffer pixels;
  std::string origin;  // where it came from, for messages and provenance (e.g. "cifar10:/d train")

  int64_t size() const { return static_cast<int64_t>(labels.size()); }
  int64_t num_classes() const { return static_cast<int64_t>(class_names.size()); }
  const uint8_t* image(int64_t i) const { return pixels.data() + i * shape.pixels(); }
  // Images per class, in class order.
  std::vector<int64_t> class_counts() const;
};

// Checks the invariants every reader promises (sizes agree, labels in range); throws a
// kFormat lt::Error naming `origin` otherwise.
void validate(const Dataset& dataset);

// The images at `indices`, in that order, as a new owned data set.
Dataset subset(const Dataset& dataset, const std::vector<int64_t>& indices);

// A fingerprint of the labels, shape and class names: two loads of the same source agree.
std::string fingerprint(const Dataset& dataset);

}  // namespace lt
