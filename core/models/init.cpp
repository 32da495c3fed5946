#include "models/init.h"

#include <torch/torch.h>

#include <cmath>
#include <stdexcept>

namespace lt {
namespace {

namespace nn = torch::nn;

// What nn::Conv2d's and nn::Linear's reset_parameters() do, drawn from `gen`.
void draw_like_libtorch(torch::Tensor& weight, torch::Tensor& bias, at::Generator& gen) {
  const auto fans = nn::init::_calculate_fan_in_and_fan_out(weight);
  const auto fan_in = std::get<0>(fans);
  const double gain = nn::init::calculate_gain(torch::kLeakyReLU, /*param=*/std::sqrt(5));
  const double bound = std::sqrt(3.0) * (gain / std::sqrt(double(fan_in)));
  weight.uniform_(-bound, bound, gen);
  if (bias.defined()) {
    const double bias_bound = 1 / std::sqrt(double(fan_in));
    bias.uniform_(-bias_bound, bias_bound, gen);
  }
}

// Draws the parameters `m` holds itself (not those of its submodules).
void draw_own(torch::nn::Module& m, at::Generator& gen) {
  if (m.named_parameters(/*recurse=*/false).is_empty()) return;
  if (auto* conv = m.as<nn::Conv2dImpl>()) {
    draw_like_libtorch(conv->weight, conv->bias, gen);
  } else if (auto* linear = m.as<nn::LinearImpl>()) {
    draw_like_libtorch(linear->weight, linear->bias, gen);
  } else if (auto* bn2 = m.as<nn::BatchNorm2dImpl>()) {
    bn2->reset_parameters();  // ones and zeros: no draw
  } else if (auto* bn1 = m.as<nn::BatchNorm1dImpl>()) {
    bn1->reset_parameters();
  } else {
    throw std::logic_error("init_parameters: no initialisation from a run's generator for " +
                           m.name() + "; add its LibTorch scheme to core/models/init.cpp");
  }
}

}  // namespace

void init_parameters(torch::nn::Module& module, at::Generator& generator) {
  torch::NoGradGuard no_grad;
  draw_own(module, generator);
  // modules(false): the hierarchy below, depth first in the order of registration (true would
  // need `module` in a shared_ptr).
  for (const auto& m : module.modules(/*include_self=*/false)) draw_own(*m, generator);
}

}  // namespace lt
