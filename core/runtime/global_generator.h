// LibTorch's global generator, which module constructors draw their initial weights from, has
// one owner in core. Every seeding goes through seed_global_generator and holds the returned
// lock until its draws are done, so two runs of one process (a GUI training job beside a sweep,
// two sweep workers) never mix their draws: a run is the same alone or beside others. Data
// order, augmentation and KDE take per-run generators of their own and need no lock.
#pragma once

#include <cstdint>
#include <mutex>

namespace lt {

// Seeds the global generator with `seed`; the draws that belong to that seed are made while the
// returned lock is held. Never call it again on the same thread while holding it.
std::unique_lock<std::mutex> seed_global_generator(uint64_t seed);

}  // namespace lt
