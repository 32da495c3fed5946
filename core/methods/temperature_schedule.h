// The temperature of a contrastive loss as a function of where the run stands: constant, or the
// cosine schedule of Kukleva et al. (ICLR 2023, "Temperature Schedules for Self-Supervised
// Contrastive Methods on Long-Tail Data"), which swings between instance discrimination (small
// tau) and group-wise discrimination (large tau) so that rare classes get the former and
// frequent ones the latter.
#pragma once

#include "methods/method_options.h"
#include "methods/training_clock.h"

namespace lt {

// `constant` is the method's temperature (options.temperature or its default).
double scheduled_temperature(const MethodOptions& options, double constant,
                             const TrainingClock& clock);

// Throws a kSetting lt::Error for an unknown schedule or impossible bounds.
void validate_temperature_schedule(const MethodOptions& options);

}  // namespace lt
