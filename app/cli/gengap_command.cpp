#include "cli/gengap_command.h"

#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/common_options.h"
#include "cli/store_option.h"
#include "experiments/generalization_gap_file.h"
#include "experiments/recorded_training.h"
#include "experiments/run_generalization_gap.h"
#include "store/run_recording.h"

namespace lt::cli {
namespace {

using json = nlohmann::ordered_json;

struct GenGapOptions {
  std::string run;
  int64_t passes = 5;
  uint64_t seed = 0;
  std::string device = "auto";
  int64_t threads = 0;
  std::string store;
  bool json = false;
};

void run_gengap(const GenGapOptions& o) {
  const GeneralizationGap g = generalization_gap(resolve_run_dir(o.run, store_path(o.store)),
                                                 o.passes, o.seed, o.device, o.threads);
  if (o.json) {
    // The schema of generalization-gap.json, plus the paper's figures to compare with.
    json j = json::parse(generalization_gap_json(g));
    j["paper_simsiam_step_cifar"] = {{"frequent", 0.035}, {"rare", 0.081}};
    std::cout << j.dump() << "\n";
    return;
  }
  std::printf(
      "generalisation gap (held-out minus train loss, %lld passes): frequent %.4f, "
      "rare %.4f\n",
      static_cast<long long>(g.passes), g.frequent, g.rare);
  std::printf("  frequent: train %.4f, held-out %.4f; rare: train %.4f, held-out %.4f\n",
              g.train_frequent, g.heldout_frequent, g.train_rare, g.heldout_rare);
}

}  // namespace

void add_gengap_command(CLI::App& app, std::function<void()>& action) {
  auto gg = std::make_shared<GenGapOptions>();
  CLI::App* gengap = app.add_subcommand(
      "gengap", "pre-training generalisation gap (held-out minus train loss), frequent vs rare");
  gengap->add_option("--run", gg->run, "the run (directory or store id)")->required();
  add_store_option(gengap, gg->store);
  gengap->add_option("--passes", gg->passes, "augmented passes (the paper: 5)")
      ->capture_default_str();
  gengap->add_option("--seed", gg->seed)->capture_default_str();
  add_device_option(gengap, gg->device);
  add_threads_option(gengap, gg->threads);
  add_json_flag(gengap, gg->json);
  gengap->callback([&action, gg] { action = [gg] { run_gengap(*gg); }; });
}

}  // namespace lt::cli
