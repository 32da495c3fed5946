#include "train/run_weights.h"

#include <torch/torch.h>

#include <chrono>
#include <filesystem>

#include "data/augment.h"
#include "data/dataset_tensors.h"
#include "data/source.h"
#include "data/variant.h"
#include "eval/kde_weights.h"
#include "models/features.h"
#include "runtime/device.h"
#include "train/saved_run.h"

namespace lt {

RunWeights compute_run_weights(const std::string& run_dir, const KdeOptions& options,
                               const std::string& device_name, int64_t threads,
                               const ProgressFn& progress) {
  const SavedRun run = read_saved_run(run_dir);
  set_torch_threads(int(threads));
  const DeviceChoice device = choose_device(device_name, run.config.precision);
  Method method = load_saved_method(run_dir, run);
  method->to(device.device);
  adopt_memory_format(*method, device);
  const Dataset source = load_source({run.variant.source, run.variant.split, true, {}}, progress);
  const Dataset train = materialize(source, run.variant);
  const Augmenter normalizer(run.config.augment, train.shape.channels);
  const auto features =
      encode(method->encoder(), to_tensors(train, device.device).images, normalizer, device.bf16,
             /*l2_normalize=*/true, /*batch=*/512, progress);
  const auto start = std::chrono::steady_clock::now();
  const KdeWeights kde = kde_weights(features, options, progress);
  RunWeights out;
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  out.run_id = std::filesystem::path(run_dir).filename().string();
  const auto w = kde.weights.cpu().contiguous();
  out.weights.assign(w.data_ptr<double>(), w.data_ptr<double>() + w.numel());
  out.classes = train.class_names;
  out.by_class = weights_by_class(w, train.labels, train.num_classes());
  out.bandwidth = kde.bandwidth;
  out.alpha = options.alpha;
  out.record = kde_record(kde, options.alpha, train.labels, train.num_classes());
  out.variant_hash = run.variant.hash;
  out.device = device.description;
  out.images = train;
  return out;
}

}  // namespace lt
