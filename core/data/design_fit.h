// Whether a long-tail design fits a source well enough for the headline experiment (the
// imbalanced variant and its balanced twin of the same n, every class kept, enough images for a
// few batches), and if not, the nearest ratio or sampling that does: a user's own folder of a
// few hundred images meets the presets' r = 0.01 long before it meets a bug.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "data/longtail_design.h"

namespace lt {

struct DesignFit {
  bool fits = false;
  std::string problem;     // what does not fit, naming the class (empty when it fits)
  std::string suggestion;  // e.g. "--ratio 0.2" or "--sample 0.5 or --ratio 0.1" (may be empty)
  std::vector<int64_t> counts;       // the imbalanced variant, in class order (when it fits)
  std::vector<int64_t> twin_counts;  // its balanced twin
  int64_t total = 0;
};

// `available`: the images per class of the source's split; `min_total`: the fewest images a
// variant may hold (a pre-training needs a few batches).
DesignFit check_design_fit(const DesignSpec& spec, const std::vector<int64_t>& available,
                           const std::vector<std::string>& class_names, int64_t min_total);

}  // namespace lt
