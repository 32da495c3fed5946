// Seeded randomness whose results are the same with every C++ standard library: std::shuffle
// and std::uniform_int_distribution are implementation-defined, mt19937_64 is not. A variant
// built on the GPU machine (Ubuntu, g++ 13) must equal the one built here.
#pragma once

#include <cstdint>
#include <random>
#include <vector>

namespace lt {

// A uniform integer in [0, bound) by rejection, with no modulo bias.
inline uint64_t uniform_below(std::mt19937_64& rng, uint64_t bound) {
  const uint64_t limit = UINT64_MAX - UINT64_MAX % bound;
  uint64_t x;
  do {
    x = rng();
  } while (x >= limit);
  return x % bound;
}

// Fisher-Yates, front to back.
template <typename T>
void portable_shuffle(std::vector<T>& items, std::mt19937_64& rng) {
  for (size_t i = 0; i + 1 < items.size(); ++i) {
    const size_t j = i + uniform_below(rng, items.size() - i);
    std::swap(items[i], items[j]);
  }
}

}  // namespace lt
