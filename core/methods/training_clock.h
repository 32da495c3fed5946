// Where a run stands, as the trainer tells a method before each step: settings that follow the
// schedule (BYOL's momentum, a cosine temperature, SDCLR's pruning once an epoch) are functions
// of it, so a resumed run sets them exactly as an unbroken one would.
#pragma once

#include <cstdint>

namespace lt {

struct TrainingClock {
  int64_t step = 0;             // optimiser steps taken before this one, 0-based
  int64_t total_steps = 1;      // planned for the whole run
  int64_t steps_per_epoch = 1;  // the trainer's; an epoch starts where step % steps_per_epoch == 0

  // Epochs done, with the fraction of the current one.
  double epochs() const { return double(step) / double(steps_per_epoch); }
  bool starts_epoch() const { return step % steps_per_epoch == 0; }
};

}  // namespace lt
