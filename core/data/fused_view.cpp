#include "data/fused_view.h"

#include <ATen/Parallel.h>
#include <torch/torch.h>

#include <cstdlib>
#include <string>

#include "util/error.h"

#if defined(LONGTAIL_HAVE_CUDA_KERNELS)
#include <c10/cuda/CUDAGuard.h>
#include <c10/cuda/CUDAStream.h>

#include "data/fused_view_cuda.h"
#endif

namespace lt {
namespace {

void check_arguments(const torch::Tensor& images, const torch::Tensor& table) {
  if (images.scalar_type() != torch::kUInt8 || images.dim() != 4 ||
      (images.size(1) != 1 && images.size(1) != 3)) {
    throw std::invalid_argument("fused_view: images must be uint8 N x C x H x W with C = 1 or 3");
  }
  if ((!table.device().is_cpu() && table.device() != images.device()) ||
      table.scalar_type() != torch::kFloat || table.dim() != 2 || table.size(0) != images.size(0) ||
      table.size(1) != fused::kColumns) {
    throw std::invalid_argument(
        "fused_view: the table must be a float N x kColumns tensor on the CPU or images' device");
  }
}

torch::Tensor fused_view_cpu(const torch::Tensor& images, const torch::Tensor& table,
                             const fused::Normalisation& normalisation) {
  const int64_t n = images.size(0);
  const int channels = int(images.size(1)), h = int(images.size(2)), w = int(images.size(3));
  const int plane = h * w;
  auto views = torch::empty(images.sizes(), torch::kFloat);
  const uint8_t* in = images.data_ptr<uint8_t>();
  const float* rows = table.data_ptr<float>();
  float* out = views.data_ptr<float>();
  at::parallel_for(0, n, 1, [&](int64_t begin, int64_t end) {
    for (int64_t k = begin; k < end; ++k) {
      const int64_t offset = k * channels * plane;
      const float* row = rows + k * fused::kColumns;
      double luma_sum = 0;
      for (int i = 0; i < h; ++i) {
        float row_sum = 0;
        for (int j = 0; j < w; ++j) {
          row_sum += fused::crop_and_brighten(in + offset, channels, h, w, i, j, row, out + offset);
        }
        luma_sum += row_sum;
      }
      const float mean_luma = float(luma_sum / plane);
      for (int p = 0; p < plane; ++p) {
        fused::colour_and_normalise(channels, plane, p, row, mean_luma, normalisation,
                                    out + offset);
      }
    }
  });
  return views;
}

#if defined(LONGTAIL_HAVE_CUDA_KERNELS)
torch::Tensor fused_view_cuda(const torch::Tensor& images, const torch::Tensor& table,
                              const fused::Normalisation& normalisation) {
  const c10::cuda::CUDAGuard guard(images.device());
  const auto stream = c10::cuda::getCurrentCUDAStream(images.device().index());
  // The table is a few numbers per image: copied from pinned memory without a host wait (the
  // caching host allocator keeps the pinned block until the copy is done), unless it is there.
  const auto rows =
      table.is_cuda() ? table : table.pin_memory().to(images.device(), /*non_blocking=*/true);
  auto views = torch::empty(images.sizes(), images.options().dtype(torch::kFloat));
  const char* error = nullptr;
  const int status = fused::launch_fused_view(
      images.data_ptr<uint8_t>(), views.data_ptr<float>(), rows.data_ptr<float>(),
      int(images.size(0)), int(images.size(1)), int(images.size(2)), int(images.size(3)),
      normalisation, stream.stream(), &error);
  if (status != 0) {
    throw std::runtime_error(std::string("fused_view: the CUDA kernel did not start: ") +
                             (error ? error : "unknown error"));
  }
  return views;
}
#endif

}  // namespace

AugmentKernel augment_kernel_from_environment() {
  const char* value = std::getenv("LONGTAIL_AUGMENT_KERNEL");
  if (value == nullptr || *value == '\0') return AugmentKernel::kAuto;
  const std::string kernel = value;
  if (kernel == "fused") return AugmentKernel::kFused;
  if (kernel == "ops") return AugmentKernel::kOperations;
  throw_setting("LONGTAIL_AUGMENT_KERNEL=\"" + kernel +
                "\" is unknown; use fused (one pass per image) or ops (torch's operations)");
}

bool fused_view_available(const torch::Device& device) {
  if (device.is_cpu()) return true;
#if defined(LONGTAIL_HAVE_CUDA_KERNELS)
  return device.is_cuda();
#else
  return false;
#endif
}

bool prefer_fused(AugmentKernel kernel, const torch::Device& device) {
  switch (kernel) {
    case AugmentKernel::kOperations:
      return false;
    case AugmentKernel::kFused:
      return fused_view_available(device);
    case AugmentKernel::kAuto:
      break;
  }
  return false;
}

torch::Tensor fused_view(const torch::Tensor& images, const torch::Tensor& table,
                         const fused::Normalisation& normalisation) {
  check_arguments(images, table);
  const auto contiguous_images = images.contiguous();
  const auto contiguous_table = table.contiguous();
  if (images.device().is_cpu()) {
    return fused_view_cpu(contiguous_images, contiguous_table, normalisation);
  }
#if defined(LONGTAIL_HAVE_CUDA_KERNELS)
  if (images.device().is_cuda()) {
    return fused_view_cuda(contiguous_images, contiguous_table, normalisation);
  }
#endif
  throw std::invalid_argument("fused_view: this build has no fused kernel for " +
                              images.device().str());
}

}  // namespace lt
