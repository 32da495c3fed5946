// Two Deltas in words, the one wording of longtail quick's table and verdict, the report's
// summary and the window's headline: what an order says, and one line per Delta with its spread
// over seeds beside the other's.
#pragma once

#include <string>

#include "eval/relative_gap.h"

namespace lt {

// "SSL loses less", "SL loses less" or "within noise".
std::string to_string(GapOrder order);

// One Delta with its spread beside the other and what the two say (contrast_gaps), e.g.
//   "Delta ID: SSL +0.0312 +- 0.0100, SL +0.0360 +- 0.0090 -> within noise
//    (|difference| 0.0048 < combined spread 0.0135)"
// and with one seed "Delta ID: SSL +0.0070, SL +0.0500 -> SSL loses less (one seed: no spread)".
// `what`: the probe, e.g. "ID" or "OOD".
std::string gap_line(const std::string& what, const GapSummary& ssl, const GapSummary& sl);

}  // namespace lt
