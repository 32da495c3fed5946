// A network that follows another by an exponential moving average of its weights: BYOL's target
// (MoCo's key encoder does the same in moco.cpp, kept there as it was written).
#pragma once

#include <torch/nn/module.h>

namespace lt {

// Copies every parameter and buffer of `from` into `to` (same architecture) and freezes `to`'s
// parameters: the optimiser never moves them.
void start_following(torch::nn::Module& from, torch::nn::Module& to);

// to = m * to + (1 - m) * from, parameters and floating buffers (BatchNorm's running
// statistics) alike; integer buffers (batches seen) are copied.
void follow(const torch::nn::Module& from, torch::nn::Module& to, double momentum);

}  // namespace lt
