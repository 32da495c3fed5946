// The learning rate at a step: linear warm-up, then cosine decay to zero at the last step.
#pragma once

#include <cstdint>

namespace lt {

double cosine_lr(double base_lr, int64_t step, int64_t total_steps, int64_t warmup_steps);

}  // namespace lt
