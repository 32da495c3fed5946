// The paper's headline at a scale the machine can do: SimSiam and supervised pre-training on an
// exponential r = 0.01 variant of the source and on its balanced twin of the same n, each probed
// in domain and out of domain, then Delta_SSL against Delta_SL. Cells already finished in the
// output folder are reused and half-finished ones resumed, so an interrupted run continues.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "data/longtail_design.h"

#include "eval/relative_gap.h"
#include "util/progress.h"

namespace lt {

struct QuickOptions {
  std::string preset = "cpu";  // smoke (about a minute), cpu (the main job), cpu-cifar, gpu
  int64_t seeds = 0;  // pre-training seeds 0..seeds-1, one pre-training per cell each; 0: the
                      // preset's (1 for smoke, 3 otherwise: one seed's verdict does not hold)
  std::string sl_protocol = "standard";  // supervised runs: standard (He et al.) or ssl (before)
  std::string ssl_method = "simsiam";    // the self-supervised side (methods/method_list.h)
  std::string out;  // where the runs go: required (the CLI defaults it beside the store)
  std::string device = "auto";
  int64_t threads = 0;
  std::string store;  // the run store to record into ("" or "none": none)

  // The researcher's own data and design; empty or 0 keeps the preset's (the embedded
  // Fashion-MNIST, exponential r = 0.01). A source other than the embedded one is taken whole
  // (s = 1) unless `sample` says otherwise. It holds train/ and test/ splits, or is a flat
  // folder:DIR of class folders, split per class (data/source.h: 0.2 held out, seeded).
  std::string source;  // any source spec the designer reads ("": the preset's; cpu-cifar needs
                       // cifar10:DIR)
  double split = 0;    // a flat folder's test share F in (0, 1) (folder:DIR?test=F); 0: 0.2
  std::string ood;     // the OOD target; "" = the source's default, "none" = no OOD probe
  std::string dist;    // exp, pareto, step or balanced
  double ratio = 0;
  double sample = 0;
  std::optional<DesignSpec> design;  // a whole design (the GUI designer's), under dist/ratio/sample
  std::string model;                 // the encoder's arch
  int64_t epochs = 0;                // pre-training epochs
};

struct QuickCell {
  std::string method;  // the options' ssl_method or supervised
  bool balanced = false;
  int64_t seed = 0;
  std::string run_dir;
  double id_top1 = 0;
  double ood_top1 = 0;
};

struct QuickResult {
  std::string preset;
  std::string source, ood_target;
  int64_t images = 0;        // n, the same for both variants
  double ratio = 0;          // r of the imbalanced variant
  std::string distribution;  // its family (exp, pareto, step)
  std::vector<QuickCell> cells;
  int64_t source_train = 0, source_test = 0;  // images in the source's splits (0: not read)
  int64_t seeds = 0;
  std::string sl_protocol;
  GapSummary ssl_id, sl_id, ssl_ood, sl_ood;  // the OOD ones are empty without an OOD target
  bool ssl_more_robust_id = false;            // Delta_SSL < Delta_SL in the means
  bool ssl_more_robust_ood = false;
  GapContrast id_contrast, ood_contrast;  // the same with the spread over seeds
  std::string verdict;
  double seconds = 0;
};

// Reports what is running and the share done (util/progress.h); returning false stops the
// experiment, which throws lt::Cancelled (finished cells stay for the next call).
QuickResult run_quick(const QuickOptions& options, const ProgressFn& progress = {});

// What run_quick would do, as JSON (no data read): the preset, seeds, source, OOD target, the
// supervised cells' resolved config and the probe. Throws the errors run_quick would.
std::string quick_plan_json(const QuickOptions& options);

// Each Delta with its spread and what SSL's and SL's say together (eval/gap_text.h,
// gap_line): the ID line, then the OOD one where there is an OOD probe. The CLI and the window
// print these.
std::vector<std::string> quick_gap_lines(const QuickResult& result);

// The verdict sentence of an experiment's Deltas (ood: nullptr when there is no OOD probe).
std::string quick_verdict(const GapContrast& id, const GapContrast* ood, int64_t seeds);

}  // namespace lt
