#include "dataset_image.h"

namespace lt::widgets {

QImage rgbImage(const RgbImage& image) {
  // The QImage borrows the bytes; copy() makes it own them before `image` goes.
  return QImage(image.pixels.data(), int(image.width), int(image.height), int(3 * image.width),
                QImage::Format_RGB888)
      .copy();
}

QImage datasetImage(const Dataset& d, int64_t index) {
  return rgbImage(planar_to_rgb(d.image(index), d.shape.channels, d.shape.height, d.shape.width));
}

}  // namespace lt::widgets
