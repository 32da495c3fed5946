// OpenCV's digits.png (package opencv-doc): 5,000 handwritten digits, 20 x 20 cells in a
// 2000 x 1000 grey image, 100 cells across, digit d in cell rows 5d..5d+4. We split each digit's
// 500 cells in reading order: the first 400 are "train", the last 100 "test".
#pragma once

#include <string>

#include "data/dataset.h"

namespace lt {

inline const char* kDefaultDigitsPath = "/usr/share/doc/opencv-doc/examples/data/digits.png";

// Throws kIo naming the file (and the package to install), kFormat when it is not 2000 x 1000.
Dataset load_opencv_digits(const std::string& path, const std::string& split);

}  // namespace lt
