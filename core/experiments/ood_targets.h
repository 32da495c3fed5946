// Several out-of-domain targets at once, one folder data set each under one folder: how the
// paper evaluates ImageNet-LT's representations out of domain (fine-tuned on fine-grained data
// sets, imagenet/ft_moco.py of the official code), and how a user brings their own targets.
// Each target's evaluation is saved under its name (eval-ood@NAME.json, or
// eval-ood-finetune@NAME.json), so that the targets sit beside each other and beside the run's
// plain OOD evaluation, and `longtail gap --probe ood-finetune@NAME` compares runs on one.
#pragma once

#include <string>
#include <vector>

#include "experiments/run_evaluation.h"
#include "util/progress.h"

namespace lt {

struct OodTarget {
  std::string name;    // the folder's name, e.g. "cub200"
  std::string source;  // folder:DIR/NAME (train/ and test/ class folders, or class folders)
};

// The targets in `dir`: every folder under it that holds folders (class folders, or train/ and
// test/), in name order; hidden folders are skipped. Throws a kIo lt::Error when `dir` is not a
// folder, a kSetting one when it holds no target or a target's name cannot be a file name.
std::vector<OodTarget> ood_targets_in(const std::string& dir);

// Evaluates the run on every target of `dir` in turn with `request`'s mode and options (its
// probe becomes "ood", its target and target name each target's), saving each.
std::vector<EvalResult> evaluate_run_on_targets(const std::string& run_dir, EvalRequest request,
                                                const std::string& dir,
                                                const ProgressFn& progress = {});

}  // namespace lt
