// Training state on disk: model (parameters and buffers, MoCo's queue included), optimiser
// (momentum buffers), the epoch and step reached, the run's random generator and rwSAM's
// weights in use, so a resumed run continues exactly where an unbroken one would be. Written
// atomically (util/file_io: unique temporary file, fsync, rename, fsync of the folder): a kill
// or a power loss at any moment leaves the previous checkpoint whole.
#pragma once

#include <ATen/core/Generator.h>
#include <torch/optim/optimizer.h>

#include <cstdint>
#include <string>

#include "methods/method.h"

namespace lt {

struct CheckpointState {
  int64_t epoch = 0;  // epochs finished
  int64_t step = 0;   // optimiser steps taken
  // rwSAM's KDE weights in use when the checkpoint was taken (undefined: none yet). They belong
  // to the checkpoint: a refresh after it must not leak into a resume from it.
  torch::Tensor rw_weights;
};

void save_checkpoint(const std::string& path, MethodImpl& method,
                     torch::optim::Optimizer& optimizer, const at::Generator& generator,
                     const CheckpointState& state);

// Loads into already-built objects of the same configuration; throws kFormat naming the file
// when it is damaged or belongs to another configuration.
CheckpointState load_checkpoint(const std::string& path, MethodImpl& method,
                                torch::optim::Optimizer& optimizer, at::Generator& generator);

// Loads only the model's parameters and buffers (for export and evaluation).
void load_model(const std::string& path, MethodImpl& method);

}  // namespace lt
