// Table 1 as bars, one group per row (SimSiam, +SAM, balanced, +rwSAM): top-1 accuracy beside
// the paper's on the left, the pre-training generalisation gap of the frequent and the rare
// classes beside the paper's rare gap on the right. Two panels because accuracy (tens of
// percent) and the gap (hundredths of a loss) share no scale; they export as one figure.
#pragma once

#include <QString>
#include <QVector>
#include <QWidget>
#include <vector>

#include "figure.h"

class QChart;
class QChartView;

namespace lt::widgets {

struct Table1ChartRow {
  QString label;  // as the table names the row
  // NaN where there is no number (not probed, not measured, none in the paper): no bar.
  double top1 = 0;        // in [0, 1]
  double paper_top1 = 0;  // in [0, 1]
  double gap_frequent = 0, gap_rare = 0, paper_gap_rare = 0;
};

class Table1Chart : public QWidget, public Figure {
  Q_OBJECT
 public:
  enum class Bars { kTop1, kPaperTop1, kGapFrequent, kGapRare, kPaperGapRare };

  explicit Table1Chart(QWidget* parent = nullptr);

  // Replaces every bar in one go (an empty list clears the chart).
  void setRows(const QVector<Table1ChartRow>& rows);

  // What the chart draws, read back from its bar sets (top-1 in percent; 0 where no bar), and
  // the row labels under the groups: for tests and for a reader of the figure.
  std::vector<double> shownBars(Bars bars) const;
  QStringList shownRows() const;

  QString figureName() const override { return "table1"; }
  void paintFigure(QPainter& painter, const QRectF& target) override;
  QString figureCsv() const override;
  // Its two panels, each a chart of bars: accuracy and the generalisation gap.
  std::vector<lt::Chart> figureCharts() const override;

 private:
  void rebuild();
  QChart* accuracy_;
  QChart* gap_;
  QChartView* accuracy_view_;
  QChartView* gap_view_;
  QVector<Table1ChartRow> rows_;
};

}  // namespace lt::widgets
