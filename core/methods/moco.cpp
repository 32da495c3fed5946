#include "methods/moco.h"

#include <torch/torch.h>

#include "methods/heads.h"
#include "methods/losses.h"
#include "methods/temperature_schedule.h"
#include "models/init.h"

namespace lt {

namespace F = torch::nn::functional;

namespace {

// Copies every parameter and buffer of `from` into `to` (same architecture).
void copy_state(torch::nn::Module& from, torch::nn::Module& to) {
  torch::NoGradGuard no_grad;
  auto source = from.named_parameters();
  for (auto& p : to.named_parameters()) p.value().copy_(source[p.key()]);
  auto buffers = from.named_buffers();
  for (auto& b : to.named_buffers()) b.value().copy_(buffers[b.key()]);
}

}  // namespace

MocoImpl::MocoImpl(const MethodOptions& options, const EncoderOptions& encoder_options,
                   at::Generator& init)
    : MethodImpl(encoder_options, init),
      temperature_(options.temperature > 0 ? options.temperature : 0.2),
      constant_temperature_(temperature_),
      options_(options),
      momentum_(options.moco_momentum) {
  const int64_t features = encoder_->feature_dim();
  const int64_t dim = options.projector_dim > 0 ? options.projector_dim : 128;
  head_ =
      register_module("projector", initialised(contrastive_head(features, 2048, dim, false), init));
  key_encoder_ = register_module("key_encoder", make_encoder(encoder_options, init));
  key_head_ = register_module("key_projector",
                              initialised(contrastive_head(features, 2048, dim, false), init));
  copy_state(*encoder_, *key_encoder_);
  copy_state(*head_, *key_head_);
  for (auto& p : key_encoder_->parameters()) p.set_requires_grad(false);
  for (auto& p : key_head_->parameters()) p.set_requires_grad(false);
  queue_ = register_buffer("queue", F::normalize(torch::randn({options.moco_queue, dim}, init),
                                                 F::NormalizeFuncOptions().dim(1)));
  queue_ptr_ = register_buffer("queue_ptr", torch::zeros({1}, torch::kLong));
}

std::vector<torch::Tensor> MocoImpl::trainable_parameters() {
  std::vector<torch::Tensor> out = encoder_->parameters();
  for (auto& p : head_->parameters()) out.push_back(p);
  return out;
}

StepOutput MocoImpl::forward(const torch::Tensor& view1, const torch::Tensor& view2,
                             const torch::Tensor&) {
  const auto q = F::normalize(head_->forward(encoder_->forward(view1)).to(torch::kFloat),
                              F::NormalizeFuncOptions().dim(1));
  torch::Tensor k;
  {
    torch::NoGradGuard no_grad;
    k = F::normalize(key_head_->forward(key_encoder_->forward(view2)).to(torch::kFloat),
                     F::NormalizeFuncOptions().dim(1));
  }
  const auto logits = moco_logits(q, k, queue_, temperature_);
  const auto targets = torch::zeros({q.size(0)}, logits.options().dtype(torch::kLong));
  const auto per_example =
      F::cross_entropy(logits, targets, F::CrossEntropyFuncOptions().reduction(torch::kNone));
  if (is_training()) pending_keys_ = collectives_ ? collectives_->gather(k.contiguous()) : k;
  return {per_example.mean(), per_example};
}

void MocoImpl::after_optimizer_step() {
  torch::NoGradGuard no_grad;
  const auto follow = [this](torch::nn::Module& online, torch::nn::Module& key) {
    auto params = online.named_parameters();
    for (auto& p : key.named_parameters()) {
      p.value().mul_(momentum_).add_(params[p.key()].detach(), 1.0 - momentum_);
    }
    // BatchNorm statistics follow the same average.
    auto buffers = online.named_buffers();
    for (auto& b : key.named_buffers()) {
      if (b.value().is_floating_point()) {
        b.value().mul_(momentum_).add_(buffers[b.key()], 1.0 - momentum_);
      } else {
        b.value().copy_(buffers[b.key()]);
      }
    }
  };
  follow(*encoder_, *key_encoder_);
  follow(*head_, *key_head_);
  if (!pending_keys_.defined()) return;
  // Enqueue the newest keys over the oldest, wrapping around the ring.
  const int64_t size = queue_.size(0);
  const int64_t n = std::min<int64_t>(pending_keys_.size(0), size);
  const int64_t start = queue_ptr_.item<int64_t>();
  const auto positions =
      torch::remainder(torch::arange(start, start + n, torch::kLong), size).to(queue_.device());
  queue_.index_copy_(0, positions, pending_keys_.slice(0, 0, n).to(queue_.dtype()));
  queue_ptr_.fill_((start + n) % size);
  pending_keys_ = torch::Tensor();
}

void MocoImpl::before_step(const TrainingClock& clock) {
  temperature_ = scheduled_temperature(options_, constant_temperature_, clock);
}

}  // namespace lt
