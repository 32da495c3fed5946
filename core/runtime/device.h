// Device, precision and thread set-up in one place: which torch::Device a run uses, whether it
// runs under bf16 autocast, and how many CPU threads torch may take.
#pragma once

#include <torch/nn/module.h>
#include <torch/types.h>

#include <string>

namespace lt {

struct DeviceChoice {
  torch::Device device = torch::kCPU;
  bool bf16 = false;        // bf16 autocast (+ channels_last on CUDA)
  std::string description;  // e.g. "cuda:0 (NVIDIA H100), bf16" or "cpu (2 threads), fp32"
};

// `device`: "auto" (CUDA when available), "cpu", "cuda" or "cuda:N". `precision`: "auto" (bf16 on
// CUDA, and on CPUs with native bf16 (avx512_bf16 or AMX); fp32 elsewhere), "fp32" or "bf16".
// Throws a kSetting lt::Error for an unknown name or CUDA asked where there is none.
DeviceChoice choose_device(const std::string& device, const std::string& precision);

// channels_last for activations (and 4-d weights) where it is the fast layout: CUDA with bf16,
// where cuDNN's NHWC kernels run; contiguous elsewhere.
torch::MemoryFormat activation_format(const DeviceChoice& choice);
void adopt_memory_format(torch::nn::Module& module, const DeviceChoice& choice);

// Sets torch's intra-op threads; 0 means all cores (owned by runtime/torch_threads).
void set_torch_threads(int threads);

// Enables autocast for the device's type for the guard's lifetime when `choice.bf16`.
class AutocastGuard {
 public:
  explicit AutocastGuard(const DeviceChoice& choice);
  ~AutocastGuard();
  AutocastGuard(const AutocastGuard&) = delete;
  AutocastGuard& operator=(const AutocastGuard&) = delete;

 private:
  bool enabled_ = false;
  bool previous_ = false;
  c10::DeviceType type_ = c10::DeviceType::CPU;
};

// True when the CPU runs bf16 natively (not emulated through fp32).
bool cpu_has_native_bf16();

}  // namespace lt
