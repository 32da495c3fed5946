#include "methods/supervised.h"

#include <torch/torch.h>

#include "models/init.h"

namespace lt {

SupervisedImpl::SupervisedImpl(const MethodOptions& options, const EncoderOptions& encoder_options,
                               at::Generator& init)
    : MethodImpl(encoder_options, init) {
  head_ = register_module(
      "head", initialised(torch::nn::Linear(encoder_->feature_dim(), options.num_classes), init));
}

StepOutput SupervisedImpl::forward(const torch::Tensor& view1, const torch::Tensor&,
                                   const torch::Tensor& labels) {
  const auto logits = head_->forward(encoder_->forward(view1)).to(torch::kFloat);
  const auto per_example = torch::nn::functional::cross_entropy(
      logits, labels, torch::nn::functional::CrossEntropyFuncOptions().reduction(torch::kNone));
  return {per_example.mean(), per_example};
}

}  // namespace lt
