// Full fine-tuning, the alternative to the linear probe for transfer: the pre-trained encoder
// and a new linear head trained end to end on the target's training images (random crop and
// flip each epoch), scored top-1 and per class on its test images. It trains the encoder it is
// given: callers pass a freshly loaded copy, so the run's checkpoint is never touched.
#pragma once

#include <torch/types.h>

#include <string>

#include "data/augment.h"
#include "eval/linear_probe.h"
#include "models/resnet.h"
#include "runtime/device.h"
#include "util/progress.h"

namespace lt {

// `train_images`/`test_images`: uint8 N x C x H x W already at the encoder's input size, on the
// device. Throws a kData lt::Error when the loss diverges.
ProbeResult fine_tune(ResNet encoder, const torch::Tensor& train_images,
                      const torch::Tensor& train_labels, const torch::Tensor& test_images,
                      const torch::Tensor& test_labels, int64_t num_classes,
                      const AugmentConfig& augment, const DeviceChoice& device,
                      const FineTuneOptions& options, const ProgressFn& progress = {});

}  // namespace lt
