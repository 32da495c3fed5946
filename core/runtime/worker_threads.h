// How many threads a background worker of the workbench uses: every core but one, which the
// window (or the terminal that started the work) keeps for itself, and never fewer than one.
// One definition, so that the GUI's places and the window agree (DESIGN: cores - 1).
#pragma once

#include <algorithm>
#include <thread>

namespace lt {

inline int worker_threads() {
  // hardware_concurrency() is 0 where the count is unknown: one thread then.
  return std::max(1, int(std::thread::hardware_concurrency()) - 1);
}

}  // namespace lt
