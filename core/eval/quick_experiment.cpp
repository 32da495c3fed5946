#include "eval/quick_experiment.h"

#include <cctype>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "data/design_fit.h"
#include "data/design_json.h"
#include "data/source.h"
#include "eval/run_evaluation.h"
#include "store/run_recording.h"
#include "store/run_store.h"
#include "train/recorded_training.h"
#include "train/run_config.h"
#include "train/trainer.h"
#include "util/error.h"
#include "util/hash.h"
#include "util/progress.h"

namespace fs = std::filesystem;

namespace lt {
namespace {

struct QuickPlan {
  RunConfig base;
  EvalRequest id_probe, ood_probe;
};

QuickPlan plan_for(const QuickOptions& o) {
  QuickPlan p;
  RunConfig& c = p.base;
  c.source = "fashion-mnist";
  c.design.distribution = Distribution::kExponential;
  c.design.ratio = 0.01;
  c.device = o.device;
  c.threads = o.threads;
  c.knn_every = 0;  // the probes are the measurement; the monitor would cost a third more
  p.id_probe.probe = "id";
  p.ood_probe.probe = "ood";
  if (o.preset == "smoke") {
    c.design.sample = 0.02;
    c.epochs = 2;
    c.batch_size = 64;
    for (EvalRequest* r : {&p.id_probe, &p.ood_probe}) {
      r->options = probe_preset("fast");
      r->options.epochs = 10;
      r->train_per_class = 100;
      r->test_per_class = 50;
    }
  } else if (o.preset == "cpu") {
    c.design.sample = 0.5;  // n = 7,443: four pre-trainings fit in about a quarter of an hour
    c.epochs = 8;
    c.batch_size = 256;
    for (EvalRequest* r : {&p.id_probe, &p.ood_probe}) r->options = probe_preset("paper");
    p.id_probe.train_per_class = 1000;  // the probe's balanced train set: 10,000 images
  } else if (o.preset == "gpu") {
    c.encoder.arch = "resnet18";
    c.epochs = 200;
    c.batch_size = 512;
    for (EvalRequest* r : {&p.id_probe, &p.ood_probe}) r->options = probe_preset("paper");
  } else {
    throw_setting("--preset \"" + o.preset + "\" is unknown; use smoke, cpu or gpu");
  }
  for (EvalRequest* r : {&p.id_probe, &p.ood_probe}) {
    r->device = o.device;
    r->threads = o.threads;
  }
  // The researcher's data and design over the preset's. The presets' sampling is sized for
  // Fashion-MNIST's 60,000 images; another source is taken whole unless --sample says otherwise.
  if (!o.source.empty() && o.source != c.source) {
    c.source = o.source;
    c.design.sample = 1.0;
  }
  if (o.design) c.design = *o.design;
  if (!o.dist.empty()) c.design.distribution = parse_distribution(o.dist);
  if (o.ratio != 0) c.design.ratio = o.ratio;
  if (o.sample != 0) c.design.sample = o.sample;
  if (!o.model.empty()) c.encoder.arch = o.model;
  if (o.epochs != 0) c.epochs = o.epochs;
  if (!o.ood.empty() && o.ood != "none") p.ood_probe.target = o.ood;
  return p;
}

// A folder name for a design other than the preset's, so that its runs are never mistaken for
// (and reused as) the embedded data's: the source's last path part and the design's settings.
std::string design_folder(const QuickOptions& o, const RunConfig& c) {
  if (o.source.empty() && o.dist.empty() && o.ratio == 0 && o.sample == 0 && o.model.empty() &&
      o.epochs == 0 && o.ood.empty() && !o.design) {
    return "";
  }
  std::string source = c.source;
  while (!source.empty() && source.back() == '/') source.pop_back();
  source = fs::path(source.substr(source.find(':') + 1)).filename().string();
  std::ostringstream name;
  name << (source.empty() ? "source" : source) << "-" << to_string(c.design.distribution) << "-r"
       << c.design.ratio << "-s" << c.design.sample << "-" << c.encoder.arch << "-e" << c.epochs;
  if (o.design) {
    // The rest of a designer's design (n_max, frequent classes, order, seed), in a short hash.
    ContentHash rest;
    rest.add(design_to_json(c.design).dump());
    name << "-" << rest.hex().substr(0, 8);
  }
  std::string out = name.str();
  for (char& ch : out) {
    if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '-' && ch != '.') ch = '_';
  }
  return out;
}

// Refuses, before any pre-training, a design the source cannot serve: a class emptied by the
// ratio, a twin asking for more than a class holds, a variant smaller than a few batches; and
// narrows the batch to the variant where a small folder holds fewer images than the preset's.
void fit_design_to_source(RunConfig& c) {
  const Dataset train = load_source({c.source, "train", false, {}});
  constexpr int64_t kFewestImages = 16;
  const DesignFit fit =
      check_design_fit(c.design, train.class_counts(), train.class_names, kFewestImages);
  if (!fit.fits) {
    throw_data(c.source + " is too small for this design: " + fit.problem +
               (fit.suggestion.empty()
                    ? "; use a larger source"
                    : "; try " + fit.suggestion + " (longtail data design shows the counts)"));
  }
  // At least two steps per epoch: the last partial batch is dropped.
  while (c.batch_size > 8 && c.batch_size * 2 > fit.total) c.batch_size /= 2;
}

}  // namespace

QuickResult run_quick(const QuickOptions& o, const QuickProgress& progress) {
  const auto start = std::chrono::steady_clock::now();
  if (o.seeds < 1 || o.seeds > 20) throw_setting("--seeds must be from 1 to 20");
  QuickPlan plan = plan_for(o);
  validate_config(plan.base);
  QuickResult result;
  result.preset = o.preset;
  result.source = plan.base.source;
  const bool with_ood = o.ood != "none";
  result.ood_target = !with_ood                       ? "none"
                      : plan.ood_probe.target.empty() ? default_ood_target(plan.base.source)
                                                      : plan.ood_probe.target;
  if (result.ood_target.empty()) {
    throw_setting("no default out-of-domain target for " + plan.base.source +
                  "; name one with --ood SRC, or --ood none");
  }
  result.ratio = plan.base.design.ratio;
  result.distribution = to_string(plan.base.design.distribution);
  const std::string folder = design_folder(o, plan.base);
  if (!folder.empty()) {
    fit_design_to_source(plan.base);
    // The in-domain probe scores on the test split: say so now, not after the pre-trainings.
    load_source({plan.base.source, "test", true, {}});
  }

  std::unique_ptr<RunStore> store;
  if (store_wanted(o.store)) store = std::make_unique<RunStore>(o.store);
  const std::vector<std::string> methods = {"simsiam", "supervised"};
  const double total_cells = double(methods.size() * 2 * o.seeds);
  int cell_index = 0;
  for (int64_t seed = 0; seed < o.seeds; ++seed) {
    for (const auto& method : methods) {
      for (bool balanced : {false, true}) {
        QuickCell cell{method, balanced, seed, "", 0, 0};
        // The preset is in the name: it is the run's id in the store, beside other presets' runs.
        const std::string name = o.preset + "-" + method +
                                 (balanced ? "-balanced" : "-imbalanced") + "-s" +
                                 std::to_string(seed);
        cell.run_dir = (fs::path(o.out) / o.preset / folder / name).string();
        const std::string stage = "pre-training " + name;
        const auto report_stage = [&](const std::string& what, double within) {
          if (progress && !progress(what, (cell_index + within) / total_cells)) throw Cancelled();
        };
        const TrainCallback on_progress = [&](const TrainProgress& p) {
          const double within = (double(p.epoch - 1) +
                                 double(p.step) / double(std::max<int64_t>(1, p.steps_per_epoch))) /
                                double(std::max<int64_t>(1, p.epochs));
          return !progress || progress(stage + " (epoch " + std::to_string(p.epoch) + "/" +
                                           std::to_string(p.epochs) + ")",
                                       (cell_index + 0.8 * within) / total_cells);
        };
        report_stage(stage, 0);
        RunConfig config = plan.base;
        config.method.name = method;
        config.seed = uint64_t(seed);
        config.design.seed = uint64_t(seed);
        config.twin = balanced;
        const RunResult trained = train_or_resume(config, cell.run_dir, o.store, on_progress);
        if (trained.status == "cancelled") throw Cancelled();
        if (trained.status != "finished") {
          throw_data(name + " " + trained.status + ": " + trained.message);
        }
        for (const EvalRequest* probe : {&plan.id_probe, &plan.ood_probe}) {
          if (probe->probe == "ood" && !with_ood) continue;
          double& top1 = probe->probe == "id" ? cell.id_top1 : cell.ood_top1;
          report_stage(probe->probe + " probe of " + name, probe->probe == "id" ? 0.85 : 0.95);
          const fs::path saved = fs::path(cell.run_dir) / ("eval-" + probe->probe + ".json");
          top1 = fs::exists(saved) ? load_evaluation(cell.run_dir, probe->probe).top1
                                   : evaluate_run(cell.run_dir, *probe).top1;
        }
        if (store) record_run_dir(*store, cell.run_dir);
        result.cells.push_back(cell);
        ++cell_index;
      }
    }
  }
  // n is the same for every cell: read it from the first run.
  try {
    const auto info =
        nlohmann::json::parse(std::ifstream(fs::path(result.cells[0].run_dir) / "run.json"));
    result.images = info.value("total_images", int64_t{0});
  } catch (const std::exception&) {
  }
  const auto accuracies = [&](const std::string& method, bool balanced, bool id) {
    std::vector<double> out;
    for (const auto& c : result.cells) {
      if (c.method == method && c.balanced == balanced) out.push_back(id ? c.id_top1 : c.ood_top1);
    }
    return out;
  };
  result.ssl_id =
      relative_gap(accuracies("simsiam", true, true), accuracies("simsiam", false, true));
  result.sl_id =
      relative_gap(accuracies("supervised", true, true), accuracies("supervised", false, true));
  result.ssl_more_robust_id = result.ssl_id.mean < result.sl_id.mean;
  if (with_ood) {
    result.ssl_ood =
        relative_gap(accuracies("simsiam", true, false), accuracies("simsiam", false, false));
    result.sl_ood =
        relative_gap(accuracies("supervised", true, false), accuracies("supervised", false, false));
    result.ssl_more_robust_ood = result.ssl_ood.mean < result.sl_ood.mean;
  }
  if (!with_ood) {
    result.verdict = result.ssl_more_robust_id
                         ? "SSL is more robust to imbalance than SL in domain (no OOD target)"
                         : "not reproduced here: SL lost no more to imbalance than SSL in domain";
  } else if (result.ssl_more_robust_id && result.ssl_more_robust_ood) {
    result.verdict =
        "SSL is more robust to imbalance than SL, in domain and out of domain, as the paper claims";
  } else if (result.ssl_more_robust_id || result.ssl_more_robust_ood) {
    result.verdict = std::string("mixed: SSL is more robust ") +
                     (result.ssl_more_robust_id ? "in domain" : "out of domain") + " only";
  } else {
    result.verdict = "not reproduced here: SL lost no more to imbalance than SSL at this scale";
  }
  if (o.preset == "smoke") result.verdict += " (smoke preset: a few hundred images, noise only)";
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace lt
