// The Compare place's Table 1 view: one `longtail table1` run set from the store as the paper
// prints Table 1(a), a table of each row's top-1 and generalisation gaps beside the paper's, and
// the same numbers as bars (an exportable figure). Sets still training show what they have.
#pragma once

#include <QString>
#include <QWidget>
#include <string>
#include <vector>

#include "experiments/table1_set.h"

class QComboBox;
class QLabel;
class QTableWidget;

namespace lt::widgets {

class Table1Chart;

class Table1View : public QWidget {
  Q_OBJECT
 public:
  enum Column { kRow, kTop1, kPaperTop1, kGapFrequent, kGapRare, kPaperGapRare, kRun, kColumns };

  explicit Table1View(QWidget* parent = nullptr);

  // The sets of the store, newest first (core's find_table1_sets); `error`, when not empty, is
  // why the store could not be read. The set on show stays chosen when it is still there.
  void setSets(std::vector<Table1Set> sets, const QString& error = {});

  QComboBox* setBox() const { return set_box_; }  // shown only when there are several sets
  QTableWidget* table() const { return table_; }
  Table1Chart* chart() const { return chart_; }
  QString messageText() const;
  const Table1Set* shownSet() const;  // nullptr when the store has none

  // The rows as the paper labels them: "SimSiam", "+SAM", "balanced", "+rwSAM".
  static QString rowLabel(const std::string& row);

 private:
  void showSet();

  std::vector<Table1Set> sets_;
  QString error_;
  QLabel* set_label_;
  QComboBox* set_box_;
  QLabel* message_;
  QTableWidget* table_;
  Table1Chart* chart_;
};

}  // namespace lt::widgets
