// rwSAM's fixed weights where the paper's workflow takes them: from a finished plain run (the
// KDE of its final encoder's features of every image it trained on) or from the file that
// `longtail weights --out` wrote. A rwSAM run then trains its whole schedule with them.
#pragma once

#include <string>
#include <vector>

#include "eval/kde_options.h"

namespace lt {

struct RwsamWeights {
  std::vector<double> weights;  // one per training image, in the variant's order, mean 1
  KdeRecord record;
  std::string from;  // the run directory or the file
};

// `from`: a run directory or a weights file. The weights must belong to the images of the
// variant `variant_hash` (n of them): a run on other images, or a file of another length, is
// refused (kSetting) naming both. `options`, `device` and `threads`: for a run's KDE.
RwsamWeights load_rwsam_weights(const std::string& from, const KdeOptions& options,
                                const std::string& variant_hash, int64_t n,
                                const std::string& device, int64_t threads);

}  // namespace lt
