// The per-pixel arithmetic of the SSL view (data/augment.h) written once, for the fused
// augmentation on the CPU (fused_view.cpp) and in the CUDA kernel (fused_view_cuda.cu). Because
// both run this same code, the CPU tests of the fused path (against the torch operations of
// augment.cpp) test the kernel's arithmetic too; only the launch is CUDA's own.
//
// A view is two passes over an image: the first samples the crop (bilinear, as grid_sample with
// align_corners = false), scales the brightness and sums the luma for the contrast's mean; the
// second applies contrast, saturation, the hue rotation, the greyscale choice and the
// normalisation. No LibTorch header: nvcc compiles this.
#pragma once

#include <cstdint>

#if defined(__CUDACC__)
#define LT_HOST_DEVICE __host__ __device__
#else
#define LT_HOST_DEVICE
#endif

namespace lt::fused {

// One image's random view as a row of floats (augment.cpp fills the table from its draws).
enum Column : int {
  kScaleX,  // the crop's half-width in grid units, negative when flipped
  kShiftX,  // the crop's centre in grid units
  kScaleY,
  kShiftY,
  kBrightness,  // factors; 1 where the jitter was not drawn
  kContrast,
  kSaturation,
  kGrey,   // 1: the view is the luma in every channel
  kColor,  // 3 x 3 row-major colour transform (the hue rotation in YIQ): kColor .. kColor + 8
  kColumns = kColor + 9,
};

// The normalisation, per channel (1 or 3 used).
struct Normalisation {
  float mean[3];
  float inverse_std[3];
};

// Comparisons rather than fminf/fmaxf, which GCC calls from libm on the CPU (their NaN rules).
LT_HOST_DEVICE inline float clamp_between(float v, float low, float high) {
  return v < low ? low : (v > high ? high : v);
}

LT_HOST_DEVICE inline float clamp_unit(float v) {
  return clamp_between(v, 0.0f, 1.0f);
}

LT_HOST_DEVICE inline float luma(float r, float g, float b) {
  return 0.299f * r + 0.587f * g + 0.114f * b;
}

// The source coordinate, in pixels, of grid value `grid` along an axis of `size` pixels, as
// grid_sample with align_corners = false and reflection padding. The crop never leaves the image
// (scale <= 1 and a centre drawn so that it fits), so the coordinate lies in [-0.5, size - 0.5],
// where that reflection is the same as clipping into [0, size - 1].
LT_HOST_DEVICE inline float source_coordinate(float grid, int size) {
  const float unnormalised = ((grid + 1.0f) * float(size) - 1.0f) * 0.5f;
  return clamp_between(unnormalised, 0.0f, float(size - 1));
}

// Bilinear read of a uint8 plane at (x, y) inside [0, w - 1] x [0, h - 1], in [0, 1]. A tap past
// the last row or column has weight zero; its index is clamped only to stay inside the plane.
LT_HOST_DEVICE inline float bilinear(const uint8_t* plane, int h, int w, float x, float y) {
  const int x0 = int(x), y0 = int(y);  // truncation is the floor: both are >= 0
  const int x1 = x0 + 1 < w ? x0 + 1 : w - 1, y1 = y0 + 1 < h ? y0 + 1 : h - 1;
  const float fx = x - float(x0), fy = y - float(y0);
  const float top = (1.0f - fx) * float(plane[y0 * w + x0]) + fx * float(plane[y0 * w + x1]);
  const float bottom = (1.0f - fx) * float(plane[y1 * w + x0]) + fx * float(plane[y1 * w + x1]);
  return ((1.0f - fy) * top + fy * bottom) * (1.0f / 255.0f);
}

// First pass at pixel (i, j) of one image (`channels` planes of h x w): the cropped, brightened
// pixel goes to `view` (float planes, the output image), and its luma is returned.
LT_HOST_DEVICE inline float crop_and_brighten(const uint8_t* image, int channels, int h, int w,
                                              int i, int j, const float* row, float* view) {
  const float grid_x = row[kScaleX] * ((2.0f * float(j) + 1.0f) / float(w) - 1.0f) + row[kShiftX];
  const float grid_y = row[kScaleY] * ((2.0f * float(i) + 1.0f) / float(h) - 1.0f) + row[kShiftY];
  const float x = source_coordinate(grid_x, w), y = source_coordinate(grid_y, h);
  const int plane = h * w, p = i * w + j;
  float v[3];
  for (int c = 0; c < channels; ++c) {
    v[c] = clamp_unit(bilinear(image + c * plane, h, w, x, y) * row[kBrightness]);
    view[c * plane + p] = v[c];
  }
  return channels == 3 ? luma(v[0], v[1], v[2]) : v[0];
}

// Second pass at pixel `p`, in place on `view`: contrast about the image's mean luma, then (for
// colour) saturation, the colour transform and the greyscale choice, then the normalisation.
LT_HOST_DEVICE inline void colour_and_normalise(int channels, int plane, int p, const float* row,
                                                float mean_luma, const Normalisation& norm,
                                                float* view) {
  float v[3];
  for (int c = 0; c < channels; ++c) {
    v[c] = clamp_unit((view[c * plane + p] - mean_luma) * row[kContrast] + mean_luma);
  }
  if (channels == 3) {
    const float grey = luma(v[0], v[1], v[2]);
    for (int c = 0; c < 3; ++c) v[c] = clamp_unit((v[c] - grey) * row[kSaturation] + grey);
    const float* m = row + kColor;
    float rotated[3];
    for (int c = 0; c < 3; ++c) {
      rotated[c] = clamp_unit(m[3 * c] * v[0] + m[3 * c + 1] * v[1] + m[3 * c + 2] * v[2]);
    }
    if (row[kGrey] > 0.5f) {
      const float y = luma(rotated[0], rotated[1], rotated[2]);
      for (int c = 0; c < 3; ++c) v[c] = y;
    } else {
      for (int c = 0; c < 3; ++c) v[c] = rotated[c];
    }
  }
  for (int c = 0; c < channels; ++c) {
    view[c * plane + p] = (v[c] - norm.mean[c]) * norm.inverse_std[c];
  }
}

}  // namespace lt::fused
