// Writes a Figure to PNG (at a chosen size and DPI), SVG, PDF or CSV, chosen by the file's
// suffix. The writer returns what went wrong instead of showing it, so the caller decides how
// to tell the user (a dialog in the window, a test failure in tests).
#pragma once

#include <QSize>
#include <QString>
#include <optional>

namespace lt::widgets {

class Figure;

enum class FigureFormat { kPng, kSvg, kPdf, kCsv };

struct FigureSize {
  QSize pixels{1600, 1000};  // of the PNG; SVG and PDF get the same aspect at `dpi`
  int dpi = 200;
  // > 0: the figure is for paper (a column preset): its text prints at this many points
  // whatever `dpi` is; 0: the text keeps its proportion to the figure on screen.
  double fontPoints = 0;
};

// The format a path asks for by its suffix (case-insensitive), if any.
std::optional<FigureFormat> figureFormatFor(const QString& path);

// Writes atomically (a temporary file renamed into place). Returns an empty string on
// success, else a message that says what failed and what to do.
QString exportFigure(Figure& figure, const QString& path, const FigureSize& size = {});

// The file dialog's filter list, e.g. "PNG image (*.png);;SVG ...".
QString figureFileFilters();

}  // namespace lt::widgets
