// A training run's progress as one part of a longer experiment (quick, table1, semisynth): the
// run's share done (epochs and steps) maps onto [start, start + span) of the experiment's, and
// the stage reads "STAGE (epoch e/E)". Returning false (the experiment's progress asked to stop)
// stops the training at its next step.
#pragma once

#include <string>

#include "train/trainer.h"
#include "util/progress.h"

namespace lt {

TrainCallback training_progress(const ProgressFn& progress, const std::string& stage, double start,
                                double span);

}  // namespace lt
