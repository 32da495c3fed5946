// Everything a pre-training run needs, as one plain struct with a JSON round trip: the same JSON
// drives the CLI (--config), the GUI and the run directory, so any run can be re-run.
#pragma once

#include <cstdint>
#include <string>

#include "data/augment_config.h"
#include "data/longtail_design.h"
#include "methods/method_options.h"
#include "models/encoder_options.h"
#include "train/sam_options.h"

namespace lt {

struct RunConfig {
  // Data: a source, then either a saved variant or a design applied to its train split.
  std::string source = "fashion-mnist";
  std::string variant;         // a saved variant (JSON); empty = use `design`
  DesignSpec design;           // defaults to exp r = 0.01
  bool twin = false;           // train on the design's balanced twin instead
  std::string monitor_source;  // labelled data of the kNN monitor; empty = `source`

  // Model and method.
  EncoderOptions encoder;  // in_channels is set from the data when the run starts
  MethodOptions method;

  // Optimisation: SGD with momentum, cosine schedule with linear warm-up.
  int64_t epochs = 10;
  int64_t iterations = 0;  // > 0: train this many steps in all (epochs follow from it)
  int64_t batch_size = 256;
  double lr = 0.05;  // not scaled by batch, as the paper's code
  double momentum = 0.9;
  double weight_decay = 5e-4;
  int64_t warmup_epochs = 0;
  SamOptions sam;  // SAM, ASAM or rwSAM around the SGD step (mode none: plain SGD)

  AugmentConfig augment;

  // Monitor: weighted kNN on a balanced labelled set, every `knn_every` epochs (0 = never).
  int64_t knn_every = 1;
  int64_t knn_k = 200;
  double knn_temperature = 0.1;
  int64_t knn_bank_per_class = 500;  // images per class of the monitor's memory bank
  int64_t knn_queries = 2000;        // test images the monitor classifies

  // Where and how.
  uint64_t seed = 0;
  std::string device = "auto";     // auto, cpu, cuda, cuda:N
  std::string precision = "auto";  // auto, fp32, bf16
  int64_t threads = 0;             // torch CPU threads; 0 = all cores
  int64_t checkpoint_every = 1;    // epochs between checkpoints (and always at the end)
};

std::string config_to_json(const RunConfig& config);  // pretty-printed
// Throws a kSetting lt::Error naming an unknown field or a value of the wrong type.
RunConfig config_from_json(const std::string& text, const std::string& origin);

// Refuses nonsense before any data is read (unknown method or model, lr <= 0, ...), naming the
// field. Checks that need the data (batch larger than the variant) happen in the trainer.
void validate_config(const RunConfig& config);

// Named starting points: "cpu" (the small network, minutes on 2 cores), "smoke" (seconds, for
// tests), "paper-cifar" (the paper's CIFAR-10 SimSiam: ResNet-18, batch 512, 800 epochs),
// "imagenet-lt" (the paper's ImageNet-LT MoCo v2: ResNet-50 at 224, train/imagenet_lt_preset.h).
RunConfig preset_config(const std::string& name);

}  // namespace lt
