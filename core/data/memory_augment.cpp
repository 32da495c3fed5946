#include "data/memory_augment.h"

#include <torch/torch.h>

#include <cmath>

#include "util/error.h"

namespace lt {
namespace {

namespace F = torch::nn::functional;

torch::Tensor per_image(const torch::Tensor& v, const torch::Tensor& like) {
  return v.to(like.device(), like.scalar_type()).view({-1, 1, 1, 1});
}

torch::Tensor grey(const torch::Tensor& x) {
  if (x.size(1) != 3) return x;
  return (0.299 * x.select(1, 0) + 0.587 * x.select(1, 1) + 0.114 * x.select(1, 2)).unsqueeze(1);
}

// PIL's ImageEnhance: blend with a degenerate image, factor 1 + 0.9 m (torchvision's range).
torch::Tensor blend(const torch::Tensor& x, const torch::Tensor& degenerate,
                    const torch::Tensor& m) {
  const auto factor = per_image(1 + 0.9 * m, x);
  return (degenerate + (x - degenerate) * factor).clamp(0, 1);
}

torch::Tensor smoothed(const torch::Tensor& x) {
  // PIL's SMOOTH kernel, the degenerate image of ImageEnhance.Sharpness; borders stay.
  const int64_t c = x.size(1);
  auto kernel = torch::ones({3, 3}, x.options());
  kernel[1][1] = 5;
  kernel = (kernel / 13).view({1, 1, 3, 3}).repeat({c, 1, 1, 1});
  auto inner = F::conv2d(x, kernel, F::Conv2dFuncOptions().groups(c));
  auto out = x.clone();
  out.slice(2, 1, -1).slice(3, 1, -1).copy_(inner);
  return out;
}

torch::Tensor equalize(const torch::Tensor& x) {
  // Per image and channel: map each level through the normalised cumulative histogram.
  const int64_t n = x.size(0), c = x.size(1), hw = x.size(2) * x.size(3);
  const auto levels = (x * 255).round().to(torch::kLong).view({n * c, hw});
  auto hist = torch::zeros({n * c, 256}, x.options());
  hist.scatter_add_(1, levels, torch::ones_like(levels, x.options()));
  const auto cdf = hist.cumsum(1);
  // The first occupied level maps to 0, as PIL's equalize does; flat images are left alone.
  const auto cdf_min = torch::where(hist > 0, cdf, torch::full_like(cdf, double(hw))).amin(1, true);
  const auto lut = ((cdf - cdf_min) / (double(hw) - cdf_min).clamp_min(1)).clamp(0, 1);
  const auto flat = (double(hw) - cdf_min) <= 0;
  auto out = lut.gather(1, levels);
  out = torch::where(flat, levels.to(x.scalar_type()) / 255.0, out);
  return out.view(x.sizes());
}

// Rotation (up to 30 degrees), shear (up to 0.3) and translation (up to 0.45 of the side) as
// one affine map per image; uncovered pixels are black, as RandAugment fills them.
torch::Tensor affine(const std::string& op, const torch::Tensor& x, const torch::Tensor& m,
                     const torch::Tensor& axis) {
  const int64_t n = x.size(0);
  auto theta = torch::zeros({n, 2, 3});
  theta.select(1, 0).select(1, 0).fill_(1);
  theta.select(1, 1).select(1, 1).fill_(1);
  const auto mc = m.cpu().to(torch::kFloat);
  const auto vertical = axis.cpu();
  if (op == "rotate") {
    const auto a = mc * float(30.0 * M_PI / 180.0);
    theta.select(1, 0).select(1, 0).copy_(torch::cos(a));
    theta.select(1, 0).select(1, 1).copy_(-torch::sin(a));
    theta.select(1, 1).select(1, 0).copy_(torch::sin(a));
    theta.select(1, 1).select(1, 1).copy_(torch::cos(a));
  } else if (op == "shear") {
    const auto s = mc * 0.3f;
    theta.select(1, 0).select(1, 1).copy_(torch::where(vertical, torch::zeros_like(s), s));
    theta.select(1, 1).select(1, 0).copy_(torch::where(vertical, s, torch::zeros_like(s)));
  } else {
    const auto t = mc * 0.45f * 2;  // grid units: the side is 2
    theta.select(1, 0).select(1, 2).copy_(torch::where(vertical, torch::zeros_like(t), t));
    theta.select(1, 1).select(1, 2).copy_(torch::where(vertical, t, torch::zeros_like(t)));
  }
  const auto grid = F::affine_grid(theta.to(x.device(), x.scalar_type()), x.sizes().vec(),
                                   /*align_corners=*/false);
  return F::grid_sample(x, grid,
                        F::GridSampleFuncOptions()
                            .mode(torch::kBilinear)
                            .padding_mode(torch::kZeros)
                            .align_corners(false));
}

}  // namespace

const std::vector<std::string>& memory_augment_operations() {
  static const std::vector<std::string> ops = {"brightness", "contrast", "sharpness",
                                               "posterize",  "solarize", "equalize",
                                               "rotate",     "shear",    "translate"};
  return ops;
}

torch::Tensor apply_memory_operation(const std::string& op, const torch::Tensor& x,
                                     const torch::Tensor& m) {
  if (op == "brightness") return blend(x, torch::zeros_like(x), m);
  if (op == "contrast") {
    return blend(x, grey(x).mean({1, 2, 3}, /*keepdim=*/true).expand_as(x), m);
  }
  if (op == "sharpness") return blend(x, smoothed(x), m);
  const auto mag = per_image(m.abs(), x);
  if (op == "posterize") {
    // 8 bits down to 4 at full magnitude.
    const auto step = torch::pow(2.0, (4 * mag).round());
    return (torch::floor(torch::round(x * 255) / step) * step / 255).clamp(0, 1);
  }
  if (op == "solarize") {
    // Levels above the threshold invert; the threshold falls from 1 to 0 with the magnitude.
    const auto threshold = 1 - mag;
    return torch::where(x >= threshold, 1 - x, x);
  }
  if (op == "equalize") return equalize(x);
  if (op == "rotate" || op == "shear" || op == "translate") {
    return affine(op, x, m, torch::zeros({x.size(0)}, torch::kBool));
  }
  throw_setting("memory augmentation: unknown operation \"" + op + "\"");
}

torch::Tensor memory_augment(const torch::Tensor& unit, const torch::Tensor& strength, int64_t ops,
                             at::Generator& gen) {
  const int64_t n = unit.size(0);
  const auto& names = memory_augment_operations();
  const auto w = strength.to(torch::kCPU, torch::kFloat).contiguous();
  auto x = unit;
  for (int64_t round = 0; round < ops; ++round) {
    const auto choice = torch::randint(0, int64_t(names.size()), {n}, gen, torch::kLong);
    const auto apply = torch::rand({n}, gen) < w;
    const auto sign = torch::where(torch::rand({n}, gen) < 0.5, -1.0, 1.0).to(torch::kFloat);
    const auto vertical = torch::rand({n}, gen) < 0.5;
    const auto magnitude = sign * (10 + 20 * w) / 30;
    // One batched call per operation on the images that drew it (the index lists are read on
    // the CPU, where they were drawn: no device sync).
    for (int64_t o = 0; o < int64_t(names.size()); ++o) {
      const auto chosen = torch::nonzero(apply & (choice == o)).flatten();
      if (chosen.numel() == 0) continue;
      const auto on_device = chosen.to(x.device());
      const auto images = x.index_select(0, on_device);
      const auto m = magnitude.index_select(0, chosen);
      const std::string& op = names[size_t(o)];
      const auto changed = (op == "rotate" || op == "shear" || op == "translate")
                               ? affine(op, images, m, vertical.index_select(0, chosen))
                               : apply_memory_operation(op, images, m);
      x = x.index_copy(0, on_device, changed);
    }
  }
  return x;
}

}  // namespace lt
