// A sweep plan: the grid behind the paper's Figures 1 and 2 as one plain struct with a JSON round
// trip. It names the data (source, split, distribution family, the r values and the sampling
// ratios), the methods and pre-training seeds, and the pre-training and probe settings in the
// same config types as single runs. expand() turns it into variants (each built once and shared
// by every method and seed; each imbalanced variant with its balanced twin of the same n) and
// runs, with ids derived from the plan's content, so the same plan always names the same runs.
//
// A plan says what to run, never where: the queue (sweep_queue.h) and an executor (the local
// one is sweep_runner.h) take it from there.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "data/longtail_design.h"
#include "eval/probe_options.h"
#include "experiments/run_evaluation.h"
#include "train/run_config.h"

namespace lt {

struct SweepPlan {
  std::string name = "sweep";  // letters, digits, '.', '_' and '-'; starts the sweep's id

  // The data: every variant is drawn from `split` of `source`.
  std::string source = "fashion-mnist";
  std::string split = "train";
  Distribution distribution = Distribution::kExponential;  // exp, step or pareto
  std::vector<double> ratios = {0.01};  // r of the imbalanced variants, in (0, 1)
  std::vector<double> samples = {1.0};  // sampling ratios: each class keeps floor(count * s)
  int64_t frequent = -1;                // step: classes kept at n_max (-1: half of them)
  double pareto_shape = 6.0;
  int64_t max_per_class = 0;  // n_max (0: the smallest class of the source)
  uint64_t variant_seed = 0;  // draws every variant's images; shared by all runs

  // The runs: one pre-training per (variant, method, seed).
  std::vector<std::string> methods = {"simsiam", "supervised"};
  std::vector<int64_t> seeds = {0};  // pre-training seeds (the paper: one)
  // Everything else of a run, as `longtail train --config` reads it. The plan owns source,
  // variant, design, twin, method, seed and model; device and threads belong to the executor.
  RunConfig pretrain = preset_config("cpu");
  std::string pretrain_preset_name = "cpu";  // what `pretrain` started from, for people reading it

  // The evaluation of every run: a linear probe in domain and (unless `ood_target` is "none")
  // out of domain, once per probe seed; a run's accuracy is their mean (the paper: 3 seeds).
  ProbeOptions probe = probe_preset("paper");
  std::string probe_preset_name = "paper";
  std::vector<uint64_t> probe_seeds = {0, 1, 2};
  int64_t probe_train_per_class = 0;  // > 0: probe on a balanced sample of the split
  int64_t probe_test_per_class = 0;
  std::string ood_target;  // "" = the source's default (digits for Fashion-MNIST); "none" = no OOD
};

// One variant of the sweep.
struct SweepVariantSpec {
  std::string id;  // e.g. "exp-r0.01-s0.5-imb" and its twin "exp-r0.01-s0.5-bal"
  DesignSpec design;
  bool balanced_twin = false;
  std::string twin_of;  // the twin: its imbalanced variant's id
  double ratio = 0;
  double sample = 0;
  int64_t expected_images = 0;  // n, from the source's known size; 0 when unknown without reading
};

// One pre-training run, and the evaluations that follow it.
struct SweepRunSpec {
  std::string key;      // unique in the sweep, e.g. "simsiam-exp-r0.01-s0.5-imb-seed0"
  std::string variant;  // its variant's id
  std::string method;
  int64_t seed = 0;
  bool balanced = false;
  double ratio = 0;
  double sample = 0;
  RunConfig config;  // complete but for `variant` (the variant file), device and threads
};

struct SweepExpansion {
  std::string sweep_id;  // "<name>-<8 hex digits of the plan's content>"
  std::vector<SweepVariantSpec> variants;
  std::vector<SweepRunSpec> runs;   // pairs (imbalanced, twin) next to each other
  std::vector<EvalRequest> probes;  // every run gets each: id then ood, by probe seed
  std::string ood_target;           // resolved; empty: no OOD probe
  std::string ood_note;             // why there is no OOD probe, when there is none
};

std::string plan_to_json(const SweepPlan& plan);  // pretty-printed
// Throws a kSetting lt::Error naming an unknown field, a wrong type or a value out of range.
SweepPlan plan_from_json(const std::string& text, const std::string& origin);
SweepPlan load_plan(const std::string& path);

// Named plans: "paper-cifar10" (the paper's grid: sampling ratios {1, 0.75, 0.5, 0.25, 0.125} x
// r {0.1, 0.01} with twins, SimSiam and supervised, ResNet-18, 800 epochs: for a GPU) and
// "fmnist-quick" (a small grid that finishes in about half an hour on a 2-core CPU) and
// "methods-fmnist" (every method of methods/method_list.h on one fmnist-quick cell, 3 seeds).
SweepPlan preset_plan(const std::string& name);
std::vector<std::string> plan_preset_names();

// Checks the plan and lists its variants, runs and probes; reads no data.
SweepExpansion expand(const SweepPlan& plan);

// The per-class image counts of a source's train split where they are known without reading it
// (Fashion-MNIST, MNIST, CIFAR-10, STL-10); empty otherwise.
std::vector<int64_t> known_train_counts(const std::string& source);

}  // namespace lt
