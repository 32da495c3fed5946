// A 64-bit FNV-1a content hash: enough to tell two variants or two sources apart and short to
// print. Not for security.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace lt {

class ContentHash {
 public:
  void add_bytes(const void* data, size_t size) {
    const auto* bytes = static_cast<const unsigned char*>(data);
    for (size_t i = 0; i < size; ++i) {
      state_ ^= bytes[i];
      state_ *= 0x100000001b3ULL;
    }
  }
  void add(std::string_view text) {
    add_u64(text.size());
    add_bytes(text.data(), text.size());
  }
  void add_u64(uint64_t value) {
    unsigned char le[8];
    for (int i = 0; i < 8; ++i) le[i] = static_cast<unsigned char>(value >> (8 * i));
    add_bytes(le, 8);
  }
  uint64_t value() const { return state_; }
  std::string hex() const;

 private:
  uint64_t state_ = 0xcbf29ce484222325ULL;
};

inline std::string ContentHash::hex() const {
  static const char* digits = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 0; i < 16; ++i) out[15 - i] = digits[(state_ >> (4 * i)) & 0xf];
  return out;
}

// A word-at-a-time hash for large buffers (pixels of a cache file): a few milliseconds for
// 50 MB, so a cache can be checked on every load. Little-endian machines only, like the cache.
inline uint64_t fast_hash(const uint8_t* data, size_t size, uint64_t seed) {
  uint64_t lanes[4] = {seed, seed ^ 0x9e3779b97f4a7c15ULL, seed + 1, seed - 1};
  size_t i = 0;
  auto mix = [](uint64_t h, uint64_t word) {
    h = (h ^ word) * 0x9e3779b97f4a7c15ULL;
    return h ^ (h >> 29);
  };
  for (; i + 32 <= size; i += 32) {
    for (int k = 0; k < 4; ++k) {
      uint64_t word;
      __builtin_memcpy(&word, data + i + 8 * k, 8);
      lanes[k] = mix(lanes[k], word);
    }
  }
  uint64_t h = mix(mix(mix(lanes[0], lanes[1]), lanes[2]), lanes[3]);
  for (; i < size; ++i) h = mix(h, data[i]);
  return mix(h, size);
}

}  // namespace lt
