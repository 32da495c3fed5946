// A state dict on disk: named CPU tensors in the zip container Python's torch.save writes, so
// that torch.load (weights_only) reads what LongTail Lab exports: encoders, linear probes,
// Grad-CAM weights.
#pragma once

#include <ATen/core/Dict.h>
#include <ATen/core/Tensor.h>

#include <string>

namespace lt {

// Writes `state` to `path` atomically (util/file_io.h).
void write_state_dict(const c10::Dict<std::string, at::Tensor>& state, const std::string& path);

}  // namespace lt
