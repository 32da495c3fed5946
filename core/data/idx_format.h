// The IDX format of MNIST and Fashion-MNIST (big-endian magic and dimensions, then uint8 data),
// raw or gzipped. Parsers take bytes and give plain buffers, so a fuzzer links them alone.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace lt {

struct IdxImages {
  int64_t count = 0;
  int64_t rows = 0;
  int64_t cols = 0;
  std::vector<uint8_t> pixels;  // count x rows x cols
};

// Both accept gzip-compressed bytes too. `origin` names the file in error messages.
IdxImages parse_idx_images(const uint8_t* data, size_t size, const std::string& origin);
std::vector<int64_t> parse_idx_labels(const uint8_t* data, size_t size, const std::string& origin);

}  // namespace lt

#include "data/dataset.h"

namespace lt {

// Reads DIR/{train,t10k}-{images-idx3,labels-idx1}-ubyte[.gz] for `split` ("train" or "test").
Dataset load_idx_split(const std::string& dir, const std::string& split,
                       std::vector<std::string> class_names);

}  // namespace lt
