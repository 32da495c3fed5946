// Long work reports progress through one callback type. It returns false to ask the work to
// stop (one polarity everywhere); the work then throws lt::Cancelled and leaves nothing
// half-written.
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
};

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

}  // namespace lt
