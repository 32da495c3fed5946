// Tests outside Qt wait for what they expect (a run in the store, a Slurm job's state), checked
// again and again, never for a fixed time: `ready` is polled, first every few milliseconds and
// then less often (a check may start a process), until it holds or `seconds` pass. The limit only
// bounds a failure; a fast machine returns as soon as the state is there.
#pragma once

#include <algorithm>
#include <chrono>
#include <thread>

namespace lt::test {

template <typename Predicate>
bool wait_until(Predicate ready, double seconds) {
  const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  auto pause = std::chrono::milliseconds(5);
  while (std::chrono::steady_clock::now() < end) {
    if (ready()) return true;
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, std::chrono::milliseconds(250));
  }
  return ready();
}

}  // namespace lt::test
