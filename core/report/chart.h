// A chart as plain data: grouped bars with error bars, the shape of the paper's Figures 1 and 2
// when one n is compared, or curves of (x, value) points with error bars (accuracy against n,
// loss against epoch), as the window draws them. The CLI (which has no Qt) writes it as SVG, CSV
// and pgfplots/TikZ (chart_export.h); a figure's sidecar names the runs it came from
// (run_figures.h).
#pragma once

#include <string>
#include <vector>

namespace lt {

// How a curve is drawn (line charts only).
enum class CurveStyle { kLineAndDots, kDots, kLine, kDashed };

struct ChartSeries {
  std::string name;            // the legend's entry
  std::vector<double> values;  // one per category (a curve: per point); NaN: no bar (no point)
  std::vector<double> errors;  // the same length (0: no error bar)
  std::vector<double> x;       // a curve's x of each value; empty for bars
  CurveStyle style = CurveStyle::kLineAndDots;
};

struct Chart {
  std::string name;  // the file stem, e.g. "gap-id"
  std::string title;
  std::string x_label, y_label;
  std::vector<std::string> categories;  // bars only
  std::vector<ChartSeries> series;
  bool curves = false;  // true: each series a curve of (x, value) points, no categories
  bool log_x = false;   // curves only
  bool log_y = false;   // curves; bars in .tex (the window's class counts), not in SVG
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
