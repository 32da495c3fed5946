// A bar chart of images per class, with an optional second series (the balanced twin) and a
// linear or logarithmic axis. The only widget that touches Qt Charts.
#pragma once

#include <QWidget>
#include <cstdint>
#include <vector>

#include "figure.h"

class QChart;
class QChartView;
class QBarSeries;

namespace lt::widgets {

class ClassCountsChart : public QWidget, public Figure {
  Q_OBJECT
 public:
  explicit ClassCountsChart(QWidget* parent = nullptr);

  // Replaces the bars in one go; `twin` may be empty.
  void setCounts(const QStringList& classes, const std::vector<int64_t>& counts,
                 const std::vector<int64_t>& twin = {});
  void setLogScale(bool log);
  // What the bars are (default: "designed" and "balanced twin", "images" on the value axis).
  void setLabels(const QString& bars, const QString& twin, const QString& valueAxis);
  bool logScale() const { return log_scale_; }

  // What the chart shows, for tests and for the table beside it.
  std::vector<double> shownCounts() const;
  std::vector<double> shownTwinCounts() const;

  QString figureName() const override { return "class-counts"; }
  void paintFigure(QPainter& painter, const QRectF& target) override;
  QString figureCsv() const override;
  std::optional<lt::Chart> figureChart() const override;  // bars, on a log axis when shown so

 private:
  void rebuild();
  QChart* chart_;
  QChartView* view_;
  QStringList classes_;
  std::vector<int64_t> counts_;
  std::vector<int64_t> twin_;
  bool log_scale_ = false;
  QString bars_label_, twin_label_, value_axis_label_;
};

}  // namespace lt::widgets
