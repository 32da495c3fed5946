// A data set with the given images per class, 1 x 2 x 2 pixels each (pixel 0 holds the image's
// index modulo 256), for tests of the designer that need no real images.
#pragma once

#include <string>
#include <vector>

#include "data/dataset.h"

namespace lt::test {

inline Dataset synthetic_dataset(const std::vector<int64_t>& per_class) {
  Dataset d;
  d.shape = {1, 2, 2};
  d.origin = "synthetic";
  for (size_t c = 0; c < per_class.size(); ++c)
    d.class_names.push_back("class" + std::to_string(c));
  // Classes interleaved, as in real files.
  std::vector<int64_t> left = per_class;
  bool any = true;
  while (any) {
    any = false;
    for (size_t c = 0; c < left.size(); ++c) {
      if (left[c] > 0) {
        d.labels.push_back(int64_t(c));
        --left[c];
        any = true;
      }
    }
  }
  std::vector<uint8_t> pixels(d.labels.size() * 4);
  for (size_t i = 0; i < d.labels.size(); ++i) pixels[4 * i] = uint8_t(i);
  d.pixels = PixelBuffer::own(std::move(pixels));
  return d;
}

}  // namespace lt::test
