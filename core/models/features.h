// An encoder's features of a set of images: what the kNN monitor, the probes, the KDE weights and
// Grad-CAM's probe target all read. Lives with the models (not with any one measurement) because
// every room above models uses it.
#pragma once

#include <torch/types.h>

#include "data/augment.h"
#include "models/resnet.h"
#include "util/progress.h"

namespace lt {

// Features of every image (L2-normalised unless asked otherwise), in eval mode and without
// gradients; uint8 images in, float features out, on the images' device. `progress` hears of
// every batch; when it returns false the encoding stops with lt::Cancelled.
torch::Tensor encode(ResNet encoder, const torch::Tensor& images, const Augmenter& normalizer,
                     bool bf16, bool l2_normalize = true, int64_t batch = 512,
                     const ProgressFn& progress = {});

}  // namespace lt
