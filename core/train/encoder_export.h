// Exports a run's encoder as a state dict that Python's torch.load reads and torchvision's
// ResNet (CIFAR stem swapped in, fc removed) accepts in load_state_dict.
#pragma once

#include <cstdint>
#include <string>

namespace lt {

// Writes `out` atomically; returns the number of tensors written.
int64_t export_encoder(const std::string& run_dir, const std::string& out);

}  // namespace lt
