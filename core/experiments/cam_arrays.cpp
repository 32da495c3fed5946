#include "experiments/cam_arrays.h"

#include <torch/torch.h>

#include <filesystem>

#include "experiments/cam_model.h"
#include "util/npy_file.h"

namespace lt {

const std::vector<std::string>& cam_array_files() {
  static const std::vector<std::string> files = {"maps.npy", "input.npy", "labels.npy",
                                                 "targets.npy", "weights.pt"};
  return files;
}

void write_cam_arrays(const std::string& folder, const CamModel& model, const CamResult& result,
                      const torch::Tensor& images, const torch::Tensor& labels) {
  const auto file = [&](const std::string& name) {
    return (std::filesystem::path(folder) / name).string();
  };
  const auto maps = result.maps.to(torch::kFloat).contiguous();
  write_npy(file("maps.npy"), maps.data_ptr<float>(), maps.sizes().vec());
  const auto input = model.normalize(images).to(torch::kFloat).contiguous();
  write_npy(file("input.npy"), input.data_ptr<float>(), input.sizes().vec());
  const auto label_array = labels.to(torch::kLong).contiguous();
  write_npy(file("labels.npy"), label_array.data_ptr<int64_t>(), label_array.sizes().vec());
  if (result.target_embeddings.defined()) {
    const auto targets = result.target_embeddings.to(torch::kFloat).contiguous();
    write_npy(file("targets.npy"), targets.data_ptr<float>(), targets.sizes().vec());
  }
  model.save_weights(file("weights.pt"));
}

}  // namespace lt
