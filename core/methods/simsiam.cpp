#include "methods/simsiam.h"

#include <torch/torch.h>

#include "methods/heads.h"
#include "methods/losses.h"
#include "models/init.h"

namespace lt {

SimSiamImpl::SimSiamImpl(const MethodOptions& options, const EncoderOptions& encoder_options,
                         at::Generator& init)
    : MethodImpl(encoder_options, init) {
  // The paper's CIFAR setting: 2048-d projector, 512-d predictor bottleneck; the small CPU
  // network uses 512 and 128, as the reference benchmark does.
  const bool small = encoder_options.arch == "resnet-small";
  const int64_t dim = options.projector_dim > 0 ? options.projector_dim : (small ? 512 : 2048);
  const int64_t bottleneck =
      options.predictor_dim > 0 ? options.predictor_dim : (small ? 128 : 512);
  projector_ = register_module(
      "projector",
      initialised(simsiam_projector(encoder_->feature_dim(), dim, options.projector_layers), init));
  predictor_ = register_module("predictor", initialised(simsiam_predictor(dim, bottleneck), init));
}

StepOutput SimSiamImpl::forward(const torch::Tensor& view1, const torch::Tensor& view2,
                                const torch::Tensor&) {
  // The views go through separately, so BatchNorm sees each view's statistics as in the paper.
  const auto z1 = projector_->forward(encoder_->forward(view1));
  const auto z2 = projector_->forward(encoder_->forward(view2));
  const auto per_example = simsiam_loss(predictor_->forward(z1), predictor_->forward(z2), z1, z2);
  return {per_example.mean(), per_example};
}

}  // namespace lt
