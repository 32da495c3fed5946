// A chart's files: CSV (every number, the same bytes for the same runs), SVG (with the figure's
// provenance in its <metadata>) and a pgfplots/TikZ document that pdflatex compiles as it is
// (its tikzpicture can be pasted into a paper that loads pgfplots).
#pragma once

#include <string>
#include <vector>

#include "report/chart.h"

namespace lt {

std::string chart_csv(const Chart& chart);
// `provenance_json`: the sidecar's JSON, embedded so that the SVG alone says where it came from.
std::string chart_svg(const Chart& chart, const FigureSize& size,
                      const std::string& provenance_json);
std::string chart_tex(const Chart& chart, const FigureSize& size,
                      const std::string& provenance_line);
// Several charts as panels side by side in one picture (Table 1's accuracy and gap panels),
// sharing the column's width.
std::string chart_tex(const std::vector<Chart>& panels, const FigureSize& size,
                      const std::string& provenance_line);

}  // namespace lt
