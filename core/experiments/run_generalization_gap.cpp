#include "experiments/run_generalization_gap.h"

#include <torch/torch.h>

#include "data/augment.h"
#include "data/dataset_tensors.h"
#include "data/source.h"
#include "data/variant.h"
#include "methods/method.h"
#include "runtime/device.h"
#include "train/saved_run.h"
#include "util/error.h"

namespace lt {

GeneralizationGap generalization_gap(const std::string& run_dir, int64_t passes, uint64_t seed,
                                     const std::string& device_name, int64_t threads,
                                     int64_t heldout_per_class) {
  const SavedRun run = read_saved_run(run_dir);
  const RunConfig& config = run.config;
  const Variant& variant = run.variant;
  set_torch_threads(int(threads));
  const DeviceChoice device = choose_device(device_name, config.precision);

  Method method = load_saved_method(run_dir, run);
  method->to(device.device);
  adopt_memory_format(*method, device);

  const Dataset source = load_source({variant.source, variant.split, true, {}});
  const Dataset train = materialize(source, variant);
  Dataset heldout = load_source({variant.source, "test", true, {}});
  if (heldout_per_class > 0) {
    std::vector<int64_t> kept, taken(size_t(heldout.num_classes()), 0);
    for (int64_t i = 0; i < heldout.size(); ++i)
      if (taken[size_t(heldout.labels[size_t(i)])]++ < heldout_per_class) kept.push_back(i);
    heldout = subset(heldout, kept);
  }
  const Augmenter augment(method->two_views() ? config.augment : supervised_view(config.augment),
                          train.shape.channels);

  const DatasetTensors train_t = to_tensors(train, device.device);
  const DatasetTensors heldout_t = to_tensors(heldout, device.device);
  return measure_generalization_gap(*method, train_t, heldout_t, augment,
                                    imbalanced_class_sizes(variant), passes, seed, device);
}

}  // namespace lt
