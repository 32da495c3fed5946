// RandAugment with a strength per image, on the device in batches, for BCL (Zhou et al., ICML
// 2022, "Contrastive Learning with Boosted Memorization"): images the model remembers poorly get
// stronger views. Each of `ops` rounds draws one operation per image from
//   brightness, contrast, sharpness, posterize, solarize, equalize, rotate, shear, translate
// and applies it with probability w (the image's strength in [0, 1]) at magnitude
// (10 + 20 w) / 30 of the operation's largest, as the authors' RandAugment_prob(k, 10 + 20 w,
// w) does on its 0-30 scale. Random draws come from the run's generator on the CPU, like the
// rest of the augmentation; images stay on their device.
#pragma once

#include <ATen/core/Generator.h>
#include <torch/types.h>

#include <string>
#include <vector>

namespace lt {

// The operations in the order their indices draw them.
const std::vector<std::string>& memory_augment_operations();

// `unit`: N x C x H x W floats in [0, 1]; `strength`: N values in [0, 1]. Returns new images.
torch::Tensor memory_augment(const torch::Tensor& unit, const torch::Tensor& strength, int64_t ops,
                             at::Generator& generator);

// One operation on every image at per-image magnitudes in [0, 1] (signed where the operation
// has two directions); for tests and for memory_augment.
torch::Tensor apply_memory_operation(const std::string& operation, const torch::Tensor& unit,
                                     const torch::Tensor& magnitude);

}  // namespace lt
