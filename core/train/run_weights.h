// rwSAM's weights for a run: its encoder's features (L2-normalised, no augmentation) of every
// image it pre-trained on, turned into KDE weights (eval/kde_weights.h), with the view of what
// they found: per-class mean weight against class size.
#pragma once

#include <string>
#include <vector>

#include "data/dataset.h"
#include "eval/kde_options.h"
#include "util/progress.h"

namespace lt {

struct RunWeights {
  std::string run_id;
  std::vector<double> weights;  // one per pre-training image, in the variant's order, mean 1
  std::vector<std::string> classes;
  WeightsByClass by_class;
  double bandwidth = 0;
  double alpha = 0;
  KdeRecord record;          // h and how it was chosen, the weights' spread, Spearman
  std::string variant_hash;  // the images the weights belong to
  std::string device;
  double seconds = 0;  // the KDE alone, features excluded
  Dataset images;      // the pre-training images, in the weights' order (for views)
};

// `progress` hears of the loading, the encoding and the KDE's blocks; when it returns false the
// computation stops with lt::Cancelled.
RunWeights compute_run_weights(const std::string& run_dir, const KdeOptions& options,
                               const std::string& device = "auto", int64_t threads = 0,
                               const ProgressFn& progress = {});

}  // namespace lt
