// The paper's pre-training generalisation gap (Table 1): the mean per-example pre-training loss
// on held-out images minus on the training images, with the training augmentation, averaged over
// several augmented passes, for the frequent and for the rare classes. A larger gap on the rare
// classes is what rwSAM targets.
#pragma once

#include <cstdint>
#include <vector>

namespace lt {

struct Variant;
struct DatasetTensors;
struct DeviceChoice;
class Augmenter;
class MethodImpl;

struct GeneralizationGap {
  double frequent = 0;  // held-out minus train loss, frequent classes
  double rare = 0;      // the same, rare classes
  double train_frequent = 0, heldout_frequent = 0, train_rare = 0, heldout_rare = 0;
  std::vector<int64_t> frequent_classes, rare_classes;
  int64_t passes = 0;
};

// Frequent classes are the upper half of the classes by `class_sizes` (the pre-training counts;
// for a balanced twin, those of its imbalanced variant: imbalanced_class_sizes), rare ones the
// lower half. The loss is the method's own, with `augment` (the training augmentation), averaged
// over `passes` augmented passes (the paper uses 5) drawn from `seed`.
GeneralizationGap measure_generalization_gap(MethodImpl& method, const DatasetTensors& train,
                                             const DatasetTensors& heldout,
                                             const Augmenter& augment,
                                             const std::vector<int64_t>& class_sizes,
                                             int64_t passes, uint64_t seed,
                                             const DeviceChoice& device);

// The class sizes that rank a variant's classes: its counts, or for a balanced twin the counts
// of the design it is the twin of (by rank, at any scale).
std::vector<int64_t> imbalanced_class_sizes(const Variant& variant);

}  // namespace lt
