// The STL-10 binary release: X files hold 3 x 96 x 96 images stored column-major, one channel
// plane after another; y files hold one label byte per image, 1..10.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace lt {

// Pixels converted to row-major channel planes (N x 3 x 96 x 96).
std::vector<uint8_t> parse_stl10_images(const uint8_t* data, size_t size,
                                        const std::string& origin);
// Labels shifted to 0..9.
std::vector<int64_t> parse_stl10_labels(const uint8_t* data, size_t size,
                                        const std::string& origin);

}  // namespace lt

#include "data/dataset.h"

namespace lt {

// Reads {train,test}_X.bin and {train,test}_y.bin from DIR; names from class_names.txt when
// present.
Dataset load_stl10(const std::string& dir, const std::string& split);

}  // namespace lt
