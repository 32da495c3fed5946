#include "data/dataset.h"

#include <cstring>

#include "util/error.h"
#include "util/hash.h"

namespace lt {

PixelBuffer PixelBuffer::own(std::vector<uint8_t> bytes) {
  auto owner = std::make_shared<std::vector<uint8_t>>(std::move(bytes));
  PixelBuffer buffer;
  buffer.data_ = owner->data();
  buffer.size_ = owner->size();
  buffer.owner_ = std::move(owner);
  return buffer;
}

PixelBuffer PixelBuffer::view(std::shared_ptr<const void> owner, const uint8_t* data, size_t size) {
  PixelBuffer buffer;
  buffer.owner_ = std::move(owner);
  buffer.data_ = data;
  buffer.size_ = size;
  return buffer;
}

std::vector<int64_t> Dataset::class_counts() const {
  std::vector<int64_t> counts(class_names.size(), 0);
  for (int64_t label : labels) {
    if (label >= 0 && label < num_classes()) ++counts[label];
  }
  return counts;
}

void validate(const Dataset& d) {
  if (d.shape.channels <= 0 || d.shape.height <= 0 || d.shape.width <= 0) {
    throw_format(d.origin + ": image shape " + std::to_string(d.shape.channels) + "x" +
                 std::to_string(d.shape.height) + "x" + std::to_string(d.shape.width) +
                 " is empty; the file is damaged, re-create it from its source");
  }
  if (d.class_names.empty()) throw_format(d.origin + ": no classes");
  const size_t expected = static_cast<size_t>(d.size()) * static_cast<size_t>(d.shape.pixels());
  if (d.pixels.size() != expected) {
    throw_format(d.origin + ": holds " + std::to_string(d.pixels.size()) + " pixel bytes for " +
                 std::to_string(d.size()) + " images, expected " + std::to_string(expected) +
                 "; the file is truncated or damaged, re-create it from its source");
  }
  for (size_t i = 0; i < d.labels.size(); ++i) {
    if (d.labels[i] < 0 || d.labels[i] >= d.num_classes()) {
      throw_format(d.origin + ": label " + std::to_string(d.labels[i]) + " of image " +
                   std::to_string(i) + " is outside 0.." + std::to_string(d.num_classes() - 1) +
                   "; the file is damaged or belongs to another data set");
    }
  }
}

Dataset subset(const Dataset& d, const std::vector<int64_t>& indices) {
  Dataset out;
  out.shape = d.shape;
  out.class_names = d.class_names;
  out.origin = d.origin;
  const size_t stride = static_cast<size_t>(d.shape.pixels());
  std::vector<uint8_t> pixels(indices.size() * stride);
  out.labels.reserve(indices.size());
  for (size_t k = 0; k < indices.size(); ++k) {
    const int64_t i = indices[k];
    if (i < 0 || i >= d.size()) {
      throw_data(d.origin + ": index " + std::to_string(i) + " is outside the data set of " +
                 std::to_string(d.size()) + " images; the index list belongs to another source");
    }
    out.labels.push_back(d.labels[i]);
    std::memcpy(pixels.data() + k * stride, d.image(i), stride);
  }
  out.pixels = PixelBuffer::own(std::move(pixels));
  return out;
}

std::string fingerprint(const Dataset& d) {
  ContentHash hash;
  hash.add_u64(static_cast<uint64_t>(d.shape.channels));
  hash.add_u64(static_cast<uint64_t>(d.shape.height));
  hash.add_u64(static_cast<uint64_t>(d.shape.width));
  for (const auto& name : d.class_names) hash.add(name);
  hash.add_u64(d.labels.size());
  hash.add_bytes(d.labels.data(), d.labels.size() * sizeof(int64_t));
  return hash.hex();
}

}  // namespace lt
