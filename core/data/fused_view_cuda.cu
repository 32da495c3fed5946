// The fused view's kernel: one block per image, each thread a strided set of its pixels; the
// arithmetic is fused_view_math.h's (tested on the CPU), the block sums the luma with CUB.
#include <cub/block/block_reduce.cuh>

#include "data/fused_view_cuda.h"

namespace lt::fused {
namespace {

constexpr int kThreads = 256;

__global__ void __launch_bounds__(kThreads)
    fused_view_kernel(const uint8_t* images, float* views, const float* table, int channels, int h,
                      int w, Normalisation normalisation) {
  const int plane = h * w;
  const size_t offset = size_t(blockIdx.x) * size_t(channels) * size_t(plane);
  const uint8_t* image = images + offset;
  float* view = views + offset;
  __shared__ float row[kColumns];
  if (threadIdx.x < kColumns) row[threadIdx.x] = table[size_t(blockIdx.x) * kColumns + threadIdx.x];
  __syncthreads();

  float luma_sum = 0.0f;
  for (int p = threadIdx.x; p < plane; p += kThreads) {
    luma_sum += crop_and_brighten(image, channels, h, w, p / w, p % w, row, view);
  }
  using BlockSum = cub::BlockReduce<float, kThreads>;
  __shared__ typename BlockSum::TempStorage scratch;
  __shared__ float mean_luma;
  const float total = BlockSum(scratch).Sum(luma_sum);
  if (threadIdx.x == 0) mean_luma = total / float(plane);
  __syncthreads();
  // Each thread reads back only the pixels it wrote itself: no other barrier is needed.
  for (int p = threadIdx.x; p < plane; p += kThreads) {
    colour_and_normalise(channels, plane, p, row, mean_luma, normalisation, view);
  }
}

}  // namespace

int launch_fused_view(const uint8_t* images, float* views, const float* table, int count,
                      int channels, int h, int w, const Normalisation& normalisation, void* stream,
                      const char** error) {
  if (count == 0) return 0;
  fused_view_kernel<<<count, kThreads, 0, static_cast<cudaStream_t>(stream)>>>(
      images, views, table, channels, h, w, normalisation);
  const cudaError_t status = cudaGetLastError();
  if (status != cudaSuccess && error != nullptr) *error = cudaGetErrorString(status);
  return int(status);
}

}  // namespace lt::fused
