#include "table1_view.h"

#include <QFileInfo>

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSignalBlocker>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <cmath>
#include <map>

#include "table1_chart.h"

namespace lt::widgets {
namespace {

const QString kDash = QStringLiteral("—");

QString percent(double fraction) {
  return std::isfinite(fraction) ? QString::number(fraction * 100, 'f', 1) : kDash;
}

QString gap_text(double gap) {
  return std::isfinite(gap) ? QString::number(gap, 'f', 4) : kDash;
}

QTableWidgetItem* item(const QString& text, bool number) {
  auto* cell = new QTableWidgetItem(text);
  cell->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
  if (number) cell->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
  return cell;
}

QString status_text(const std::string& status) {
  static const std::map<std::string, const char*> shown = {
      {"finished", QT_TRANSLATE_NOOP("lt::widgets::Table1View", "finished")},
      {"running", QT_TRANSLATE_NOOP("lt::widgets::Table1View", "running")},
      {"interrupted", QT_TRANSLATE_NOOP("lt::widgets::Table1View", "interrupted")},
      {"cancelled", QT_TRANSLATE_NOOP("lt::widgets::Table1View", "cancelled")},
      {"diverged", QT_TRANSLATE_NOOP("lt::widgets::Table1View", "diverged")},
      {"missing", QT_TRANSLATE_NOOP("lt::widgets::Table1View", "not run yet")}};
  const auto it = shown.find(status);
  return it == shown.end() ? QString::fromStdString(status) : Table1View::tr(it->second);
}

}  // namespace

Table1View::Table1View(QWidget* parent)
    : QWidget(parent),
      set_label_(new QLabel(tr("Run set:"))),
      set_box_(new QComboBox),
      message_(new QLabel),
      table_(new QTableWidget(0, kColumns)),
      chart_(new Table1Chart) {
  set_box_->setToolTip(tr("Which `longtail table1` run set to show (newest first)"));
  set_box_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  auto* bar = new QHBoxLayout;
  bar->setContentsMargins(0, 0, 0, 0);
  bar->addWidget(set_label_);
  bar->addWidget(set_box_);
  bar->addStretch(1);

  message_->setWordWrap(true);
  message_->setTextInteractionFlags(Qt::TextSelectableByMouse);

  table_->setHorizontalHeaderLabels({tr("Row"), tr("Top-1 (%)"), tr("Paper top-1 (%)"),
                                     tr("Gap, frequent"), tr("Gap, rare"), tr("Paper gap, rare"),
                                     tr("Run")});
  table_->horizontalHeaderItem(kGapFrequent)
      ->setToolTip(tr("Pre-training generalisation gap: held-out minus training loss"));
  table_->horizontalHeaderItem(kPaperTop1)
      ->setToolTip(tr("Table 1(a) of the paper: CIFAR-10, step imbalance r = 0.01, ResNet-18"));
  table_->verticalHeader()->setVisible(false);
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  table_->horizontalHeader()->setStretchLastSection(true);

  auto* body = new QSplitter(Qt::Vertical);
  body->addWidget(table_);
  body->addWidget(chart_);
  body->setStretchFactor(0, 1);
  body->setStretchFactor(1, 3);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addLayout(bar);
  layout->addWidget(message_);
  layout->addWidget(body, 1);

  connect(set_box_, &QComboBox::currentIndexChanged, this, [this] { showSet(); });
  setSets({});
}

QString Table1View::rowLabel(const std::string& row) {
  if (row == "simsiam") return tr("SimSiam");
  if (row == "simsiam+sam") return tr("+SAM");
  if (row == "simsiam-balanced") return tr("balanced");
  if (row == "simsiam+rwsam") return tr("+rwSAM");
  return QString::fromStdString(row);
}

QString Table1View::messageText() const {
  return message_->text();
}

const Table1Set* Table1View::shownSet() const {
  const int index = set_box_->currentIndex();
  return index >= 0 && size_t(index) < sets_.size() ? &sets_[size_t(index)] : nullptr;
}

void Table1View::setSets(std::vector<Table1Set> sets, const QString& error) {
  const Table1Set* shown = shownSet();
  const QString current = shown ? QString::fromStdString(shown->folder) : QString();
  sets_ = std::move(sets);
  error_ = error;
  {
    const QSignalBlocker blocker(set_box_);
    set_box_->clear();
    for (const Table1Set& set : sets_) {
      const QString folder = QString::fromStdString(set.folder);
      set_box_->addItem(
          tr("%1 preset, %2 (%3)")
              .arg(QString::fromStdString(set.preset), QString::fromStdString(set.source), folder),
          folder);
    }
    set_box_->setCurrentIndex(std::max(0, set_box_->findData(current)));
  }
  set_box_->setVisible(sets_.size() > 1);
  set_label_->setVisible(sets_.size() > 1);
  showSet();
}

void Table1View::showSet() {
  table_->setRowCount(0);
  const Table1Set* set = shownSet();
  if (!set) {
    chart_->setRows({});
    message_->setText(
        !error_.isEmpty()
            ? error_
            : tr("No Table 1 run set in this store yet. `longtail table1 --preset cpu` trains "
                 "and measures one on this machine (`--preset smoke` in minutes, for a first "
                 "look)."));
    message_->setToolTip(QString());
    return;
  }

  QVector<Table1ChartRow> bars;
  table_->setRowCount(int(set->rows.size()));
  int measured = 0;
  for (int r = 0; r < int(set->rows.size()); ++r) {
    const Table1SetRow& row = set->rows[size_t(r)];
    const QString label = rowLabel(row.name);
    table_->setItem(r, kRow, item(label, false));
    table_->item(r, kRow)->setToolTip(QString::fromStdString(row.run_dir));
    table_->setItem(r, kTop1, item(percent(row.top1), true));
    table_->setItem(r, kPaperTop1, item(percent(row.paper_top1), true));
    table_->setItem(r, kGapFrequent, item(gap_text(row.gap_frequent), true));
    table_->setItem(r, kGapRare, item(gap_text(row.gap_rare), true));
    table_->setItem(r, kPaperGapRare, item(gap_text(row.paper_gap_rare), true));
    table_->setItem(r, kRun,
                    item(row.run_id.empty() ? status_text(row.status)
                                            : tr("%1 (%2)").arg(QString::fromStdString(row.run_id),
                                                                status_text(row.status)),
                         false));
    bars.append(
        {label, row.top1, row.paper_top1, row.gap_frequent, row.gap_rare, row.paper_gap_rare});
    if (row.measured()) ++measured;
  }
  chart_->setRows(bars);

  QString text = tr("Table 1(a), preset %1 on %2: %3 of %4 rows measured.")
                     .arg(QString::fromStdString(set->preset), QString::fromStdString(set->source))
                     .arg(measured)
                     .arg(int(set->rows.size()));
  if (!set->complete()) {
    text += QLatin1Char(' ') +
            tr("Run `longtail table1 --preset %1 --out %2` again to finish the set; finished "
               "rows are reused.")
                .arg(QString::fromStdString(set->preset),
                     QFileInfo(QString::fromStdString(set->folder)).path());
  }
  // The paper's numbers are ResNet-18 on CIFAR-10: the smoke and cpu presets (a small encoder
  // on Fashion-MNIST) can reproduce the direction of its finding, not its values.
  text += QLatin1Char(' ') + tr("The paper's numbers are CIFAR-10's; compare the direction "
                                "(rwSAM against SimSiam), not the values.");
  message_->setText(text);
  message_->setToolTip(QString::fromStdString(set->folder));
}

}  // namespace lt::widgets
