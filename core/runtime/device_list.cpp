#include "runtime/device_list.h"

#include <torch/cuda.h>

#include <algorithm>
#include <thread>

namespace lt {

std::vector<std::string> usable_devices() {
  std::vector<std::string> devices{"cpu"};
  const int64_t gpus = torch::cuda::is_available() ? int64_t(torch::cuda::device_count()) : 0;
  for (int64_t i = 0; i < gpus; ++i) devices.push_back("cuda:" + std::to_string(i));
  return devices;
}

std::string describe_device(const std::string& device) {
  if (device == "cpu")
    return "cpu (" + std::to_string(std::max(1u, std::thread::hardware_concurrency())) + " cores)";
  return device + " (GPU)";
}

}  // namespace lt
