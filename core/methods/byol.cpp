#include "methods/byol.h"

#include <torch/torch.h>

#include <cmath>

#include "methods/heads.h"
#include "methods/momentum_target.h"

namespace lt {

namespace F = torch::nn::functional;

torch::Tensor byol_loss(const torch::Tensor& p, const torch::Tensor& z) {
  const auto cos = F::cosine_similarity(p.to(torch::kFloat), z.detach().to(torch::kFloat),
                                        F::CosineSimilarityFuncOptions().dim(1));
  return 2 - 2 * cos;
}

double byol_momentum(double base, int64_t step, int64_t total_steps) {
  const double progress = total_steps > 0 ? double(step) / double(total_steps) : 0.0;
  return 1 - (1 - base) * (std::cos(M_PI * progress) + 1) / 2;
}

ByolImpl::ByolImpl(const MethodOptions& options, const EncoderOptions& encoder_options)
    : MethodImpl(encoder_options),
      base_momentum_(options.byol_momentum),
      momentum_(options.byol_momentum) {
  // The paper's MLPs: 4096 hidden, 256 out; the small CPU network gets 512 and 128, as SimSiam's.
  const bool small = encoder_options.arch == "resnet-small";
  const int64_t hidden = small ? 512 : 4096;
  const int64_t dim = options.projector_dim > 0 ? options.projector_dim : (small ? 128 : 256);
  const int64_t features = encoder_->feature_dim();
  projector_ = register_module("projector", contrastive_head(features, hidden, dim, true));
  predictor_ = register_module("predictor", contrastive_head(dim, hidden, dim, true));
  target_encoder_ = register_module("target_encoder", make_encoder(encoder_options));
  target_projector_ =
      register_module("target_projector", contrastive_head(features, hidden, dim, true));
  start_following(*encoder_, *target_encoder_);
  start_following(*projector_, *target_projector_);
}

std::vector<torch::Tensor> ByolImpl::trainable_parameters() {
  std::vector<torch::Tensor> out = encoder_->parameters();
  for (auto& p : projector_->parameters()) out.push_back(p);
  for (auto& p : predictor_->parameters()) out.push_back(p);
  return out;
}

StepOutput ByolImpl::forward(const torch::Tensor& view1, const torch::Tensor& view2,
                             const torch::Tensor&) {
  const auto p1 = predictor_->forward(projector_->forward(encoder_->forward(view1)));
  const auto p2 = predictor_->forward(projector_->forward(encoder_->forward(view2)));
  torch::Tensor z1, z2;
  {
    torch::NoGradGuard no_grad;
    z1 = target_projector_->forward(target_encoder_->forward(view1));
    z2 = target_projector_->forward(target_encoder_->forward(view2));
  }
  // The symmetric loss of the paper: each view's prediction against the other's target.
  const auto per_example = byol_loss(p1, z2) + byol_loss(p2, z1);
  return {per_example.mean(), per_example};
}

void ByolImpl::before_step(const TrainingClock& clock) {
  momentum_ = byol_momentum(base_momentum_, clock.step, clock.total_steps);
}

void ByolImpl::after_optimizer_step() {
  follow(*encoder_, *target_encoder_, momentum_);
  follow(*projector_, *target_projector_, momentum_);
}

}  // namespace lt
