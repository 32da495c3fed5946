#include "data/dataset_cache.h"

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <vector>

#include "util/error.h"
#include "util/file_io.h"
#include "util/hash.h"
#include "util/no_space_error.h"

namespace lt {
namespace {

constexpr char kMagic[8] = {'L', 'T', 'D', 'S', '\r', '\n', '\x1a', '\n'};
constexpr uint32_t kVersion = 1;
constexpr size_t kHeaderBytes = 64;
constexpr size_t kChecksumOffset = 56;
constexpr uint64_t kMaxClasses = 1u << 20;
constexpr uint64_t kMaxSide = 1u << 16;

uint64_t align64(uint64_t x) {
  return (x + 63) / 64 * 64;
}

template <typename T>
void put(std::vector<uint8_t>& out, size_t offset, T value) {
  for (size_t i = 0; i < sizeof(T); ++i) out[offset + i] = uint8_t(uint64_t(value) >> (8 * i));
}

template <typename T>
T get(const uint8_t* data, size_t offset) {
  uint64_t value = 0;
  for (size_t i = 0; i < sizeof(T); ++i) value |= uint64_t(data[offset + i]) << (8 * i);
  return static_cast<T>(value);
}

std::string text_block(const std::vector<std::string>& names, const CacheInfo& info) {
  std::string text;
  for (const auto& name : names) text += name + "\n";
  text += info.split + "\n" + info.origin + "\n";
  return text;
}

// The checksum covers every byte of the file except its own 8.
uint64_t checksum(const uint8_t* header, const uint8_t* rest, size_t rest_size,
                  const uint8_t* pixels, size_t pixel_bytes) {
  uint64_t h = fast_hash(header, kChecksumOffset, 0x4c544453);
  h = fast_hash(rest, rest_size, h);
  return fast_hash(pixels, pixel_bytes, h);
}

[[noreturn]] void damaged(const std::string& origin, const std::string& what) {
  throw_format(origin + ": " + what + "; the cache file is damaged or truncated, delete it and " +
               "import the source again (longtail data import)");
}

}  // namespace

bool is_cache_file(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return false;
  char magic[8] = {};
  const size_t n = std::fread(magic, 1, 8, f);
  std::fclose(f);
  return n == 8 && std::memcmp(magic, kMagic, 8) == 0;
}

void write_cache(const Dataset& d, const CacheInfo& info, const std::string& path,
                 const ProgressFn& progress) {
  validate(d);
  for (const auto& name : d.class_names) {
    if (name.find('\n') != std::string::npos) {
      throw_data("class name \"" + name + "\" holds a line break; rename the class");
    }
  }
  const std::string text = text_block(d.class_names, info);
  const uint64_t count = d.labels.size();
  const uint64_t labels_offset = align64(kHeaderBytes + text.size());
  const uint64_t pixels_offset = align64(labels_offset + 4 * count);

  std::vector<uint8_t> header(kHeaderBytes, 0);
  std::memcpy(header.data(), kMagic, 8);
  put<uint32_t>(header, 8, kVersion);
  put<uint32_t>(header, 12, d.shape.channels);
  put<uint32_t>(header, 16, d.shape.height);
  put<uint32_t>(header, 20, d.shape.width);
  put<uint64_t>(header, 24, count);
  put<uint32_t>(header, 32, d.class_names.size());
  put<uint32_t>(header, 36, text.size());
  put<uint64_t>(header, 40, labels_offset);
  put<uint64_t>(header, 48, pixels_offset);

  // Everything between the header and the pixels: text, padding, labels, padding.
  std::vector<uint8_t> rest(pixels_offset - kHeaderBytes, 0);
  std::memcpy(rest.data(), text.data(), text.size());
  for (uint64_t i = 0; i < count; ++i) {
    put<int32_t>(rest, labels_offset - kHeaderBytes + 4 * i, static_cast<int32_t>(d.labels[i]));
  }
  put<uint64_t>(
      header, kChecksumOffset,
      checksum(header.data(), rest.data(), rest.size(), d.pixels.data(), d.pixels.size()));

  try {
    AtomicFileWriter writer(path);
    writer.write(header.data(), header.size());
    writer.write(rest.data(), rest.size());
    constexpr size_t kChunk = size_t{8} << 20;
    for (size_t done = 0; done < d.pixels.size(); done += kChunk) {
      report(progress, "writing cache", static_cast<int64_t>(done),
             static_cast<int64_t>(d.pixels.size()));
      writer.write(d.pixels.data() + done, std::min(kChunk, d.pixels.size() - done));
    }
    writer.commit();
  } catch (const NoSpaceError&) {
    // The writer knows only what it had written when the disk filled; the cache's whole size
    // is known here, and is the space to make.
    const std::filesystem::path folder = std::filesystem::path(path).parent_path();
    char size[32];
    std::snprintf(size, sizeof size, "%.1f MB", double(pixels_offset + d.pixels.size()) / 1e6);
    throw NoSpaceError("cannot write the cache " + path + ": no room for it; the folder " +
                       (folder.empty() ? std::string(".") : folder.string()) + " needs " + size +
                       " free for it (nothing was written)");
  }
}

Dataset parse_cache(std::shared_ptr<const void> owner, const uint8_t* data, size_t size,
                    const std::string& origin, CacheInfo* info) {
  if (size < kHeaderBytes || std::memcmp(data, kMagic, 8) != 0) {
    throw_format(origin + ": not a LongTail Lab cache file (no LTDS magic)");
  }
  const uint32_t version = get<uint32_t>(data, 8);
  if (version != kVersion) {
    throw_format(origin + ": cache format version " + std::to_string(version) + ", this build " +
                 "reads version " + std::to_string(kVersion) + "; import the source again");
  }
  Dataset d;
  d.origin = origin;
  d.shape = {get<uint32_t>(data, 12), get<uint32_t>(data, 16), get<uint32_t>(data, 20)};
  const uint64_t count = get<uint64_t>(data, 24);
  const uint64_t classes = get<uint32_t>(data, 32);
  const uint64_t text_bytes = get<uint32_t>(data, 36);
  const uint64_t labels_offset = get<uint64_t>(data, 40);
  const uint64_t pixels_offset = get<uint64_t>(data, 48);
  if (classes == 0 || classes > kMaxClasses || d.shape.channels == 0 ||
      uint64_t(d.shape.channels) > 4 || uint64_t(d.shape.height) > kMaxSide ||
      uint64_t(d.shape.width) > kMaxSide || d.shape.height == 0 || d.shape.width == 0) {
    damaged(origin, "the header holds impossible sizes");
  }
  if (count > size || labels_offset != align64(kHeaderBytes + text_bytes) ||
      pixels_offset != align64(labels_offset + 4 * count) || pixels_offset > size) {
    damaged(origin, "the header's offsets do not match");
  }
  const uint64_t pixel_bytes = count * uint64_t(d.shape.pixels());
  if (pixel_bytes / uint64_t(d.shape.pixels()) != count || size - pixels_offset != pixel_bytes) {
    damaged(origin, "it holds " + std::to_string(size) + " bytes where the header promises " +
                        std::to_string(pixels_offset + pixel_bytes));
  }
  if (checksum(data, data + kHeaderBytes, pixels_offset - kHeaderBytes, data + pixels_offset,
               pixel_bytes) != get<uint64_t>(data, kChecksumOffset)) {
    damaged(origin, "its checksum does not match its content");
  }

  // Text block: class names, split, origin, one per line.
  std::vector<std::string> lines;
  const char* text = reinterpret_cast<const char*>(data + kHeaderBytes);
  size_t start = 0;
  for (size_t i = 0; i < text_bytes; ++i) {
    if (text[i] == '\n') {
      lines.emplace_back(text + start, i - start);
      start = i + 1;
    }
  }
  if (lines.size() != classes + 2) damaged(origin, "the class names do not match their count");
  d.class_names.assign(lines.begin(), lines.begin() + classes);
  if (info != nullptr) *info = CacheInfo{lines[classes], lines[classes + 1]};

  d.labels.resize(count);
  for (uint64_t i = 0; i < count; ++i) d.labels[i] = get<int32_t>(data, labels_offset + 4 * i);
  d.pixels = PixelBuffer::view(std::move(owner), data + pixels_offset, pixel_bytes);
  validate(d);
  return d;
}

Dataset read_cache(const std::string& path, CacheInfo* info) {
  auto mapped = map_file(path);
  const uint8_t* data = mapped->data;
  const size_t size = mapped->size;
  return parse_cache(std::move(mapped), data, size, path, info);
}

}  // namespace lt
