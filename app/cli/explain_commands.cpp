#include "cli/explain_commands.h"

#include <torch/types.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <random>
#include <vector>

#include "cli/common_options.h"
#include "cli/store_option.h"
#include "data/dataset_tensors.h"
#include "data/source.h"
#include "experiments/cam_arrays.h"
#include "experiments/cam_masses.h"
#include "experiments/cam_model.h"
#include "experiments/cam_sample.h"
#include "explain/cam_overlay.h"
#include "explain/probe_file.h"
#include "runtime/device.h"
#include "store/run_recording.h"
#include "util/error.h"
#include "util/file_io.h"

namespace fs = std::filesystem;

namespace lt::cli {
namespace {

using json = nlohmann::ordered_json;

struct GradCamOptions {
  std::string run, data, split = "test", method = "gradcam", target = "auto", device = "auto";
  std::string out, store, probe;
  int64_t images = 16, frequent_classes = 5, threads = 0;
  uint64_t seed = 0;
  bool json = false;
};

// The sheet: frequent rows, then rare rows, each with up to four image | overlay pairs.
RgbImage sheet_of(const std::vector<RgbImage>& images, const std::vector<RgbImage>& overlays,
                  size_t frequent, const std::string& method, int64_t height) {
  constexpr size_t kPairsPerRow = 4;
  std::vector<ContactSheetRow> rows;
  const auto add_group = [&](size_t from, size_t to, const std::string& label) {
    for (size_t i = from; i < to; i += kPairsPerRow) {
      ContactSheetRow row{label, {}};
      for (size_t k = i; k < std::min(to, i + kPairsPerRow); ++k) {
        row.cells.push_back(images[k]);
        row.cells.push_back(overlays[k]);
      }
      rows.push_back(std::move(row));
    }
  };
  add_group(0, frequent, "frequent");
  add_group(frequent, images.size(), "rare");
  std::vector<std::string> titles;
  for (size_t k = 0; k < std::min(kPairsPerRow, images.size()); ++k) {
    titles.push_back("image");
    titles.push_back(method);
  }
  // Small images (28 x 28) enlarged to about 112 pixels, so that the map's blocks are visible.
  return contact_sheet(rows, titles, std::max<int64_t>(1, 112 / std::max<int64_t>(1, height)));
}

void run_gradcam(const GradCamOptions& o) {
  if (o.images < 1) throw_setting("--images must be at least 1");
  if (o.frequent_classes < 0) throw_setting("--frequent-classes must be 0 or more");
  if (o.split != "train" && o.split != "test") {
    throw_setting("--split \"" + o.split + "\" is unknown; use train or test");
  }
  CamRequest request;
  request.method = parse_cam_method(o.method);
  request.target = parse_cam_target(o.target);
  request.device = o.device;
  request.threads = o.threads;
  if (request.target == CamTarget::kProbe) {
    if (o.probe.empty()) {
      throw_setting(
          "--target probe needs --probe FILE, a linear probe on the run's features "
          "(semisynth run saves one as rare-probe.pt in each run)");
    }
    use_probe(request, read_probe_file(o.probe));
  } else if (!o.probe.empty()) {
    throw_setting("--probe is for --target probe; drop it or add --target probe");
  }
  const std::string run_dir = resolve_run_dir(o.run, store_path(o.store));
  set_torch_threads(int(o.threads));
  const CamModel model(run_dir, o.device);

  const Dataset data = load_source({o.data, o.split, true, {}});
  const CamSample sample = draw_cam_sample(data.labels, o.frequent_classes, o.images, o.seed);
  std::vector<int64_t> picked = sample.frequent;
  picked.insert(picked.end(), sample.rare.begin(), sample.rare.end());
  if (picked.empty()) throw_data(o.data + " (" + o.split + ") holds no images");
  const Dataset chosen = subset(data, picked);
  const DatasetTensors tensors = to_tensors(chosen);
  // A probe's class k is label frequent_classes + k, as semisynth's rare probe: frequent
  // images get negative labels, and the probe explains its prediction for them.
  const torch::Tensor labels =
      request.target == CamTarget::kProbe ? tensors.labels - o.frequent_classes : tensors.labels;
  const CamResult cam = model.explain(tensors.images, labels, request);
  const auto shares = right_half_share(cam.maps).to(torch::kDouble).contiguous();

  std::error_code ec;
  fs::create_directories(o.out, ec);
  if (ec || !fs::is_directory(o.out)) {
    throw_io("cannot make the output folder " + o.out + ": " +
             (ec ? ec.message() : "a file of that name is in the way") + "; choose another --out");
  }
  const auto file = [&](const std::string& name) { return (fs::path(o.out) / name).string(); };
  // A second run into the same folder must not leave the first one's files beside its own.
  for (const auto& entry : fs::directory_iterator(o.out)) {
    const std::string name = entry.path().filename().string();
    const auto& arrays = cam_array_files();
    const bool ours = (name.rfind("cam-", 0) == 0 && entry.path().extension() == ".png") ||
                      name == "contact-sheet.png" || name == "masses.json" ||
                      std::find(arrays.begin(), arrays.end(), name) != arrays.end();
    if (ours && entry.is_regular_file()) fs::remove(entry.path());
  }

  // The arrays an independent Grad-CAM (tests/python/check_gradcam.py) starts from.
  write_cam_arrays(o.out, model, cam, tensors.images, tensors.labels);
  const auto maps = cam.maps.to(torch::kFloat).contiguous();

  const bool overlays = can_draw_overlays();
  const int64_t h = chosen.shape.height, w = chosen.shape.width;
  if (overlays) {
    std::vector<RgbImage> images, pictures;
    for (int64_t i = 0; i < chosen.size(); ++i) {
      images.push_back(planar_to_rgb(chosen.image(i), chosen.shape.channels, h, w));
      pictures.push_back(cam_overlay(chosen.image(i), chosen.shape.channels, h, w,
                                     maps.data_ptr<float>() + i * h * w));
      write_png(file("cam-" + std::to_string(picked[size_t(i)]) + "-" +
                     std::to_string(chosen.labels[size_t(i)]) + ".png"),
                pictures.back());
    }
    write_png(file("contact-sheet.png"),
              sheet_of(images, pictures, sample.frequent.size(), cam.method, h));
  } else {
    std::fprintf(stderr,
                 "longtail: note: built without OpenCV, so no overlay PNGs; the maps are in %s\n",
                 file("maps.npy").c_str());
  }

  // In the data set's labels: a probe's class k is label frequent_classes + k.
  const auto explained =
      (request.target == CamTarget::kProbe ? cam.scores_target + o.frequent_classes
                                           : cam.scores_target)
          .contiguous();
  json per_image = json::array();
  for (size_t i = 0; i < picked.size(); ++i) {
    const double share = shares.data_ptr<double>()[i];
    per_image.push_back(json{{"index", picked[i]},
                             {"label", chosen.labels[i]},
                             {"explained_class", explained.data_ptr<int64_t>()[i]},
                             {"right_half_share", std::isfinite(share) ? json(share) : json()}});
  }
  const CamMasses masses = cam_masses(shares, tensors.labels, o.frequent_classes, cam.target_used);
  const json groups = cam_masses_json(masses);
  const EncoderOptions& encoder = model.encoder_options();
  json summary{{"run", run_dir},
               {"pretraining", model.method_name()},
               {"method", cam.method},
               {"target", cam.target_used},
               {"data", o.data},
               {"split", o.split},
               {"frequent_classes", o.frequent_classes},
               {"seed", o.seed},
               {"images", picked.size()},
               {"frequent", groups["frequent"]},
               {"rare", groups["rare"]},
               {"arch", encoder.arch},
               {"in_channels", encoder.in_channels},
               {"cifar_stem", encoder.cifar_stem},
               {"classes", model.class_names().size()},
               {"supervised", model.supervised()},
               {"overlays", overlays},
               {"device", cam.device}};
  json saved = summary;
  saved["per_image"] = per_image;
  write_file_atomically(file("masses.json"), saved.dump(2) + "\n");

  if (o.json) {
    std::cout << summary.dump() << "\n";
    return;
  }
  const auto show = [](double share) {
    if (!std::isfinite(share)) return std::string("-");
    char text[32];
    std::snprintf(text, sizeof text, "%.3f", share);
    return std::string(text);
  };
  std::printf("%s of %s (%s), target %s, on %zu images of %s (%s) on %s\n", cam.method.c_str(),
              run_dir.c_str(), model.method_name().c_str(), cam.target_used.c_str(), picked.size(),
              o.data.c_str(), o.split.c_str(), cam.device.c_str());
  std::printf("  share of the map on the right half: frequent %s (%lld images), rare %s (%lld)\n",
              show(masses.frequent_right).c_str(), static_cast<long long>(masses.frequent_images),
              show(masses.rare_right).c_str(), static_cast<long long>(masses.rare_images));
  std::printf("  written to %s%s\n", o.out.c_str(),
              overlays ? " (overlays and contact-sheet.png)" : "");
}

}  // namespace

void add_explain_commands(CLI::App& app, std::function<void()>& action) {
  auto o = std::make_shared<GradCamOptions>();
  CLI::App* cmd = app.add_subcommand(
      "gradcam", "Grad-CAM maps of a run's encoder on frequent- and rare-class images");
  cmd->add_option("--run", o->run, "the run (directory or store id)")->required();
  cmd->add_option("--data", o->data, "the images' source (see longtail data --help)")->required();
  cmd->add_option("--split", o->split, "train or test")->capture_default_str();
  cmd->add_option("--method", o->method, "gradcam or gradcam++")->capture_default_str();
  cmd->add_option("--target", o->target,
                  "what a map explains: auto (label for supervised runs, else self), label, "
                  "predicted, self (the image's embedding), mean (the images' mean embedding) or "
                  "probe (a logit of the --probe linear probe, for any run)")
      ->capture_default_str();
  cmd->add_option("--probe", o->probe,
                  "--target probe: the probe (a state dict of weight K x D and bias K, as "
                  "semisynth run's rare-probe.pt); its class k is label --frequent-classes + k");
  cmd->add_option("--images", o->images,
                  "images drawn by --seed, half frequent-class and half rare (all if fewer)")
      ->capture_default_str();
  cmd->add_option("--frequent-classes", o->frequent_classes,
                  "labels below this are the frequent classes")
      ->capture_default_str();
  cmd->add_option("--seed", o->seed, "which images are drawn")->capture_default_str();
  add_device_option(cmd, o->device);
  add_threads_option(cmd, o->threads);
  cmd->add_option("--out", o->out,
                  "the folder for overlays, contact-sheet.png, masses.json and the arrays")
      ->required();
  add_store_option(cmd, o->store);
  add_json_flag(cmd, o->json, "print the summary of masses.json as one JSON object");
  cmd->callback([&action, o] { action = [o] { run_gradcam(*o); }; });
}

}  // namespace lt::cli
