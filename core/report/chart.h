// A chart as plain data: grouped bars with error bars, the shape of the paper's Figures 1 and 2
// when one n is compared. The CLI (which has no Qt) writes it as SVG, CSV and pgfplots/TikZ
// (chart_export.h); a figure's sidecar names the runs it came from (run_figures.h).
#pragma once

#include <string>
#include <vector>

namespace lt {

struct ChartSeries {
  std::string name;            // the legend's entry
  std::vector<double> values;  // one per category; NaN where the series has no bar
  std::vector<double> errors;  // the same length (0: no error bar)
};

struct Chart {
  std::string name;  // the file stem, e.g. "gap-id"
  std::string title;
  std::string x_label, y_label;
  std::vector<std::string> categories;
  std::vector<ChartSeries> series;
};

// A paper's column: single (3.25 in) or double (6.75 in), with the font size that matches the
// body text of a 10 pt two-column paper (8 and 9 pt).
struct FigureSize {
  std::string name;
  double width_in = 3.25;
  double height_in = 2.3;
  double font_pt = 8;
};

// "single" or "double"; a kSetting error names the choices otherwise.
FigureSize figure_size(const std::string& name);

}  // namespace lt
