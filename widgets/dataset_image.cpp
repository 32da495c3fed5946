#include "dataset_image.h"

#include <algorithm>

namespace lt::widgets {

QImage datasetImage(const Dataset& d, int64_t index) {
  const int h = int(d.shape.height), w = int(d.shape.width);
  const uint8_t* p = d.image(index);
  if (d.shape.channels == 1) {
    QImage image(w, h, QImage::Format_Grayscale8);
    for (int y = 0; y < h; ++y) std::copy_n(p + y * w, w, image.scanLine(y));
    return image;
  }
  QImage image(w, h, QImage::Format_RGB888);
  const int64_t plane = int64_t(h) * w;
  for (int y = 0; y < h; ++y) {
    uchar* line = image.scanLine(y);
    for (int x = 0; x < w; ++x)
      for (int c = 0; c < 3; ++c) line[3 * x + c] = p[c * plane + y * w + x];
  }
  return image;
}

}  // namespace lt::widgets
