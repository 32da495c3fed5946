// The generalisation gap (eval/generalization_gap.h) of a saved run: its final model, its
// variant's training images and the source's test split as the held-out images.
#pragma once

#include <cstdint>
#include <string>

#include "eval/generalization_gap.h"

namespace lt {

// `heldout_per_class` > 0 measures on the first that many test images of each class (smoke
// runs); 0 takes them all. Throws kSetting when `passes` < 1.
GeneralizationGap generalization_gap(const std::string& run_dir, int64_t passes = 5,
                                     uint64_t seed = 0, const std::string& device = "auto",
                                     int64_t threads = 0, int64_t heldout_per_class = 0);

}  // namespace lt
