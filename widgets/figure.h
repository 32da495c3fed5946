// A plot that can leave the program: every chart of the workbench paints itself into any
// painter (one paint path for PNG, SVG and PDF) and gives its data as CSV.
#pragma once

#include <QRectF>
#include <QString>

class QPainter;

namespace lt::widgets {

class Figure {
 public:
  virtual ~Figure() = default;
  // A short name for files and dialogs, e.g. "loss".
  virtual QString figureName() const = 0;
  // Paints the whole figure, scaled to fill `target`.
  virtual void paintFigure(QPainter& painter, const QRectF& target) = 0;
  // The plotted numbers, one row per point, with a header row.
  virtual QString figureCsv() const = 0;

  // The text size in points on paper while the figure is exported at a paper column's size
  // (figure_export.h sets it around the painting); 0 keeps the proportions of the screen.
  void setPaperFontPoints(double points) { paper_font_points_ = points; }
  double paperFontPoints() const { return paper_font_points_; }

 private:
  double paper_font_points_ = 0;
};

}  // namespace lt::widgets
