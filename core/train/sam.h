// Sharpness-aware minimisation (Foret et al.), its adaptive form ASAM (Kwon et al.) and the
// paper's rwSAM, as pieces the trainer puts around its SGD step: after the first backward pass,
// move the weights uphill by e (sam_perturb), run the second forward and backward pass there
// with BatchNorm's running statistics frozen (they are updated once per step, in the first
// pass), move back (sam_restore), and let SGD update with the second gradient.
#pragma once

#include <torch/torch.h>

#include <string>
#include <vector>

#include "train/sam_options.h"

namespace lt {

// Adds e to each parameter with a gradient and returns e (empty tensors for the others):
//   SAM:  e = rho * g / ||g||                (the norm over all parameters together)
//   ASAM: e = rho * w^2 * g / ||w * g||      (element-wise |w| scaling)
std::vector<torch::Tensor> sam_perturb(const std::vector<torch::Tensor>& parameters, double rho,
                                       bool adaptive);

// Subtracts the e that sam_perturb added.
void sam_restore(const std::vector<torch::Tensor>& parameters,
                 const std::vector<torch::Tensor>& perturbation);

// While alive, every BatchNorm of `module` keeps its running statistics (momentum 0).
class FrozenBatchNormStats {
 public:
  explicit FrozenBatchNormStats(torch::nn::Module& module);
  ~FrozenBatchNormStats();
  FrozenBatchNormStats(const FrozenBatchNormStats&) = delete;
  FrozenBatchNormStats& operator=(const FrozenBatchNormStats&) = delete;

 private:
  std::vector<std::pair<torch::nn::BatchNorm1dImpl*, std::optional<double>>> bn1d_;
  std::vector<std::pair<torch::nn::BatchNorm2dImpl*, std::optional<double>>> bn2d_;
};

}  // namespace lt
