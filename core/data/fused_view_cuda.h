// The CUDA launch of the fused view (fused_view_cuda.cu); plain C++ so that the caller
// (fused_view.cpp) needs no CUDA compiler and the kernel's file no LibTorch header.
#pragma once

#include <cstdint>

#include "data/fused_view_math.h"

namespace lt::fused {

// One block per image on `stream` (a cudaStream_t). Returns the launch's cudaError_t (0: none)
// and its message through `error` when there was one.
int launch_fused_view(const uint8_t* images, float* views, const float* table, int count,
                      int channels, int h, int w, const Normalisation& normalisation, void* stream,
                      const char** error);

}  // namespace lt::fused
