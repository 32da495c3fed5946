#include "experiments/training_progress.h"

#include <algorithm>

namespace lt {

TrainCallback training_progress(const ProgressFn& progress, const std::string& stage, double start,
                                double span) {
  return [progress, stage, start, span](const TrainProgress& p) {
    const double within =
        (double(p.epoch - 1) + double(p.step) / double(std::max<int64_t>(1, p.steps_per_epoch))) /
        double(std::max<int64_t>(1, p.epochs));
    return still_wanted(
        progress,
        stage + " (epoch " + std::to_string(p.epoch) + "/" + std::to_string(p.epochs) + ")",
        start + span * within);
  };
}

}  // namespace lt
