#include "bar_chart.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QVBoxLayout>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

#include "figure_export_dialog.h"
#include "line_chart.h"

namespace lt::widgets {

BarChart::BarChart(const QString& name, QWidget* parent)
    : QWidget(parent), name_(name), chart_(new QChart), view_(new QChartView(chart_, this)) {
  view_->setRenderHint(QPainter::Antialiasing);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(view_);
  offerExportMenu(view_, this, this);
  rebuild();
}

void BarChart::setBars(const QStringList& categories, const QStringList& series,
                       const QVector<QVector<double>>& values) {
  categories_ = categories;
  series_ = series;
  values_ = values;
  rebuild();
}

void BarChart::setValueAxis(const QString& title, double min, double max) {
  axis_title_ = title;
  axis_min_ = min;
  axis_max_ = max;
  rebuild();
}

void BarChart::setTitle(const QString& title) {
  title_ = title;
  rebuild();
}

void BarChart::rebuild() {
  // A fresh chart each time, as ClassCountsChart: Qt Charts 6.4 leaves stale axis labels when
  // axes are swapped on a live chart.
  QChart* old = chart_;
  chart_ = new QChart;
  chart_->legend()->setAlignment(Qt::AlignBottom);
  chart_->setAnimationOptions(QChart::NoAnimation);
  chart_->setTitle(title_);
  view_->setChart(chart_);
  delete old;
  auto* bars = new QBarSeries;
  double top = 0;
  for (int s = 0; s < values_.size(); ++s) {
    auto* set = new QBarSet(s < series_.size() ? series_[s] : QString::number(s));
    for (double v : values_[s]) {
      set->append(std::isfinite(v) ? v : 0.0);
      if (std::isfinite(v)) top = std::max(top, v);
    }
    bars->append(set);
  }
  chart_->addSeries(bars);
  auto* x = new QBarCategoryAxis;
  x->append(categories_);
  // Long names slant rather than being cut to "freq...".
  qsizetype longest = 0;
  for (const QString& name : categories_) longest = std::max(longest, name.size());
  if (categories_.size() * longest > 24) x->setLabelsAngle(-30);
  chart_->addAxis(x, Qt::AlignBottom);
  bars->attachAxis(x);
  auto* y = new QValueAxis;
  if (axis_max_ > axis_min_) {
    y->setRange(axis_min_, axis_max_);
  } else {
    y->setRange(0, top > 0 ? top * 1.05 : 1);
    y->applyNiceNumbers();
  }
  y->setTitleText(axis_title_);
  chart_->addAxis(y, Qt::AlignLeft);
  bars->attachAxis(y);
  chart_->legend()->setVisible(values_.size() > 1);
}

void BarChart::paintFigure(QPainter& painter, const QRectF& target) {
  paintChart(*chart_, painter, target, paperFontPoints());
}

QString BarChart::figureCsv() const {
  const auto quoted = [](QString s) { return "\"" + s.replace('"', "\"\"") + "\""; };
  QString csv = "category";
  for (const QString& s : series_) csv += "," + quoted(s);
  csv += "\n";
  for (int c = 0; c < categories_.size(); ++c) {
    csv += quoted(categories_[c]);
    for (const auto& row : values_) {
      const double v = c < row.size() ? row[c] : NAN;
      csv += "," + (std::isfinite(v) ? QString::number(v, 'g', 6) : QString());
    }
    csv += "\n";
  }
  return csv;
}

std::optional<lt::Chart> BarChart::figureChart() const {
  lt::Chart chart;
  chart.name = name_.toStdString();
  chart.title = title_.toStdString();
  chart.y_label = axis_title_.toStdString();
  for (const QString& c : categories_) chart.categories.push_back(c.toStdString());
  for (int s = 0; s < series_.size(); ++s) {
    lt::ChartSeries series;
    series.name = series_[s].toStdString();
    for (int c = 0; c < categories_.size(); ++c) {
      series.values.push_back(s < values_.size() && c < values_[s].size() ? values_[s][c] : NAN);
      series.errors.push_back(0);
    }
    chart.series.push_back(std::move(series));
  }
  return chart;
}

}  // namespace lt::widgets
