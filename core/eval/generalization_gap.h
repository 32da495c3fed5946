// The paper's pre-training generalisation gap (Table 1): the mean per-example pre-training loss
// on held-out images minus on the training images, with the training augmentation, averaged over
// several augmented passes, for the frequent and for the rare classes. A larger gap on the rare
// classes is what rwSAM targets.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace lt {

struct Variant;

struct GeneralizationGap {
  double frequent = 0;  // held-out minus train loss, frequent classes
  double rare = 0;      // the same, rare classes
  double train_frequent = 0, heldout_frequent = 0, train_rare = 0, heldout_rare = 0;
  std::vector<int64_t> frequent_classes, rare_classes;
  int64_t passes = 0;
};

// Frequent classes are the upper half of the classes by pre-training count, rare ones the lower
// half (for a step variant, exactly its two groups); for a balanced twin, by the count of its
// imbalanced variant (imbalanced_class_sizes), so that both mean the same classes. Held-out images
// come from the source's test split. `passes` augmented passes (the paper uses 5), seeded by
// `seed`. `heldout_per_class` > 0 measures on the first that many test images of each class (smoke
// runs); 0 takes them all.
GeneralizationGap generalization_gap(const std::string& run_dir, int64_t passes = 5,
                                     uint64_t seed = 0, const std::string& device = "auto",
                                     int64_t threads = 0, int64_t heldout_per_class = 0);

// The class sizes that rank a variant's classes: its counts, or for a balanced twin the counts
// of the design it is the twin of (by rank, at any scale).
std::vector<int64_t> imbalanced_class_sizes(const Variant& variant);

}  // namespace lt
