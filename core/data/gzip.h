// gzip decompression through zlib, for the .gz IDX files of (Fashion-)MNIST.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace lt {

bool is_gzip(const uint8_t* data, size_t size);

// Inflates a gzip stream; throws kFormat naming `origin` when it is damaged or would grow past
// `max_output` bytes (a guard against decompression bombs).
std::vector<uint8_t> gunzip(const uint8_t* data, size_t size, const std::string& origin,
                            size_t max_output = size_t{8} << 30);

}  // namespace lt
