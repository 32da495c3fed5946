#include "methods/temperature_schedule.h"

#include <cmath>

#include "util/error.h"

namespace lt {

double scheduled_temperature(const MethodOptions& o, double constant, const TrainingClock& clock) {
  if (o.temperature_schedule != "cosine") return constant;
  // The paper trains 2000 epochs with T = 400: five periods in a run.
  const double run_epochs = double(clock.total_steps) / double(clock.steps_per_epoch);
  const double period = o.temperature_period > 0 ? o.temperature_period : run_epochs / 5;
  const double phase = 2 * M_PI * clock.epochs() / period;
  return o.temperature_min + (o.temperature_max - o.temperature_min) * (1 + std::cos(phase)) / 2;
}

void validate_temperature_schedule(const MethodOptions& o) {
  if (o.temperature_schedule == "constant") return;
  if (o.temperature_schedule != "cosine") {
    throw_setting("temperature_schedule \"" + o.temperature_schedule +
                  "\" is unknown; use constant or cosine");
  }
  if (!(o.temperature_min > 0 && o.temperature_min <= o.temperature_max)) {
    throw_setting(
        "the cosine temperature needs 0 < temperature_min <= temperature_max (the "
        "paper: 0.1 and 1.0)");
  }
  if (!(o.temperature_period >= 0)) {
    throw_setting("temperature_period must be 0 (a fifth of the run) or a number of epochs");
  }
}

}  // namespace lt
