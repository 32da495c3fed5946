// The paper's Figure 1 from a sweep report, as a small self-contained SVG: the relative gap
// Delta against n (log scale), one line per method and r, provisional (kNN) points hollow. The
// CLI has no Qt and draws this by hand; the GUI's Sweep place draws its own and exports PNG/PDF.
#pragma once

#include <string>

#include "sweep/sweep_report.h"

namespace lt {

// `probe`: id or ood; the provisional gaps are drawn where that probe has no final gap yet.
std::string gap_figure_svg(const SweepReport& report, const std::string& probe = "id");

}  // namespace lt
