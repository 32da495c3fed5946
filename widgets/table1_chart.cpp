#include "table1_chart.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QHBoxLayout>
#include <QPainter>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

#include "figure_export_dialog.h"
#include "line_chart.h"

namespace lt::widgets {
namespace {

// A bar set of `values`; a missing number (NaN) draws as no bar rather than breaking the axis.
// No value labels on the bars: such a "0" would read as a measurement, and the table beside
// the chart gives every number.
QBarSet* bar_set(const QString& name, const std::vector<double>& values) {
  auto* set = new QBarSet(name);
  for (double v : values) set->append(std::isfinite(v) ? v : 0.0);
  return set;
}

// One panel: a group of bars per row, a value axis from zero (or below, for a negative gap:
// held-out loss under the training loss) to a little above the highest bar.
void fill_panel(QChart& chart, const QString& title, const QStringList& rows,
                const QList<QBarSet*>& sets, const QString& value_title) {
  chart.setTitle(title);
  chart.legend()->setAlignment(Qt::AlignBottom);
  chart.setAnimationOptions(QChart::NoAnimation);
  chart.setMargins(QMargins(4, 4, 4, 4));
  auto* series = new QBarSeries;
  double low = 0, high = 0;
  for (QBarSet* set : sets) {
    series->append(set);
    for (int i = 0; i < set->count(); ++i) {
      low = std::min(low, set->at(i));
      high = std::max(high, set->at(i));
    }
  }
  chart.addSeries(series);

  auto* x = new QBarCategoryAxis;
  x->append(rows);
  chart.addAxis(x, Qt::AlignBottom);
  series->attachAxis(x);
  auto* y = new QValueAxis;
  if (high <= low) high = low + 1;  // nothing measured yet: an empty axis, not a degenerate one
  y->setRange(low < 0 ? low * 1.15 : 0, high * 1.15);
  y->applyNiceNumbers();
  y->setTitleText(value_title);
  chart.addAxis(y, Qt::AlignLeft);
  series->attachAxis(y);
}

QString csv_number(double value) {
  return std::isfinite(value) ? QString::number(value, 'g', 10) : QString();
}

}  // namespace

Table1Chart::Table1Chart(QWidget* parent)
    : QWidget(parent),
      accuracy_(new QChart),
      gap_(new QChart),
      accuracy_view_(new QChartView(accuracy_, this)),
      gap_view_(new QChartView(gap_, this)) {
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  for (QChartView* view : {accuracy_view_, gap_view_}) {
    view->setRenderHint(QPainter::Antialiasing);
    layout->addWidget(view);
    // Every chart exports from its context menu; either panel exports the whole figure.
    offerExportMenu(view, this, this);
  }
  setMinimumSize(400, 220);
  rebuild();
}

void Table1Chart::setRows(const QVector<Table1ChartRow>& rows) {
  rows_ = rows;
  rebuild();
}

void Table1Chart::rebuild() {
  // Fresh charts each time, as in ClassCountsChart: Qt Charts 6.4 can leave a removed axis's
  // labels painted when axes are swapped on a chart that is kept.
  QChart* old_accuracy = accuracy_;
  QChart* old_gap = gap_;
  accuracy_ = new QChart;
  gap_ = new QChart;
  accuracy_view_->setChart(accuracy_);
  gap_view_->setChart(gap_);
  delete old_accuracy;
  delete old_gap;

  QStringList labels;
  std::vector<double> top1, paper_top1, frequent, rare, paper_rare;
  for (const Table1ChartRow& row : rows_) {
    labels << row.label;
    top1.push_back(row.top1 * 100);
    paper_top1.push_back(row.paper_top1 * 100);
    frequent.push_back(row.gap_frequent);
    rare.push_back(row.gap_rare);
    paper_rare.push_back(row.paper_gap_rare);
  }
  fill_panel(*accuracy_, tr("Top-1 accuracy, in domain"), labels,
             {bar_set(tr("this run set"), top1), bar_set(tr("paper (CIFAR-10)"), paper_top1)},
             tr("top-1 accuracy (%)"));
  fill_panel(*gap_, tr("Pre-training generalisation gap"), labels,
             {bar_set(tr("frequent classes"), frequent), bar_set(tr("rare classes"), rare),
              bar_set(tr("paper, rare classes"), paper_rare)},
             tr("held-out minus training loss"));
}

std::vector<double> Table1Chart::shownBars(Bars bars) const {
  const bool accuracy = bars == Bars::kTop1 || bars == Bars::kPaperTop1;
  const QChart* chart = accuracy ? accuracy_ : gap_;
  const int index = accuracy ? int(bars) : int(bars) - int(Bars::kGapFrequent);
  std::vector<double> out;
  if (chart->series().isEmpty()) return out;
  const auto sets = static_cast<QBarSeries*>(chart->series().front())->barSets();
  if (index >= sets.size()) return out;
  for (int i = 0; i < sets[index]->count(); ++i) out.push_back(sets[index]->at(i));
  return out;
}

QStringList Table1Chart::shownRows() const {
  const auto axes = accuracy_->axes(Qt::Horizontal);
  if (axes.isEmpty()) return {};
  return static_cast<QBarCategoryAxis*>(axes.front())->categories();
}

void Table1Chart::paintFigure(QPainter& painter, const QRectF& target) {
  // The panels side by side, as on screen.
  const double half = target.width() / 2;
  paintChart(*accuracy_, painter, QRectF(target.left(), target.top(), half, target.height()),
             paperFontPoints());
  paintChart(*gap_, painter, QRectF(target.left() + half, target.top(), half, target.height()),
             paperFontPoints());
}

QString Table1Chart::figureCsv() const {
  // The plotted numbers (top-1 in percent), empty where there is none.
  QString csv = "row,top1_percent,paper_top1_percent,gap_frequent,gap_rare,paper_gap_rare\n";
  for (const Table1ChartRow& row : rows_) {
    QString name = row.label;
    name.replace('"', "\"\"");
    csv += QString("\"%1\",%2,%3,%4,%5,%6\n")
               .arg(name, csv_number(row.top1 * 100), csv_number(row.paper_top1 * 100),
                    csv_number(row.gap_frequent), csv_number(row.gap_rare),
                    csv_number(row.paper_gap_rare));
  }
  return csv;
}

std::vector<lt::Chart> Table1Chart::figureCharts() const {
  const auto panel = [&](const QString& title, const QString& value_title,
                         const std::vector<std::pair<QString, double Table1ChartRow::*>>& bars,
                         double scale) {
    lt::Chart chart;
    chart.name = figureName().toStdString();
    chart.title = title.toStdString();
    chart.y_label = value_title.toStdString();
    for (const Table1ChartRow& row : rows_) chart.categories.push_back(row.label.toStdString());
    for (const auto& [name, member] : bars) {
      lt::ChartSeries series;
      series.name = name.toStdString();
      for (const Table1ChartRow& row : rows_) {
        series.values.push_back(row.*member * scale);  // NaN stays NaN: no bar
        series.errors.push_back(0);
      }
      chart.series.push_back(std::move(series));
    }
    return chart;
  };
  return {panel(tr("Top-1 accuracy, in domain"), tr("top-1 accuracy (%)"),
                {{tr("this run set"), &Table1ChartRow::top1},
                 {tr("paper (CIFAR-10)"), &Table1ChartRow::paper_top1}},
                100),
          panel(tr("Pre-training generalisation gap"), tr("held-out minus training loss"),
                {{tr("frequent classes"), &Table1ChartRow::gap_frequent},
                 {tr("rare classes"), &Table1ChartRow::gap_rare},
                 {tr("paper, rare classes"), &Table1ChartRow::paper_gap_rare}},
                1)};
}

}  // namespace lt::widgets
