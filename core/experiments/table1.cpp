#include "experiments/table1.h"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "experiments/generalization_gap_file.h"
#include "experiments/recorded_training.h"
#include "experiments/run_evaluation.h"
#include "experiments/run_generalization_gap.h"
#include "experiments/table1_set.h"
#include "experiments/training_progress.h"
#include "store/run_recording.h"
#include "store/run_store.h"
#include "train/run_config.h"
#include "train/run_info.h"
#include "util/error.h"
#include "util/file_io.h"
#include "util/progress.h"

namespace fs = std::filesystem;

namespace lt {
namespace {

struct Table1Plan {
  RunConfig base;
  EvalRequest probe;
  int64_t gap_passes = 5;
  int64_t gap_heldout_per_class = 0;  // 0: the whole test split
};

Table1Plan plan_for(const Table1Options& o) {
  Table1Plan p;
  RunConfig& c = p.base;
  c.source = o.source.empty() ? "fashion-mnist" : o.source;
  c.method.name = "simsiam";
  c.design.distribution = Distribution::kStep;  // the paper's Table 1: step, r = 0.01
  c.design.ratio = 0.01;
  c.device = o.device;
  c.threads = o.threads;
  c.knn_every = 0;
  p.probe.probe = "id";
  if (o.preset == "smoke") {
    c.design.sample = 0.05;  // about 1,500 images
    c.epochs = 2;
    c.batch_size = 64;
    p.probe.options = probe_preset("fast");
    p.probe.options.epochs = 10;
    p.probe.train_per_class = 100;
    p.probe.test_per_class = 50;
    p.gap_passes = 1;
    p.gap_heldout_per_class = 100;
  } else if (o.preset == "cpu") {
    c.design.sample = 0.25;  // 5 x 1,500 + 5 x 15 = 7,575 images
    c.epochs = 10;
    c.batch_size = 256;
    p.probe.options = probe_preset("paper");
    p.probe.train_per_class = 1000;
  } else if (o.preset == "gpu") {
    if (o.source.rfind("cifar10:", 0) != 0)
      throw_setting("table1 --preset gpu runs on CIFAR-10: give --source cifar10:DIR");
    c.encoder.arch = "resnet18";
    c.epochs = 200;
    c.batch_size = 512;
    p.probe.options = probe_preset("paper");
  } else {
    throw_setting("--preset \"" + o.preset + "\" is unknown; use smoke, cpu or gpu");
  }
  p.probe.device = o.device;
  p.probe.threads = o.threads;
  return p;
}

// A row is reused when its run exists: only if it was trained the way this table trains it
// (an earlier version ran rwSAM's stages inside one run).
void refuse_other_sam_settings(const std::string& run_dir, const RunConfig& config) {
  const fs::path saved = fs::path(run_dir) / "config.json";
  if (!fs::exists(saved)) return;
  const auto bytes = read_file(saved.string());
  const RunConfig old = config_from_json(std::string(bytes.begin(), bytes.end()), saved.string());
  const auto sam_of = [](const RunConfig& c) {
    return nlohmann::json::parse(config_to_json(c))["sam"];
  };
  if (sam_of(old) != sam_of(config)) {
    throw_setting(run_dir + " was trained with other SAM settings (" + sam_of(old).dump() +
                  ", this table wants " + sam_of(config).dump() +
                  "); move it away or give another --out");
  }
}

}  // namespace

const Table1Row& Table1Result::row(const std::string& name) const {
  for (const Table1Row& r : rows)
    if (r.name == name) return r;
  throw std::out_of_range("table1 has no row \"" + name + "\"");
}

Table1Result run_table1(const Table1Options& o, const ProgressFn& progress) {
  // An empty folder would put the runs in the current directory, where nobody looks.
  if (o.out.empty())
    throw_setting("no output folder: give --out (the CLI defaults it beside the run store)");
  const auto start = std::chrono::steady_clock::now();
  const Table1Plan plan = plan_for(o);
  validate_config(plan.base);
  const SamOptions sam = sam_preset(o.sam_preset);
  Table1Result result;
  result.preset = o.preset;
  result.source = plan.base.source;
  result.sam_preset = o.sam_preset;
  result.ratio = plan.base.design.ratio;

  std::unique_ptr<RunStore> store;
  if (store_wanted(o.store)) store = std::make_unique<RunStore>(o.store);
  const double rows = double(std::size(kTable1Rows));
  for (size_t i = 0; i < std::size(kTable1Rows); ++i) {
    const Table1RowSpec& spec = kTable1Rows[i];
    Table1Row row;
    row.name = spec.name;
    row.paper_top1 = spec.paper_top1;
    row.paper_gap_rare = spec.paper_gap_rare;
    const std::string name = table1_run_name(o.preset, spec.name);
    row.run_dir = (fs::path(o.out) / o.preset / name).string();
    const auto stage = [&](const std::string& what, double within) {
      report_share(progress, what + " " + name, (double(i) + within) / rows);
    };

    RunConfig config = plan.base;
    config.twin = spec.balanced;
    if (std::string(spec.sam_mode) != "none") {
      config.sam = sam;
      // The SAM row is rwSAM without the weights: the same radius and scaling, every epoch.
      if (std::string(spec.sam_mode) == "sam") config.sam.mode = sam.adaptive ? "asam" : "sam";
      // rwSAM as the paper's code runs it: the plain SimSiam row is stage 1; the KDE weights of
      // its final features stay fixed for a fresh run of the full schedule.
      if (std::string(spec.sam_mode) == "rwsam") {
        config.sam.mode = "rwsam";
        config.sam.weights_from = fs::absolute(result.row("simsiam").run_dir).string();
        config.sam.start_epoch = 0;
      }
    }
    const TrainCallback on_progress =
        training_progress(progress, "pre-training " + name, double(i) / rows, 0.7 / rows);
    stage("pre-training", 0);
    refuse_other_sam_settings(row.run_dir, config);
    const RunResult trained = train_or_resume(config, row.run_dir, o.store, on_progress);
    if (trained.status == "cancelled") throw Cancelled();
    if (trained.status != "finished")
      throw_data(name + " " + trained.status + ": " + trained.message);

    stage("probing", 0.75);
    const fs::path saved = fs::path(row.run_dir) / "eval-id.json";
    row.top1 = fs::exists(saved) ? load_evaluation(row.run_dir, "id").top1
                                 : evaluate_run(row.run_dir, plan.probe).top1;
    stage("measuring the generalisation gap of", 0.9);
    row.gap = generalization_gap(row.run_dir, plan.gap_passes, 0, o.device, o.threads,
                                 plan.gap_heldout_per_class);
    // Kept beside the run, so the Compare place shows the set without measuring it again.
    const std::string gap_file =
        save_generalization_gap(row.run_dir, row.gap, plan.gap_heldout_per_class);
    if (store)
      store->add_artifact(record_run_dir(*store, row.run_dir), kGeneralizationGapArtifact,
                          fs::weakly_canonical(fs::absolute(gap_file)).string());
    result.rows.push_back(row);
  }
  const Table1Row& plain = result.row("simsiam");
  const Table1Row& rwsam = result.row("simsiam+rwsam");
  result.images = run_total_images(plain.run_dir);
  result.rwsam_lowers_rare_gap = rwsam.gap.rare < plain.gap.rare;
  result.rwsam_beats_simsiam = rwsam.top1 > plain.top1;
  if (result.rwsam_lowers_rare_gap && result.rwsam_beats_simsiam) {
    result.verdict =
        "rwSAM lowers the rare classes' generalisation gap and raises accuracy, as "
        "the paper reports";
  } else if (result.rwsam_lowers_rare_gap) {
    result.verdict = "rwSAM lowers the rare classes' generalisation gap, without an accuracy gain";
  } else {
    result.verdict = "not reproduced here: rwSAM did not lower the rare classes' gap";
  }
  if (o.preset == "smoke") result.verdict += " (smoke preset: two epochs, noise only)";
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace lt
