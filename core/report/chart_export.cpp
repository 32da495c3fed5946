#include "report/chart_export.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "util/error.h"

namespace lt {
namespace {

const char* const kColours[] = {"#4c72b0", "#dd8452", "#55a868", "#c44e52", "#8172b3", "#937860"};

std::string num(double v, const char* format = "%.10g") {
  char text[48];
  std::snprintf(text, sizeof text, format, v);
  return text;
}

std::string xml(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string tex(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '\\':
        out += "\\textbackslash{}";
        break;
      case '&':
      case '%':
      case '$':
      case '#':
      case '_':
      case '{':
      case '}':
        out += '\\';
        out += c;
        break;
      case '~':
        out += "\\textasciitilde{}";
        break;
      case '^':
        out += "\\textasciicircum{}";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// 1, 2, 5 x 10^k steps giving about `count` ticks over [lo, hi].
double nice_step(double lo, double hi, int count) {
  const double raw = std::max(hi - lo, 1e-12) / std::max(1, count);
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    if (m * magnitude >= raw) return m * magnitude;
  }
  return 10 * magnitude;
}

bool has_bar(const ChartSeries& s, size_t i) {
  return i < s.values.size() && std::isfinite(s.values[i]);
}

double error_of(const ChartSeries& s, size_t i) {
  return i < s.errors.size() && std::isfinite(s.errors[i]) ? s.errors[i] : 0.0;
}

// A curve's point i, where it can be drawn on the chart's axes (a log axis has no 0).
bool has_point(const Chart& c, const ChartSeries& s, size_t i) {
  return i < s.x.size() && has_bar(s, i) && std::isfinite(s.x[i]) && (!c.log_x || s.x[i] > 0) &&
         (!c.log_y || s.values[i] > 0);
}

std::string curves_csv(const Chart& chart) {
  std::string out = "figure,series,x,value,error\n";
  for (const auto& s : chart.series) {
    for (size_t i = 0; i < s.x.size(); ++i) {
      if (!has_bar(s, i) || !std::isfinite(s.x[i])) continue;
      out += csv_field(chart.name) + "," + csv_field(s.name) + "," + num(s.x[i]) + "," +
             num(s.values[i]) + "," + num(error_of(s, i)) + "\n";
    }
  }
  return out;
}

// An axis's range and ticks: nice steps on a linear axis, powers of ten on a log one.
struct AxisScale {
  double lo = 0, hi = 1;
  bool log = false;
  std::vector<double> ticks;
  double at(double v, double from, double to) const {  // v's position between from and to
    const double t = log ? (std::log10(v) - std::log10(lo)) / (std::log10(hi) - std::log10(lo))
                         : (v - lo) / (hi - lo);
    return from + (to - from) * t;
  }
};

AxisScale axis_scale(double lo, double hi, bool log) {
  AxisScale a;
  a.log = log;
  if (!(lo <= hi)) lo = hi = log ? 1 : 0;  // no point at all
  if (log) {
    // The points' decades, a twentieth of their span wider on each side (at least a decade
    // across), with a tick at each power of ten between and at the ends when none is.
    const double from = std::log10(lo), to = std::log10(hi);
    const double pad = std::max(0.05 * (to - from), to - from < 1 ? (1 - (to - from)) / 2 : 0.0);
    a.lo = std::pow(10.0, from - pad);
    a.hi = std::pow(10.0, to + pad);
    for (double e = std::ceil(from - pad); e <= to + pad + 1e-9; ++e)
      a.ticks.push_back(std::pow(10.0, e));
    if (a.ticks.size() < 2) a.ticks = {lo, hi};
    return a;
  }
  if (hi - lo < 1e-12) {
    lo -= 0.5;
    hi += 0.5;
  }
  const double step = nice_step(lo, hi, 4);
  a.lo = std::floor(lo / step) * step;
  a.hi = std::ceil(hi / step) * step;
  for (double v = a.lo; v <= a.hi + step / 2; v += step)
    a.ticks.push_back(std::abs(v) < step / 1e6 ? 0.0 : v);
  return a;
}

// The opening of a chart's SVG: its size in inches over a viewBox in points, the title, the
// provenance in <metadata>, a white page and the title text.
std::string svg_head(const Chart& chart, const FigureSize& size,
                     const std::string& provenance_json) {
  const double W = size.width_in * 72, H = size.height_in * 72, f = size.font_pt;
  std::ostringstream svg;
  svg << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << num(size.width_in)
      << "in\" height=\"" << num(size.height_in) << "in\" viewBox=\"0 0 " << num(W) << " " << num(H)
      << "\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"" << num(f) << "\">\n";
  svg << "<title>" << xml(chart.title) << "</title>\n";
  svg << "<metadata><longtail-figure xmlns=\"https://longtail-lab.invalid/figure\">"
      << xml(provenance_json) << "</longtail-figure></metadata>\n";
  svg << "<rect width=\"" << num(W) << "\" height=\"" << num(H) << "\" fill=\"white\"/>\n";
  svg << "<text x=\"" << num(W / 2) << "\" y=\"" << num(1.3 * f) << "\" text-anchor=\"middle\">"
      << xml(chart.title) << "</text>\n";
  return svg.str();
}

std::string curves_svg(const Chart& chart, const FigureSize& size,
                       const std::string& provenance_json) {
  const double W = size.width_in * 72, H = size.height_in * 72, f = size.font_pt;
  // The legend: rows under the title, wrapped at the figure's width (text widths estimated at
  // 0.55 em), so that it never covers a curve.
  struct Entry {
    double x, y;
  };
  std::vector<Entry> entries;
  double legend_x = 0.5 * f, legend_y = 2.0 * f;
  for (const auto& s : chart.series) {
    const double w = 2.1 * f + 0.55 * f * double(s.name.size()) + 0.8 * f;
    if (legend_x > 0.5 * f && legend_x + w > W - 0.5 * f) {
      legend_x = 0.5 * f;
      legend_y += 1.2 * f;
    }
    entries.push_back({legend_x, legend_y});
    legend_x += w;
  }
  const double left = 4.2 * f, right = 1.6 * f, top = legend_y + 1.6 * f, bottom = 3.4 * f;
  const double plot_w = W - left - right, plot_h = H - top - bottom;
  double x_lo = INFINITY, x_hi = -INFINITY, y_lo = INFINITY, y_hi = -INFINITY;
  for (const auto& s : chart.series) {
    for (size_t i = 0; i < s.x.size(); ++i) {
      if (!has_point(chart, s, i)) continue;
      const double e = error_of(s, i);
      x_lo = std::min(x_lo, s.x[i]);
      x_hi = std::max(x_hi, s.x[i]);
      const double low = chart.log_y && s.values[i] - e <= 0 ? s.values[i] : s.values[i] - e;
      y_lo = std::min(y_lo, low);
      y_hi = std::max(y_hi, s.values[i] + e);
    }
  }
  const AxisScale xs = axis_scale(x_lo, x_hi, chart.log_x);
  const AxisScale ys = axis_scale(y_lo, y_hi, chart.log_y);
  const auto X = [&](double v) { return xs.at(v, left, left + plot_w); };
  const auto Y = [&](double v) { return ys.at(v, top + plot_h, top); };

  std::ostringstream svg;
  svg << svg_head(chart, size, provenance_json);
  for (double v : ys.ticks) {
    svg << "<line x1=\"" << num(left) << "\" x2=\"" << num(left + plot_w) << "\" y1=\"" << num(Y(v))
        << "\" y2=\"" << num(Y(v)) << "\" stroke=\"#dddddd\" stroke-width=\"0.5\"/>\n";
    svg << "<text x=\"" << num(left - 0.3 * f) << "\" y=\"" << num(Y(v) + 0.35 * f)
        << "\" text-anchor=\"end\">" << num(v, "%g") << "</text>\n";
  }
  for (double v : xs.ticks) {
    svg << "<text x=\"" << num(X(v)) << "\" y=\"" << num(top + plot_h + 1.2 * f)
        << "\" text-anchor=\"middle\">" << num(v, "%g") << "</text>\n";
  }
  svg << "<rect x=\"" << num(left) << "\" y=\"" << num(top) << "\" width=\"" << num(plot_w)
      << "\" height=\"" << num(plot_h)
      << "\" fill=\"none\" stroke=\"black\" stroke-width=\"0.6\"/>\n";
  for (size_t k = 0; k < chart.series.size(); ++k) {
    const auto& s = chart.series[k];
    const char* colour = kColours[k % 6];
    if (s.style != CurveStyle::kDots) {
      // A missing point breaks the line, as pgfplots' unbounded coords=jump does.
      std::string path;
      bool pen_down = false;
      for (size_t i = 0; i < s.x.size(); ++i) {
        if (!has_point(chart, s, i)) {
          pen_down = false;
          continue;
        }
        path += (pen_down ? "L" : "M") + num(X(s.x[i])) + " " + num(Y(s.values[i]));
        pen_down = true;
      }
      svg << "<path d=\"" << path << "\" fill=\"none\" stroke=\"" << colour
          << "\" stroke-width=\"1\""
          << (s.style == CurveStyle::kDashed ? " stroke-dasharray=\"3 2\"" : "") << "/>\n";
    }
    for (size_t i = 0; i < s.x.size(); ++i) {
      if (!has_point(chart, s, i)) continue;
      const double cx = X(s.x[i]), e = error_of(s, i);
      if (e > 0) {
        const double low = chart.log_y && s.values[i] - e <= 0 ? s.values[i] : s.values[i] - e;
        svg << "<path d=\"M" << num(cx) << " " << num(Y(low)) << "V" << num(Y(s.values[i] + e))
            << "\" stroke=\"" << colour << "\" stroke-width=\"0.6\" fill=\"none\"/>\n";
      }
      if (s.style != CurveStyle::kLine) {
        svg << "<circle cx=\"" << num(cx) << "\" cy=\"" << num(Y(s.values[i])) << "\" r=\""
            << num(0.22 * f) << "\" fill=\"" << colour << "\"/>\n";
      }
    }
  }
  svg << "<text x=\"" << num(left + plot_w / 2) << "\" y=\"" << num(H - 0.5 * f)
      << "\" text-anchor=\"middle\">" << xml(chart.x_label) << "</text>\n";
  svg << "<text transform=\"translate(" << num(1.0 * f) << " " << num(top + plot_h / 2)
      << ") rotate(-90)\" text-anchor=\"middle\">" << xml(chart.y_label) << "</text>\n";
  for (size_t k = 0; k < chart.series.size(); ++k) {
    const auto& s = chart.series[k];
    const double x = entries[k].x, y = entries[k].y + 0.35 * f;
    svg << "<line x1=\"" << num(x) << "\" x2=\"" << num(x + 1.6 * f) << "\" y1=\"" << num(y)
        << "\" y2=\"" << num(y) << "\" stroke=\"" << kColours[k % 6] << "\" stroke-width=\"1\""
        << (s.style == CurveStyle::kDashed ? " stroke-dasharray=\"3 2\"" : "")
        << (s.style == CurveStyle::kDots ? " stroke-opacity=\"0\"" : "") << "/>\n";
    if (s.style != CurveStyle::kLine) {
      svg << "<circle cx=\"" << num(x + 0.8 * f) << "\" cy=\"" << num(y) << "\" r=\""
          << num(0.22 * f) << "\" fill=\"" << kColours[k % 6] << "\"/>\n";
    }
    svg << "<text x=\"" << num(x + 2.1 * f) << "\" y=\"" << num(y + 0.35 * f) << "\">"
        << xml(s.name) << "</text>\n";
  }
  svg << "</svg>\n";
  return svg.str();
}

// The pgfplots options that draw a curve as the window does.
const char* curve_options(CurveStyle style) {
  switch (style) {
    case CurveStyle::kDots:
      return "only marks, mark=*";
    case CurveStyle::kLine:
      return "no markers";
    case CurveStyle::kDashed:
      return "dashed, mark=*";
    case CurveStyle::kLineAndDots:
      break;
  }
  return "mark=*";
}

// Where an axis goes in the picture: panels stand side by side, the first at the origin.
struct AxisBox {
  double width_in = 0, height_in = 0, x_in = 0;
};

std::string at_option(const AxisBox& box) {
  return box.x_in > 0 ? "at={(" + num(box.x_in) + "in,0)}, " : "";
}

std::string curves_tex_axis(const Chart& chart, const AxisBox& box, const char* font) {
  std::ostringstream t;
  t << "\\begin{axis}[" << at_option(box) << "width=" << num(box.width_in)
    << "in, height=" << num(box.height_in) << "in,\n  title={" << tex(chart.title) << "}, xlabel={"
    << tex(chart.x_label) << "}, ylabel={" << tex(chart.y_label) << "},\n  "
    << (chart.log_x ? "xmode=log, " : "") << (chart.log_y ? "ymode=log, " : "")
    << "unbounded coords=jump, legend style={font=" << font
    << ", at={(0.5,-0.3)}, anchor=north, legend columns=-1, draw=none},\n"
    << "  xmajorgrids, ymajorgrids, mark size=1.2pt]\n";
  for (const auto& s : chart.series) {
    t << "\\addplot+[" << curve_options(s.style)
      << ", error bars/.cd, y dir=both, y explicit] coordinates {";
    for (size_t i = 0; i < s.x.size(); ++i) {
      if (!std::isfinite(s.x[i])) continue;
      if (!has_point(chart, s, i)) {  // a gap in the line
        t << " (" << num(s.x[i]) << ",nan)";
        continue;
      }
      t << " (" << num(s.x[i]) << "," << num(s.values[i]) << ") +- (0," << num(error_of(s, i))
        << ")";
    }
    t << " };\n\\addlegendentry{" << tex(s.name) << "}\n";
  }
  t << "\\end{axis}\n";
  return t.str();
}

}  // namespace

FigureSize figure_size(const std::string& name) {
  if (name == "single") return {"single", 3.25, 2.3, 8};
  if (name == "double") return {"double", 6.75, 2.8, 9};
  throw_setting("--size \"" + name + "\" is unknown; use single (3.25 in) or double (6.75 in)");
}

std::string chart_csv(const Chart& chart) {
  if (chart.curves) return curves_csv(chart);
  std::string out = "figure,category,series,value,error\n";
  for (size_t i = 0; i < chart.categories.size(); ++i) {
    for (const auto& s : chart.series) {
      if (!has_bar(s, i)) continue;
      out += csv_field(chart.name) + "," + csv_field(chart.categories[i]) + "," +
             csv_field(s.name) + "," + num(s.values[i]) + "," + num(error_of(s, i)) + "\n";
    }
  }
  return out;
}

std::string chart_svg(const Chart& chart, const FigureSize& size,
                      const std::string& provenance_json) {
  if (chart.curves) return curves_svg(chart, size, provenance_json);
  // Points throughout: 72 to the inch, so the font sizes are the paper's.
  const double W = size.width_in * 72, H = size.height_in * 72, f = size.font_pt;
  // The legend gets a row of its own under the title, so it never covers a bar.
  const double left = 4.2 * f, right = 0.8 * f, top = 3.6 * f, bottom = 3.4 * f;
  const double plot_w = W - left - right, plot_h = H - top - bottom;
  double lo = 0, hi = 0;
  for (const auto& s : chart.series) {
    for (size_t i = 0; i < chart.categories.size(); ++i) {
      if (!has_bar(s, i)) continue;
      lo = std::min(lo, s.values[i] - error_of(s, i));
      hi = std::max(hi, s.values[i] + error_of(s, i));
    }
  }
  if (hi - lo < 1e-12) hi = lo + 1;
  const double step = nice_step(lo, hi, 4);
  lo = std::floor(lo / step) * step;
  hi = std::ceil(hi / step) * step;
  const auto Y = [&](double v) { return top + plot_h * (hi - v) / (hi - lo); };

  std::ostringstream svg;
  svg << svg_head(chart, size, provenance_json);
  for (double v = lo; v <= hi + step / 2; v += step) {
    const double y = Y(v);
    svg << "<line x1=\"" << num(left) << "\" x2=\"" << num(left + plot_w) << "\" y1=\"" << num(y)
        << "\" y2=\"" << num(y) << "\" stroke=\"#dddddd\" stroke-width=\"0.5\"/>\n";
    svg << "<text x=\"" << num(left - 0.3 * f) << "\" y=\"" << num(y + 0.35 * f)
        << "\" text-anchor=\"end\">" << num(std::abs(v) < step / 1e6 ? 0.0 : v, "%g")
        << "</text>\n";
  }
  svg << "<line x1=\"" << num(left) << "\" x2=\"" << num(left + plot_w) << "\" y1=\"" << num(Y(0))
      << "\" y2=\"" << num(Y(0)) << "\" stroke=\"black\" stroke-width=\"0.6\"/>\n";
  const size_t groups = std::max<size_t>(1, chart.categories.size());
  const double group_w = plot_w / double(groups);
  const double bar_w = 0.8 * group_w / double(std::max<size_t>(1, chart.series.size()));
  for (size_t i = 0; i < chart.categories.size(); ++i) {
    const double x0 = left + group_w * (double(i) + 0.1);
    for (size_t k = 0; k < chart.series.size(); ++k) {
      const auto& s = chart.series[k];
      if (!has_bar(s, i)) continue;
      const double x = x0 + bar_w * double(k);
      const double y1 = Y(std::max(0.0, s.values[i])), y2 = Y(std::min(0.0, s.values[i]));
      svg << "<rect x=\"" << num(x) << "\" y=\"" << num(y1) << "\" width=\"" << num(bar_w * 0.92)
          << "\" height=\"" << num(y2 - y1) << "\" fill=\"" << kColours[k % 6] << "\"/>\n";
      const double e = error_of(s, i);
      if (e > 0) {
        const double cx = x + bar_w * 0.46;
        svg << "<path d=\"M" << num(cx) << " " << num(Y(s.values[i] - e)) << "V"
            << num(Y(s.values[i] + e)) << "M" << num(cx - bar_w * 0.2) << " "
            << num(Y(s.values[i] + e)) << "h" << num(bar_w * 0.4) << "M" << num(cx - bar_w * 0.2)
            << " " << num(Y(s.values[i] - e)) << "h" << num(bar_w * 0.4)
            << "\" stroke=\"black\" stroke-width=\"0.6\" fill=\"none\"/>\n";
      }
    }
    svg << "<text x=\"" << num(left + group_w * (double(i) + 0.5)) << "\" y=\""
        << num(top + plot_h + 1.2 * f) << "\" text-anchor=\"middle\">" << xml(chart.categories[i])
        << "</text>\n";
  }
  svg << "<text x=\"" << num(left + plot_w / 2) << "\" y=\"" << num(H - 0.5 * f)
      << "\" text-anchor=\"middle\">" << xml(chart.x_label) << "</text>\n";
  svg << "<text transform=\"translate(" << num(1.0 * f) << " " << num(top + plot_h / 2)
      << ") rotate(-90)\" text-anchor=\"middle\">" << xml(chart.y_label) << "</text>\n";
  // The legend: one row, right-aligned under the title (text widths estimated at 0.55 em).
  double x = left + plot_w;
  for (size_t k = chart.series.size(); k-- > 0;) {
    const double y = 2.0 * f;
    const double text_w = 0.55 * f * double(chart.series[k].name.size());
    svg << "<text x=\"" << num(x) << "\" y=\"" << num(y + 0.7 * f) << "\" text-anchor=\"end\">"
        << xml(chart.series[k].name) << "</text>\n";
    x -= text_w + 0.3 * f;
    svg << "<rect x=\"" << num(x - 0.7 * f) << "\" y=\"" << num(y) << "\" width=\"" << num(0.7 * f)
        << "\" height=\"" << num(0.7 * f) << "\" fill=\"" << kColours[k % 6] << "\"/>\n";
    x -= 1.6 * f;
  }
  svg << "</svg>\n";
  return svg.str();
}

std::string chart_tex(const Chart& chart, const FigureSize& size,
                      const std::string& provenance_line) {
  return chart_tex(std::vector<Chart>{chart}, size, provenance_line);
}

std::string chart_tex(const std::vector<Chart>& panels, const FigureSize& size,
                      const std::string& provenance_line) {
  if (panels.empty()) throw_setting("a figure needs at least one chart to write as .tex");
  std::ostringstream t;
  t << "% " << provenance_line << "\n";
  t << "% LongTail Lab, " << size.name << " column (" << num(size.width_in)
    << " in). In a paper that loads pgfplots, paste the tikzpicture.\n";
  t << "\\documentclass{article}\n\\usepackage{pgfplots}\n\\pgfplotsset{compat=1.16}\n"
       "\\pagestyle{empty}\n\\begin{document}\n";
  const char* font = size.font_pt <= 8 ? "\\footnotesize" : "\\small";
  t << "\\begin{tikzpicture}[font=" << font << "]\n";
  // Side by side, with room between the panels for the next one's value axis.
  const double gap_in = 0.55;
  const double width_in =
      (size.width_in - gap_in * double(panels.size() - 1)) / double(panels.size());
  for (size_t k = 0; k < panels.size(); ++k) {
    const Chart& chart = panels[k];
    const AxisBox box{width_in, size.height_in, double(k) * (width_in + gap_in)};
    if (chart.curves) {
      t << curves_tex_axis(chart, box, font);
      continue;
    }
    t << "\\begin{axis}[" << at_option(box) << "ybar, width=" << num(box.width_in)
      << "in, height=" << num(box.height_in) << "in, scale only axis=false, bar width="
      << num(std::min(
             12.0, 120.0 / double(panels.size()) /
                       double(std::max<size_t>(1, chart.categories.size() * chart.series.size()))))
      << "pt,\n  title={" << tex(chart.title) << "}, xlabel={" << tex(chart.x_label)
      << "}, ylabel={" << tex(chart.y_label) << "},\n  ";
    // A logarithmic value axis: the bars rise from its bottom, not from 1.
    if (chart.log_y) t << "ymode=log, log origin=infty, ";
    t << "xtick={";
    for (size_t i = 0; i < chart.categories.size(); ++i) t << (i ? "," : "") << i;
    t << "}, xticklabels={";
    for (size_t i = 0; i < chart.categories.size(); ++i)
      t << (i ? "," : "") << "{" << tex(chart.categories[i]) << "}";
    t << "},\n  enlarge x limits=" << (chart.categories.size() > 1 ? "0.3" : "0.6")
      << ", legend style={font=" << font
      << ", at={(0.5,-0.3)}, anchor=north, legend columns=-1, draw=none},\n"
      << "  ymajorgrids, every axis plot/.append style={fill opacity=0.9}]\n";
    for (const auto& s : chart.series) {
      t << "\\addplot+[error bars/.cd, y dir=both, y explicit] coordinates {";
      for (size_t i = 0; i < chart.categories.size(); ++i) {
        if (!has_bar(s, i) || (chart.log_y && !(s.values[i] > 0))) continue;
        t << " (" << i << "," << num(s.values[i]) << ") +- (0," << num(error_of(s, i)) << ")";
      }
      t << " };\n\\addlegendentry{" << tex(s.name) << "}\n";
    }
    t << "\\end{axis}\n";
  }
  t << "\\end{tikzpicture}\n\\end{document}\n";
  return t.str();
}

}  // namespace lt
