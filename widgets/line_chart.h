// Curves of numbers against a number (loss against epoch, accuracy against n), several named
// series overlaid, optional error bars, linear or logarithmic axes. With ClassCountsChart, the
// only widgets that touch Qt Charts.
#pragma once

#include <QMap>
#include <QVector>
#include <QWidget>

#include "figure.h"

class QChart;
class QChartView;
class QAbstractSeries;
class QLineSeries;
class QScatterSeries;

namespace lt::widgets {

struct ChartPoint {
  double x = 0;
  double y = 0;
  double error = 0;  // half the error bar; 0 = none
};

enum class SeriesStyle {
  kLinesAndDots,  // a curve with every point marked
  kDots,          // a scatter
  kLine,          // a plain line (directions, references)
  kDashed,        // provisional values (drawn dashed, with dots)
};

class LineChart : public QWidget, public Figure {
  Q_OBJECT
 public:
  explicit LineChart(const QString& name, QWidget* parent = nullptr);

  void setTitle(const QString& title);
  void setAxisTitles(const QString& x, const QString& y);
  void setLogX(bool log);
  void setLogY(bool log);
  // Adds or replaces a series in one go (one redraw, however many points).
  void setSeries(const QString& series, const QVector<ChartPoint>& points,
                 SeriesStyle style = SeriesStyle::kLinesAndDots);
  void removeSeries(const QString& series);
  void clear();

  QStringList seriesNames() const { return points_.keys(); }
  QVector<ChartPoint> points(const QString& series) const { return points_.value(series); }
  QString title() const;

  QString figureName() const override { return name_; }
  void paintFigure(QPainter& painter, const QRectF& target) override;
  QString figureCsv() const override;
  std::optional<lt::Chart> figureChart() const override;  // the curves, their errors and styles

 private:
  struct Drawn {
    QLineSeries* line = nullptr;
    QScatterSeries* dots = nullptr;
    QVector<QLineSeries*> bars;
  };
  void rebuildAxes();
  void drawErrorBars(const QString& series, Drawn& drawn);
  void attach(QAbstractSeries* series);

  QString name_;
  QChart* chart_;
  QChartView* view_;
  QString x_title_, y_title_;
  bool log_x_ = false, log_y_ = false;
  QMap<QString, QVector<ChartPoint>> points_;
  QMap<QString, SeriesStyle> styles_;
  QMap<QString, Drawn> drawn_;
};

// Paints a chart (of either chart widget) into `target`: the one paint path of every export.
// `paperFontPoints` > 0: laid out at the target's size in points of paper with text of that
// size, so that a figure for a paper's column prints its text at the column's font size.
void paintChart(QChart& chart, QPainter& painter, const QRectF& target, double paperFontPoints = 0);

}  // namespace lt::widgets
