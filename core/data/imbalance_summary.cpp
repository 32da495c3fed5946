#include "data/imbalance_summary.h"

#include <algorithm>
#include <cmath>

namespace lt {

ImbalanceSummary summarize_counts(const std::vector<int64_t>& counts) {
  ImbalanceSummary s;
  if (counts.empty()) return s;
  for (int64_t c : counts) s.total += c;
  const auto [lo, hi] = std::minmax_element(counts.begin(), counts.end());
  s.ratio_achieved = *hi > 0 ? double(*lo) / double(*hi) : 0.0;
  s.imbalance_factor = *lo > 0 ? double(*hi) / double(*lo) : INFINITY;
  if (s.total == 0) return s;
  // Gini from the sorted counts: G = sum_i (2i - n - 1) x_(i) / (n * sum x).
  std::vector<int64_t> sorted = counts;
  std::sort(sorted.begin(), sorted.end());
  const double n = double(sorted.size());
  double weighted = 0;
  for (size_t i = 0; i < sorted.size(); ++i) weighted += (2.0 * (i + 1) - n - 1) * sorted[i];
  s.gini = weighted / (n * double(s.total));
  double entropy = 0;
  for (int64_t c : counts) {
    if (c > 0) {
      const double p = double(c) / double(s.total);
      entropy -= p * std::log(p);
    }
  }
  s.effective_classes = std::exp(entropy);
  return s;
}

}  // namespace lt
