// The "Compare" place: the paper's Figure 2 (top-1 accuracy against n, balanced twin and
// imbalanced variant, per method) and Figure 1 (the relative gap Delta against n), with the
// numbers beside them, from the runs of the store; or, chosen in its view box, a `longtail
// table1` run set as the paper's Table 1 (widgets/table1_view.h). Reading the store is a few fast
// queries, so it happens on the GUI thread; the arithmetic is core's (experiments/comparison.h).
#pragma once

#include <QList>
#include <QString>
#include <QWidget>
#include <vector>

#include "experiments/comparison.h"

class QComboBox;
class QLabel;
class QStackedWidget;
class QTableWidget;

namespace lt::widgets {

class Figure;
class LineChart;
class Table1View;

class ComparePlace : public QWidget {
  Q_OBJECT
 public:
  explicit ComparePlace(QWidget* parent = nullptr);

  // Reads the store at `path` (never creating one) and shows what it holds.
  void setStorePath(const QString& path);
  QString storePath() const { return store_path_; }

  LineChart* accuracyChart() const { return accuracy_; }
  LineChart* gapChart() const { return gap_; }
  QTableWidget* table() const { return table_; }
  // The figures of the view on show: Figures 2 and 1, or Table 1's bars.
  QList<Figure*> figures() const;

  // Which view is on show (item data: "figures" or "table1"), and the Table 1 view itself.
  QComboBox* viewBox() const { return view_; }
  Table1View* table1View() const { return table1_; }
  bool showsTable1() const;

  // The selectors: evaluation key (item data: "id", "ood", ...) and imbalance setting (shown
  // only when the store holds more than one r, source or distribution).
  QComboBox* probeBox() const { return probe_; }
  // Only the runs with this tag (item data: the tag; "" for all runs).
  QComboBox* tagBox() const { return tag_; }
  QComboBox* ratioBox() const { return ratio_; }

  // A verdict shown above the figures (the headline's, after the designer ran it), with a line
  // per Delta and its spread under it (quick_gap_lines: "within noise" when the Deltas differ
  // by less than their combined spread, "one seed: no spread"); "" hides it.
  void showVerdict(const QString& text, const QStringList& gapLines = {});
  QString verdictText() const;
  // What `longtail report` writes, for the runs on show (the chosen tag's, or every run): each
  // figure as SVG, CSV and pgfplots .tex beside its provenance sidecar NAME.figure.json (the
  // runs, their config hashes, the evaluation, the program's version; `longtail figure
  // reproduce` rebuilds it), runs.csv and summary.md. `size`: "single" or "double" (the
  // column's width and font). Returns the files written; throws an lt::Error saying why not.
  QStringList exportReport(const QString& folder, const QString& size);

  // What the view on show says above its figures: an error, what to do next, or how many runs
  // count.
  QString messageText() const;
  // The comparison on show (all settings of the selected probe).
  const Comparison& comparison() const { return comparison_; }

  // How each series is named, so a legend and a test agree.
  static QString methodName(const std::string& method);                         // "SimSiam (SSL)"
  static QString shortMethodName(const std::string& method);                    // "SimSiam"
  static QString accuracySeriesName(const std::string& method, bool balanced);  // "SimSiam, bal."
  static QString gapSeriesName(const std::string& method);                      // "SimSiam (SSL)"

 public Q_SLOTS:
  // Re-reads the store (after a run or an evaluation finished).
  void refresh();

 private:
  struct Setting {
    std::string source, distribution;
    double ratio = 0;
    bool operator==(const Setting&) const = default;
  };
  void compare();  // the selected probe, from the runs already read
  void showSetting();
  void fillProbes();
  void fillSettings();
  void showMessage(const QString& text, const std::vector<std::string>& details = {});
  void showView();

  QString store_path_;
  QString error_;  // why the store could not be read; empty when it was
  std::vector<ComparisonInput> runs_;
  Comparison comparison_;
  std::vector<Setting> settings_;  // parallel to ratio_'s items

  QComboBox* view_;
  QWidget* figure_controls_;  // the probe and imbalance selectors: Figures 1 and 2 only
  QStackedWidget* pages_;
  Table1View* table1_;
  QComboBox* probe_;
  QComboBox* tag_;
  QLabel* ratio_label_;
  QComboBox* ratio_;
  QLabel* message_;
  QLabel* verdict_;
  LineChart* accuracy_;
  LineChart* gap_;
  QTableWidget* table_;
};

}  // namespace lt::widgets
