#include "cli/eval_commands.h"

#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/common_options.h"
#include "cli/gengap_command.h"
#include "cli/quick_command.h"
#include "cli/store_option.h"
#include "cli/terminal_progress.h"
#include "cli/weights_command.h"
#include "eval/kde_record_json.h"
#include "eval/relative_gap.h"
#include "experiments/ood_targets.h"
#include "experiments/quick_experiment.h"
#include "experiments/recorded_training.h"
#include "experiments/run_evaluation.h"
#include "experiments/run_generalization_gap.h"
#include "store/run_recording.h"
#include "store/run_store.h"
#include "train/run_weights.h"
#include "util/error.h"
#include "util/file_io.h"

namespace lt::cli {
namespace {

using json = nlohmann::ordered_json;

json number(double v) {
  return std::isfinite(v) ? json(v) : json(nullptr);
}

struct EvalOptions {
  std::string run;
  std::string probe = "id";
  std::string mode = "linear";
  std::string finetune_preset = "default";
  int64_t finetune_epochs = 0;
  double finetune_lr = 0;
  std::string target;
  std::string targets_in;
  std::string preset = "paper";
  int64_t epochs = 0;
  double lr = 0;
  uint64_t seed = 0;
  int64_t train_per_class = 0;
  int64_t test_per_class = 0;
  std::string device = "auto";
  int64_t threads = 0;
  std::string store;
  bool json = false;
};

// --targets-in DIR: every target of the folder in turn, then their mean.
void run_eval_on_targets(const EvalOptions& o, const EvalRequest& request,
                         const std::string& run_dir, const std::string& store) {
  if (o.probe != "ood") {
    throw_setting("--targets-in names out-of-domain targets; add --probe ood");
  }
  if (!o.target.empty()) {
    throw_setting("--targets-in and --target both name the target; give one of them");
  }
  TerminalProgress bar(!o.json && stderr_is_terminal());
  const std::vector<EvalResult> results =
      evaluate_run_on_targets(run_dir, request, o.targets_in, bar.callback());
  if (store_wanted(store)) {
    RunStore runs(store);
    record_run_dir(runs, run_dir);
  }
  double sum = 0;
  for (const auto& r : results) sum += r.top1;
  const double mean = sum / double(results.size());
  if (o.json) {
    json targets = json::array();
    for (const auto& r : results) {
      targets.push_back({{"name", r.target_name},
                         {"data", r.data},
                         {"evaluation", evaluation_key(r.probe, r.mode, r.target_name)},
                         {"top1", r.top1},
                         {"classes", r.classes.size()},
                         {"train_images", r.train_images},
                         {"test_images", r.test_images},
                         {"seconds", r.seconds}});
    }
    std::cout << json{{"run_id", results.front().run_id},
                      {"probe", "ood"},
                      {"mode", request.mode},
                      {"targets", targets},
                      {"mean_top1", mean}}
                     .dump()
              << "\n";
    return;
  }
  std::printf("%s: out-of-domain %s on %zu targets\n", results.front().run_id.c_str(),
              request.mode == "finetune" ? "fine-tuning" : "linear probe", results.size());
  for (const auto& r : results) {
    std::printf("  %-24s top-1 %6.2f%%  (%zu classes, %lld train, %lld test images, %.1f s)\n",
                r.target_name.c_str(), 100 * r.top1, r.classes.size(),
                static_cast<long long>(r.train_images), static_cast<long long>(r.test_images),
                r.seconds);
  }
  std::printf("  %-24s top-1 %6.2f%%\n", "mean", 100 * mean);
}

void run_eval(const EvalOptions& o, CLI::App* cmd) {
  EvalRequest request;
  request.probe = o.probe;
  request.target = o.target;
  request.options = probe_preset(o.preset);
  if (cmd->count("--probe-epochs")) request.options.epochs = o.epochs;
  if (cmd->count("--probe-lr")) request.options.lr = o.lr;
  request.options.seed = o.seed;
  request.mode = o.mode;
  request.finetune = fine_tune_preset(o.finetune_preset);
  if (cmd->count("--finetune-epochs")) request.finetune.epochs = o.finetune_epochs;
  if (cmd->count("--finetune-lr")) request.finetune.lr = o.finetune_lr;
  request.finetune.seed = o.seed;
  request.train_per_class = o.train_per_class;
  request.test_per_class = o.test_per_class;
  request.device = o.device;
  request.threads = o.threads;
  const std::string store = store_path(o.store);
  const std::string run_dir = resolve_run_dir(o.run, store);
  if (!o.targets_in.empty()) {
    run_eval_on_targets(o, request, run_dir, store);
    return;
  }
  const EvalResult r = evaluate_run(run_dir, request);
  if (store_wanted(store)) {
    RunStore runs(store);
    record_run_dir(runs, run_dir);
  }
  if (o.json) {
    json j{{"run_id", r.run_id},
           {"probe", r.probe},
           {"mode", r.mode},
           {"data", r.data},
           {"top1", r.top1}};
    json per_class = json::array();
    for (double a : r.per_class) per_class.push_back(number(a));
    j["classes"] = r.classes;
    j["per_class"] = per_class;
    if (r.probe == "id") {
      j["many_shot"] = number(r.shots.many);
      j["medium_shot"] = number(r.shots.medium);
      j["few_shot"] = number(r.shots.few);
    }
    j["train_images"] = r.train_images;
    j["test_images"] = r.test_images;
    j["seconds"] = r.seconds;
    std::cout << j.dump() << "\n";
    return;
  }
  std::printf("%s: %s %s on %s: top-1 %.2f%% (%lld train, %lld test images, %.1f s)\n",
              r.run_id.c_str(), r.probe == "id" ? "in-domain" : "out-of-domain",
              r.mode == "finetune" ? "fine-tuning" : "linear probe", r.data.c_str(), 100 * r.top1,
              static_cast<long long>(r.train_images), static_cast<long long>(r.test_images),
              r.seconds);
  for (size_t c = 0; c < r.classes.size(); ++c) {
    std::printf("  %-20s %6.2f%%\n", r.classes[c].c_str(), 100 * r.per_class[c]);
  }
  if (r.probe == "id") {
    std::printf("  many-shot %.2f%% (%lld classes), medium %.2f%% (%lld), few-shot %.2f%% (%lld)\n",
                100 * r.shots.many, static_cast<long long>(r.shots.many_classes),
                100 * r.shots.medium, static_cast<long long>(r.shots.medium_classes),
                100 * r.shots.few, static_cast<long long>(r.shots.few_classes));
  }
}

struct GapOptions {
  std::vector<std::string> balanced, imbalanced;
  std::string probe = "id";
  std::string store;
  bool json = false;
};

void run_gap(const GapOptions& o) {
  const std::string store = store_path(o.store);
  std::vector<double> bal, imb;
  for (const auto& run : o.balanced) {
    bal.push_back(load_evaluation(resolve_run_dir(run, store), o.probe).top1);
  }
  for (const auto& run : o.imbalanced) {
    imb.push_back(load_evaluation(resolve_run_dir(run, store), o.probe).top1);
  }
  const GapSummary gap = relative_gap(bal, imb);
  if (o.json) {
    std::cout
        << json{{"probe", o.probe},  {"balanced_top1", bal},           {"imbalanced_top1", imb},
                {"delta", gap.mean}, {"delta_per_seed", gap.per_seed}, {"delta_spread", gap.spread}}
               .dump()
        << "\n";
    return;
  }
  std::printf("relative gap (%s): Delta = %.4f", o.probe.c_str(), gap.mean);
  if (gap.per_seed.size() > 1)
    std::printf(" +- %.4f over %zu seeds", gap.spread, gap.per_seed.size());
  std::printf("\n");
}

}  // namespace

void add_eval_commands(CLI::App& app, std::function<void()>& action) {
  auto o = std::make_shared<EvalOptions>();
  CLI::App* eval = app.add_subcommand("eval", "linear probe of a run's frozen encoder");
  eval->add_option("--run", o->run, "the run (directory or store id)")->required();
  add_store_option(eval, o->store);
  eval->add_option("--probe", o->probe, "id (in domain) or ood (out of domain)")
      ->capture_default_str();
  eval->add_option("--target", o->target,
                   "ood: the target source (default: digits for "
                   "Fashion-MNIST)");
  eval->add_option("--targets-in", o->targets_in,
                   "ood: every data set in this folder (one folder each, e.g. ImageNet-LT's "
                   "fine-grained targets), saved as ood@NAME evaluations, and their mean");
  eval->add_option("--mode", o->mode, "linear (frozen encoder) or finetune (end to end)")
      ->capture_default_str();
  eval->add_option("--finetune-preset", o->finetune_preset,
                   "default (30 epochs), fast (5) or imagenet-transfer (the official ImageNet-LT "
                   "fine-tuning: 20 x 500 batches of 48, lr 0.001 / head 0.01, step at 12)")
      ->capture_default_str();
  eval->add_option("--finetune-epochs", o->finetune_epochs, "override the fine-tuning epochs");
  eval->add_option("--finetune-lr", o->finetune_lr, "the encoder's lr (the head's is 10x)");
  eval->add_option("--probe-preset", o->preset,
                   "paper (lr 30, batch 4096, 100 epochs, frozen features), official (the "
                   "official code's: batch 256, random resized crop 0.8-1 and flip each epoch) "
                   "or fast")
      ->capture_default_str();
  eval->add_option("--probe-epochs", o->epochs, "override the preset's epochs");
  eval->add_option("--probe-lr", o->lr, "override the preset's lr");
  eval->add_option("--seed", o->seed, "the probe's seed")->capture_default_str();
  eval->add_option("--train-per-class", o->train_per_class,
                   "probe on a balanced sample of N images per class (0: the whole split)");
  eval->add_option("--test-per-class", o->test_per_class, "score on N test images per class");
  add_device_option(eval, o->device);
  add_threads_option(eval, o->threads);
  add_json_flag(eval, o->json);
  eval->callback([&action, o, eval] { action = [o, eval] { run_eval(*o, eval); }; });

  auto g = std::make_shared<GapOptions>();
  CLI::App* gap = app.add_subcommand("gap", "relative gap Delta = (A_bal - A_imb) / A_bal");
  gap->add_option("--balanced", g->balanced, "evaluated run(s) on the balanced twin")->required();
  gap->add_option("--imbalanced", g->imbalanced, "evaluated run(s) on the imbalanced variant")
      ->required();
  gap->add_option("--probe", g->probe, "id, ood, id-finetune or ood-finetune")
      ->capture_default_str();
  add_store_option(gap, g->store);
  add_json_flag(gap, g->json);
  gap->callback([&action, g] { action = [g] { run_gap(*g); }; });

  add_gengap_command(app, action);
  add_weights_command(app, action);
  add_quick_command(app, action);
}

}  // namespace lt::cli
