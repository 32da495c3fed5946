#include "train/lr_schedule.h"

#include <algorithm>
#include <cmath>

namespace lt {

double cosine_lr(double base_lr, int64_t step, int64_t total_steps, int64_t warmup_steps) {
  if (warmup_steps > 0 && step < warmup_steps) return base_lr * double(step + 1) / warmup_steps;
  const double span = double(std::max<int64_t>(1, total_steps - warmup_steps));
  const double progress = std::clamp(double(step - warmup_steps) / span, 0.0, 1.0);
  return base_lr * 0.5 * (1.0 + std::cos(M_PI * progress));
}

}  // namespace lt
