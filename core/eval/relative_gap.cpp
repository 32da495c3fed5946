#include "eval/relative_gap.h"

#include <cmath>
#include <numeric>

#include "util/error.h"

namespace lt {

double relative_gap(double balanced_accuracy, double imbalanced_accuracy) {
  if (!(balanced_accuracy > 0)) {
    throw_data("the balanced run's accuracy is " + std::to_string(balanced_accuracy) +
               ": the relative gap is undefined");
  }
  return (balanced_accuracy - imbalanced_accuracy) / balanced_accuracy;
}

GapSummary relative_gap(const std::vector<double>& balanced,
                        const std::vector<double>& imbalanced) {
  if (balanced.empty() || balanced.size() != imbalanced.size()) {
    throw_setting("the gap needs as many balanced as imbalanced runs (one pair per seed), got " +
                  std::to_string(balanced.size()) + " and " + std::to_string(imbalanced.size()));
  }
  GapSummary s;
  for (size_t i = 0; i < balanced.size(); ++i) {
    s.per_seed.push_back(relative_gap(balanced[i], imbalanced[i]));
  }
  const double n = double(balanced.size());
  const double mean_bal = std::accumulate(balanced.begin(), balanced.end(), 0.0) / n;
  const double mean_imb = std::accumulate(imbalanced.begin(), imbalanced.end(), 0.0) / n;
  s.mean = relative_gap(mean_bal, mean_imb);
  if (s.per_seed.size() > 1) {
    const double m = std::accumulate(s.per_seed.begin(), s.per_seed.end(), 0.0) / n;
    double ss = 0;
    for (double d : s.per_seed) ss += (d - m) * (d - m);
    s.spread = std::sqrt(ss / (n - 1));
  }
  return s;
}

GapContrast contrast_gaps(const GapSummary& ssl, const GapSummary& sl) {
  GapContrast c;
  c.difference = ssl.mean - sl.mean;
  c.combined_spread = std::sqrt(ssl.spread * ssl.spread + sl.spread * sl.spread);
  if (std::abs(c.difference) < c.combined_spread || c.difference == 0) {
    c.order = GapOrder::kWithinNoise;
  } else {
    c.order = c.difference < 0 ? GapOrder::kSslLosesLess : GapOrder::kSlLosesLess;
  }
  return c;
}

}  // namespace lt
