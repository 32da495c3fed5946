#include <cmath>

#include "data/imbalance_summary.h"
#include "test_support.h"

namespace lt {
namespace {

TEST(ImbalanceSummary, BalancedCountsHaveNoInequality) {
  const auto s = summarize_counts(std::vector<int64_t>(10, 500));
  EXPECT_EQ(s.total, 5000);
  EXPECT_DOUBLE_EQ(s.ratio_achieved, 1.0);
  EXPECT_NEAR(s.gini, 0.0, 1e-12);
  EXPECT_NEAR(s.effective_classes, 10.0, 1e-9);
}

TEST(ImbalanceSummary, SkewedCountsScoreAsExpected) {
  const auto s = summarize_counts({90, 10});
  EXPECT_DOUBLE_EQ(s.ratio_achieved, 10.0 / 90.0);
  EXPECT_DOUBLE_EQ(s.imbalance_factor, 9.0);
  EXPECT_NEAR(s.gini, 0.4, 1e-12);  // (|90-10| * 2) / (2 * 2^2 * 50)
  const double entropy = -(0.9 * std::log(0.9) + 0.1 * std::log(0.1));
  EXPECT_NEAR(s.effective_classes, std::exp(entropy), 1e-12);
}

}  // namespace
}  // namespace lt
