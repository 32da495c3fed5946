#include "runtime/device.h"

#include <ATen/autocast_mode.h>
#include <torch/cuda.h>
#include <torch/torch.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

#include "util/error.h"

namespace lt {

bool cpu_has_native_bf16() {
  std::ifstream cpuinfo("/proc/cpuinfo");
  for (std::string line; std::getline(cpuinfo, line);) {
    if (line.rfind("flags", 0) == 0) {
      return line.find(" avx512_bf16") != std::string::npos ||
             line.find(" amx_bf16") != std::string::npos;
    }
  }
  return false;
}

DeviceChoice choose_device(const std::string& device, const std::string& precision) {
  DeviceChoice choice;
  const bool cuda = torch::cuda::is_available();
  if (device == "auto") {
    choice.device = cuda ? torch::Device(torch::kCUDA, 0) : torch::Device(torch::kCPU);
  } else if (device == "cpu") {
    choice.device = torch::kCPU;
  } else if (device.rfind("cuda", 0) == 0) {
    if (!cuda) {
      throw_setting("--device " + device + ": this machine has no CUDA device LibTorch can use; " +
                    "use --device cpu or auto");
    }
    try {
      choice.device = torch::Device(device);
    } catch (const c10::Error&) {
      throw_setting("--device \"" + device + "\" is not a device name; use cuda or cuda:N");
    }
    if (choice.device.index() >= int(torch::cuda::device_count())) {
      throw_setting("--device " + device + ": there are only " +
                    std::to_string(torch::cuda::device_count()) + " CUDA devices");
    }
  } else {
    throw_setting("--device \"" + device + "\" is unknown; use auto, cpu, cuda or cuda:N");
  }
  if (precision == "auto") {
    choice.bf16 = choice.device.is_cuda() || cpu_has_native_bf16();
  } else if (precision == "bf16") {
    choice.bf16 = true;
  } else if (precision == "fp32") {
    choice.bf16 = false;
  } else {
    throw_setting("--precision \"" + precision + "\" is unknown; use auto, fp32 or bf16");
  }
  if (choice.device.is_cuda()) {
    // cuDNN picks the fastest convolution algorithms for the run's shapes (they never change
    // within a run); fp32 matrix products use TF32, as PyTorch's convolutions do by default.
    // LONGTAIL_CUDNN_BENCHMARK=0 turns the first off, for measuring what it brings.
    const char* benchmark = std::getenv("LONGTAIL_CUDNN_BENCHMARK");
    at::globalContext().setBenchmarkCuDNN(!(benchmark && std::string(benchmark) == "0"));
    at::globalContext().setAllowTF32CuBLAS(true);
  }
  std::ostringstream text;
  if (choice.device.is_cuda()) {
    text << choice.device.str();
  } else {
    text << "cpu (" << torch::get_num_threads() << " threads)";
  }
  text << ", " << (choice.bf16 ? "bf16 autocast" : "fp32");
  choice.description = text.str();
  return choice;
}

torch::MemoryFormat activation_format(const DeviceChoice& choice) {
  return choice.device.is_cuda() && choice.bf16 ? torch::MemoryFormat::ChannelsLast
                                                : torch::MemoryFormat::Contiguous;
}

void adopt_memory_format(torch::nn::Module& module, const DeviceChoice& choice) {
  if (activation_format(choice) != torch::MemoryFormat::ChannelsLast) return;
  torch::NoGradGuard no_grad;
  for (auto& p : module.parameters()) {
    if (p.dim() == 4) p.set_data(p.contiguous(torch::MemoryFormat::ChannelsLast));
  }
}

AutocastGuard::AutocastGuard(const DeviceChoice& choice) {
  if (!choice.bf16) return;
  type_ = choice.device.type();
  enabled_ = true;
  previous_ = at::autocast::is_autocast_enabled(type_);
  at::autocast::set_autocast_enabled(type_, true);
  at::autocast::set_autocast_dtype(type_, at::kBFloat16);
}

AutocastGuard::~AutocastGuard() {
  if (!enabled_) return;
  at::autocast::set_autocast_enabled(type_, previous_);
  if (!previous_) at::autocast::clear_cache();
}

}  // namespace lt
