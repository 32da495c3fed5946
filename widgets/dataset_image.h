// A data set's image (uint8 channel planes, grey or RGB) as a QImage, for strips of samples and
// Grad-CAM tiles. The pixels come from core's planar_to_rgb and cam_overlay
// (explain/cam_overlay.h): the window draws with the same code as the CLI's contact sheets.
#pragma once

#include <QImage>
#include <cstdint>

#include "data/dataset.h"
#include "explain/cam_overlay.h"

namespace lt::widgets {

// A deep copy of an RGB image of core's.
QImage rgbImage(const RgbImage& image);

QImage datasetImage(const Dataset& dataset, int64_t index);

}  // namespace lt::widgets
