// The paper's measure of how much imbalance hurts: Delta(n, r) = (A(n, 1) - A(n, r)) / A(n, 1),
// the relative accuracy lost by pre-training on the imbalanced variant instead of its balanced
// twin of the same size n.
#pragma once

#include <vector>

namespace lt {

double relative_gap(double balanced_accuracy, double imbalanced_accuracy);

struct GapSummary {
  double mean = 0;    // Delta of the mean accuracies
  double spread = 0;  // sample standard deviation of the per-seed Deltas (0 for one seed)
  std::vector<double> per_seed;
};

// Pairs the i-th balanced with the i-th imbalanced accuracy (one pair per seed). Throws a
// kSetting lt::Error when the lists are empty or of different lengths.
GapSummary relative_gap(const std::vector<double>& balanced, const std::vector<double>& imbalanced);

// Two Deltas side by side (SSL's first): their difference against their combined spread over
// seeds, sqrt(spread_ssl^2 + spread_sl^2). Within noise when |difference| is smaller than it;
// with one seed there is no spread and nothing is within noise.
enum class GapOrder { kSslLosesLess, kSlLosesLess, kWithinNoise };
struct GapContrast {
  double difference = 0;  // Delta_SSL - Delta_SL
  double combined_spread = 0;
  GapOrder order = GapOrder::kWithinNoise;
};
GapContrast contrast_gaps(const GapSummary& ssl, const GapSummary& sl);

}  // namespace lt
