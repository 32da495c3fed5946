// Writes a Figure to PNG (at a chosen size and DPI), SVG, PDF, CSV or pgfplots/TikZ (.tex, for
// a figure with a chart model: core's chart_tex, as `longtail report` writes it, beside the
// runs' provenance sidecar NAME.figure.json when the figure knows its runs), chosen by the file's
// suffix. The writer returns what went wrong instead of showing it, so the caller decides how
// to tell the user (a dialog in the window, a test failure in tests).
#pragma once

#include <QSize>
#include <QString>
#include <optional>

namespace lt::widgets {

class Figure;

enum class FigureFormat { kPng, kSvg, kPdf, kCsv, kTex };

struct FigureSize {
  QSize pixels{1600, 1000};  // of the PNG; SVG and PDF get the same aspect at `dpi`
  int dpi = 200;
  // > 0: the figure is for paper (a column preset): its text prints at this many points
  // whatever `dpi` is; 0: the text keeps its proportion to the figure on screen. A .tex figure
  // is pixels / dpi inches wide and high, its text the column's size (9 pt when 0).
  double fontPoints = 0;
};

// The format a path asks for by its suffix (case-insensitive), if any.
std::optional<FigureFormat> figureFormatFor(const QString& path);

// A figure that knows its runs (Compare's) carries their provenance in every format: the
// sidecar NAME.figure.json beside it (as `longtail report` writes it), and a line naming it in
// the file (the SVG's <desc> holds the whole sidecar, the PNG a tEXt chunk, the PDF its
// creator, the .tex a comment).
// Writes atomically (a temporary file renamed into place). Returns an empty string on
// success, else a message that says what failed and what to do.
QString exportFigure(Figure& figure, const QString& path, const FigureSize& size = {});

// The file dialog's filter list, e.g. "PNG image (*.png);;SVG ...".
QString figureFileFilters();

}  // namespace lt::widgets
