// The boundary between plain data sets and LibTorch: images as a uint8 N x C x H x W tensor and
// labels as int64, on the run's device. Data stay uint8 there and are augmented in batches.
#pragma once

#include <torch/types.h>

#include "data/dataset.h"

namespace lt {

struct DatasetTensors {
  torch::Tensor images;  // uint8, N x C x H x W
  torch::Tensor labels;  // int64, N
};

DatasetTensors to_tensors(const Dataset& dataset, const torch::Device& device = torch::kCPU);

}  // namespace lt
