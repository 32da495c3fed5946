// A run's encoder, opened once, explained image by image with Grad-CAM: what a GUI worker keeps
// between requests and what `longtail gradcam` and the experiments call.
//
// What a map explains: for a supervised run, a class score of its linear head (the image's label
// or the predicted class); for any encoder, the similarity <f(x), t / |t|> of the image's pooled
// embedding f(x) to a target t: its own embedding (detached) or the mean embedding of a chosen
// set. A dot product and not the cosine: the cosine of an embedding with itself is constant, so
// its gradient is zero and the map would be empty. Or, for any encoder, a logit of a linear probe
// on the pooled embedding (say one trained on the rare classes): then an SSL and a supervised
// map explain the same kind of score, a class logit.
#pragma once

#include <torch/nn/modules/linear.h>
#include <torch/types.h>

#include <memory>
#include <string>
#include <vector>

#include "data/augment.h"
#include "explain/grad_cam.h"
#include "methods/method.h"
#include "models/encoder_options.h"
#include "util/progress.h"

namespace lt {

enum class CamTarget {
  kAuto,       // the label for supervised runs, the image's own embedding otherwise
  kLabel,      // the head's score of the image's label (supervised runs)
  kPredicted,  // the head's score of its predicted class (supervised runs)
  kSelf,       // <f(x), f(x) / |f(x)|>, f(x) detached in the target
  kMean,       // <f(x), m / |m|>, m the mean embedding of a chosen set of images
  kProbe,      // a linear probe's logit (CamRequest::probe_weight): the label's, else predicted
};

// "auto", "label", "predicted", "self", "mean" or "probe"; throws a kSetting lt::Error otherwise.
CamTarget parse_cam_target(const std::string& name);
std::string to_string(CamTarget target);

struct CamRequest {
  CamMethod method = CamMethod::kGradCam;
  CamTarget target = CamTarget::kAuto;
  int64_t batch_size = 64;
  // Used where a run is opened (run_grad_cam); a CamModel keeps the device it was opened on.
  std::string device = "auto";
  int64_t threads = 0;  // torch CPU threads, 0: all cores
  // kProbe: logits = f(x) probe_weight^T + probe_bias (K x D and K, on any device). The score
  // explained is the logit of the image's label where the label is one of the K classes (so
  // labels are in the probe's numbering), else of the class the probe predicts.
  torch::Tensor probe_weight, probe_bias;
};

struct LinearProbe;
// Makes `probe` (as read by read_probe_file) what `request` explains, with the probe target.
void use_probe(CamRequest& request, const LinearProbe& probe);

struct CamResult {
  torch::Tensor maps;               // N x H x W float in [0, 1], CPU
  torch::Tensor scores_target;      // N int64: the class explained (the head's or the probe's),
                                    // or -1 for an embedding target
  torch::Tensor target_embeddings;  // N x D float, CPU: t per image (embedding targets only)
  std::string target_used;          // label, predicted, self, mean or probe
  std::string method;               // gradcam or gradcam++
  std::string device;
};

class CamModel {
 public:
  // Opens the run's method with its last checkpoint on `device` ("auto", "cpu", "cuda[:N]"),
  // in fp32 with BatchNorm in eval mode. Throws kIo when `run_dir` is not a run directory.
  explicit CamModel(const std::string& run_dir, const std::string& device = "auto");

  // Maps of uint8 images (N x C x H x W, C the run's channels); `labels` (N int64) for kLabel;
  // `mean_target_images` (uint8, like `images`) the set whose mean embedding kMean explains,
  // empty: `images` themselves. request.device and request.threads are not used here.
  // `progress` hears of every batch; when it returns false the work stops with lt::Cancelled.
  CamResult explain(const torch::Tensor& images, const torch::Tensor& labels,
                    const CamRequest& request, const torch::Tensor& mean_target_images = {},
                    const ProgressFn& progress = {}) const;

  // What the encoder sees: the run's normalisation of uint8 images, float on the CPU.
  torch::Tensor normalize(const torch::Tensor& images) const;

  // Writes the encoder as a state dict with torchvision's names (as export_encoder does) and,
  // for a supervised run, its head as fc.weight and fc.bias; atomically.
  void save_weights(const std::string& path) const;

  bool supervised() const { return bool(head_); }
  const std::string& method_name() const { return method_name_; }
  const EncoderOptions& encoder_options() const { return encoder_options_; }
  int64_t feature_dim() const;  // D: what a linear probe on the pooled embedding reads
  const std::vector<std::string>& class_names() const { return class_names_; }
  const std::string& device_description() const { return device_description_; }

 private:
  CamTarget resolve(CamTarget target) const;
  torch::Tensor embed_mean(const torch::Tensor& images, int64_t batch_size) const;
  Method method_;
  ResNet encoder_{nullptr};
  torch::nn::Linear head_{nullptr};
  torch::Device device_ = torch::kCPU;
  std::string device_description_;
  std::string method_name_;
  EncoderOptions encoder_options_;
  std::vector<std::string> class_names_;
  std::shared_ptr<const Augmenter> normalizer_;  // the run's normalisation, as evaluation uses
};

// Opens the run and explains `images` once (see CamModel).
CamResult run_grad_cam(const std::string& run_dir, const torch::Tensor& images,
                       const torch::Tensor& labels, const CamRequest& request,
                       const torch::Tensor& mean_target_images = {});

}  // namespace lt
