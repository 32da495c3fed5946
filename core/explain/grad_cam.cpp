#include "explain/grad_cam.h"

#include <torch/torch.h>

#include "util/error.h"

namespace lt {
namespace {

namespace F = torch::nn::functional;

// pytorch-grad-cam's scale_cam_image without the resize: per image, (x - min) / (1e-7 + max).
torch::Tensor min_max_scale(const torch::Tensor& maps) {
  const auto flat = maps.flatten(1);
  const auto shifted = flat - std::get<0>(flat.min(1, /*keepdim=*/true));
  return (shifted / (1e-7 + std::get<0>(shifted.max(1, /*keepdim=*/true)))).view_as(maps);
}

// Per image and channel (N x C).
torch::Tensor channel_weights(const torch::Tensor& activation, const torch::Tensor& grads,
                              CamMethod method) {
  if (method == CamMethod::kGradCam) return grads.mean({2, 3});
  const auto grads2 = grads * grads;
  const auto grads3 = grads2 * grads;
  const auto sum_activation = activation.sum({2, 3}, /*keepdim=*/true);
  auto alpha = grads2 / (2 * grads2 + sum_activation * grads3 + 1e-6);
  // The paper's ReLU on the gradients also zeroes alpha where the gradient is zero.
  alpha = torch::where(grads != 0, alpha, torch::zeros_like(alpha));
  return (torch::relu(grads) * alpha).sum({2, 3});
}

}  // namespace

CamMethod parse_cam_method(const std::string& name) {
  if (name == "gradcam") return CamMethod::kGradCam;
  if (name == "gradcam++") return CamMethod::kGradCamPlusPlus;
  throw_setting("the Grad-CAM method \"" + name + "\" is unknown; use gradcam or gradcam++");
}

std::string to_string(CamMethod method) {
  return method == CamMethod::kGradCam ? "gradcam" : "gradcam++";
}

torch::Tensor cam_from_activation(const torch::Tensor& activation, const torch::Tensor& score,
                                  CamMethod method, int64_t height, int64_t width) {
  if (activation.dim() != 4) {
    throw_setting("Grad-CAM needs an N x C x h x w activation, got " +
                  std::to_string(activation.dim()) + " dimensions");
  }
  if (score.dim() != 1 || score.size(0) != activation.size(0)) {
    throw_setting("Grad-CAM needs one score per image (" + std::to_string(activation.size(0)) +
                  "), got a tensor of " + std::to_string(score.numel()));
  }
  if (height < 1 || width < 1) throw_setting("Grad-CAM maps need a positive height and width");
  if (!activation.requires_grad() || !score.requires_grad()) {
    throw_setting(
        "Grad-CAM needs the score computed from the activation with gradients on; "
        "call it outside torch::NoGradGuard");
  }
  auto grads = torch::autograd::grad({score.sum()}, {activation}, /*grad_outputs=*/{},
                                     /*retain_graph=*/false, /*create_graph=*/false,
                                     /*allow_unused=*/true)[0];
  torch::NoGradGuard no_grad;
  const auto a = activation.detach().to(torch::kFloat);
  // A score that does not depend on the activation explains nothing: an all-zero map.
  grads = grads.defined() ? grads.to(torch::kFloat) : torch::zeros_like(a);

  const auto weights = channel_weights(a, grads, method);
  auto cam = torch::relu((weights.unsqueeze(-1).unsqueeze(-1) * a).sum(1));
  cam = min_max_scale(cam);
  // Half-pixel centres without antialiasing: what cv2.resize's INTER_LINEAR computes.
  cam = F::interpolate(cam.unsqueeze(1), F::InterpolateFuncOptions()
                                             .size(std::vector<int64_t>{height, width})
                                             .mode(torch::kBilinear)
                                             .align_corners(false))
            .squeeze(1);
  return min_max_scale(torch::relu(cam)).contiguous();
}

torch::Tensor right_half_share(const torch::Tensor& maps) {
  if (maps.dim() != 3) {
    throw_setting("right_half_share needs N x H x W maps, got " + std::to_string(maps.dim()) +
                  " dimensions");
  }
  torch::NoGradGuard no_grad;
  const int64_t width = maps.size(2);
  const auto columns = maps.detach().to(torch::kDouble).sum(1);  // N x W
  const auto total = columns.sum(1);
  auto right = columns.narrow(1, (width + 1) / 2, width / 2).sum(1);
  if (width % 2 == 1) right = right + 0.5 * columns.select(1, width / 2);
  const auto share = torch::where(total > 0, right / total, torch::full_like(total, 0.5));
  return share.to(torch::kFloat).cpu();
}

}  // namespace lt
