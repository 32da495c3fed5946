#include "data/augment.h"

#include <torch/torch.h>

#include <cmath>

#include "data/memory_augment.h"
#include "util/error.h"

namespace lt {
namespace {

namespace F = torch::nn::functional;

// Uniform draws in [lo, hi) on the CPU from the run's generator.
torch::Tensor uniform(int64_t n, double lo, double hi, at::Generator& gen) {
  return torch::rand({n}, gen, torch::kFloat) * (hi - lo) + lo;
}

torch::Tensor luma(const torch::Tensor& x) {  // N x 1 x H x W
  return (0.299 * x.select(1, 0) + 0.587 * x.select(1, 1) + 0.114 * x.select(1, 2)).unsqueeze(1);
}

torch::Tensor per_sample(const torch::Tensor& v, const torch::Tensor& like) {
  return v.to(like.device(), like.scalar_type()).view({-1, 1, 1, 1});
}

}  // namespace

AugmentConfig crop_and_flip(const AugmentConfig& base) {
  AugmentConfig c = base;
  c.jitter_probability = 0;
  c.grayscale_probability = 0;
  c.blur_probability = 0;
  return c;
}

AugmentConfig supervised_view(const AugmentConfig& base) {
  return base.protocol == "standard" ? base : crop_and_flip(base);
}

Augmenter::Augmenter(const AugmentConfig& config, int64_t channels)
    : config_(config), channels_(channels) {
  // "auto" reaches here only where no method decides (an augmenter built outside a run): the
  // SSL views, as before the protocols existed.
  if (config.protocol != "ssl" && config.protocol != "standard" && config.protocol != "auto") {
    throw_setting("augment: protocol \"" + config.protocol +
                  "\" is unknown; use auto, ssl (SimSiam's views) or standard (pad-4 crop, flip)");
  }
  if (config.crop_scale_min <= 0 || config.crop_scale_min > config.crop_scale_max ||
      config.crop_scale_max > 1) {
    throw_setting("augment: crop scale must satisfy 0 < min <= max <= 1");
  }
  for (double p :
       {config.jitter_probability, config.grayscale_probability, config.blur_probability}) {
    if (!(p >= 0 && p <= 1)) throw_setting("augment: probabilities must be in [0, 1]");
  }
  std::vector<double> mean = config.mean, std = config.std;
  if (mean.empty()) {
    mean =
        channels == 3 ? std::vector<double>{0.4914, 0.4822, 0.4465} : std::vector<double>{0.2860};
  }
  if (std.empty()) {
    std = channels == 3 ? std::vector<double>{0.2023, 0.1994, 0.2010} : std::vector<double>{0.3530};
  }
  if (int64_t(mean.size()) != channels || int64_t(std.size()) != channels) {
    throw_setting("augment: mean and std need one value per channel (" + std::to_string(channels) +
                  ")");
  }
  mean_ = torch::tensor(mean, torch::kFloat).view({1, channels, 1, 1});
  std_ = torch::tensor(std, torch::kFloat).view({1, channels, 1, 1});
}

torch::Tensor Augmenter::to_unit(const torch::Tensor& images) const {
  return images.to(torch::kFloat).div_(255.0);
}

torch::Tensor Augmenter::normalize(const torch::Tensor& images) const {
  return (to_unit(images) - mean_.to(images.device())) / std_.to(images.device());
}

torch::Tensor Augmenter::pad_crop(const torch::Tensor& x, at::Generator& gen) const {
  // Zero pixels around the image (before normalisation, as torchvision pads the PIL image), then
  // an integer window of the original size: two gathers, rows then columns, with the flip folded
  // into the column index, so no pixel is interpolated.
  const int64_t n = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
  const int64_t p = kStandardPadding;
  const auto padded = F::pad(x, F::PadFuncOptions({p, p, p, p}));
  const auto dy = torch::randint(0, 2 * p + 1, {n, 1}, gen, torch::kLong);
  const auto dx = torch::randint(0, 2 * p + 1, {n, 1}, gen, torch::kLong);
  auto columns = torch::arange(w, torch::kLong).unsqueeze(0).expand({n, w});
  if (config_.flip) {
    const auto flip = (torch::rand({n}, gen) < 0.5).unsqueeze(1);
    columns = torch::where(flip, (w - 1) - columns, columns);
  }
  const auto rows = (dy + torch::arange(h, torch::kLong).unsqueeze(0)).to(x.device());
  columns = (dx + columns).to(x.device());
  const auto by_rows = padded.gather(2, rows.view({n, 1, h, 1}).expand({n, c, h, w + 2 * p}));
  return by_rows.gather(3, columns.view({n, 1, 1, w}).expand({n, c, h, w}));
}

torch::Tensor Augmenter::operator()(const torch::Tensor& images, at::Generator& gen) const {
  const auto x = unit_view(images, gen);
  return (x - mean_.to(x.device())) / std_.to(x.device());
}

torch::Tensor Augmenter::boosted(const torch::Tensor& images, const torch::Tensor& strength,
                                 int64_t ops, at::Generator& gen) const {
  const auto x = memory_augment(unit_view(images, gen), strength, ops, gen);
  return (x - mean_.to(x.device())) / std_.to(x.device());
}

torch::Tensor Augmenter::unit_view(const torch::Tensor& images, at::Generator& gen) const {
  const int64_t n = images.size(0);
  auto x = to_unit(images);
  const auto device = x.device();
  if (config_.protocol == "standard") return pad_crop(x, gen);

  if (config_.crop || config_.flip) {
    auto sw = torch::ones({n}), sh = torch::ones({n}), cx = torch::zeros({n}),
         cy = torch::zeros({n});
    if (config_.crop) {
      const auto area = uniform(n, config_.crop_scale_min, config_.crop_scale_max, gen);
      const auto aspect = torch::exp(uniform(n, std::log(3.0 / 4.0), std::log(4.0 / 3.0), gen));
      sw = torch::sqrt(area * aspect).clamp_max(1.0);
      sh = torch::sqrt(area / aspect).clamp_max(1.0);
      cx = (torch::rand({n}, gen) * 2 - 1) * (1 - sw);
      cy = (torch::rand({n}, gen) * 2 - 1) * (1 - sh);
    }
    auto flip = torch::ones({n});
    if (config_.flip) flip = torch::where(torch::rand({n}, gen) < 0.5, -1.0, 1.0).to(torch::kFloat);
    auto theta = torch::zeros({n, 2, 3});
    theta.select(1, 0).select(1, 0).copy_(sw * flip);
    theta.select(1, 0).select(1, 2).copy_(cx);
    theta.select(1, 1).select(1, 1).copy_(sh);
    theta.select(1, 1).select(1, 2).copy_(cy);
    const auto grid = F::affine_grid(theta.to(device), x.sizes().vec(), /*align_corners=*/false);
    x = F::grid_sample(x, grid,
                       F::GridSampleFuncOptions()
                           .mode(torch::kBilinear)
                           .padding_mode(torch::kReflection)
                           .align_corners(false));
  }

  if (config_.jitter_probability > 0) {
    const auto apply = torch::rand({n}, gen) < config_.jitter_probability;
    const auto factor = [&](double strength) {
      return torch::where(apply, uniform(n, 1 - strength, 1 + strength, gen), torch::ones({n}));
    };
    const auto b = factor(config_.brightness), c = factor(config_.contrast),
               s = factor(config_.saturation);
    const auto h =
        torch::where(apply, uniform(n, -config_.hue, config_.hue, gen), torch::zeros({n}));
    x = (x * per_sample(b, x)).clamp_(0, 1);
    const auto grey = channels_ == 3 ? luma(x) : x;
    const auto m = grey.mean({1, 2, 3}, /*keepdim=*/true);
    x = ((x - m) * per_sample(c, x) + m).clamp_(0, 1);
    if (channels_ == 3) {
      const auto g = luma(x);
      x = ((x - g) * per_sample(s, x) + g).clamp_(0, 1);
      // Hue: rotate the chroma (I, Q) plane of YIQ; cheaper than HSV and close to it.
      const auto yiq_from_rgb =
          torch::tensor({0.299, 0.587, 0.114, 0.596, -0.274, -0.322, 0.211, -0.523, 0.312},
                        torch::kFloat)
              .view({3, 3});
      const auto rgb_from_yiq = torch::inverse(yiq_from_rgb);
      const auto angle = h * (2 * M_PI);
      const auto cos_a = torch::cos(angle), sin_a = torch::sin(angle);
      auto rotation = torch::zeros({n, 3, 3});
      rotation.select(1, 0).select(1, 0).fill_(1);
      rotation.select(1, 1).select(1, 1).copy_(cos_a);
      rotation.select(1, 1).select(1, 2).copy_(-sin_a);
      rotation.select(1, 2).select(1, 1).copy_(sin_a);
      rotation.select(1, 2).select(1, 2).copy_(cos_a);
      const auto transform = torch::matmul(torch::matmul(rgb_from_yiq, rotation), yiq_from_rgb);
      const auto hw = x.size(2) * x.size(3);
      x = torch::bmm(transform.to(device), x.reshape({n, 3, hw})).reshape(x.sizes()).clamp_(0, 1);
    }
  }

  if (channels_ == 3 && config_.grayscale_probability > 0) {
    const auto grey = (torch::rand({n}, gen) < config_.grayscale_probability).to(device);
    x = torch::where(grey.view({-1, 1, 1, 1}), luma(x).expand_as(x), x);
  }

  if (config_.blur_probability > 0) {
    const int64_t side = x.size(2);
    const int64_t k = std::max<int64_t>(3, (side / 10) | 1);
    const auto blur = torch::rand({n}, gen) < config_.blur_probability;
    const auto sigma = torch::where(blur, uniform(n, 0.1, 2.0, gen), torch::full({n}, 1e-3));
    const auto offsets = torch::arange(k, torch::kFloat) - double(k / 2);
    auto kernel = torch::exp(-offsets.pow(2).unsqueeze(0) / (2 * sigma.pow(2).unsqueeze(1)));
    kernel = kernel / kernel.sum(1, true);  // n x k; sigma 1e-3 is the identity
    const int64_t c = x.size(1);
    const auto weights = kernel.repeat_interleave(c, 0).to(device);  // (n*c) x k
    auto flat = x.reshape({1, n * c, x.size(2), x.size(3)});
    flat = F::pad(flat, F::PadFuncOptions({k / 2, k / 2, k / 2, k / 2}).mode(torch::kReflect));
    flat = F::conv2d(flat, weights.view({n * c, 1, 1, k}), F::Conv2dFuncOptions().groups(n * c));
    flat = F::conv2d(flat, weights.view({n * c, 1, k, 1}), F::Conv2dFuncOptions().groups(n * c));
    x = flat.reshape(x.sizes());
  }
  return x;
}

}  // namespace lt
