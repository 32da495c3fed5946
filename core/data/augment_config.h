// The augmentation's settings: plain data, no LibTorch header (the augmenter is in augment.h).
#pragma once

#include <string>
#include <vector>

namespace lt {

struct AugmentConfig {
  // "ssl": the views below (SimSiam's); "standard": He et al.'s supervised protocol, zero-pad 4
  // pixels, a random crop back to the image's own size and a horizontal flip, nothing else;
  // "auto": decided by the method when the run starts (train/supervised_protocol.h).
  std::string protocol = "auto";
  bool crop = true;             // random resized crop through per-sample affine grids
  double crop_scale_min = 0.2;  // share of the image's area, as the paper's code
  double crop_scale_max = 1.0;
  bool flip = true;  // horizontal; off for the split-image experiment
  double jitter_probability = 0.8;
  double brightness = 0.4;  // factors drawn from [1 - x, 1 + x]
  double contrast = 0.4;
  double saturation = 0.4;
  double hue = 0.1;  // a rotation of the chroma plane by up to +-hue turns
  double grayscale_probability = 0.2;
  double blur_probability = 0.0;  // Gaussian blur, sigma in [0.1, 2], kernel ~10% of the side
  std::vector<double> mean;       // per channel; empty = CIFAR-10's (3 channels) or
  std::vector<double> std;        // Fashion-MNIST's (1 channel) constants
};

// The augmentation of supervised pre-training: crop and flip only.
AugmentConfig crop_and_flip(const AugmentConfig& base);

// The single view of supervised training under `base.protocol`: the standard pad-crop (with the
// flip setting kept) or, for "ssl", crop_and_flip of the SSL views.
AugmentConfig supervised_view(const AugmentConfig& base);

// The pixels the standard protocol pads on each side before its random crop.
constexpr int kStandardPadding = 4;

}  // namespace lt
