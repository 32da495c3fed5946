#include "sweep/sweep_figure.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

namespace lt {
namespace {

std::string escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '&')
      out += "&amp;";
    else if (c == '<')
      out += "&lt;";
    else if (c == '>')
      out += "&gt;";
    else if (c == '"')
      out += "&quot;";
    else
      out += c;
  }
  return out;
}

std::string num(double v, const char* format = "%.2f") {
  char text[32];
  std::snprintf(text, sizeof text, format, v);
  return text;
}

// 1, 2, 5 x 10^k steps giving about `count` ticks over [lo, hi].
double nice_step(double lo, double hi, int count) {
  const double raw = (hi - lo) / std::max(1, count);
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    if (m * magnitude >= raw) return m * magnitude;
  }
  return 10 * magnitude;
}

struct Point {
  double n, delta, error;
  bool provisional;
};

}  // namespace

std::string gap_figure_svg(const SweepReport& report, const std::string& probe) {
  // Series: (method, r) -> points by n.
  std::map<std::tuple<std::string, double>, std::vector<Point>> series;
  std::set<std::tuple<std::string, double, double>> final_cells;
  for (const auto& g : report.gaps) {
    if (g.probe == probe && g.n > 0) {
      series[{g.method, g.ratio}].push_back(
          {double(g.n), g.gap.mean, std::max(g.probe_seed_spread, g.gap.spread), false});
      final_cells.insert({g.method, g.ratio, g.sample});
    }
  }
  for (const auto& g : report.gaps) {
    if (g.provisional && g.n > 0 && !final_cells.contains({g.method, g.ratio, g.sample})) {
      series[{g.method, g.ratio}].push_back({double(g.n), g.gap.mean, g.gap.spread, true});
    }
  }

  const double width = 720, height = 440;
  const double left = 70, right = 200, top = 40, bottom = 55;
  const double plot_w = width - left - right, plot_h = height - top - bottom;
  std::ostringstream svg;
  svg << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << width << "\" height=\"" << height
      << "\" viewBox=\"0 0 " << width << " " << height
      << "\" font-family=\"sans-serif\" font-size=\"12\">\n"
      << "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
      << "<text x=\"" << left << "\" y=\"22\" font-size=\"14\">Relative gap &#916; ("
      << escape(probe == "id"    ? "in-domain probe"
                : probe == "ood" ? "out-of-domain probe"
                                 : probe)
      << ") against n: " << escape(report.sweep_id) << "</text>\n";

  double n_lo = 1e300, n_hi = 0, y_lo = 0, y_hi = 0;
  for (const auto& [key, points] : series) {
    for (const auto& p : points) {
      n_lo = std::min(n_lo, p.n);
      n_hi = std::max(n_hi, p.n);
      y_lo = std::min(y_lo, p.delta - p.error);
      y_hi = std::max(y_hi, p.delta + p.error);
    }
  }
  if (series.empty()) {
    svg << "<text x=\"" << left + 20 << "\" y=\"" << top + plot_h / 2
        << "\">No gap yet: no pair of runs has a probe or kNN accuracy on both sides.</text>\n"
        << "</svg>\n";
    return svg.str();
  }
  const double lx_lo = std::log10(n_lo / 1.4), lx_hi = std::log10(n_hi * 1.4);
  const double pad = std::max(0.01, 0.08 * (y_hi - y_lo));
  y_lo -= pad;
  y_hi += pad;
  const auto X = [&](double n) {
    return left + (std::log10(n) - lx_lo) / std::max(1e-9, lx_hi - lx_lo) * plot_w;
  };
  const auto Y = [&](double y) { return top + (y_hi - y) / (y_hi - y_lo) * plot_h; };

  // Axes and grid.
  svg << "<rect x=\"" << left << "\" y=\"" << top << "\" width=\"" << plot_w << "\" height=\""
      << plot_h << "\" fill=\"none\" stroke=\"#444\"/>\n";
  const double step = nice_step(y_lo, y_hi, 6);
  for (double y = std::ceil(y_lo / step) * step; y <= y_hi + 1e-12; y += step) {
    svg << "<line x1=\"" << left << "\" x2=\"" << left + plot_w << "\" y1=\"" << Y(y) << "\" y2=\""
        << Y(y) << "\" stroke=\"" << (std::abs(y) < step / 2 ? "#888" : "#e4e4e4")
        << "\"/>\n<text x=\"" << left - 6 << "\" y=\"" << Y(y) + 4 << "\" text-anchor=\"end\">"
        << num(std::abs(y) < 1e-12 ? 0.0 : y) << "</text>\n";
  }
  for (int decade = int(std::floor(lx_lo)); decade <= int(std::ceil(lx_hi)); ++decade) {
    for (double m : {1.0, 2.0, 5.0}) {
      const double n = m * std::pow(10.0, decade);
      const double l = std::log10(n);
      if (l < lx_lo || l > lx_hi) continue;
      svg << "<line x1=\"" << X(n) << "\" x2=\"" << X(n) << "\" y1=\"" << top << "\" y2=\""
          << top + plot_h << "\" stroke=\"#e4e4e4\"/>\n<text x=\"" << X(n) << "\" y=\""
          << top + plot_h + 16 << "\" text-anchor=\"middle\">" << num(n, "%g") << "</text>\n";
    }
  }
  svg << "<text x=\"" << left + plot_w / 2 << "\" y=\"" << height - 14
      << "\" text-anchor=\"middle\">n (pre-training images, log scale)</text>\n"
      << "<text transform=\"translate(18 " << top + plot_h / 2
      << ") rotate(-90)\" text-anchor=\"middle\">&#916; = (A_bal - A_imb) / A_bal</text>\n";

  // Lines: SSL in blues, SL in oranges; r by dash.
  const char* ssl_colours[] = {"#1f5fa8", "#4f9bd9", "#0b3a66", "#7fb8e6"};
  const char* sl_colours[] = {"#d2691e", "#f0a04b", "#8b3a0e", "#f5c087"};
  std::map<double, int> ratio_index;
  for (const auto& [key, points] : series) ratio_index.emplace(std::get<1>(key), 0);
  int next = 0;
  for (auto& [r, i] : ratio_index) i = next++;
  int legend_row = 0;
  std::map<std::string, int> ssl_methods;
  for (auto& [key, points] : series) {
    const auto& [method, ratio] = key;
    std::sort(points.begin(), points.end(),
              [](const Point& a, const Point& b) { return a.n < b.n; });
    const bool sl = method == "supervised";
    const int slot = sl ? 0 : ssl_methods.emplace(method, int(ssl_methods.size())).first->second;
    const std::string colour = (sl ? sl_colours : ssl_colours)[(slot + ratio_index[ratio]) % 4];
    const std::string dash = ratio_index[ratio] % 2 ? " stroke-dasharray=\"6 4\"" : "";
    svg << "<polyline fill=\"none\" stroke=\"" << colour << "\" stroke-width=\"2\"" << dash
        << " points=\"";
    for (const auto& p : points) svg << X(p.n) << "," << Y(p.delta) << " ";
    svg << "\"/>\n";
    for (const auto& p : points) {
      if (p.error > 0) {
        svg << "<line x1=\"" << X(p.n) << "\" x2=\"" << X(p.n) << "\" y1=\"" << Y(p.delta - p.error)
            << "\" y2=\"" << Y(p.delta + p.error) << "\" stroke=\"" << colour << "\"/>\n";
      }
      svg << "<circle cx=\"" << X(p.n) << "\" cy=\"" << Y(p.delta) << "\" r=\"4\" fill=\""
          << (p.provisional ? "white" : colour) << "\" stroke=\"" << colour << "\"><title>"
          << escape(method) << ", r " << num(ratio, "%g") << ", n " << num(p.n, "%.0f") << ": "
          << num(p.delta, "%.4f") << (p.provisional ? " (provisional, kNN)" : "")
          << "</title></circle>\n";
    }
    const double ly = top + 10 + 20 * legend_row++;
    svg << "<line x1=\"" << left + plot_w + 14 << "\" x2=\"" << left + plot_w + 44 << "\" y1=\""
        << ly << "\" y2=\"" << ly << "\" stroke=\"" << colour << "\" stroke-width=\"2\"" << dash
        << "/>\n<text x=\"" << left + plot_w + 50 << "\" y=\"" << ly + 4 << "\">" << escape(method)
        << " (" << (sl ? "SL" : "SSL") << "), r " << num(ratio, "%g") << "</text>\n";
  }
  svg << "<text x=\"" << left + plot_w + 14 << "\" y=\"" << top + 20 + 20 * legend_row
      << "\" fill=\"#666\">hollow: provisional (kNN)</text>\n";
  svg << "</svg>\n";
  return svg.str();
}

}  // namespace lt
