// Grad-CAM and Grad-CAM++: where in an image a score comes from. The maps match
// pytorch-grad-cam 1.5.7 (GradCAM, GradCAMPlusPlus with one target layer) to float precision, so
// that what the paper's Figure 7 shows can be checked against the library its readers use.
#pragma once

#include <torch/types.h>

#include <string>

namespace lt {

enum class CamMethod { kGradCam, kGradCamPlusPlus };

// "gradcam" or "gradcam++"; throws a kSetting lt::Error otherwise.
CamMethod parse_cam_method(const std::string& name);
std::string to_string(CamMethod method);

// The maps of a batch: `activation` (N x C x h x w) is the explained layer's output and part of
// the graph that computed `score` (N, one number per image; their sum is differentiated, so each
// image's map depends on its own score only). Returns N x height x width float maps in [0, 1] on
// the activation's device:
//   weights  Grad-CAM: the gradient's spatial mean per channel; Grad-CAM++: the alpha-weighted
//            positive gradients (Chattopadhay et al. 2018, eq. 19, eps 1e-6)
//   cam      relu(sum_c w_c A_c), scaled per image to (x - min) / (1e-7 + max), resized
//            bilinearly to height x width (cv2.resize INTER_LINEAR), then relu and scaled again
//            (pytorch-grad-cam's aggregate_multi_layers).
torch::Tensor cam_from_activation(const torch::Tensor& activation, const torch::Tensor& score,
                                  CamMethod method, int64_t height, int64_t width);

// The share of each map's mass on the right half of its columns, N values in [0, 1] (float).
// For an odd width the middle column counts half to each side; a map of all zeros counts 0.5
// (no evidence either way). On the paper's split images a frequent class's object is on the
// left and a rare class's on the right.
torch::Tensor right_half_share(const torch::Tensor& maps);

}  // namespace lt
