// How imbalanced a set of per-class counts is, in the numbers the designer reports.
#pragma once

#include <cstdint>
#include <vector>

namespace lt {

struct ImbalanceSummary {
  int64_t total = 0;
  double ratio_achieved = 0;     // smallest class / largest class (the paper's r)
  double imbalance_factor = 0;   // largest / smallest, 1/r
  double gini = 0;               // 0 for balanced, towards 1 when one class holds everything
  double effective_classes = 0;  // exp(entropy of the class proportions): C when balanced
};

ImbalanceSummary summarize_counts(const std::vector<int64_t>& counts);

}  // namespace lt
