// The paper's Section 3.2 as one experiment: SimCLR and supervised pre-training on the
// semi-synthetic split-image set (frequent classes on the left half beside a random image, rare
// classes alone on the right), the two references (supervised on the 50 rare images only, and a
// randomly initialised encoder), a 5-way linear probe on the rare classes for each, and the
// share of each pre-trained run's Grad-CAM mass on the right half of held-out images, under two
// targets: the run's own score (SSL: its embedding; SL: its head's logit) and the rare probe's
// logit (the same kind of score for every run). Finished runs are reused and stopped ones
// resumed, so an interrupted experiment continues.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "experiments/cam_masses.h"
#include "util/progress.h"

namespace lt {

struct SemisynthOptions {
  // smoke (minutes, for tests), cpu (this machine, Fashion-MNIST), cpu-cifar (this machine,
  // CIFAR-10: 45 minutes on 2 cores), gpu
  std::string preset = "cpu";
  std::string source;  // empty: fashion-mnist (smoke, cpu); cpu-cifar, gpu: cifar10:DIR
  std::string layout = "squeezed";     // data/split_images.h: squeezed, half or side-by-side
  std::string cam_method = "gradcam";  // gradcam or gradcam++
  std::string out;    // where the runs go: required (the CLI defaults it beside the store)
  uint64_t seed = 0;  // the data sets' and the runs'
  std::string device = "auto";
  int64_t threads = 0;
  std::string store;  // the run store ("" or "none": none)
};

// The Grad-CAM right-half share of one run, averaged over held-out images of each group.
struct SemisynthRow {
  std::string name;            // simclr, supervised, supervised-rare, random
  std::string run_dir;         // empty for the random encoder
  double rare_probe_top1 = 0;  // 5-way linear probe on the rare classes, in [0, 1]
  // The paper's ResNet-50 number; none for the random encoder, which the paper only says is
  // about supervised-rare's.
  std::optional<double> paper_top1;
  bool has_masses = false;  // pre-trained runs only
  CamMasses masses;         // the run's own target (SSL: self, SL: label, SL-rare: predicted)
  CamMasses probe_masses;   // the rare probe's logit (of the label on rare images, else predicted)
};

struct SemisynthResult {
  std::string preset, source, layout, cam_method;
  int64_t train_images = 0;  // the imbalanced pre-training set
  int64_t probe_train_images = 0, probe_test_images = 0, heldout_images = 0;
  std::string folder;  // OUT/<preset>-<source>-<layout>-s<seed>: the sets and the runs
  std::vector<std::string> data_files;  // the cache files built (or reused)
  std::vector<SemisynthRow> rows;
  bool ssl_beats_sl = false;  // SimCLR's rare probe above supervised's
  std::string verdict;
  double seconds = 0;
};

SemisynthResult run_semisynth(const SemisynthOptions& options, const ProgressFn& progress = {});

}  // namespace lt
