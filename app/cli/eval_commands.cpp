#include "cli/eval_commands.h"

#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/store_option.h"
#include "cli/terminal_progress.h"
#include "eval/generalization_gap.h"
#include "eval/kde_record_json.h"
#include "eval/quick_experiment.h"
#include "eval/relative_gap.h"
#include "eval/run_evaluation.h"
#include "eval/run_weights.h"
#include "store/run_recording.h"
#include "store/run_store.h"
#include "train/recorded_training.h"
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

struct QuickCliOptions {
  QuickOptions quick;
  bool json = false;
  bool print_plan = false;
};

json gap_json(const GapSummary& g) {
  return json{{"delta", g.mean}, {"spread", g.spread}, {"per_seed", g.per_seed}};
}

const char* order_name(GapOrder order) {
  switch (order) {
    case GapOrder::kSslLosesLess:
      return "ssl_loses_less";
    case GapOrder::kSlLosesLess:
      return "sl_loses_less";
    case GapOrder::kWithinNoise:
      break;
  }
  return "within_noise";
}

json contrast_json(const GapContrast& c) {
  return json{{"difference", c.difference},
              {"combined_spread", c.combined_spread},
              {"order", order_name(c.order)}};
}

void run_quick_command(const QuickCliOptions& o) {
  const bool terminal = !o.json && stderr_is_terminal();
  TerminalProgress bar(terminal);
  const auto draw = bar.callback();
  std::string last_stage;
  QuickOptions options = o.quick;
  if (o.print_plan) {
    std::cout << quick_plan_json(options) << "\n";
    return;
  }
  options.store = store_path(o.quick.store);
  const QuickResult r = run_quick(options, [&](const std::string& stage, double share) {
    // Without a terminal, one line per new stage (a log, not a redrawn bar).
    if (!terminal && !o.json && stage != last_stage)
      std::fprintf(stderr, "quick: %s\n", stage.c_str());
    last_stage = stage;
    return draw(Progress{stage, int64_t(share * 1000), 1000});
  });
  const bool has_ood = !r.ood_target.empty() && r.ood_target != "none";
  if (o.json) {
    json cells = json::array();
    for (const auto& c : r.cells) {
      cells.push_back(json{{"method", c.method},
                           {"variant", c.balanced ? "balanced" : "imbalanced"},
                           {"seed", c.seed},
                           {"id_top1", c.id_top1},
                           {"ood_top1", has_ood ? json(c.ood_top1) : json(nullptr)},
                           {"run_dir", c.run_dir}});
    }
    std::cout << json{{"preset", r.preset},
                      {"source", r.source},
                      {"ood_target", r.ood_target},
                      {"n", r.images},
                      {"distribution", r.distribution},
                      {"ratio", r.ratio},
                      {"cells", cells},
                      {"seeds", r.seeds},
                      {"sl_protocol", r.sl_protocol},
                      {"ssl_method", o.quick.ssl_method},
                      {"delta_ssl_id", gap_json(r.ssl_id)},
                      {"delta_sl_id", gap_json(r.sl_id)},
                      {"delta_ssl_ood", has_ood ? gap_json(r.ssl_ood) : json(nullptr)},
                      {"delta_sl_ood", has_ood ? gap_json(r.sl_ood) : json(nullptr)},
                      {"id", contrast_json(r.id_contrast)},
                      {"ood", has_ood ? contrast_json(r.ood_contrast) : json(nullptr)},
                      {"ssl_more_robust_id", r.ssl_more_robust_id},
                      {"ssl_more_robust_ood", r.ssl_more_robust_ood},
                      {"paper_claim", "Delta_SSL < Delta_SL, in domain and out of domain"},
                      {"verdict", r.verdict},
                      {"seconds", r.seconds}}
                     .dump()
              << "\n";
    return;
  }
  std::printf(
      "quick (%s): %s, %s r = %g against its balanced twin, n = %lld, %lld seed%s, "
      "supervised by the %s protocol; OOD: %s\n",
      r.preset.c_str(), r.source.c_str(), r.distribution.c_str(), r.ratio,
      static_cast<long long>(r.images), static_cast<long long>(r.seeds), r.seeds == 1 ? "" : "s",
      r.sl_protocol.c_str(), has_ood ? r.ood_target.c_str() : "none");
  std::printf("%-11s %-11s %5s %10s %10s\n", "method", "variant", "seed", "ID top-1", "OOD top-1");
  for (const auto& c : r.cells) {
    std::printf("%-11s %-11s %5lld %9.2f%% %9.2f%%\n", c.method.c_str(),
                c.balanced ? "balanced" : "imbalanced", static_cast<long long>(c.seed),
                100 * c.id_top1, 100 * c.ood_top1);
  }
  // Each Delta with its spread over seeds (sample std), then what the two together say.
  const auto line = [](const char* what, const GapSummary& ssl, const GapSummary& sl,
                       const GapContrast& c) {
    std::printf("Delta %-4s SSL %+.4f +- %.4f  SL %+.4f +- %.4f  -> %s\n", what, ssl.mean,
                ssl.spread, sl.mean, sl.spread,
                c.order == GapOrder::kSslLosesLess  ? "SSL loses less"
                : c.order == GapOrder::kSlLosesLess ? "SL loses less"
                                                    : "within noise");
  };
  line("ID", r.ssl_id, r.sl_id, r.id_contrast);
  if (has_ood) line("OOD", r.ssl_ood, r.sl_ood, r.ood_contrast);
  std::printf("verdict: %s\n", r.verdict.c_str());
  std::printf("took %.0f s; runs in %s/%s, recorded in %s\n", r.seconds, o.quick.out.c_str(),
              r.preset.c_str(), store_wanted(options.store) ? options.store.c_str() : "no store");
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
  eval->add_option("--mode", o->mode, "linear (frozen encoder) or finetune (end to end)")
      ->capture_default_str();
  eval->add_option("--finetune-preset", o->finetune_preset, "default (30 epochs) or fast (5)")
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
  eval->add_option("--device", o->device)->capture_default_str();
  eval->add_option("--threads", o->threads, "0: all cores")->capture_default_str();
  eval->add_flag("--json", o->json, "print one JSON object");
  eval->callback([&action, o, eval] { action = [o, eval] { run_eval(*o, eval); }; });

  auto g = std::make_shared<GapOptions>();
  CLI::App* gap = app.add_subcommand("gap", "relative gap Delta = (A_bal - A_imb) / A_bal");
  gap->add_option("--balanced", g->balanced, "evaluated run(s) on the balanced twin")->required();
  gap->add_option("--imbalanced", g->imbalanced, "evaluated run(s) on the imbalanced variant")
      ->required();
  gap->add_option("--probe", g->probe, "id, ood, id-finetune or ood-finetune")
      ->capture_default_str();
  add_store_option(gap, g->store);
  gap->add_flag("--json", g->json, "print one JSON object");
  gap->callback([&action, g] { action = [g] { run_gap(*g); }; });

  struct GenGapOptions {
    std::string run;
    int64_t passes = 5;
    uint64_t seed = 0;
    std::string device = "auto";
    int64_t threads = 0;
    std::string store;
    bool json = false;
  };
  auto gg = std::make_shared<GenGapOptions>();
  CLI::App* gengap = app.add_subcommand(
      "gengap", "pre-training generalisation gap (held-out minus train loss), frequent vs rare");
  gengap->add_option("--run", gg->run, "the run (directory or store id)")->required();
  add_store_option(gengap, gg->store);
  gengap->add_option("--passes", gg->passes, "augmented passes (the paper: 5)")
      ->capture_default_str();
  gengap->add_option("--seed", gg->seed)->capture_default_str();
  gengap->add_option("--device", gg->device)->capture_default_str();
  gengap->add_option("--threads", gg->threads, "0: all cores")->capture_default_str();
  gengap->add_flag("--json", gg->json, "print one JSON object");
  gengap->callback([&action, gg] {
    action = [gg] {
      const GeneralizationGap g =
          generalization_gap(resolve_run_dir(gg->run, store_path(gg->store)), gg->passes, gg->seed,
                             gg->device, gg->threads);
      if (gg->json) {
        std::cout << json{{"frequent", number(g.frequent)},
                          {"rare", number(g.rare)},
                          {"train_frequent", number(g.train_frequent)},
                          {"heldout_frequent", number(g.heldout_frequent)},
                          {"train_rare", number(g.train_rare)},
                          {"heldout_rare", number(g.heldout_rare)},
                          {"frequent_classes", g.frequent_classes},
                          {"rare_classes", g.rare_classes},
                          {"passes", g.passes},
                          {"paper_simsiam_step_cifar", {{"frequent", 0.035}, {"rare", 0.081}}}}
                         .dump()
                  << "\n";
        return;
      }
      std::printf(
          "generalisation gap (held-out minus train loss, %lld passes): frequent %.4f, "
          "rare %.4f\n",
          static_cast<long long>(g.passes), g.frequent, g.rare);
      std::printf("  frequent: train %.4f, held-out %.4f; rare: train %.4f, held-out %.4f\n",
                  g.train_frequent, g.heldout_frequent, g.train_rare, g.heldout_rare);
    };
  });

  struct WeightsOptions {
    std::string run, out, device = "auto", store;
    KdeOptions kde;
    int64_t threads = 0;
    bool json = false;
  };
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
                   "cv (the best 5-fold held-out likelihood over a grid) or median (the median "
                   "distance)")
      ->capture_default_str();
  weights->add_option("--alpha", wo->kde.alpha, "the exponent (the paper's CIFAR setting: 1.2)")
      ->capture_default_str();
  weights->add_option("--device", wo->device)->capture_default_str();
  weights->add_option("--threads", wo->threads, "0: all cores")->capture_default_str();
  add_store_option(weights, wo->store);
  weights->add_flag("--json", wo->json, "print the summary as one JSON object");
  weights->callback([&action, wo] {
    action = [wo] {
      const RunWeights w = compute_run_weights(resolve_run_dir(wo->run, store_path(wo->store)),
                                               wo->kde, wo->device, wo->threads);
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
      write_file_atomically(wo->out, file.dump() + "\n");
      if (wo->json) {
        std::cout << summary.dump() << "\n";
        return;
      }
      std::printf("%s: %zu weights (h %.4g by %s, alpha %g) in %.1f s on %s -> %s\n",
                  w.run_id.c_str(), w.weights.size(), w.bandwidth, w.record.bandwidth_rule.c_str(),
                  w.alpha, w.seconds, w.device.c_str(), wo->out.c_str());
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
    };
  });

  auto q = std::make_shared<QuickCliOptions>();
  CLI::App* quick = app.add_subcommand(
      "quick", "the paper's headline on the embedded data: is SSL more robust to imbalance?");
  quick
      ->add_option("--preset", q->quick.preset,
                   "smoke (about a minute), cpu, cpu-cifar (needs --source cifar10:DIR) or gpu")
      ->capture_default_str();
  quick->add_option("--seeds", q->quick.seeds,
                    "pre-training seeds (default: 1 for smoke, 3 for the others)");
  quick->add_option("--source", q->quick.source,
                    "your data: any source spec (folder:DIR with train/ and test/ class folders, "
                    "list:FILE@ROOT, cifar10:DIR, ...); default the embedded Fashion-MNIST "
                    "(cpu-cifar: cifar10:DIR)");
  quick
      ->add_option("--sl-protocol", q->quick.sl_protocol,
                   "supervised runs: standard (He et al.) or ssl (SimSiam's views, as before)")
      ->capture_default_str();
  quick->add_flag("--print-plan", q->print_plan, "print what would run (JSON) and exit");
  quick
      ->add_option("--ssl-method", q->quick.ssl_method,
                   "the self-supervised method set against supervised (default simsiam; "
                   "simclr, moco, byol, sdclr, bcl)")
      ->capture_default_str();
  quick->add_option("--ood", q->quick.ood, "the out-of-domain target (a source), or none");
  quick->add_option("--dist", q->quick.dist, "exp, pareto or step (default exp)");
  quick->add_option("--ratio", q->quick.ratio, "imbalance ratio r in (0, 1] (default 0.01)")
      ->check(CLI::PositiveNumber);
  quick
      ->add_option("--sample", q->quick.sample,
                   "sampling ratio s in (0, 1] (default: the preset's, or 1 for --source)")
      ->check(CLI::PositiveNumber);
  quick->add_option("--model", q->quick.model, "the encoder (default: the preset's)");
  quick->add_option("--epochs", q->quick.epochs, "pre-training epochs (default: the preset's)")
      ->check(CLI::PositiveNumber);
  quick->add_option("--out", q->quick.out, "where the runs go (finished ones are reused)")
      ->capture_default_str();
  quick->add_option("--device", q->quick.device)->capture_default_str();
  quick->add_option("--threads", q->quick.threads, "0: all cores")->capture_default_str();
  add_store_option(quick, q->quick.store);
  quick->add_flag("--json", q->json, "print one JSON object");
  quick->callback([&action, q] { action = [q] { run_quick_command(*q); }; });
}

}  // namespace lt::cli
