// NumPy's .npy files (format 1.0: little endian, C order), so that Python checks and notebooks
// read arrays with np.load and nothing else. Plain C++, no LibTorch.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace lt {

// Writes `path` atomically; `data` holds the product of `shape` values in C order. Throws kIo
// naming the path when it cannot be written.
void write_npy(const std::string& path, const float* data, const std::vector<int64_t>& shape);
void write_npy(const std::string& path, const int64_t* data, const std::vector<int64_t>& shape);

// The header NumPy reads before the data ("\x93NUMPY", version 1.0, a padded dict), for
// `descr` such as "<f4" or "<i8".
std::string npy_header(const std::string& descr, const std::vector<int64_t>& shape);

}  // namespace lt
