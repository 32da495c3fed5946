// Which images `longtail gradcam` explains: half from the frequent classes and half from the rare
// ones, drawn by a seed, so that a contact sheet and its masses compare the two groups.
#pragma once

#include <cstdint>
#include <vector>

namespace lt {

struct CamSample {
  std::vector<int64_t> frequent, rare;  // data set indices, each ascending
};

// `images` in all: half from labels < frequent_classes, half from the others; a group with too
// few images leaves its place to the other. A portable Fisher-Yates draw: the same seed picks
// the same images on every platform.
CamSample draw_cam_sample(const std::vector<int64_t>& labels, int64_t frequent_classes,
                          int64_t images, uint64_t seed);

}  // namespace lt
