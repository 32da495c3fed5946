// The SSL view in one pass per image instead of a chain of tensor operations (augment.h): on the
// CPU a loop over images, on CUDA one kernel launch per batch (fused_view_cuda.cu, where this
// build has CUDA kernels). The random draws and the arithmetic are those of the operations, so
// the two paths give the same views to floating-point rounding
// (tests/core/data/test_fused_view.cpp); which one runs is an execution choice, like cuDNN's
// benchmark mode, not a run's setting.
#pragma once

#include <torch/types.h>

#include <string>

#include "data/fused_view_math.h"

namespace lt {

// How the augmenter computes a view. kOperations: torch's operations (grid_sample, ...);
// kFused: fused_view below, where it covers the configuration (the SSL protocol without blur, 1 or
// 3 channels) and the device, the operations elsewhere; kAuto: the default of prefer_fused.
enum class AugmentKernel { kAuto, kOperations, kFused };

// LONGTAIL_AUGMENT_KERNEL: "fused", "ops", or unset (kAuto). Any other value throws an
// lt::Error of kind kSetting that names the two.
AugmentKernel augment_kernel_from_environment();

// Whether a view on `device` takes the fused path under `kernel`. kAuto means the operations
// everywhere for now: on the CPU the fused loop is 1.17-1.26x the operations on colour and
// 0.76-1.20x on grey images (three runs of bench/augment.sh, 2 AVX2 cores), about 1 % of a
// training step either way, so it is there as the kernel's tested twin; on CUDA the kernel has not
// been measured yet (issue 25). kFused means fused wherever this build can run it (CUDA needs the
// kernel compiled by nvcc).
bool prefer_fused(AugmentKernel kernel, const torch::Device& device);

// Whether this build can run the fused view on `device`.
bool fused_view_available(const torch::Device& device);

// The views of `images` (uint8, N x C x H x W, C = 1 or 3, on the CPU or CUDA) described by
// `table` (N x fused::kColumns float, on the CPU or already on images' device), normalised:
// float N x C x H x W on images' device.
torch::Tensor fused_view(const torch::Tensor& images, const torch::Tensor& table,
                         const fused::Normalisation& normalisation);

}  // namespace lt
