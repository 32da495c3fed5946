#include "data/balanced_indices.h"

#include <algorithm>
#include <random>

#include "util/random.h"

namespace lt {

std::vector<int64_t> balanced_indices(const std::vector<int64_t>& labels, int64_t num_classes,
                                      int64_t per_class, uint64_t seed) {
  std::vector<std::vector<int64_t>> by_class(num_classes);
  for (size_t i = 0; i < labels.size(); ++i) by_class[labels[i]].push_back(int64_t(i));
  std::vector<int64_t> picked;
  std::mt19937_64 rng(seed ^ 0x6b6e6eULL);
  for (auto& members : by_class) {
    portable_shuffle(members, rng);
    const int64_t take = std::min<int64_t>(per_class, int64_t(members.size()));
    picked.insert(picked.end(), members.begin(), members.begin() + take);
  }
  std::sort(picked.begin(), picked.end());
  return picked;
}

}  // namespace lt
