// A module's initial weights, drawn from the run's own generator.
//
// LibTorch's module constructors draw their weights from its one global generator. Seeding it
// under a lock in core (as this project once did) keeps two runs of core apart, but not a run
// and any other code of the process that seeds or draws from it unlocked (a test, the window, a
// library), and it serialises every run's construction. So every module is drawn again, right
// after it is made and before anything copies or prunes it, from the run's generator
// (runtime/run_generator.h), by the scheme LibTorch's constructors use: kaiming-uniform with
// a = sqrt(5) for weights, U(-1/sqrt(fan_in), 1/sqrt(fan_in)) for biases, BatchNorm's ones and
// zeros. The constructors' own draws are thrown away. A module kind with parameters of its own
// that this does not know is refused (std::logic_error), so a new layer cannot silently keep
// weights from the global generator.
#pragma once

#include <ATen/core/Generator.h>
#include <torch/nn/module.h>

namespace lt {

// Draws every parameter of `module` and of its submodules afresh from `generator`, in the order
// the modules were registered.
void init_parameters(torch::nn::Module& module, at::Generator& generator);

// `module` (a ModuleHolder such as nn::Linear or nn::Sequential), its parameters drawn from
// `generator`: register_module("head", initialised(nn::Linear(512, 10), init)).
template <typename Holder>
Holder initialised(Holder module, at::Generator& generator) {
  init_parameters(*module, generator);
  return module;
}

}  // namespace lt
