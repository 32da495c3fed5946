#include "methods/sdclr.h"

#include <torch/torch.h>

#include <map>

#include "methods/heads.h"
#include "methods/losses.h"
#include "methods/temperature_schedule.h"
#include "models/init.h"

namespace lt {

std::vector<torch::Tensor> magnitude_masks(const std::vector<torch::Tensor>& weights,
                                           double prune) {
  torch::NoGradGuard no_grad;
  std::vector<torch::Tensor> flat;
  for (const auto& w : weights) flat.push_back(w.detach().abs().flatten().to(torch::kFloat));
  const auto all = torch::cat(flat);
  const int64_t drop = int64_t(prune * double(all.numel()));
  std::vector<torch::Tensor> masks;
  if (drop <= 0) {
    for (const auto& w : weights) masks.push_back(torch::ones_like(w, torch::kFloat));
    return masks;
  }
  // The drop-th smallest magnitude and all below it go: ties at the threshold go together.
  const auto threshold = std::get<0>(all.kthvalue(drop));
  for (const auto& w : weights) masks.push_back((w.detach().abs() > threshold).to(torch::kFloat));
  return masks;
}

SdclrImpl::SdclrImpl(const MethodOptions& options, const EncoderOptions& encoder_options,
                     at::Generator& init)
    : MethodImpl(encoder_options, init),
      prune_(options.sdclr_prune),
      temperature_(options.temperature > 0 ? options.temperature : 0.5),
      constant_temperature_(temperature_),
      options_(options) {
  head_ = register_module(
      "projector",
      initialised(simclr_projector(encoder_->feature_dim(), options.projector_dim), init));
  pruned_encoder_ = register_module("pruned_encoder", make_encoder(encoder_options, init));
  std::map<std::string, torch::nn::Conv2dImpl*> model_convs;
  for (const auto& m : encoder_->named_modules()) {
    if (auto* conv = m.value()->as<torch::nn::Conv2dImpl>()) model_convs[m.key()] = conv;
  }
  for (const auto& m : pruned_encoder_->named_modules()) {
    auto* conv = m.value()->as<torch::nn::Conv2dImpl>();
    // The stem's few weights stay whole; every later convolution is pruned.
    if (conv == nullptr || m.key() == "conv1") continue;
    for (auto& p : conv->parameters()) p.set_requires_grad(false);  // the model's are used
    std::string buffer = "mask." + m.key();
    for (char& ch : buffer) {
      if (ch == '.') ch = '_';
    }
    convs_.push_back({model_convs.at(m.key()), conv,
                      register_buffer(buffer, torch::ones_like(conv->weight, torch::kFloat))});
  }
  auto stem = model_convs.at("conv1");
  auto* pruned_stem = pruned_encoder_->named_modules()["conv1"]->as<torch::nn::Conv2dImpl>();
  for (auto& p : pruned_stem->parameters()) p.set_requires_grad(false);
  convs_.push_back({stem, pruned_stem, torch::Tensor()});  // no mask: shared whole
  prune();
}

std::vector<torch::Tensor> SdclrImpl::trainable_parameters() {
  std::vector<torch::Tensor> out;
  for (auto& p : parameters()) {
    if (p.requires_grad()) out.push_back(p);
  }
  return out;
}

void SdclrImpl::prune() {
  std::vector<torch::Tensor> weights;
  for (const auto& c : convs_) {
    if (c.mask.defined()) weights.push_back(c.model->weight);
  }
  const auto masks = magnitude_masks(weights, prune_);
  torch::NoGradGuard no_grad;
  size_t i = 0;
  for (auto& c : convs_) {
    if (c.mask.defined()) c.mask.copy_(masks[i++]);
  }
}

double SdclrImpl::kept_share() const {
  double kept = 0, total = 0;
  for (const auto& c : convs_) {
    if (!c.mask.defined()) continue;
    kept += c.mask.sum().item<double>();
    total += double(c.mask.numel());
  }
  return total > 0 ? kept / total : 1.0;
}

void SdclrImpl::before_step(const TrainingClock& clock) {
  if (clock.starts_epoch()) prune();
  temperature_ = scheduled_temperature(options_, constant_temperature_, clock);
}

StepOutput SdclrImpl::forward(const torch::Tensor& view1, const torch::Tensor& view2,
                              const torch::Tensor&) {
  // The copy's convolutions compute with the model's weights times the masks, so the gradient
  // of the pruned branch reaches the surviving weights of the one model, as in the authors' code.
  for (auto& c : convs_) {
    c.pruned->weight =
        c.mask.defined() ? c.model->weight * c.mask.to(c.model->weight.dtype()) : c.model->weight;
  }
  const auto z1 = head_->forward(encoder_->forward(view1));
  const auto z2 = head_->forward(pruned_encoder_->forward(view2));
  const auto per_example = nt_xent_loss(z1, z2, temperature_);
  return {per_example.mean(), per_example};
}

}  // namespace lt
