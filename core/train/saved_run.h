// Opening a run directory written by the trainer: its resolved config, its variant, and the
// method with the weights of its last checkpoint. Evaluation, export and resume all start here.
#pragma once

#include <string>

#include "data/variant.h"
#include "methods/method.h"
#include "train/run_config.h"

namespace lt {

struct SavedRun {
  RunConfig config;
  Variant variant;
};

// Reads config.json and variant.json; throws kIo when `run_dir` is not a run directory.
SavedRun read_saved_run(const std::string& run_dir);

// The run's method (encoder and heads) with the checkpoint's weights, on the CPU.
Method load_saved_method(const std::string& run_dir, const SavedRun& run);

}  // namespace lt
