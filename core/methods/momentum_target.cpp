#include "methods/momentum_target.h"

#include <torch/torch.h>

namespace lt {

void start_following(torch::nn::Module& from, torch::nn::Module& to) {
  torch::NoGradGuard no_grad;
  auto parameters = from.named_parameters();
  for (auto& p : to.named_parameters()) {
    p.value().copy_(parameters[p.key()]);
    p.value().set_requires_grad(false);
  }
  auto buffers = from.named_buffers();
  for (auto& b : to.named_buffers()) b.value().copy_(buffers[b.key()]);
}

void follow(const torch::nn::Module& from, torch::nn::Module& to, double momentum) {
  torch::NoGradGuard no_grad;
  auto parameters = from.named_parameters();
  for (auto& p : to.named_parameters()) {
    p.value().mul_(momentum).add_(parameters[p.key()].detach(), 1.0 - momentum);
  }
  auto buffers = from.named_buffers();
  for (auto& b : to.named_buffers()) {
    if (b.value().is_floating_point()) {
      b.value().mul_(momentum).add_(buffers[b.key()], 1.0 - momentum);
    } else {
      b.value().copy_(buffers[b.key()]);
    }
  }
}

}  // namespace lt
