#include "methods/simclr.h"

#include <torch/torch.h>

#include "methods/heads.h"
#include "methods/losses.h"
#include "methods/temperature_schedule.h"
#include "models/init.h"

namespace lt {

namespace F = torch::nn::functional;

SimClrImpl::SimClrImpl(const MethodOptions& options, const EncoderOptions& encoder_options,
                       at::Generator& init)
    : MethodImpl(encoder_options, init),
      temperature_(options.temperature > 0 ? options.temperature : 0.5),
      constant_temperature_(temperature_),
      options_(options) {
  head_ = register_module(
      "projector",
      initialised(simclr_projector(encoder_->feature_dim(), options.projector_dim), init));
}

StepOutput SimClrImpl::forward(const torch::Tensor& view1, const torch::Tensor& view2,
                               const torch::Tensor&) {
  const auto z1 = head_->forward(encoder_->forward(view1));
  const auto z2 = head_->forward(encoder_->forward(view2));
  if (collectives_ && is_training()) {
    // Data-parallel: each rank's anchors against the whole global batch; the gathers pass the
    // gradients of every rank's loss back to the rank whose examples they came from.
    const auto normalize = [](const torch::Tensor& z) {
      return F::normalize(z.to(torch::kFloat), F::NormalizeFuncOptions().dim(1));
    };
    const auto n1 = normalize(z1), n2 = normalize(z2);
    const auto per_example = nt_xent_loss_sharded(n1, n2, differentiable_gather(n1, collectives_),
                                                  differentiable_gather(n2, collectives_),
                                                  collectives_->rank() * z1.size(0), temperature_);
    return {per_example.mean(), per_example};
  }
  const auto per_example = nt_xent_loss(z1, z2, temperature_);
  return {per_example.mean(), per_example};
}

void SimClrImpl::before_step(const TrainingClock& clock) {
  temperature_ = scheduled_temperature(options_, constant_temperature_, clock);
}

}  // namespace lt
