// A data set's image (uint8 channel planes, grey or RGB) as a QImage, for strips of samples.
#pragma once

#include <QImage>
#include <cstdint>

#include "data/dataset.h"

namespace lt::widgets {

QImage datasetImage(const Dataset& dataset, int64_t index);

}  // namespace lt::widgets
