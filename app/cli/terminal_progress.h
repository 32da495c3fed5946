// A one-line progress bar on stderr when stderr is a terminal; silent otherwise (pipes, CI,
// --json), so scripts read clean output. LONGTAIL_PROGRESS=lines asks for plain lines on stderr
// instead ("progress STAGE DONE/TOTAL"), whatever stderr is, for wrappers that read a pipe. Either
// way its callback asks the work to stop after Ctrl-C (see install_interrupt_handler), so an
// interrupted import leaves no half-written file.
#pragma once

#include <chrono>

#include "util/progress.h"

namespace lt::cli {

class TerminalProgress {
 public:
  explicit TerminalProgress(bool enabled);
  ~TerminalProgress();
  // The callback to hand to core; it asks to stop once Ctrl-C was pressed.
  ProgressFn callback();

 private:
  void draw(const Progress& p);
  bool enabled_;
  bool lines_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point last_{};
};

// True when stderr is a terminal.
bool stderr_is_terminal();

// The first SIGINT or SIGTERM sets a flag that progress callbacks turn into a clean stop; a
// second one ends the process at once.
void install_interrupt_handler();
bool interrupted();

}  // namespace lt::cli
