// Bars of numbers by category, one bar set per series (e.g. the right-half share of Grad-CAM
// maps per group, one set per run), on a linear axis with an optional fixed range. Exports like
// every chart of the workbench.
#pragma once

#include <QStringList>
#include <QVector>
#include <QWidget>

#include "figure.h"

class QChart;
class QChartView;

namespace lt::widgets {

class BarChart : public QWidget, public Figure {
  Q_OBJECT
 public:
  explicit BarChart(const QString& name, QWidget* parent = nullptr);

  // `values[s][c]`: series s at category c; NaN leaves a gap.
  void setBars(const QStringList& categories, const QStringList& series,
               const QVector<QVector<double>>& values);
  // The value axis: its title, and a fixed range (min < max) or, by default, from 0 to the top.
  void setValueAxis(const QString& title, double min = 0, double max = 0);
  void setTitle(const QString& title);

  const QStringList& categories() const { return categories_; }
  const QVector<QVector<double>>& values() const { return values_; }

  QString figureName() const override { return name_; }
  void paintFigure(QPainter& painter, const QRectF& target) override;
  QString figureCsv() const override;
  std::optional<lt::Chart> figureChart() const override;  // the bars (without the axis range)

 private:
  void rebuild();
  QString name_, title_, axis_title_;
  double axis_min_ = 0, axis_max_ = 0;
  QChart* chart_;
  QChartView* view_;
  QStringList categories_, series_;
  QVector<QVector<double>> values_;
};

}  // namespace lt::widgets
