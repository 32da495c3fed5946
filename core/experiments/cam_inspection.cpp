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
int64_t CamInspection::feature_dim() const {
  return impl_->model.feature_dim();
}

CamMaps CamInspection::explain(const Dataset& data, const std::vector<int64_t>& indices,
                               const std::string& method, const std::string& target,
                               const ProgressFn& progress, const CamProbe& probe) const {
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
  const bool probing = request.target == CamTarget::kProbe;
  if (probing) {
    if (probe.probe.classes < 1) {
      throw_setting(
          "the probe target needs a linear probe file, such as a semisynth run's "
          "rare-probe.pt");
    }
    if (probe.probe.features != feature_dim()) {
      throw_setting("the probe reads " + std::to_string(probe.probe.features) +
                    "-d features but the run " + impl_->run_dir + " has " +
                    std::to_string(feature_dim()) +
                    "-d ones; choose a probe trained on this run's features (semisynth run "
                    "saves rare-probe.pt in each run)");
    }
    use_probe(request, probe.probe);
  }
  // Only the chosen images become tensors: the set may be far larger than what is explained.
  const DatasetTensors chosen = to_tensors(subset(data, indices));
  // A probe numbers its classes from the data set's label first_label.
  const torch::Tensor labels = probing ? chosen.labels - probe.first_label : chosen.labels;
  const CamResult result = impl_->model.explain(chosen.images, labels, request, {}, progress);
  CamMaps out;
  out.indices = indices;
  out.height = result.maps.size(1);
  out.width = result.maps.size(2);
  const torch::Tensor maps = result.maps.to(torch::kFloat).contiguous();
  out.maps.assign(maps.data_ptr<float>(), maps.data_ptr<float>() + maps.numel());
  const torch::Tensor share = right_half_share(maps).to(torch::kDouble).contiguous();
  out.right_share.assign(share.data_ptr<double>(), share.data_ptr<double>() + share.numel());
  const torch::Tensor explained =
      (probing ? result.scores_target.to(torch::kLong) + probe.first_label
               : result.scores_target.to(torch::kLong))
          .contiguous();
  out.explained.assign(explained.data_ptr<int64_t>(),
                       explained.data_ptr<int64_t>() + explained.numel());
  out.method = result.method;
  out.target = result.target_used;
  out.device = result.device;
  return out;
}

}  // namespace lt
