// Grad-CAM for an interactive viewer: a run opened once, then asked for the maps of chosen
// images of a data set, with plain results (no LibTorch header), so the GUI compiles without
// LibTorch and can keep one open run per view while the user changes images, method or target.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "data/dataset.h"
#include "explain/probe_file.h"
#include "util/progress.h"

namespace lt {

struct CamMaps {
  int64_t height = 0, width = 0;
  std::vector<int64_t> indices;     // the images explained, as indices into the data set
  std::vector<float> maps;          // indices.size() x height x width, each in [0, 1]
  std::vector<double> right_share;  // per image: the share of the map's mass on the right half
  std::vector<int64_t> explained;   // per image: the class explained, or -1 (embedding target)
  std::string method, target, device;
  const float* map(size_t i) const { return maps.data() + i * size_t(height * width); }
};

// What the target "probe" explains: a linear probe's logit, its class k being the data set's
// label first_label + k (semisynth's rare probe: k = label - 5, the frequent classes first).
struct CamProbe {
  LinearProbe probe;
  int64_t first_label = 0;
};

class CamInspection {
 public:
  // Opens the run (its last checkpoint) on `device`; throws a typed lt::Error when the directory
  // is not a run or its checkpoint is damaged. `threads` > 0 sets torch's CPU threads; 0 keeps
  // the process's setting.
  explicit CamInspection(const std::string& run_dir, const std::string& device = "auto",
                         int64_t threads = 0);
  ~CamInspection();
  CamInspection(const CamInspection&) = delete;
  CamInspection& operator=(const CamInspection&) = delete;

  const std::string& run_dir() const;
  const std::string& method_name() const;  // the run's pre-training method, e.g. "simclr"
  bool supervised() const;
  int64_t feature_dim() const;  // the width of the pooled embedding a linear probe reads

  // Maps of `data`'s images at `indices`. `method`: gradcam or gradcam++; `target`: auto, label,
  // predicted, self, mean (mean: the mean embedding of the images at `indices`) or probe (a
  // logit of `probe`: the image's label's where the probe has that class, else the predicted
  // one; `explained` in the data set's labels). Throws kData when the images do not have the
  // run's input shape, kSetting when the probe does not fit the run's features; lt::Cancelled
  // when `progress` (told of every batch) returns false.
  CamMaps explain(const Dataset& data, const std::vector<int64_t>& indices,
                  const std::string& method, const std::string& target,
                  const ProgressFn& progress = {}, const CamProbe& probe = {}) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace lt
