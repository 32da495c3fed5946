#include "models/features.h"

#include <torch/torch.h>

#include "runtime/device.h"

namespace lt {

torch::Tensor encode(ResNet encoder, const torch::Tensor& images, const Augmenter& normalizer,
                     bool bf16, bool l2_normalize, int64_t batch, const ProgressFn& progress) {
  torch::NoGradGuard no_grad;
  const bool was_training = encoder->is_training();
  encoder->eval();
  DeviceChoice choice;
  choice.device = images.device();
  choice.bf16 = bf16;
  std::vector<torch::Tensor> parts;
  for (int64_t start = 0; start < images.size(0); start += batch) {
    report(progress, "encoding images", start, images.size(0));
    const auto x = normalizer.normalize(images.slice(0, start, start + batch));
    AutocastGuard autocast(choice);
    parts.push_back(encoder->forward(x).to(torch::kFloat));
  }
  encoder->train(was_training);
  if (!l2_normalize) return torch::cat(parts);
  return torch::nn::functional::normalize(torch::cat(parts),
                                          torch::nn::functional::NormalizeFuncOptions().dim(1));
}

}  // namespace lt
