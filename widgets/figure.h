// A plot that can leave the program: every chart of the workbench paints itself into any
// painter (one paint path for PNG, SVG and PDF) and gives its data as CSV; a chart whose data
// is core's chart model (curves or grouped bars) gives it too, for pgfplots (.tex).
#pragma once

#include <QRectF>
#include <QString>
#include <optional>
#include <string>
#include <vector>

#include "report/chart.h"

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
  // The plotted data as core's chart model (what `longtail report` writes as .tex); none for a
  // figure that is not curves or bars (a grid of images).
  virtual std::optional<lt::Chart> figureChart() const { return std::nullopt; }
  // The panels the .tex draws side by side: the one chart, or several (Table 1's two panels,
  // which share no scale); none for a figure that is not curves or bars.
  virtual std::vector<lt::Chart> figureCharts() const {
    std::optional<lt::Chart> chart = figureChart();
    return chart ? std::vector<lt::Chart>{*chart} : std::vector<lt::Chart>{};
  }

  // The runs the figure draws, when it knows them (Compare's figures): the store, their ids and
  // the evaluation compared; a .tex export writes their provenance sidecar NAME.figure.json
  // beside it, as `longtail report` does.
  struct Runs {
    QString storePath;
    std::vector<std::string> runIds;
    std::string evaluation;
  };
  void setFigureRuns(const Runs& runs) { runs_ = runs; }
  const Runs& figureRuns() const { return runs_; }

  // The text size in points on paper while the figure is exported at a paper column's size
  // (figure_export.h sets it around the painting); 0 keeps the proportions of the screen.
  void setPaperFontPoints(double points) { paper_font_points_ = points; }
  double paperFontPoints() const { return paper_font_points_; }

 private:
  double paper_font_points_ = 0;
  Runs runs_;
};

}  // namespace lt::widgets
