// A one-line progress bar on stderr when stderr is a terminal; silent otherwise (pipes, CI,
// --json), so scripts read clean output.
#pragma once

#include <chrono>

#include "util/progress.h"

namespace lt::cli {

class TerminalProgress {
 public:
  explicit TerminalProgress(bool enabled);
  ~TerminalProgress();
  // The callback to hand to core; it never asks to stop.
  ProgressFn callback();

 private:
  void draw(const Progress& p);
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point last_{};
};

// True when stderr is a terminal.
bool stderr_is_terminal();

}  // namespace lt::cli
