// The CIFAR-10 binary release: records of 1 label byte + 3072 pixel bytes (R, G, B planes of
// 32 x 32, row-major), in data_batch_1..5.bin and test_batch.bin.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace lt {

struct CifarBatch {
  std::vector<int64_t> labels;
  std::vector<uint8_t> pixels;  // labels.size() x 3 x 32 x 32
};

// Appends the records in `data` to `batch`; throws kFormat naming `origin` when the size is not
// a whole number of records or a label is not 0..9.
void parse_cifar10_batch(const uint8_t* data, size_t size, const std::string& origin,
                         CifarBatch& batch);

}  // namespace lt

#include "data/dataset.h"

namespace lt {

// True when DIR holds the binary batches (data_batch_1.bin ...).
bool has_cifar10_batches(const std::string& dir);
// Reads data_batch_1..5.bin (train) or test_batch.bin (test); names from batches.meta.txt when
// present.
Dataset load_cifar10_batches(const std::string& dir, const std::string& split);

}  // namespace lt
