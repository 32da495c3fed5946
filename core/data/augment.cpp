#include "data/augment.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>

#include "data/memory_augment.h"
#include "util/error.h"

namespace lt {
namespace {

namespace F = torch::nn::functional;

torch::Tensor luma(const torch::Tensor& x) {  // N x 1 x H x W
  return (0.299 * x.select(1, 0) + 0.587 * x.select(1, 1) + 0.114 * x.select(1, 2)).unsqueeze(1);
}

torch::Tensor per_sample(const torch::Tensor& v, const torch::Tensor& like) {
  return v.to(like.device(), like.scalar_type()).view({-1, 1, 1, 1});
}

}  // namespace

// The random parameters of one call, drawn on the CPU from the run's generator for every image of
// the global batch; the call's images take their share's rows.
class RandomDraws {
 public:
  RandomDraws(at::Generator& gen, int64_t images, BatchShare share)
      : gen_(gen),
        offset_(share.batch > 0 ? share.offset : 0),
        count_(images),
        batch_(share.batch > 0 ? share.batch : images) {
    if (offset_ < 0 || offset_ + count_ > batch_) {
      throw std::invalid_argument("augment: images outside the batch they belong to");
    }
  }
  // Uniform in [0, 1), one per image.
  torch::Tensor rand() { return mine(torch::rand({batch_}, gen_, torch::kFloat)); }
  // Uniform in [lo, hi), one per image.
  torch::Tensor uniform(double lo, double hi) { return rand() * (hi - lo) + lo; }
  // Integers in [lo, hi), one per image, as an images x 1 column.
  torch::Tensor randint(int64_t lo, int64_t hi) {
    return mine(torch::randint(lo, hi, {batch_, 1}, gen_, torch::kLong));
  }

 private:
  torch::Tensor mine(const torch::Tensor& all) const {
    return count_ == batch_ ? all : all.slice(0, offset_, offset_ + count_);
  }
  at::Generator& gen_;
  int64_t offset_, count_, batch_;
};

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

Augmenter::Augmenter(const AugmentConfig& config, int64_t channels, AugmentKernel kernel)
    : config_(config), channels_(channels), kernel_(kernel) {
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
  for (int64_t c = 0; c < std::min<int64_t>(channels, 3); ++c) {
    normalisation_.mean[c] = float(mean[c]);
    normalisation_.inverse_std[c] = float(1.0 / std[c]);
  }
}

torch::Tensor Augmenter::to_unit(const torch::Tensor& images) const {
  return images.to(torch::kFloat).div_(255.0);
}

torch::Tensor Augmenter::normalize(const torch::Tensor& images) const {
  return (to_unit(images) - mean_.to(images.device())) / std_.to(images.device());
}

torch::Tensor Augmenter::pad_crop(const torch::Tensor& x, RandomDraws& draws) const {
  // Zero pixels around the image (before normalisation, as torchvision pads the PIL image), then
  // an integer window of the original size: two gathers, rows then columns, with the flip folded
  // into the column index, so no pixel is interpolated.
  const int64_t n = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
  const int64_t p = kStandardPadding;
  const auto padded = F::pad(x, F::PadFuncOptions({p, p, p, p}));
  const auto dy = draws.randint(0, 2 * p + 1);
  const auto dx = draws.randint(0, 2 * p + 1);
  auto columns = torch::arange(w, torch::kLong).unsqueeze(0).expand({n, w});
  if (config_.flip) {
    const auto flip = (draws.rand() < 0.5).unsqueeze(1);
    columns = torch::where(flip, (w - 1) - columns, columns);
  }
  const auto rows = (dy + torch::arange(h, torch::kLong).unsqueeze(0)).to(x.device());
  columns = (dx + columns).to(x.device());
  const auto by_rows = padded.gather(2, rows.view({n, 1, h, 1}).expand({n, c, h, w + 2 * p}));
  return by_rows.gather(3, columns.view({n, 1, 1, w}).expand({n, c, h, w}));
}

torch::Tensor Augmenter::operator()(const torch::Tensor& images, at::Generator& gen,
                                    BatchShare share) const {
  RandomDraws draws(gen, images.size(0), share);
  if (fuses(images)) return fused_view(images, table_of(images.size(0), draws), normalisation_);
  const auto x = unit_view(images, draws);
  return (x - mean_.to(x.device())) / std_.to(x.device());
}

torch::Tensor Augmenter::boosted(const torch::Tensor& images, const torch::Tensor& strength,
                                 int64_t ops, at::Generator& gen) const {
  RandomDraws draws(gen, images.size(0), BatchShare{});
  const auto x = memory_augment(unit_view(images, draws), strength, ops, gen);
  return (x - mean_.to(x.device())) / std_.to(x.device());
}

// The random parameters of one SSL view per image, drawn in a fixed order (so that every path,
// and a resumed run, draws the same views), as CPU float columns; undefined where the
// configuration leaves the step out.
struct ViewDraws {
  torch::Tensor scale_x, shift_x, scale_y, shift_y;  // the affine grid of crop and flip
  torch::Tensor brightness, contrast, saturation;    // jitter factors, 1 where not drawn
  torch::Tensor hue;                                 // turns, 0 where not drawn
  torch::Tensor grey;                                // bool
  torch::Tensor blur_sigma;                          // 1e-3 (the identity) where not drawn
};

ViewDraws Augmenter::draw_view(int64_t n, RandomDraws& draws) const {
  ViewDraws d;
  if (config_.crop || config_.flip) {
    auto sw = torch::ones({n}), sh = torch::ones({n}), cx = torch::zeros({n}),
         cy = torch::zeros({n});
    if (config_.crop) {
      const auto area = draws.uniform(config_.crop_scale_min, config_.crop_scale_max);
      const auto aspect = torch::exp(draws.uniform(std::log(3.0 / 4.0), std::log(4.0 / 3.0)));
      sw = torch::sqrt(area * aspect).clamp_max(1.0);
      sh = torch::sqrt(area / aspect).clamp_max(1.0);
      cx = (draws.rand() * 2 - 1) * (1 - sw);
      cy = (draws.rand() * 2 - 1) * (1 - sh);
    }
    auto flip = torch::ones({n});
    if (config_.flip) flip = torch::where(draws.rand() < 0.5, -1.0, 1.0).to(torch::kFloat);
    d.scale_x = sw * flip;
    d.shift_x = cx;
    d.scale_y = sh;
    d.shift_y = cy;
  }
  if (config_.jitter_probability > 0) {
    const auto apply = draws.rand() < config_.jitter_probability;
    const auto factor = [&](double strength) {
      return torch::where(apply, draws.uniform(1 - strength, 1 + strength), torch::ones({n}));
    };
    d.brightness = factor(config_.brightness);
    d.contrast = factor(config_.contrast);
    d.saturation = factor(config_.saturation);
    d.hue = torch::where(apply, draws.uniform(-config_.hue, config_.hue), torch::zeros({n}));
  }
  if (channels_ == 3 && config_.grayscale_probability > 0) {
    d.grey = draws.rand() < config_.grayscale_probability;
  }
  if (config_.blur_probability > 0) {
    const auto blur = draws.rand() < config_.blur_probability;
    d.blur_sigma = torch::where(blur, draws.uniform(0.1, 2.0), torch::full({n}, 1e-3));
  }
  return d;
}

namespace {

// The hue's rotation of the chroma (I, Q) plane of YIQ, as an RGB transform per image (n x 3 x 3,
// CPU): cheaper than HSV and close to it.
torch::Tensor hue_transforms(const torch::Tensor& hue) {
  const int64_t n = hue.size(0);
  const auto yiq_from_rgb =
      torch::tensor({0.299, 0.587, 0.114, 0.596, -0.274, -0.322, 0.211, -0.523, 0.312},
                    torch::kFloat)
          .view({3, 3});
  const auto rgb_from_yiq = torch::inverse(yiq_from_rgb);
  const auto angle = hue * (2 * M_PI);
  const auto cos_a = torch::cos(angle), sin_a = torch::sin(angle);
  auto rotation = torch::zeros({n, 3, 3});
  rotation.select(1, 0).select(1, 0).fill_(1);
  rotation.select(1, 1).select(1, 1).copy_(cos_a);
  rotation.select(1, 1).select(1, 2).copy_(-sin_a);
  rotation.select(1, 2).select(1, 1).copy_(sin_a);
  rotation.select(1, 2).select(1, 2).copy_(cos_a);
  return torch::matmul(torch::matmul(rgb_from_yiq, rotation), yiq_from_rgb);
}

}  // namespace

// The view in [0, 1], before the normalisation, by torch's operations.
torch::Tensor Augmenter::unit_view(const torch::Tensor& images, RandomDraws& draws) const {
  auto x = to_unit(images);
  if (config_.protocol == "standard") return pad_crop(x, draws);
  return apply_operations(x, draw_view(images.size(0), draws));
}

torch::Tensor Augmenter::apply_operations(torch::Tensor x, const ViewDraws& d) const {
  const int64_t n = x.size(0);
  const auto device = x.device();
  if (d.scale_x.defined()) {
    auto theta = torch::zeros({n, 2, 3});
    theta.select(1, 0).select(1, 0).copy_(d.scale_x);
    theta.select(1, 0).select(1, 2).copy_(d.shift_x);
    theta.select(1, 1).select(1, 1).copy_(d.scale_y);
    theta.select(1, 1).select(1, 2).copy_(d.shift_y);
    const auto grid = F::affine_grid(theta.to(device), x.sizes().vec(), /*align_corners=*/false);
    x = F::grid_sample(x, grid,
                       F::GridSampleFuncOptions()
                           .mode(torch::kBilinear)
                           .padding_mode(torch::kReflection)
                           .align_corners(false));
  }

  if (d.brightness.defined()) {
    x = (x * per_sample(d.brightness, x)).clamp_(0, 1);
    const auto grey = channels_ == 3 ? luma(x) : x;
    const auto m = grey.mean({1, 2, 3}, /*keepdim=*/true);
    x = ((x - m) * per_sample(d.contrast, x) + m).clamp_(0, 1);
    if (channels_ == 3) {
      const auto g = luma(x);
      x = ((x - g) * per_sample(d.saturation, x) + g).clamp_(0, 1);
      const auto transform = hue_transforms(d.hue);
      const auto hw = x.size(2) * x.size(3);
      x = torch::bmm(transform.to(device), x.reshape({n, 3, hw})).reshape(x.sizes()).clamp_(0, 1);
    }
  }

  if (d.grey.defined()) {
    x = torch::where(d.grey.to(device).view({-1, 1, 1, 1}), luma(x).expand_as(x), x);
  }

  if (d.blur_sigma.defined()) {
    const int64_t side = x.size(2);
    const int64_t k = std::max<int64_t>(3, (side / 10) | 1);
    const auto offsets = torch::arange(k, torch::kFloat) - double(k / 2);
    const auto& sigma = d.blur_sigma;
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

bool Augmenter::fusable() const {
  return config_.protocol != "standard" && config_.blur_probability == 0 &&
         (channels_ == 1 || channels_ == 3);
}

bool Augmenter::fuses(const torch::Tensor& images) const {
  return fusable() && images.size(1) == channels_ && images.scalar_type() == torch::kUInt8 &&
         prefer_fused(kernel_, images.device());
}

// The draws of one view per image as one row of floats each (data/fused_view_math.h).
torch::Tensor Augmenter::table_of(int64_t n, RandomDraws& draws) const {
  const ViewDraws d = draw_view(n, draws);
  auto table = torch::zeros({n, fused::kColumns}, torch::kFloat);
  const auto fill = [&](int column, const torch::Tensor& values, double otherwise) {
    if (values.defined()) {
      table.select(1, column).copy_(values);
    } else {
      table.select(1, column).fill_(otherwise);
    }
  };
  fill(fused::kScaleX, d.scale_x, 1);
  fill(fused::kShiftX, d.shift_x, 0);
  fill(fused::kScaleY, d.scale_y, 1);
  fill(fused::kShiftY, d.shift_y, 0);
  fill(fused::kBrightness, d.brightness, 1);
  fill(fused::kContrast, d.contrast, 1);
  fill(fused::kSaturation, d.saturation, 1);
  fill(fused::kGrey, d.grey.defined() ? d.grey.to(torch::kFloat) : torch::Tensor(), 0);
  // Without jitter the colour transform is exactly the identity, as the operations skip it.
  const auto colour = d.hue.defined() ? hue_transforms(d.hue) : torch::eye(3).expand({n, 3, 3});
  table.narrow(1, fused::kColor, 9).copy_(colour.reshape({n, 9}));
  return table;
}

torch::Tensor Augmenter::view_table(int64_t images, at::Generator& gen) const {
  if (!fusable()) {
    throw std::invalid_argument("augment: these views (standard protocol or blur) have no table");
  }
  RandomDraws draws(gen, images, BatchShare{});
  return table_of(images, draws);
}

torch::Tensor Augmenter::view_from_table(const torch::Tensor& images,
                                         const torch::Tensor& table) const {
  return fused_view(images, table, normalisation_);
}

}  // namespace lt
