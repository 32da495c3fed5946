// The devices a run can be sent to on this machine, for pickers (the GUI's Launch place):
// "cpu" always, then "cuda:0", "cuda:1", ... when LibTorch sees GPUs. No LibTorch header, so
// Qt code can include it.
#pragma once

#include <string>
#include <vector>

namespace lt {

std::vector<std::string> usable_devices();

// A short description for a picker, e.g. "cuda:0 (NVIDIA H100 80GB HBM3)" or "cpu (16 cores)".
std::string describe_device(const std::string& device);

}  // namespace lt
