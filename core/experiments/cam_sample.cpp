#include "experiments/cam_sample.h"

#include <algorithm>
#include <random>

namespace lt {
namespace {

// `count` indices drawn from `pool`, in increasing order (so a sheet reads in data set order).
std::vector<int64_t> draw(std::vector<int64_t> pool, size_t count, std::mt19937_64& rng) {
  count = std::min(count, pool.size());
  for (size_t i = 0; i < count; ++i) std::swap(pool[i], pool[i + rng() % (pool.size() - i)]);
  pool.resize(count);
  std::sort(pool.begin(), pool.end());
  return pool;
}

}  // namespace

CamSample draw_cam_sample(const std::vector<int64_t>& labels, int64_t frequent_classes,
                          int64_t images, uint64_t seed) {
  std::vector<int64_t> frequent, rare;
  for (size_t i = 0; i < labels.size(); ++i) {
    (labels[i] < frequent_classes ? frequent : rare).push_back(int64_t(i));
  }
  const auto want = size_t(images);
  size_t want_rare = std::min(want / 2, rare.size());
  const size_t want_frequent = std::min(want - want_rare, frequent.size());
  want_rare = std::min(want - want_frequent, rare.size());
  std::mt19937_64 rng(seed);
  CamSample s;
  s.frequent = draw(frequent, want_frequent, rng);
  s.rare = draw(rare, want_rare, rng);
  return s;
}

}  // namespace lt
