#include "experiments/cam_inspection.h"

#include <torch/torch.h>

#include "data/dataset_tensors.h"
#include "experiments/cam_model.h"
#include "runtime/device.h"
#include "util/error.h"

namespace lt {

struct CamInspection::Impl {
  std::string run_dir;
  CamModel model;
  Impl(const std::string& dir, const std::string& device) : run_dir(dir), model(dir, device) {}
};

CamInspection::CamInspection(const std::string& run_dir, const std::string& device,
                             int64_t threads) {
  // 0 leaves torch's threads as they are: in the GUI a training run may be using them.
  if (threads > 0) set_torch_threads(int(threads));
  impl_ = std::make_unique<Impl>(run_dir, device);
}

CamInspection::~CamInspection() = default;

const std::string& CamInspection::run_dir() const {
  return impl_->run_dir;
}
const std::string& CamInspection::method_name() const {
  return impl_->model.method_name();
}
bool CamInspection::supervised() const {
  return impl_->model.supervised();
}

CamMaps CamInspection::explain(const Dataset& data, const std::vector<int64_t>& indices,
                               const std::string& method, const std::string& target,
                               const ProgressFn& progress) const {
  const EncoderOptions& encoder = impl_->model.encoder_options();
  if (data.shape.channels != encoder.in_channels) {
    throw_data(data.origin + " has " + std::to_string(data.shape.channels) +
               " channel(s) but the run " + impl_->run_dir + " was trained on " +
               std::to_string(encoder.in_channels) +
               "; explain it on images like those it was trained on");
  }
  for (int64_t i : indices) {
    if (i < 0 || i >= data.size())
      throw_setting("image " + std::to_string(i) + " is not in " + data.origin);
  }
  CamRequest request;
  request.method = parse_cam_method(method);
  request.target = parse_cam_target(target);
  // Only the chosen images become tensors: the set may be far larger than what is explained.
  const DatasetTensors chosen = to_tensors(subset(data, indices));
  const CamResult result =
      impl_->model.explain(chosen.images, chosen.labels, request, {}, progress);
  CamMaps out;
  out.indices = indices;
  out.height = result.maps.size(1);
  out.width = result.maps.size(2);
  const torch::Tensor maps = result.maps.to(torch::kFloat).contiguous();
  out.maps.assign(maps.data_ptr<float>(), maps.data_ptr<float>() + maps.numel());
  const torch::Tensor share = right_half_share(maps).to(torch::kDouble).contiguous();
  out.right_share.assign(share.data_ptr<double>(), share.data_ptr<double>() + share.numel());
  const torch::Tensor explained = result.scores_target.to(torch::kLong).contiguous();
  out.explained.assign(explained.data_ptr<int64_t>(),
                       explained.data_ptr<int64_t>() + explained.numel());
  out.method = result.method;
  out.target = result.target_used;
  out.device = result.device;
  return out;
}

}  // namespace lt
