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

}  // namespace

FigureSize figure_size(const std::string& name) {
  if (name == "single") return {"single", 3.25, 2.3, 8};
  if (name == "double") return {"double", 6.75, 2.8, 9};
  throw_setting("--size \"" + name + "\" is unknown; use single (3.25 in) or double (6.75 in)");
}

std::string chart_csv(const Chart& chart) {
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
  svg << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << num(size.width_in)
      << "in\" height=\"" << num(size.height_in) << "in\" viewBox=\"0 0 " << num(W) << " " << num(H)
      << "\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"" << num(f) << "\">\n";
  svg << "<title>" << xml(chart.title) << "</title>\n";
  svg << "<metadata><longtail-figure xmlns=\"https://longtail-lab.invalid/figure\">"
      << xml(provenance_json) << "</longtail-figure></metadata>\n";
  svg << "<rect width=\"" << num(W) << "\" height=\"" << num(H) << "\" fill=\"white\"/>\n";
  svg << "<text x=\"" << num(W / 2) << "\" y=\"" << num(1.3 * f) << "\" text-anchor=\"middle\">"
      << xml(chart.title) << "</text>\n";
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
  std::ostringstream t;
  t << "% " << provenance_line << "\n";
  t << "% LongTail Lab, " << size.name << " column (" << num(size.width_in)
    << " in). In a paper that loads pgfplots, paste the tikzpicture.\n";
  t << "\\documentclass{article}\n\\usepackage{pgfplots}\n\\pgfplotsset{compat=1.16}\n"
       "\\pagestyle{empty}\n\\begin{document}\n";
  const char* font = size.font_pt <= 8 ? "\\footnotesize" : "\\small";
  t << "\\begin{tikzpicture}[font=" << font << "]\n";
  t << "\\begin{axis}[ybar, width=" << num(size.width_in) << "in, height=" << num(size.height_in)
    << "in, scale only axis=false, bar width="
    << num(std::min(12.0, 120.0 / double(std::max<size_t>(
                                      1, chart.categories.size() * chart.series.size()))))
    << "pt,\n  title={" << tex(chart.title) << "}, xlabel={" << tex(chart.x_label) << "}, ylabel={"
    << tex(chart.y_label) << "},\n  xtick={";
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
      if (!has_bar(s, i)) continue;
      t << " (" << i << "," << num(s.values[i]) << ") +- (0," << num(error_of(s, i)) << ")";
    }
    t << " };\n\\addlegendentry{" << tex(s.name) << "}\n";
  }
  t << "\\end{axis}\n\\end{tikzpicture}\n\\end{document}\n";
  return t.str();
}

}  // namespace lt
