#include "data/dataset_tensors.h"

#include <torch/torch.h>

namespace lt {

DatasetTensors to_tensors(const Dataset& d, const torch::Device& device) {
  validate(d);
  const auto n = d.size();
  // from_blob views the (possibly mapped, read-only) pixels; the copy to the device, or the
  // clone on the CPU, gives a tensor that owns writable memory.
  const auto images =
      torch::from_blob(const_cast<uint8_t*>(d.pixels.data()),
                       {n, d.shape.channels, d.shape.height, d.shape.width}, torch::kUInt8);
  const auto labels = torch::from_blob(const_cast<int64_t*>(d.labels.data()), {n}, torch::kInt64);
  if (device.is_cpu()) return {images.clone(), labels.clone()};
  return {images.to(device), labels.to(device)};
}

}  // namespace lt
