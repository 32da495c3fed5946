#include "eval/gap_text.h"

#include <cmath>
#include <cstdio>

namespace lt {

std::string to_string(GapOrder order) {
  switch (order) {
    case GapOrder::kSslLosesLess:
      return "SSL loses less";
    case GapOrder::kSlLosesLess:
      return "SL loses less";
    case GapOrder::kWithinNoise:
      break;
  }
  return "within noise";
}

std::string gap_line(const std::string& what, const GapSummary& ssl, const GapSummary& sl) {
  const bool spread = ssl.per_seed.size() > 1 && sl.per_seed.size() > 1;
  const auto delta = [&](const GapSummary& g) {
    char text[64];
    if (spread) {
      std::snprintf(text, sizeof text, "%+.4f +- %.4f", g.mean, g.spread);
    } else {
      std::snprintf(text, sizeof text, "%+.4f", g.mean);
    }
    return std::string(text);
  };
  const std::string head = "Delta " + what + ": SSL " + delta(ssl) + ", SL " + delta(sl) + " -> ";
  // One seed has no spread to tell an order from noise, so the line names no winner.
  if (!spread) return head + "one seed: no spread to tell which loses less";
  const GapContrast c = contrast_gaps(ssl, sl);
  const std::string line = head + to_string(c.order);
  char why[96];
  std::snprintf(why, sizeof why, " (|difference| %.4f %s combined spread %.4f)",
                std::abs(c.difference),
                c.order == GapOrder::kWithinNoise ? "<" : ">=", c.combined_spread);
  return line + why;
}

}  // namespace lt
