#include "class_counts_chart.h"

#include <cmath>

#include "figure_export_dialog.h"

#include "line_chart.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QLogValueAxis>
#include <QPainter>
#include <QVBoxLayout>
#include <QValueAxis>
#include <algorithm>

namespace lt::widgets {

ClassCountsChart::ClassCountsChart(QWidget* parent)
    : QWidget(parent), chart_(new QChart), view_(new QChartView(chart_, this)) {
  view_->setRenderHint(QPainter::Antialiasing);
  chart_->legend()->setAlignment(Qt::AlignBottom);
  chart_->setAnimationOptions(QChart::NoAnimation);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(view_);
  // Every chart exports from its context menu, wherever it is shown.
  offerExportMenu(view_, this, this);
}

void ClassCountsChart::setCounts(const QStringList& classes, const std::vector<int64_t>& counts,
                                 const std::vector<int64_t>& twin) {
  classes_ = classes;
  counts_ = counts;
  twin_ = twin;
  rebuild();
}

void ClassCountsChart::setLabels(const QString& bars, const QString& twin,
                                 const QString& valueAxis) {
  bars_label_ = bars;
  twin_label_ = twin;
  value_axis_label_ = valueAxis;
  rebuild();
}

void ClassCountsChart::setLogScale(bool log) {
  if (log == log_scale_) return;
  log_scale_ = log;
  rebuild();
}

void ClassCountsChart::rebuild() {
  // A fresh chart each time: Qt Charts 6.4 leaves the labels of a removed value axis painted
  // when a bar chart swaps to a logarithmic axis, so nothing of the old chart is reused.
  QChart* old = chart_;
  chart_ = new QChart;
  chart_->legend()->setAlignment(Qt::AlignBottom);
  chart_->setAnimationOptions(QChart::NoAnimation);
  view_->setChart(chart_);
  delete old;
  auto* series = new QBarSeries;
  auto* designed = new QBarSet(bars_label_.isEmpty() ? tr("designed") : bars_label_);
  for (int64_t c : counts_) designed->append(double(c));
  series->append(designed);
  if (!twin_.empty()) {
    auto* twin = new QBarSet(twin_label_.isEmpty() ? tr("balanced twin") : twin_label_);
    for (int64_t c : twin_) twin->append(double(c));
    series->append(twin);
  }
  chart_->addSeries(series);

  auto* x = new QBarCategoryAxis;
  x->append(classes_);
  // Many classes or long names: slanted labels stay legible instead of being cut to "T-shi...".
  qsizetype longest = 0;
  for (const QString& name : classes_) longest = std::max(longest, name.size());
  if (classes_.size() * std::max<qsizetype>(longest, 3) > 45) x->setLabelsAngle(-45);
  if (classes_.size() > 40) x->setLabelsVisible(false);
  chart_->addAxis(x, Qt::AlignBottom);
  series->attachAxis(x);

  int64_t top = 1;
  for (int64_t c : counts_) top = std::max(top, c);
  for (int64_t c : twin_) top = std::max(top, c);
  QAbstractAxis* y;
  if (log_scale_) {
    auto* log_axis = new QLogValueAxis;
    log_axis->setBase(10);
    log_axis->setRange(1, double(top) * 1.5);
    log_axis->setLabelFormat("%g");
    y = log_axis;
  } else {
    auto* linear = new QValueAxis;
    linear->setRange(0, double(top) * 1.05);
    linear->applyNiceNumbers();  // ticks at 0, 500, 1000 ... rather than at odd values
    linear->setLabelFormat("%d");
    y = linear;
  }
  y->setTitleText(value_axis_label_.isEmpty() ? tr("images") : value_axis_label_);
  chart_->addAxis(y, Qt::AlignLeft);
  series->attachAxis(y);
}

std::vector<double> ClassCountsChart::shownCounts() const {
  std::vector<double> out;
  const auto series = chart_->series();
  if (series.isEmpty()) return out;
  const auto sets = static_cast<QBarSeries*>(series.front())->barSets();
  for (int i = 0; i < sets.front()->count(); ++i) out.push_back(sets.front()->at(i));
  return out;
}

std::vector<double> ClassCountsChart::shownTwinCounts() const {
  std::vector<double> out;
  const auto series = chart_->series();
  if (series.isEmpty()) return out;
  const auto sets = static_cast<QBarSeries*>(series.front())->barSets();
  if (sets.size() < 2) return out;
  for (int i = 0; i < sets[1]->count(); ++i) out.push_back(sets[1]->at(i));
  return out;
}

void ClassCountsChart::paintFigure(QPainter& painter, const QRectF& target) {
  paintChart(*chart_, painter, target, paperFontPoints());
}

QString ClassCountsChart::figureCsv() const {
  QString csv = twin_.empty() ? "class,images\n" : "class,images,balanced_twin\n";
  for (size_t c = 0; c < counts_.size(); ++c) {
    QString name = c < size_t(classes_.size()) ? classes_[int(c)] : QString::number(c);
    name.replace('"', "\"\"");
    csv += QString("\"%1\",%2").arg(name).arg(counts_[c]);
    if (c < twin_.size()) csv += QString(",%1").arg(twin_[c]);
    csv += "\n";
  }
  return csv;
}

std::optional<lt::Chart> ClassCountsChart::figureChart() const {
  lt::Chart chart;
  chart.name = figureName().toStdString();
  chart.y_label = (value_axis_label_.isEmpty() ? tr("images") : value_axis_label_).toStdString();
  chart.log_y = log_scale_;
  for (const QString& c : classes_) chart.categories.push_back(c.toStdString());
  const auto series = [&](const QString& name, const std::vector<int64_t>& counts) {
    lt::ChartSeries s;
    s.name = name.toStdString();
    for (size_t i = 0; i < size_t(classes_.size()); ++i) {
      s.values.push_back(i < counts.size() ? double(counts[i]) : NAN);
      s.errors.push_back(0);
    }
    return s;
  };
  chart.series.push_back(series(bars_label_.isEmpty() ? tr("designed") : bars_label_, counts_));
  if (!twin_.empty()) {
    chart.series.push_back(
        series(twin_label_.isEmpty() ? tr("balanced twin") : twin_label_, twin_));
  }
  return chart;
}

}  // namespace lt::widgets
