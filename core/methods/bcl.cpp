#include "methods/bcl.h"

#include <torch/torch.h>

#include "methods/heads.h"
#include "methods/losses.h"
#include "methods/temperature_schedule.h"
#include "models/init.h"
#include "util/error.h"

namespace lt {

torch::Tensor memory_strength(const torch::Tensor& memory) {
  const auto m = memory.to(torch::kFloat);
  const auto z = (m - m.mean()) / m.std().clamp_min(1e-12);
  return (z / z.abs().max().clamp_min(1e-12)) / 2 + 0.5;
}

BclImpl::BclImpl(const MethodOptions& options, const EncoderOptions& encoder_options,
                 at::Generator& init)
    : MethodImpl(encoder_options, init),
      beta_(options.bcl_beta),
      temperature_(options.temperature > 0 ? options.temperature : 0.5),
      constant_temperature_(temperature_),
      options_(options) {
  head_ = register_module(
      "projector",
      initialised(simclr_projector(encoder_->feature_dim(), options.projector_dim), init));
  const int64_t n = options.examples;
  memory_ = register_buffer("memory", torch::zeros({n}));
  epoch_loss_ = register_buffer("epoch_loss", torch::full({n}, NAN));
  strength_ = register_buffer("strength", torch::zeros({n}));
  folds_ = register_buffer("memory_folds", torch::zeros({1}, torch::kLong));
}

torch::Tensor BclImpl::begin_batch(const torch::Tensor& indices) {
  if (memory_.numel() == 0) {
    throw_setting("BCL keeps one memory per training image: build it with options.examples");
  }
  batch_ = indices;
  return strength_.index_select(0, indices);
}

void BclImpl::fold_epoch() {
  torch::NoGradGuard no_grad;
  const auto seen = epoch_loss_.isnan().logical_not();
  // Images left out of the epoch (the dropped last batch) keep their memory; in the first
  // epoch they start from the mean of the others.
  if (folds_.item<int64_t>() == 0) {
    const auto mean = epoch_loss_.nanmean();
    memory_.copy_(torch::where(seen, epoch_loss_, mean));
  } else {
    memory_.copy_(torch::where(seen, beta_ * memory_ + (1 - beta_) * epoch_loss_, memory_));
  }
  strength_.copy_(memory_strength(memory_));
  epoch_loss_.fill_(NAN);
  folds_.add_(1);
}

void BclImpl::before_step(const TrainingClock& clock) {
  if (clock.step > 0 && clock.starts_epoch()) fold_epoch();
  temperature_ = scheduled_temperature(options_, constant_temperature_, clock);
}

StepOutput BclImpl::forward(const torch::Tensor& view1, const torch::Tensor& view2,
                            const torch::Tensor&) {
  const auto z1 = head_->forward(encoder_->forward(view1));
  const auto z2 = head_->forward(encoder_->forward(view2));
  const auto per_example = nt_xent_loss(z1, z2, temperature_);
  // The first forward of a step records (SAM's second one, at perturbed weights, does not).
  if (is_training() && batch_.defined()) {
    torch::NoGradGuard no_grad;
    epoch_loss_.index_copy_(0, batch_, per_example.detach().to(epoch_loss_.dtype()));
    batch_ = torch::Tensor();
  }
  return {per_example.mean(), per_example};
}

}  // namespace lt
