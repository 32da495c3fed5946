#include "cli/weights_command.h"

#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/common_options.h"
#include "cli/store_option.h"
#include "eval/kde_record_json.h"
#include "experiments/recorded_training.h"
#include "store/run_recording.h"
#include "train/run_weights.h"
#include "util/file_io.h"

namespace lt::cli {
namespace {

using json = nlohmann::ordered_json;

json number(double v) {
  return std::isfinite(v) ? json(v) : json(nullptr);
}

struct WeightsOptions {
  std::string run, out, device = "auto", store;
  KdeOptions kde;
  int64_t threads = 0;
  bool json = false;
};

void run_weights_command(const WeightsOptions& o) {
  const RunWeights w =
      compute_run_weights(resolve_run_dir(o.run, store_path(o.store)), o.kde, o.device, o.threads);
  json per_class = json::array();
  for (size_t c = 0; c < w.classes.size(); ++c) {
    per_class.push_back(json{{"class", w.classes[c]},
                             {"count", w.by_class.sizes[c]},
                             {"mean_weight", number(w.by_class.mean_weight[c])}});
  }
  json summary{{"run_id", w.run_id}, {"variant_hash", w.variant_hash}, {"n", w.weights.size()}};
  const json record = kde_record_to_json(w.record);
  for (auto& [key, value] : record.items()) summary[key] = value;
  summary["per_class"] = per_class;
  summary["kde_seconds"] = w.seconds;
  summary["device"] = w.device;
  json file = summary;
  file["weights"] = w.weights;
  write_file_atomically(o.out, file.dump() + "\n");
  const std::string flat = flat_weights_warning(w.record.spread, w.bandwidth);
  if (!flat.empty()) std::fprintf(stderr, "warning: %s\n", flat.c_str());
  if (o.json) {
    std::cout << summary.dump() << "\n";
    return;
  }
  std::printf("%s: %zu weights (h %.4g by %s, alpha %g) in %.1f s on %s -> %s\n", w.run_id.c_str(),
              w.weights.size(), w.bandwidth, w.record.bandwidth_rule.c_str(), w.alpha, w.seconds,
              w.device.c_str(), o.out.c_str());
  std::printf("  weights from %.3f to %.3f, std %.3f, 90th / 10th percentile %.3f\n",
              w.record.spread.min, w.record.spread.max, w.record.spread.std,
              w.record.spread.p90_over_p10);
  std::printf("  %-20s %7s %12s\n", "class", "images", "mean weight");
  for (size_t c = 0; c < w.classes.size(); ++c) {
    std::printf("  %-20s %7lld %12.3f\n", w.classes[c].c_str(),
                static_cast<long long>(w.by_class.sizes[c]), w.by_class.mean_weight[c]);
  }
  std::printf(
      "  Spearman(weight, 1 / class size) = %.3f (1: the weights found the rare "
      "classes)\n",
      w.by_class.spearman_with_inverse_class_size);
}

}  // namespace

void add_weights_command(CLI::App& app, std::function<void()>& action) {
  auto wo = std::make_shared<WeightsOptions>();
  CLI::App* weights = app.add_subcommand(
      "weights", "rwSAM's KDE weights of a run's pre-training images, and what they found");
  weights->add_option("--run", wo->run, "the run (directory or store id)")->required();
  weights->add_option("--out", wo->out, "the JSON file to write (weights in the variant's order)")
      ->required();
  weights->add_option("--bandwidth", wo->kde.bandwidth, "h (0: chosen by --bandwidth-rule)")
      ->capture_default_str();
  weights
      ->add_option("--bandwidth-rule", wo->kde.bandwidth_rule,
                   "half-median (half the median distance: the default, see README), median (the "
                   "median distance) or cv (the best 5-fold held-out likelihood over a grid: "
                   "flat weights on 128-d features)")
      ->capture_default_str();
  weights->add_option("--alpha", wo->kde.alpha, "the exponent (the paper's CIFAR setting: 1.2)")
      ->capture_default_str();
  add_device_option(weights, wo->device);
  add_threads_option(weights, wo->threads);
  add_store_option(weights, wo->store);
  add_json_flag(weights, wo->json, "print the summary as one JSON object");
  weights->callback([&action, wo] { action = [wo] { run_weights_command(*wo); }; });
}

}  // namespace lt::cli
