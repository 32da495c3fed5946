#include "train/sam.h"

#include <cmath>
#include <filesystem>

#include "util/error.h"

namespace lt {

SamOptions sam_preset(const std::string& name) {
  SamOptions o;
  o.adaptive = true;  // the official scripts' --adaptive is always true
  if (name == "paper-cifar") {
    o.rho = 5;
    o.alpha = 1.2;
  } else if (name == "official-asam") {
    o.rho = 0.5;
    o.alpha = 1.2;
  } else if (name == "imagenet-lt") {
    o.rho = 2;
    o.alpha = 0.5;
  } else {
    throw_setting("SAM preset \"" + name +
                  "\" is unknown; use paper-cifar (ASAM rho 5, alpha 1.2), official-asam (ASAM "
                  "rho 0.5) or imagenet-lt (ASAM rho 2, alpha 0.5)");
  }
  return o;
}

bool sam_is_adaptive(const SamOptions& o) {
  return o.mode == "asam" || (o.mode == "rwsam" && o.adaptive);
}

void validate_sam(const SamOptions& o) {
  if (o.mode != "none" && o.mode != "sam" && o.mode != "asam" && o.mode != "rwsam") {
    throw_setting("config field sam.mode \"" + o.mode +
                  "\" is unknown; use none, sam, asam or "
                  "rwsam");
  }
  if (!(o.rho > 0) || !std::isfinite(o.rho)) {
    throw_setting("config field sam.rho must be positive (SAM's usual 0.05; ASAM 0.5)");
  }
  if (!(o.alpha >= 0)) throw_setting("config field sam.alpha must be 0 or more (the paper: 1.2)");
  if (!(o.bandwidth >= 0))
    throw_setting("config field sam.bandwidth must be 0 (median rule) or more");
  if (o.start_epoch < 0) throw_setting("config field sam.start_epoch must not be negative");
  // Weights from a random encoder say nothing about rarity: rwSAM needs a trained one.
  if (o.mode == "rwsam" && o.weights_from.empty() && o.start_epoch == 0) {
    throw_setting(
        "rwSAM needs KDE weights from a trained encoder: give --rwsam-weights-from RUN (a "
        "finished plain run on the same data) or FILE (written by longtail weights --out), or "
        "--rwsam-start N to train plainly for N epochs first (config fields sam.weights_from, "
        "sam.start_epoch)");
  }
  if (!o.weights_from.empty() && !std::filesystem::exists(o.weights_from)) {
    throw_setting("config field sam.weights_from: " + o.weights_from +
                  " does not exist; give a finished run's directory or a file of longtail "
                  "weights --out");
  }
  if (o.refresh_every < 0) throw_setting("config field sam.refresh_every must not be negative");
}

std::vector<torch::Tensor> sam_perturb(const std::vector<torch::Tensor>& parameters, double rho,
                                       bool adaptive) {
  torch::NoGradGuard no_grad;
  std::vector<torch::Tensor> scaled(parameters.size());
  torch::Tensor squared_norm;
  for (size_t i = 0; i < parameters.size(); ++i) {
    const auto& g = parameters[i].grad();
    if (!g.defined()) continue;
    scaled[i] = adaptive ? parameters[i].abs() * g : g;
    const auto s = scaled[i].to(torch::kDouble).pow(2).sum();
    squared_norm = squared_norm.defined() ? squared_norm + s : s;
  }
  std::vector<torch::Tensor> e(parameters.size());
  if (!squared_norm.defined()) return e;
  const auto factor = rho / (squared_norm.sqrt() + 1e-12);
  for (size_t i = 0; i < parameters.size(); ++i) {
    if (!scaled[i].defined()) continue;
    // ASAM: e = rho * T^2 g / ||T g|| with T = |w|, i.e. |w| * (|w| g) / ||.||.
    e[i] = (adaptive ? parameters[i].abs() * scaled[i] : scaled[i]) * factor.to(scaled[i].dtype());
    parameters[i].add_(e[i]);
  }
  return e;
}

void sam_restore(const std::vector<torch::Tensor>& parameters,
                 const std::vector<torch::Tensor>& perturbation) {
  torch::NoGradGuard no_grad;
  for (size_t i = 0; i < parameters.size(); ++i) {
    if (perturbation[i].defined()) parameters[i].sub_(perturbation[i]);
  }
}

FrozenBatchNormStats::FrozenBatchNormStats(torch::nn::Module& module) {
  for (const auto& m : module.modules(/*include_self=*/true)) {
    if (auto* bn = m->as<torch::nn::BatchNorm1dImpl>()) {
      bn1d_.emplace_back(bn, bn->options.momentum());
      bn->options.momentum(0.0);
    } else if (auto* bn2 = m->as<torch::nn::BatchNorm2dImpl>()) {
      bn2d_.emplace_back(bn2, bn2->options.momentum());
      bn2->options.momentum(0.0);
    }
  }
}

FrozenBatchNormStats::~FrozenBatchNormStats() {
  for (auto& [bn, momentum] : bn1d_) bn->options.momentum(momentum);
  for (auto& [bn, momentum] : bn2d_) bn->options.momentum(momentum);
}

}  // namespace lt
