#include "experiments/run_evaluation.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "data/augment.h"
#include "data/balanced_indices.h"
#include "data/dataset_tensors.h"
#include "data/source.h"
#include "data/variant.h"
#include "eval/fine_tune.h"
#include "methods/method.h"
#include "models/features.h"
#include "runtime/device.h"
#include "train/saved_run.h"
#include "util/error.h"
#include "util/file_io.h"

namespace fs = std::filesystem;

namespace lt {
namespace {

using json = nlohmann::ordered_json;

// Makes images match the encoder's input: channel count (grey repeated to RGB, RGB to luma)
// and size (bilinear with antialiasing); still uint8, so the run's normaliser applies.
torch::Tensor adapt_images(const torch::Tensor& images, int64_t channels, int64_t height,
                           int64_t width) {
  if (images.size(1) == channels && images.size(2) == height && images.size(3) == width) {
    return images;
  }
  auto x = images.to(torch::kFloat);
  if (x.size(1) != channels) {
    if (channels == 3) {
      x = x.expand({-1, 3, -1, -1});
    } else {
      x = (0.299 * x.select(1, 0) + 0.587 * x.select(1, 1) + 0.114 * x.select(1, 2)).unsqueeze(1);
    }
  }
  if (x.size(2) != height || x.size(3) != width) {
    x = torch::nn::functional::interpolate(x, torch::nn::functional::InterpolateFuncOptions()
                                                  .size(std::vector<int64_t>{height, width})
                                                  .mode(torch::kBilinear)
                                                  .align_corners(false)
                                                  .antialias(true));
  }
  return x.round().clamp(0, 255).to(torch::kUInt8).contiguous();
}

json to_json(const EvalResult& r) {
  const auto number = [](double v) { return std::isfinite(v) ? json(v) : json(nullptr); };
  json per_class = json::array();
  for (double a : r.per_class) per_class.push_back(number(a));
  json j{{"run_id", r.run_id},
         {"probe", r.probe},
         {"mode", r.mode},
         {"data", r.data},
         {"top1", r.top1}};
  if (!r.target_name.empty()) j["target_name"] = r.target_name;
  j["classes"] = r.classes;
  j["per_class"] = per_class;
  j["test_counts"] = r.test_counts;
  if (r.probe == "id") {
    j["many_shot"] = number(r.shots.many);
    j["medium_shot"] = number(r.shots.medium);
    j["few_shot"] = number(r.shots.few);
    j["shot_classes"] = {r.shots.many_classes, r.shots.medium_classes, r.shots.few_classes};
  }
  j["train_images"] = r.train_images;
  j["test_images"] = r.test_images;
  j["device"] = r.device;
  j["seconds"] = r.seconds;
  return j;
}

}  // namespace

std::string default_ood_target(const std::string& source) {
  if (source == "fashion-mnist" || source.rfind("fashion-mnist:", 0) == 0 ||
      source.rfind("mnist:", 0) == 0) {
    return "digits";
  }
  return "";
}

EvalResult evaluate_run(const std::string& run_dir, const EvalRequest& request,
                        const ProgressFn& progress) {
  const auto start = std::chrono::steady_clock::now();
  if (request.probe != "id" && request.probe != "ood") {
    throw_setting("--probe \"" + request.probe + "\" is unknown; use id or ood");
  }
  if (request.mode != "linear" && request.mode != "finetune") {
    throw_setting("--mode \"" + request.mode + "\" is unknown; use linear or finetune");
  }
  report(progress, "opening the run", 0, 0);
  const SavedRun run = read_saved_run(run_dir);
  const RunConfig& config = run.config;
  const Variant& variant = run.variant;

  std::string data_spec = config.source;
  if (request.probe == "ood") {
    data_spec = request.target.empty() ? default_ood_target(config.source) : request.target;
    if (data_spec.empty()) {
      throw_setting("no default out-of-domain target for " + config.source +
                    "; name one with --target (for CIFAR-10: stl10:DIR)");
    }
  }
  set_torch_threads(int(request.threads));
  const DeviceChoice device = choose_device(request.device, config.precision);

  Method model = load_saved_method(run_dir, run);
  model->to(device.device);
  adopt_memory_format(*model, device);

  // The encoder's input: the run's source images.
  const Dataset source = load_source({config.source, "test", true, {}}, progress);
  const auto sample = [&](Dataset d, int64_t per_class) {
    if (per_class <= 0) return d;
    return subset(d, balanced_indices(d.labels, d.num_classes(), per_class, request.options.seed));
  };
  const Dataset train =
      sample(load_source({data_spec, "train", true, {}}, progress), request.train_per_class);
  const Dataset test =
      sample(request.probe == "id" ? source : load_source({data_spec, "test", true, {}}, progress),
             request.test_per_class);
  const Augmenter normalizer(config.augment, source.shape.channels);
  const auto images = [&](const Dataset& d) {
    return adapt_images(to_tensors(d, device.device).images, source.shape.channels,
                        source.shape.height, source.shape.width);
  };
  const auto train_y = torch::tensor(train.labels, torch::kLong).to(device.device);
  const auto test_y = torch::tensor(test.labels, torch::kLong).to(device.device);
  ProbeResult probe;
  if (request.mode == "finetune") {
    report(progress, "fine-tuning", 0, 1);
    probe = fine_tune(model->encoder(), images(train), train_y, images(test), test_y,
                      train.num_classes(), config.augment, device, request.finetune, progress);
  } else {
    const auto features = [&](const Dataset& d) {
      return encode(model->encoder(), images(d), normalizer, device.bf16, /*l2_normalize=*/false,
                    /*batch=*/512, progress);
    };
    if (request.options.train_augment) {
      // New crops and flips of the training images for every batch of every epoch: the encoder
      // runs each epoch (in eval mode, no gradient), as in the official probe.
      AugmentConfig view = crop_and_flip(config.augment);
      view.protocol = "ssl";
      view.crop_scale_min = request.options.train_crop_min;
      view.crop_scale_max = 1.0;
      const Augmenter train_view(view, source.shape.channels);
      const torch::Tensor train_images = images(train);
      at::Generator generator = at::make_generator<at::CPUGeneratorImpl>(request.options.seed + 1);
      ResNet encoder = model->encoder();
      encoder->eval();
      const BatchFeatures batch_features = [&](const torch::Tensor& idx) {
        torch::NoGradGuard no_grad;
        const auto x = train_view(train_images.index({idx}), generator);
        AutocastGuard autocast(device);
        return encoder->forward(x).to(torch::kFloat);
      };
      probe = train_linear_probe(batch_features, train.size(), train_y, features(test), test_y,
                                 train.num_classes(), request.options, progress);
    } else {
      report(progress, "encoding the images", 0, train.size() + test.size());
      probe = train_linear_probe(features(train), train_y, features(test), test_y,
                                 train.num_classes(), request.options, progress);
    }
  }

  report(progress, "evaluated", 1, 1);  // the last chance to stop before the file is written
  EvalResult r;
  r.run_id = fs::path(run_dir).filename().string();
  r.probe = request.probe;
  r.mode = request.mode;
  r.data = data_spec;
  r.target_name = request.probe == "ood" ? request.target_name : "";
  r.top1 = probe.top1;
  r.classes = train.class_names;
  r.per_class = probe.per_class;
  r.test_counts = probe.test_counts;
  if (request.probe == "id")
    r.shots = shot_split(probe.per_class, probe.test_counts, variant.counts);
  r.train_images = train.size();
  r.test_images = test.size();
  r.device = device.description;
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  json saved = to_json(r);
  if (request.mode == "finetune") {
    saved["finetune_options"] = {{"epochs", request.finetune.epochs},
                                 {"iterations_per_epoch", request.finetune.iterations_per_epoch},
                                 {"batch_size", request.finetune.batch_size},
                                 {"lr", request.finetune.lr},
                                 {"head_lr_factor", request.finetune.head_lr_factor},
                                 {"nesterov", request.finetune.nesterov},
                                 {"milestones", request.finetune.milestones},
                                 {"weight_decay", request.finetune.weight_decay},
                                 {"seed", request.finetune.seed}};
  } else {
    saved["probe_options"] = {{"epochs", request.options.epochs},
                              {"batch_size", request.options.batch_size},
                              {"lr", request.options.lr},
                              {"standardize", request.options.standardize},
                              {"train_augment", request.options.train_augment},
                              {"seed", request.options.seed}};
  }
  write_file_atomically(
      (fs::path(run_dir) / ("eval-" + evaluation_key(r.probe, r.mode, r.target_name) + ".json"))
          .string(),
      saved.dump(2) + "\n");
  return r;
}

std::string evaluation_key(const std::string& probe, const std::string& mode,
                           const std::string& target_name) {
  const std::string key = mode == "finetune" ? probe + "-finetune" : probe;
  return target_name.empty() ? key : key + "@" + target_name;
}

EvalResult load_evaluation(const std::string& run_dir, const std::string& probe) {
  const std::string path = (fs::path(run_dir) / ("eval-" + probe + ".json")).string();
  if (!fs::exists(path)) {
    const auto at = probe.find('@');
    if (at != std::string::npos) {
      throw_io(run_dir + " has no " + probe + " evaluation; run longtail eval --run " + run_dir +
               " --probe ood --targets-in DIR" +
               (probe.find("-finetune") != std::string::npos ? " --mode finetune" : "") +
               " with DIR the folder that holds " + probe.substr(at + 1) + "/");
    }
    const auto dash = probe.find('-');
    const std::string how = dash == std::string::npos
                                ? " --probe " + probe
                                : " --probe " + probe.substr(0, dash) + " --mode finetune";
    throw_io(run_dir + " has no " + probe + " evaluation; run longtail eval --run " + run_dir +
             how);
  }
  try {
    const auto j = nlohmann::json::parse(std::ifstream(path));
    EvalResult r;
    r.run_id = j.at("run_id").get<std::string>();
    r.probe = j.at("probe").get<std::string>();
    r.mode = j.value("mode", "linear");
    r.data = j.at("data").get<std::string>();
    r.target_name = j.value("target_name", "");
    r.top1 = j.at("top1").get<double>();
    r.classes = j.at("classes").get<std::vector<std::string>>();
    for (const auto& a : j.at("per_class"))
      r.per_class.push_back(a.is_null() ? NAN : a.get<double>());
    r.test_counts = j.at("test_counts").get<std::vector<int64_t>>();
    r.train_images = j.at("train_images").get<int64_t>();
    r.test_images = j.at("test_images").get<int64_t>();
    r.device = j.value("device", "");
    return r;
  } catch (const nlohmann::json::exception& e) {
    throw_format(path + " is damaged (" + e.what() + "); evaluate the run again");
  }
}

}  // namespace lt
