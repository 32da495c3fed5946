#include "experiments/cam_model.h"

#include <torch/torch.h>

#include "explain/probe_file.h"
#include "methods/supervised.h"
#include "models/state_dict_file.h"
#include "runtime/device.h"
#include "train/saved_run.h"
#include "util/error.h"

namespace lt {
namespace {

// The maps promise fp32: cuDNN's convolutions and cuBLAS's products would otherwise run in TF32
// (a 10-bit mantissa), which moves the maps by about 1e-3. The flags are global, so they are put
// back as they were as soon as the maps are made.
class ExactFloat32Guard {
 public:
  explicit ExactFloat32Guard(bool cuda) : active_(cuda) {
    if (!active_) return;
    cudnn_ = at::globalContext().allowTF32CuDNN();
    cublas_ = at::globalContext().allowTF32CuBLAS();
    at::globalContext().setAllowTF32CuDNN(false);
    at::globalContext().setAllowTF32CuBLAS(false);
  }
  ~ExactFloat32Guard() {
    if (!active_) return;
    at::globalContext().setAllowTF32CuDNN(cudnn_);
    at::globalContext().setAllowTF32CuBLAS(cublas_);
  }
  ExactFloat32Guard(const ExactFloat32Guard&) = delete;
  ExactFloat32Guard& operator=(const ExactFloat32Guard&) = delete;

 private:
  bool active_ = false;
  bool cudnn_ = true;
  bool cublas_ = false;
};

bool explains_a_class(CamTarget target) {
  return target == CamTarget::kLabel || target == CamTarget::kPredicted;
}

void check_images(const torch::Tensor& images, int64_t channels, const char* what) {
  if (images.dim() != 4 || images.scalar_type() != torch::kUInt8) {
    throw_data(std::string(what) + " must be uint8 N x C x H x W images");
  }
  if (images.size(1) != channels) {
    throw_data(std::string(what) + " have " + std::to_string(images.size(1)) +
               " channels, the run's encoder takes " + std::to_string(channels) +
               "; convert the images to the run's input");
  }
}

}  // namespace

CamTarget parse_cam_target(const std::string& name) {
  if (name == "auto") return CamTarget::kAuto;
  if (name == "label") return CamTarget::kLabel;
  if (name == "predicted") return CamTarget::kPredicted;
  if (name == "self") return CamTarget::kSelf;
  if (name == "mean") return CamTarget::kMean;
  if (name == "probe") return CamTarget::kProbe;
  throw_setting("--target \"" + name +
                "\" is unknown; use auto, label, predicted, self, mean or probe");
}

void use_probe(CamRequest& request, const LinearProbe& probe) {
  if (probe.classes < 1 || probe.weight.size() != size_t(probe.classes * probe.features) ||
      probe.bias.size() != size_t(probe.classes)) {
    throw_setting("the linear probe's numbers do not fit its " + std::to_string(probe.classes) +
                  " x " + std::to_string(probe.features) + " shape; read it with read_probe_file");
  }
  request.target = CamTarget::kProbe;
  request.probe_weight =
      torch::tensor(probe.weight).reshape({probe.classes, probe.features}).to(torch::kFloat);
  request.probe_bias = torch::tensor(probe.bias).to(torch::kFloat);
}

std::string to_string(CamTarget target) {
  switch (target) {
    case CamTarget::kAuto:
      return "auto";
    case CamTarget::kLabel:
      return "label";
    case CamTarget::kPredicted:
      return "predicted";
    case CamTarget::kSelf:
      return "self";
    case CamTarget::kMean:
      return "mean";
    case CamTarget::kProbe:
      return "probe";
  }
  return "auto";
}

int64_t CamModel::feature_dim() const {
  return encoder_->feature_dim();
}

CamModel::CamModel(const std::string& run_dir, const std::string& device) {
  const SavedRun run = read_saved_run(run_dir);
  const DeviceChoice choice = choose_device(device, "fp32");
  device_ = choice.device;
  device_description_ = choice.description;
  method_name_ = run.config.method.name;
  encoder_options_ = run.config.encoder;
  class_names_ = run.variant.class_names;
  method_ = load_saved_method(run_dir, run);
  method_->to(device_);
  method_->eval();  // BatchNorm uses its running statistics, as pytorch-grad-cam's model.eval()
  encoder_ = method_->encoder();
  if (const auto supervised = std::dynamic_pointer_cast<SupervisedImpl>(method_)) {
    head_ = supervised->head();
  }
  normalizer_ = std::make_shared<const Augmenter>(run.config.augment, encoder_options_.in_channels);
}

CamTarget CamModel::resolve(CamTarget target) const {
  if (target == CamTarget::kAuto) return supervised() ? CamTarget::kLabel : CamTarget::kSelf;
  if (explains_a_class(target) && !supervised()) {
    throw_setting("--target " + to_string(target) + " explains a class score, which only a " +
                  "supervised run has (this is a " + method_name_ +
                  " run); use self or mean to explain its embedding");
  }
  return target;
}

torch::Tensor CamModel::normalize(const torch::Tensor& images) const {
  check_images(images, encoder_options_.in_channels, "the images");
  return normalizer_->normalize(images).cpu();
}

torch::Tensor CamModel::embed_mean(const torch::Tensor& images, int64_t batch_size) const {
  torch::NoGradGuard no_grad;
  ResNet encoder = encoder_;  // a holder's copy runs the module; explaining changes no weight
  auto sum = torch::zeros({encoder->feature_dim()}, torch::TensorOptions(device_));
  for (int64_t start = 0; start < images.size(0); start += batch_size) {
    const auto batch = images.narrow(0, start, std::min(batch_size, images.size(0) - start));
    sum += encoder->forward(normalizer_->normalize(batch.to(device_))).sum(0);
  }
  return sum / double(images.size(0));
}

CamResult CamModel::explain(const torch::Tensor& images, const torch::Tensor& labels,
                            const CamRequest& request, const torch::Tensor& mean_target_images,
                            const ProgressFn& progress) const {
  check_images(images, encoder_options_.in_channels, "the images");
  if (request.batch_size < 1) throw_setting("the Grad-CAM batch size must be at least 1");
  const CamTarget target = resolve(request.target);
  const int64_t n = images.size(0);
  if (target == CamTarget::kLabel) {
    if (!labels.defined() || labels.dim() != 1 || labels.size(0) != n) {
      throw_data("--target label needs one label per image (" + std::to_string(n) + ")");
    }
    if (n > 0 && (labels.min().item<int64_t>() < 0 ||
                  labels.max().item<int64_t>() >= int64_t(class_names_.size()))) {
      throw_data(
          "a label is outside the run's " + std::to_string(class_names_.size()) +
          " classes; explain images of the run's own classes, or explain the predicted class "
          "(target predicted)");
    }
  }
  torch::Tensor probe_weight, probe_bias;
  if (target == CamTarget::kProbe) {
    const int64_t dim = encoder_->feature_dim();
    if (!request.probe_weight.defined() || request.probe_weight.dim() != 2 ||
        request.probe_weight.size(0) < 1 || request.probe_weight.size(1) != dim) {
      throw_setting("--target probe needs a linear probe of K x " + std::to_string(dim) +
                    " weights for this run's " + std::to_string(dim) +
                    "-d features; train one on the run (semisynth run saves rare-probe.pt)");
    }
    probe_weight = request.probe_weight.to(device_, torch::kFloat);
    probe_bias = request.probe_bias.defined()
                     ? request.probe_bias.to(device_, torch::kFloat).reshape({-1})
                     : torch::zeros({probe_weight.size(0)}, probe_weight.options());
    if (probe_bias.size(0) != probe_weight.size(0)) {
      throw_setting("the probe has " + std::to_string(probe_weight.size(0)) + " weight rows but " +
                    std::to_string(probe_bias.size(0)) + " biases; give one bias per class");
    }
    if (labels.defined() && (labels.dim() != 1 || labels.size(0) != n)) {
      throw_data("--target probe takes one label per image (" + std::to_string(n) +
                 "), or none to explain the predicted class");
    }
  }
  const ExactFloat32Guard exact(device_.is_cuda());
  const torch::AutoGradMode gradients_on(true);

  // The mean target: one direction for every image.
  torch::Tensor mean_direction;
  if (target == CamTarget::kMean) {
    const torch::Tensor& set = mean_target_images.defined() && mean_target_images.numel() > 0
                                   ? mean_target_images
                                   : images;
    check_images(set, encoder_options_.in_channels, "the mean target's images");
    if (set.size(0) == 0) throw_data("--target mean needs at least one image to average");
    mean_direction = embed_mean(set, request.batch_size);
  }

  ResNet encoder = encoder_;  // holders' copies run the modules; explaining changes no weight
  torch::nn::Linear head = head_;
  std::vector<torch::Tensor> maps, classes, embeddings;
  for (int64_t start = 0; start < n; start += request.batch_size) {
    report(progress, "explaining images", start, n);
    const int64_t count = std::min(request.batch_size, n - start);
    const auto x = normalizer_->normalize(images.narrow(0, start, count).to(device_));
    const EncoderOutput out = encoder->forward_with_activation(x);
    torch::Tensor score;
    if (target == CamTarget::kProbe) {
      const auto logits = torch::addmm(probe_bias, out.features, probe_weight.t());
      auto chosen = logits.detach().argmax(1);
      if (labels.defined()) {
        // A label among the probe's classes is explained; any other (a class the probe was
        // not trained on) falls back to the prediction.
        const auto given = labels.narrow(0, start, count).to(device_, torch::kLong);
        const auto known = (given >= 0) & (given < probe_weight.size(0));
        chosen = torch::where(known, given, chosen);
      }
      score = logits.gather(1, chosen.unsqueeze(1)).squeeze(1);
      classes.push_back(chosen.cpu());
    } else if (explains_a_class(target)) {
      const auto logits = head->forward(out.features);
      const auto chosen = target == CamTarget::kLabel
                              ? labels.narrow(0, start, count).to(device_, torch::kLong)
                              : logits.detach().argmax(1);
      score = logits.gather(1, chosen.unsqueeze(1)).squeeze(1);
      classes.push_back(chosen.cpu());
    } else {
      const auto t = target == CamTarget::kSelf ? out.features.detach()
                                                : mean_direction.unsqueeze(0).expand({count, -1});
      const auto direction = t / t.norm(2, 1, /*keepdim=*/true).clamp_min(1e-12);
      score = (out.features * direction).sum(1);
      classes.push_back(torch::full({count}, int64_t(-1), torch::kLong));
      embeddings.push_back(t.cpu());
    }
    maps.push_back(
        cam_from_activation(out.last_block, score, request.method, x.size(2), x.size(3)).cpu());
  }

  CamResult r;
  if (n == 0) {
    r.maps = torch::zeros({0, images.size(2), images.size(3)});
    r.scores_target = torch::zeros({0}, torch::kLong);
  } else {
    r.maps = torch::cat(maps);
    r.scores_target = torch::cat(classes);
    if (!embeddings.empty()) r.target_embeddings = torch::cat(embeddings).contiguous();
  }
  r.target_used = to_string(target);
  r.method = to_string(request.method);
  r.device = device_description_;
  return r;
}

void CamModel::save_weights(const std::string& path) const {
  c10::Dict<std::string, torch::Tensor> state;
  const auto cpu = [](const torch::Tensor& t) { return t.detach().cpu().contiguous(); };
  for (const auto& p : encoder_->named_parameters()) state.insert(p.key(), cpu(p.value()));
  for (const auto& b : encoder_->named_buffers()) state.insert(b.key(), cpu(b.value()));
  if (head_) {
    state.insert("fc.weight", cpu(head_->weight));
    state.insert("fc.bias", cpu(head_->bias));
  }
  write_state_dict(state, path);
}

CamResult run_grad_cam(const std::string& run_dir, const torch::Tensor& images,
                       const torch::Tensor& labels, const CamRequest& request,
                       const torch::Tensor& mean_target_images) {
  set_torch_threads(int(request.threads));
  return CamModel(run_dir, request.device).explain(images, labels, request, mean_target_images);
}

}  // namespace lt
