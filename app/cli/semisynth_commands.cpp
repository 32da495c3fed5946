#include "cli/semisynth_commands.h"

#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "cli/common_options.h"
#include "cli/store_option.h"
#include "cli/terminal_progress.h"
#include "data/dataset_cache.h"
#include "data/source.h"
#include "data/split_images.h"
#include "experiments/recorded_training.h"
#include "experiments/semisynth_experiment.h"
#include "util/error.h"

namespace lt::cli {
namespace {

using json = nlohmann::ordered_json;

struct BuildOptions {
  std::string source = "fashion-mnist";
  std::string split = "train";
  bool balanced = false;
  bool probe = false;
  bool rare_only = false;
  std::string layout = "squeezed";
  int64_t frequent_per_class = 0;
  int64_t rare_per_class = 0;
  int64_t probe_per_class = 0;
  uint64_t seed = 0;
  std::string out;
  bool json = false;
};

SplitSetKind chosen_kind(const BuildOptions& o) {
  if (int(o.balanced) + int(o.probe) + int(o.rare_only) > 1) {
    throw_setting(
        "--balanced, --probe and --rare-only each choose the kind of set; give at "
        "most one (none builds the imbalanced set)");
  }
  if (o.balanced) return SplitSetKind::kBalanced;
  if (o.probe) return SplitSetKind::kRareProbe;
  if (o.rare_only) return SplitSetKind::kRareOnly;
  return SplitSetKind::kImbalanced;
}

// The counts the user gave win; otherwise the paper's for train, and every image of the class
// for test, whose held-out sets use the whole split.
SplitImageOptions split_options(const BuildOptions& o, CLI::App* cmd) {
  if (o.split != "train" && o.split != "test") {
    throw_setting("--split \"" + o.split + "\" is unknown; use train or test");
  }
  SplitImageOptions options;
  options.kind = chosen_kind(o);
  options.layout = parse_split_layout(o.layout);
  options.seed = o.seed;
  const bool all_by_default = o.split == "test";
  auto count = [&](const char* flag, int64_t given, int64_t paper_default) {
    if (cmd->count(flag)) return given;
    return all_by_default ? int64_t(0) : paper_default;
  };
  options.frequent_per_class =
      count("--frequent-per-class", o.frequent_per_class, options.frequent_per_class);
  options.rare_per_class = count("--rare-per-class", o.rare_per_class, options.rare_per_class);
  options.probe_per_class = count("--probe-per-class", o.probe_per_class, options.probe_per_class);
  return options;
}

void build(const BuildOptions& o, CLI::App* cmd) {
  // Settings are checked before the source is read.
  const SplitImageOptions options = split_options(o, cmd);
  TerminalProgress bar(!o.json && stderr_is_terminal());
  const Dataset source = load_source({o.source, o.split, true, {}}, bar.callback());
  const Dataset set = build_split_images(source, options);
  write_cache(set, CacheInfo{o.split, set.origin}, o.out, bar.callback());

  const auto counts = set.class_counts();
  if (o.json) {
    json j;
    j["out"] = o.out;
    j["source"] = o.source;
    j["kind"] = to_string(options.kind);
    j["layout"] = to_string(options.layout);
    j["split"] = o.split;
    j["seed"] = options.seed;
    j["shape"] = {set.shape.channels, set.shape.height, set.shape.width};
    j["classes"] = set.class_names;
    j["counts"] = counts;
    j["total"] = set.size();
    std::cout << j.dump() << "\n";
    return;
  }
  std::printf("%s split-image set (%s) from %s (%s), seed %llu: %lldx%lldx%lld (CxHxW)\n",
              to_string(options.kind).c_str(), to_string(options.layout).c_str(), o.source.c_str(),
              o.split.c_str(), static_cast<unsigned long long>(options.seed),
              static_cast<long long>(set.shape.channels), static_cast<long long>(set.shape.height),
              static_cast<long long>(set.shape.width));
  std::printf("%6s  %-24s %-14s %8s\n", "label", "name", "label half", "images");
  for (int64_t c = 0; c < set.num_classes(); ++c) {
    if (counts[c] == 0) continue;
    // Rare-only sets are relabelled from 0: all their images are rare.
    const bool frequent =
        options.kind != SplitSetKind::kRareOnly && is_frequent_class(c, options.frequent_classes);
    std::printf("%6lld  %-24s %-14s %8lld\n", static_cast<long long>(c), set.class_names[c].c_str(),
                frequent ? "left" : "right (blank L)", static_cast<long long>(counts[c]));
  }
  std::printf("total %lld\nwrote %s\n", static_cast<long long>(set.size()), o.out.c_str());
}

struct RunCliOptions {
  SemisynthOptions experiment;
  bool json = false;
};

json masses_json(const SemisynthRow& row, const CamMasses& m) {
  return row.has_masses ? json(cam_masses_json(m)) : json();
}

void run_experiment(const RunCliOptions& o) {
  const bool terminal = !o.json && stderr_is_terminal();
  TerminalProgress bar(terminal);
  const auto draw = bar.callback();
  std::string last_stage;
  SemisynthOptions options = o.experiment;
  options.store = store_path(o.experiment.store);
  options.out = output_folder(o.experiment.out, options.store, "semisynth");
  const SemisynthResult r = run_semisynth(options, [&](const Progress& p) {
    if (!terminal && !o.json && p.stage != last_stage)
      std::fprintf(stderr, "semisynth: %s\n", p.stage.c_str());
    last_stage = p.stage;
    return draw(p);
  });
  if (o.json) {
    json rows = json::array();
    for (const SemisynthRow& row : r.rows) {
      rows.push_back(json{{"name", row.name},
                          {"rare_probe_top1", row.rare_probe_top1},
                          {"paper_top1", row.paper_top1 ? json(*row.paper_top1) : json()},
                          {"masses", masses_json(row, row.masses)},
                          {"probe_masses", masses_json(row, row.probe_masses)},
                          {"run_dir", row.run_dir.empty() ? json() : json(row.run_dir)}});
    }
    std::cout << json{{"preset", r.preset},
                      {"source", r.source},
                      {"layout", r.layout},
                      {"cam_method", r.cam_method},
                      {"train_images", r.train_images},
                      {"probe_train_images", r.probe_train_images},
                      {"probe_test_images", r.probe_test_images},
                      {"heldout_images", r.heldout_images},
                      {"folder", r.folder},
                      {"data_files", r.data_files},
                      {"rows", rows},
                      {"ssl_beats_sl", r.ssl_beats_sl},
                      {"paper_claim",
                       "SimCLR 70.1% > supervised 44.3% > supervised-rare 36.5% ~ random on the "
                       "rare-class probe (ResNet-50, CIFAR-10)"},
                      {"verdict", r.verdict},
                      {"seconds", r.seconds}}
                     .dump()
              << "\n";
    return;
  }
  std::printf("semisynth (%s): %s, %s halves, %lld pre-training images; rare probe %lld / %lld\n",
              r.preset.c_str(), r.source.c_str(), r.layout.c_str(),
              static_cast<long long>(r.train_images), static_cast<long long>(r.probe_train_images),
              static_cast<long long>(r.probe_test_images));
  std::printf("%-16s %11s %8s   %s\n", "row", "rare probe", "paper",
              "Grad-CAM right-half share, frequent / rare: own target | probe target");
  for (const SemisynthRow& row : r.rows) {
    std::printf("%-16s %10.1f%% ", row.name.c_str(), 100 * row.rare_probe_top1);
    if (row.paper_top1)
      std::printf("%7.1f%%", 100 * *row.paper_top1);
    else
      std::printf("%8s", "-");
    if (row.has_masses)
      std::printf("   %.2f / %.2f (%s) | %.2f / %.2f (probe)", row.masses.frequent_right,
                  row.masses.rare_right, row.masses.target.c_str(), row.probe_masses.frequent_right,
                  row.probe_masses.rare_right);
    std::printf("\n");
  }
  std::printf(
      "(the paper gives no number for the random encoder, only that it is about "
      "supervised-rare's; Figure 7: SL looks left on both groups, SSL spreads on frequent "
      "images and looks right on rare ones)\n");
  std::printf("verdict: %s\n", r.verdict.c_str());
  std::printf("took %.0f s; sets and runs in %s, recorded in %s\n", r.seconds, r.folder.c_str(),
              store_wanted(options.store) ? options.store.c_str() : "no store");
}

}  // namespace

void add_semisynth_commands(CLI::App& app, std::function<void()>& action) {
  CLI::App* semisynth = app.add_subcommand(
      "semisynth", "the paper's semi-synthetic split-image experiment (Section 3.2)");
  semisynth->require_subcommand(1);

  auto b = std::make_shared<BuildOptions>();
  CLI::App* build_cmd =
      semisynth->add_subcommand("build", "build a split-image set into a cache file (.ltds)");
  build_cmd->footer(
      "Frequent classes (0-4) carry the label in the left half and a random image of the split "
      "in the right; rare classes (5-9) a blank left half and the label in the right.");
  build_cmd->add_option("--source", b->source, "a 10-class source (see `longtail data --help`)")
      ->capture_default_str();
  build_cmd->add_option("--split", b->split, "train or test")->capture_default_str();
  build_cmd->add_flag("--balanced", b->balanced,
                      "every class --frequent-per-class images (the balanced version)");
  build_cmd->add_flag("--probe", b->probe,
                      "the rare classes only, --probe-per-class each (the 5-way probe set)");
  build_cmd->add_flag("--rare-only", b->rare_only,
                      "the rare classes only, --rare-per-class each, relabelled 0..4 (to train "
                      "the supervised-rare reference)");
  build_cmd
      ->add_option("--layout", b->layout,
                   "squeezed (H x W, each image squeezed), half (H x W, the left half of one "
                   "image beside the right half of another) or side-by-side (H x 2W)")
      ->capture_default_str();
  build_cmd->add_option("--frequent-per-class", b->frequent_per_class,
                        "images per frequent class (train default 5000; test default and 0: all)");
  build_cmd->add_option("--rare-per-class", b->rare_per_class,
                        "images per rare class (train default 10; test default and 0: all)");
  build_cmd->add_option("--probe-per-class", b->probe_per_class,
                        "images per rare class of the probe set (train default 5000; test "
                        "default and 0: all)");
  build_cmd->add_option("--seed", b->seed, "draws the images")->capture_default_str();
  build_cmd->add_option("--out", b->out, "the cache file to write (.ltds)")->required();
  add_json_flag(build_cmd, b->json, "print one JSON object on stdout and nothing else");
  build_cmd->callback(
      [&action, b, build_cmd] { action = [b, build_cmd] { build(*b, build_cmd); }; });

  auto r = std::make_shared<RunCliOptions>();
  CLI::App* run_cmd = semisynth->add_subcommand(
      "run",
      "SimCLR and supervised pre-training on the split images, the supervised-rare and random "
      "references, the 5-way rare-class probe and the Grad-CAM right-half masses");
  run_cmd
      ->add_option("--preset", r->experiment.preset,
                   "smoke (minutes), cpu (this machine, < 30 min), cpu-cifar (this machine, "
                   "CIFAR-10, planned for 45 min on 2 idle cores) or gpu")
      ->capture_default_str();
  run_cmd->add_option("--source", r->experiment.source,
                      "a 10-class source (default fashion-mnist; cpu-cifar and gpu: cifar10:DIR)");
  run_cmd->add_option("--layout", r->experiment.layout, "squeezed, half or side-by-side")
      ->capture_default_str();
  run_cmd->add_option("--cam-method", r->experiment.cam_method, "gradcam or gradcam++")
      ->capture_default_str();
  run_cmd->add_option("--seed", r->experiment.seed, "the sets' and the runs'")
      ->capture_default_str();
  run_cmd->add_option("--out", r->experiment.out,
                      "where the sets and runs go (finished runs are reused; default: "
                      "runs/semisynth beside the store)");
  add_device_option(run_cmd, r->experiment.device);
  add_threads_option(run_cmd, r->experiment.threads);
  add_store_option(run_cmd, r->experiment.store);
  add_json_flag(run_cmd, r->json);
  run_cmd->callback([&action, r] { action = [r] { run_experiment(*r); }; });
}

}  // namespace lt::cli
