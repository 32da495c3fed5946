#include "eval/quick_experiment.h"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>

#include "eval/run_evaluation.h"
#include "store/run_recording.h"
#include "store/run_store.h"
#include "train/recorded_training.h"
#include "train/run_config.h"
#include "train/run_info.h"
#include "train/trainer.h"
#include "util/error.h"
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
  return p;
}

}  // namespace

QuickResult run_quick(const QuickOptions& o, const QuickProgress& progress) {
  const auto start = std::chrono::steady_clock::now();
  if (o.seeds < 1 || o.seeds > 20) throw_setting("--seeds must be from 1 to 20");
  const QuickPlan plan = plan_for(o);
  validate_config(plan.base);
  QuickResult result;
  result.preset = o.preset;
  result.source = plan.base.source;
  result.ood_target = default_ood_target(plan.base.source);
  result.ratio = plan.base.design.ratio;

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
        cell.run_dir = (fs::path(o.out) / o.preset / name).string();
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
  result.images = run_total_images(result.cells[0].run_dir);
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
  result.ssl_ood =
      relative_gap(accuracies("simsiam", true, false), accuracies("simsiam", false, false));
  result.sl_ood =
      relative_gap(accuracies("supervised", true, false), accuracies("supervised", false, false));
  result.ssl_more_robust_id = result.ssl_id.mean < result.sl_id.mean;
  result.ssl_more_robust_ood = result.ssl_ood.mean < result.sl_ood.mean;
  if (result.ssl_more_robust_id && result.ssl_more_robust_ood) {
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
