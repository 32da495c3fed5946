// Long work reports progress through one callback type: what is being done and how much of it,
// returning false to ask the work to stop (one polarity everywhere); the work then throws
// lt::Cancelled and leaves nothing half-written (docs/architecture.md). Data loading, KDE
// weights, probes, run evaluation, Grad-CAM inspection, the theory sweep and the experiments all
// take a ProgressFn.
#pragma once

#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>

namespace lt {

struct Progress {
  std::string stage;  // what is being done, e.g. "decoding images"
  int64_t done = 0;   // units finished
  int64_t total = 0;  // units in all, 0 when unknown

  double fraction() const { return total > 0 ? double(done) / double(total) : 0.0; }
};

// Work measured in shares of the whole (an experiment of several runs) reports in per mille.
inline constexpr int64_t kShareUnits = 1000;

using ProgressFn = std::function<bool(const Progress&)>;

class Cancelled : public std::runtime_error {
 public:
  Cancelled() : std::runtime_error("cancelled") {}
};

// Calls `progress` when set; throws Cancelled when it asks to stop.
inline void report(const ProgressFn& progress, const std::string& stage, int64_t done,
                   int64_t total) {
  if (progress && !progress(Progress{stage, done, total})) throw Cancelled();
}

// The same for a share of the whole in [0, 1].
inline void report_share(const ProgressFn& progress, const std::string& stage, double share) {
  report(progress, stage, int64_t(share * double(kShareUnits) + 0.5), kShareUnits);
}

// Asks `progress` without throwing: true to go on. For callbacks that answer with a bool (the
// trainer's epoch callback), which end the work by their own orderly stop.
inline bool still_wanted(const ProgressFn& progress, const std::string& stage, double share) {
  return !progress ||
         progress(Progress{stage, int64_t(share * double(kShareUnits) + 0.5), kShareUnits});
}

}  // namespace lt
