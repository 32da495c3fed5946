// Evaluates a finished (or checkpointed) run: a linear probe on its frozen encoder, in domain
// (the source's balanced train split, scored on its test split) or out of domain (a target data
// set, resized and converted to the run's input). The result is written to the run directory
// as eval-id.json or eval-ood.json and returned.
#pragma once

#include <string>
#include <vector>

#include "eval/probe_options.h"
#include "util/progress.h"

namespace lt {

struct EvalRequest {
  std::string probe = "id";     // id or ood
  std::string mode = "linear";  // linear (probe on frozen features) or finetune (end to end)
  FineTuneOptions finetune;
  std::string target;  // ood: the target source; empty = the default for the run's
                       // source (fashion-mnist -> digits)
  // ood: the target's short name when it is one of several (the fine-grained sets of
  // ood_targets.h): saved as eval-ood@NAME.json (or eval-ood-finetune@NAME.json), beside the
  // run's plain OOD evaluation instead of over it.
  std::string target_name;
  ProbeOptions options;
  int64_t train_per_class = 0;  // > 0: a balanced sample of the probe's train split (smoke runs)
  int64_t test_per_class = 0;   // > 0: likewise for its test split
  std::string device = "auto";
  int64_t threads = 0;
};

struct EvalResult {
  std::string run_id;
  std::string probe;
  std::string mode = "linear";
  std::string data;         // the source (id) or target (ood) probed
  std::string target_name;  // see EvalRequest
  double top1 = 0;
  std::vector<std::string> classes;
  std::vector<double> per_class;
  std::vector<int64_t> test_counts;
  ShotSplit shots;  // id only: by the classes' pre-training counts
  int64_t train_images = 0;
  int64_t test_images = 0;
  std::string device;
  double seconds = 0;
};

// `progress` hears of the loading, encoding and probe epochs; when it returns false the
// evaluation stops with lt::Cancelled and writes nothing.
EvalResult evaluate_run(const std::string& run_dir, const EvalRequest& request,
                        const ProgressFn& progress = {});

// The name an evaluation is saved and recorded under: id, ood, id-finetune or ood-finetune, and
// ood@NAME or ood-finetune@NAME for a named target.
std::string evaluation_key(const std::string& probe, const std::string& mode,
                           const std::string& target_name = "");

// The evaluation saved by evaluate_run (`probe`: an evaluation_key), or a kIo lt::Error saying
// which command makes it.
EvalResult load_evaluation(const std::string& run_dir, const std::string& probe);

// The OOD target used when none is named: digits for Fashion-MNIST/MNIST sources; empty where
// there is no packaged default (CIFAR-10's is STL-10, which the user must name).
std::string default_ood_target(const std::string& source);

}  // namespace lt
