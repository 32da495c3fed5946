// A class-balanced subset of a labelled set: the kNN monitor's bank, the probes' balanced
// training sets and the KDE's reference sample all draw it the same way.
#pragma once

#include <cstdint>
#include <vector>

namespace lt {

// Up to `per_class` images of each class, drawn by seed, ascending.
std::vector<int64_t> balanced_indices(const std::vector<int64_t>& labels, int64_t num_classes,
                                      int64_t per_class, uint64_t seed);

}  // namespace lt
