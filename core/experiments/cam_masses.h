// Where Grad-CAM looks, in one number per group: the share of each map on the right half of its
// image (the rare-class half of the split images), averaged over the frequent and over the rare
// classes. One struct and one JSON form, written by `longtail gradcam` (masses.json) and by the
// split-image experiment (gradcam-masses.json, `semisynth run --json`).
#pragma once

#include <torch/types.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

namespace lt {

struct CamMasses {
  std::string target;         // what the maps explain: label, predicted, self, mean or probe
  double frequent_right = 0;  // frequent classes: the label is on the left
  double rare_right = 0;      // rare classes: the label is on the right, the left is blank
  int64_t frequent_images = 0;
  int64_t rare_images = 0;
};

// The masses of maps whose right-half shares are `right_shares` (N), for images labelled
// `labels` (N), where labels below `frequent_classes` are frequent. A group without images
// has a NaN share.
CamMasses cam_masses(const torch::Tensor& right_shares, const torch::Tensor& labels,
                     int64_t frequent_classes, const std::string& target);

// {"target", "frequent": {"images", "right_half_share"}, "rare": {...}}; NaN shares as null.
nlohmann::ordered_json cam_masses_json(const CamMasses& masses);

}  // namespace lt
