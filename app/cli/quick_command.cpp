#include "cli/quick_command.h"

#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/common_options.h"
#include "cli/store_option.h"
#include "cli/terminal_progress.h"
#include "experiments/quick_experiment.h"
#include "experiments/recorded_training.h"
#include "store/run_recording.h"
#include "util/error.h"

namespace lt::cli {
namespace {

using json = nlohmann::ordered_json;

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
  options.out = output_folder(o.quick.out, options.store, "quick");
  const QuickResult r = run_quick(options, [&](const Progress& p) {
    // Without a terminal, one line per new stage (a log, not a redrawn bar).
    if (!terminal && !o.json && p.stage != last_stage)
      std::fprintf(stderr, "quick: %s\n", p.stage.c_str());
    last_stage = p.stage;
    return draw(p);
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
                      {"split", r.source_test > 0
                                    ? json{{"train", r.source_train}, {"test", r.source_test}}
                                    : json(nullptr)},
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
  for (const auto& line : quick_gap_lines(r)) std::printf("%s\n", line.c_str());
  std::printf("verdict: %s\n", r.verdict.c_str());
  std::printf("took %.0f s; runs in %s/%s, recorded in %s\n", r.seconds, options.out.c_str(),
              r.preset.c_str(), store_wanted(options.store) ? options.store.c_str() : "no store");
}

}  // namespace

void add_quick_command(CLI::App& app, std::function<void()>& action) {
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
                    "your data: any source spec (folder:DIR with train/ and test/ class folders "
                    "or with class folders only, split by --split; list:FILE@ROOT, cifar10:DIR, "
                    "...); default the embedded Fashion-MNIST (cpu-cifar: cifar10:DIR)");
  quick
      ->add_option("--split", q->quick.split,
                   "F: a flat folder:DIR (class folders, no train/ and test/) holds out this "
                   "share of each class for testing, seeded (default 0.2)")
      ->check(CLI::Range(0.0, 1.0));
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
  quick->add_option("--out", q->quick.out,
                    "where the runs go (finished ones are reused; default: runs/quick beside the "
                    "store)");
  add_device_option(quick, q->quick.device);
  add_threads_option(quick, q->quick.threads);
  add_store_option(quick, q->quick.store);
  add_json_flag(quick, q->json);
  quick->callback([&action, q] { action = [q] { run_quick_command(*q); }; });
}

}  // namespace lt::cli
