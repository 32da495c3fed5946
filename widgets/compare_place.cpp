#include "compare_place.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "experiments/table1_set.h"
#include "line_chart.h"
#include "methods/method_list.h"
#include "report/run_report.h"
#include "store/run_store.h"
#include "table1_chart.h"
#include "table1_view.h"
#include "util/error.h"

namespace lt::widgets {
namespace {

enum Column { kMethod, kN, kRatio, kBalanced, kImbalanced, kGap, kSeeds, kColumns };

// Accuracies and gaps as the paper prints them: percent, mean ± sample std over seeds.
QString percent(double mean, double spread, int seeds, int decimals) {
  const QString m = QString::number(mean * 100, 'f', decimals);
  if (seeds < 2) return m;
  return ComparePlace::tr("%1 ± %2").arg(m, QString::number(spread * 100, 'f', decimals));
}

QString ratio_text(double ratio) {
  return QString::number(ratio, 'g', 4);
}

QString seeds_text(const std::vector<int64_t>& seeds) {
  QStringList parts;
  for (int64_t s : seeds) parts << QString::number(s);
  return parts.join(QStringLiteral(", "));
}

QTableWidgetItem* item(const QString& text, bool number) {
  auto* cell = new QTableWidgetItem(text);
  cell->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
  if (number) cell->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
  return cell;
}

}  // namespace

ComparePlace::ComparePlace(QWidget* parent)
    : QWidget(parent),
      view_(new QComboBox),
      figure_controls_(new QWidget),
      pages_(new QStackedWidget),
      table1_(new Table1View),
      probe_(new QComboBox),
      tag_(new QComboBox),
      ratio_label_(new QLabel(tr("Imbalance:"))),
      ratio_(new QComboBox),
      message_(new QLabel),
      verdict_(new QLabel),
      accuracy_(new LineChart(QStringLiteral("accuracy-vs-n"))),
      gap_(new LineChart(QStringLiteral("gap-vs-n"))),
      table_(new QTableWidget(0, kColumns)) {
  probe_->setToolTip(tr("Which evaluation of the pre-trained encoders to compare"));
  ratio_->setToolTip(
      tr("r: the rarest class's size over the most frequent's, in the imbalanced "
         "variant"));
  auto* refresh_button = new QPushButton(tr("Refresh"));
  refresh_button->setToolTip(tr("Read the run store again"));

  view_->addItem(tr("Figures 1 and 2"), QStringLiteral("figures"));
  view_->addItem(tr("Table 1"), QStringLiteral("table1"));
  view_->setToolTip(
      tr("Figures 1 and 2: accuracy and relative gap against n, over all runs; Table 1: a "
         "`longtail table1` run set (SimSiam, +SAM, balanced, +rwSAM) with its generalisation "
         "gaps"));

  auto* controls = new QHBoxLayout(figure_controls_);
  controls->setContentsMargins(0, 0, 0, 0);
  controls->addWidget(new QLabel(tr("Evaluation:")));
  controls->addWidget(probe_);
  controls->addSpacing(12);
  controls->addWidget(new QLabel(tr("Tag:")));
  controls->addWidget(tag_);
  controls->addSpacing(12);
  controls->addWidget(ratio_label_);
  controls->addWidget(ratio_);

  auto* bar = new QHBoxLayout;
  bar->addWidget(new QLabel(tr("Show:")));
  bar->addWidget(view_);
  bar->addSpacing(12);
  bar->addWidget(figure_controls_);
  bar->addStretch(1);
  bar->addWidget(refresh_button);

  message_->setWordWrap(true);
  message_->setTextInteractionFlags(Qt::TextSelectableByMouse);

  accuracy_->setTitle(tr("Figure 2: accuracy against n"));
  accuracy_->setAxisTitles(tr("pre-training images n"), tr("top-1 accuracy (%)"));
  accuracy_->setLogX(true);
  gap_->setTitle(tr("Figure 1: relative gap Δ = (A_bal − A_imb) / A_bal against n"));
  gap_->setAxisTitles(tr("pre-training images n"), tr("relative gap Δ (%)"));
  gap_->setLogX(true);

  table_->setHorizontalHeaderLabels({tr("Method"), tr("n"), tr("r"), tr("Balanced acc. (%)"),
                                     tr("Imbalanced acc. (%)"), tr("Δ (%)"), tr("Seeds")});
  table_->verticalHeader()->setVisible(false);
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  table_->horizontalHeader()->setStretchLastSection(true);

  auto* charts = new QSplitter(Qt::Horizontal);
  charts->addWidget(accuracy_);
  charts->addWidget(gap_);
  auto* body = new QSplitter(Qt::Vertical);
  body->addWidget(charts);
  body->addWidget(table_);
  body->setStretchFactor(0, 3);
  body->setStretchFactor(1, 1);

  auto* figures_page = new QWidget;
  auto* figures_layout = new QVBoxLayout(figures_page);
  figures_layout->setContentsMargins(0, 0, 0, 0);
  verdict_->setWordWrap(true);
  verdict_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  verdict_->setVisible(false);
  figures_layout->addWidget(verdict_);
  figures_layout->addWidget(message_);
  figures_layout->addWidget(body, 1);
  pages_->addWidget(figures_page);
  pages_->addWidget(table1_);

  auto* layout = new QVBoxLayout(this);
  layout->addLayout(bar);
  layout->addWidget(pages_, 1);

  connect(view_, &QComboBox::currentIndexChanged, this, [this] { showView(); });
  connect(probe_, &QComboBox::currentIndexChanged, this, [this] { compare(); });
  tag_->setToolTip(
      tr("Compare only the runs with this tag (longtail runs tag, or the Runs place)"));
  tag_->addItem(tr("All runs"), QString());
  connect(tag_, &QComboBox::currentIndexChanged, this, &ComparePlace::refresh);
  connect(ratio_, &QComboBox::currentIndexChanged, this, [this] { showSetting(); });
  connect(refresh_button, &QPushButton::clicked, this, &ComparePlace::refresh);
  refresh();
}

QList<Figure*> ComparePlace::figures() const {
  if (showsTable1()) return {table1_->chart()};
  return {accuracy_, gap_};
}

bool ComparePlace::showsTable1() const {
  return view_->currentData().toString() == QStringLiteral("table1");
}

void ComparePlace::showView() {
  pages_->setCurrentIndex(showsTable1() ? 1 : 0);  // the pages in the order they were added
  figure_controls_->setVisible(!showsTable1());
}

void ComparePlace::showVerdict(const QString& text, const QStringList& gapLines) {
  QString html = tr("<b>Verdict:</b> %1").arg(text.toHtmlEscaped());
  for (const QString& line : gapLines) html += QStringLiteral("<br>") + line.toHtmlEscaped();
  verdict_->setText(text.isEmpty() ? QString() : html);
  verdict_->setVisible(!text.isEmpty());
}

QStringList ComparePlace::exportReport(const QString& folder, const QString& size) {
  const lt::FigureSize paper = figure_size(size.toStdString());
  std::vector<std::string> ids;
  for (const ComparisonInput& in : runs_) ids.push_back(in.run_id);
  if (ids.empty())
    throw_setting("no runs to report on in " + store_path_.toStdString() +
                  ": train and evaluate a variant and its balanced twin first");
  const QString tag = tag_->currentData().toString();
  const std::string selection =
      tag.isEmpty() ? std::string("every run of the store") : "tag " + tag.toStdString();
  RunStore store(store_path_.toStdString(), /*create=*/false);
  const ReportResult r = write_report(store, ids, selection, paper, folder.toStdString());
  QStringList files;
  for (const std::string& f : r.files) files << QString::fromStdString(f);
  return files;
}

QString ComparePlace::verdictText() const {
  return verdict_->isHidden() ? QString() : verdict_->text();
}

QString ComparePlace::messageText() const {
  return showsTable1() ? table1_->messageText() : message_->text();
}

QString ComparePlace::methodName(const std::string& method) {
  return QStringLiteral("%1 (%2)").arg(shortMethodName(method),
                                       QString::fromStdString(learning_kind(method)));
}

QString ComparePlace::shortMethodName(const std::string& method) {
  // The names of core's method list; a method it lacks keeps its config name.
  // "supervised:ssl": the method, then the protocol it trained with when not the standard one.
  const auto colon = method.find(':');
  const std::string base = method.substr(0, colon);
  const MethodInfo* info = find_method(base);
  QString name = QString::fromStdString(info == nullptr ? base : info->label);
  if (colon != std::string::npos) {
    const std::string protocol = method.substr(colon + 1);
    name += protocol == "ssl" ? tr(", SSL views") : ", " + QString::fromStdString(protocol);
  }
  return name;
}

QString ComparePlace::accuracySeriesName(const std::string& method, bool balanced) {
  // Short: four of these share one legend row.
  return tr("%1, %2").arg(shortMethodName(method), balanced ? tr("bal.") : tr("imb."));
}

QString ComparePlace::gapSeriesName(const std::string& method) {
  return methodName(method);
}

void ComparePlace::setStorePath(const QString& path) {
  store_path_ = path;
  refresh();
}

void ComparePlace::refresh() {
  runs_.clear();
  error_.clear();
  std::vector<Table1Set> table1_sets;
  if (!store_path_.isEmpty()) {
    try {
      RunStore store(store_path_.toStdString(), /*create=*/false);
      runs_ = comparison_inputs(store);
      table1_sets = find_table1_sets(store);
      // The tags on offer, and the runs of the chosen one.
      const std::string chosen = tag_->currentData().toString().toStdString();
      std::set<std::string> tags, tagged;
      for (const StoredRun& run : store.list_runs()) {
        for (const std::string& tag : run.tags) {
          tags.insert(tag);
          if (tag == chosen) tagged.insert(run.id);
        }
      }
      const QSignalBlocker blocker(tag_);
      tag_->clear();
      tag_->addItem(tr("All runs"), QString());
      for (const std::string& tag : tags)
        tag_->addItem(QString::fromStdString(tag), QString::fromStdString(tag));
      tag_->setCurrentIndex(std::max(0, tag_->findData(QString::fromStdString(chosen))));
      if (!chosen.empty() && tags.count(chosen)) {
        std::erase_if(runs_, [&](const ComparisonInput& in) { return !tagged.count(in.run_id); });
      }
    } catch (const std::exception& e) {
      // lt::Error says what and what to do; anything else is still no reason to go down.
      error_ = tr("The run store cannot be read: %1").arg(QString::fromStdString(e.what()));
    }
  }
  table1_->setSets(std::move(table1_sets), error_);
  fillProbes();
  compare();
}

void ComparePlace::fillProbes() {
  const QString current = probe_->currentData().toString();
  std::vector<std::string> keys = {"id", "ood"};  // always offered: the paper's two
  for (const std::string& key : evaluation_keys(runs_)) {
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
  }
  const std::map<std::string, QString> labels = {
      {"id", tr("In domain (ID)")},
      {"ood", tr("Out of domain (OOD)")},
      {"id-finetune", tr("In domain, fine-tuned (ID)")},
      {"ood-finetune", tr("Out of domain, fine-tuned (OOD)")}};
  const QSignalBlocker blocker(probe_);
  probe_->clear();
  for (const std::string& key : keys) {
    const auto label = labels.find(key);
    probe_->addItem(label == labels.end() ? QString::fromStdString(key) : label->second,
                    QString::fromStdString(key));
  }
  probe_->setCurrentIndex(std::max(0, probe_->findData(current)));
}

void ComparePlace::compare() {
  const std::string probe = probe_->currentData().toString().toStdString();
  comparison_ = compare_runs(runs_, probe);
  fillSettings();
  showSetting();
}

void ComparePlace::fillSettings() {
  const int index = ratio_->currentIndex();
  const std::optional<Setting> current = index >= 0 && size_t(index) < settings_.size()
                                             ? std::optional(settings_[size_t(index)])
                                             : std::nullopt;
  std::map<std::tuple<std::string, std::string, double>, int> runs_per_setting;
  for (const ComparisonCell& cell : comparison_.cells) {
    runs_per_setting[{cell.source, cell.distribution, cell.ratio}] += int(cell.per_seed.size());
  }
  settings_.clear();
  std::set<std::string> sources, distributions;
  int busiest = 0, most = -1;
  for (const auto& [key, runs] : runs_per_setting) {
    const auto& [source, distribution, ratio] = key;
    if (runs > most) {
      most = runs;
      busiest = int(settings_.size());
    }
    settings_.push_back({source, distribution, ratio});
    sources.insert(source);
    distributions.insert(distribution);
  }
  const QSignalBlocker blocker(ratio_);
  ratio_->clear();
  for (const Setting& s : settings_) {
    // Only what tells the settings apart: r, and the family or the data when those differ.
    QStringList extra;
    if (distributions.size() > 1) extra << QString::fromStdString(s.distribution);
    if (sources.size() > 1) extra << QString::fromStdString(s.source);
    QString text = tr("r = %1").arg(ratio_text(s.ratio));
    if (!extra.isEmpty()) text += QStringLiteral(" (%1)").arg(extra.join(QStringLiteral(", ")));
    ratio_->addItem(text);
  }
  int chosen = busiest;
  if (current) {
    const auto it = std::find(settings_.begin(), settings_.end(), *current);
    if (it != settings_.end()) chosen = int(it - settings_.begin());
  }
  if (!settings_.empty()) ratio_->setCurrentIndex(chosen);
  ratio_->setVisible(settings_.size() > 1);
  ratio_label_->setVisible(settings_.size() > 1);
}

void ComparePlace::showSetting() {
  accuracy_->clear();
  gap_->clear();
  accuracy_->setFigureRuns({});
  gap_->setFigureRuns({});
  table_->setRowCount(0);

  const int index = ratio_->currentIndex();
  if (index < 0 || size_t(index) >= settings_.size()) {
    if (!error_.isEmpty()) {
      showMessage(error_);
    } else {
      showMessage(tr("Nothing to compare yet for %1. Train a variant and its balanced twin, then "
                     "evaluate both (Launch, or `longtail quick`).")
                      .arg(probe_->currentText()),
                  comparison_.skipped);
    }
    return;
  }
  const Setting setting = settings_[size_t(index)];
  auto in_setting = [&](const auto& x) {
    return x.source == setting.source && x.distribution == setting.distribution &&
           x.ratio == setting.ratio;
  };

  // Figure 2 and the table's accuracy columns. Cells come sorted by method, balance, then n,
  // so each series' points are in order of n.
  struct Row {
    const ComparisonCell* balanced = nullptr;
    const ComparisonCell* imbalanced = nullptr;
    const ComparisonGap* gap = nullptr;
  };
  std::map<std::pair<std::string, int64_t>, Row> rows;
  std::map<QString, QVector<ChartPoint>> accuracy_series;
  std::vector<QString> accuracy_order;
  int compared = 0;
  for (const ComparisonCell& cell : comparison_.cells) {
    if (!in_setting(cell)) continue;
    const QString name = accuracySeriesName(cell.method, cell.balanced);
    if (!accuracy_series.contains(name)) accuracy_order.push_back(name);
    accuracy_series[name].append({double(cell.n), cell.mean * 100, cell.spread * 100});
    Row& row = rows[{cell.method, cell.n}];
    (cell.balanced ? row.balanced : row.imbalanced) = &cell;
    compared += int(cell.per_seed.size());
  }
  for (const QString& name : accuracy_order) accuracy_->setSeries(name, accuracy_series[name]);
  // The runs behind both figures, for the provenance sidecar of a .tex export.
  Figure::Runs drawn{store_path_, {}, probe_->currentData().toString().toStdString()};
  for (const ComparisonCell& cell : comparison_.cells) {
    if (!in_setting(cell)) continue;
    for (const std::string& id : cell.run_ids)
      if (std::find(drawn.runIds.begin(), drawn.runIds.end(), id) == drawn.runIds.end())
        drawn.runIds.push_back(id);
  }
  accuracy_->setFigureRuns(drawn);
  gap_->setFigureRuns(drawn);

  // Figure 1.
  std::map<QString, QVector<ChartPoint>> gap_series;
  std::vector<QString> gap_order;
  for (const ComparisonGap& gap : comparison_.gaps) {
    if (!in_setting(gap)) continue;
    const QString name = gapSeriesName(gap.method);
    if (!gap_series.contains(name)) gap_order.push_back(name);
    gap_series[name].append({double(gap.n), gap.gap.mean * 100, gap.gap.spread * 100});
    rows[{gap.method, gap.n}].gap = &gap;
  }
  for (const QString& name : gap_order) gap_->setSeries(name, gap_series[name]);

  const QString dash = QStringLiteral("—");
  table_->setRowCount(int(rows.size()));
  int r = 0;
  for (const auto& [key, row] : rows) {
    const auto& [method, n] = key;
    table_->setItem(r, kMethod, item(methodName(method), false));
    table_->setItem(r, kN, item(QString::number(n), true));
    table_->setItem(r, kRatio, item(ratio_text(setting.ratio), true));
    for (const auto& [column, cell] :
         {std::pair{kBalanced, row.balanced}, std::pair{kImbalanced, row.imbalanced}}) {
      table_->setItem(
          r, column,
          item(cell ? percent(cell->mean, cell->spread, int(cell->per_seed.size()), 1) : dash,
               true));
    }
    table_->setItem(r, kGap,
                    item(row.gap ? percent(row.gap->gap.mean, row.gap->gap.spread,
                                           int(row.gap->seeds.size()), 2)
                                 : dash,
                         true));
    std::vector<int64_t> seeds;
    if (row.gap) {
      seeds = row.gap->seeds;
    } else {
      for (const ComparisonCell* cell : {row.balanced, row.imbalanced}) {
        if (cell) seeds.insert(seeds.end(), cell->seeds.begin(), cell->seeds.end());
      }
      std::sort(seeds.begin(), seeds.end());
      seeds.erase(std::unique(seeds.begin(), seeds.end()), seeds.end());
    }
    table_->setItem(r, kSeeds, item(seeds_text(seeds), false));
    ++r;
  }

  QString text = tr("%n run(s) compared", nullptr, compared);
  if (gap_order.empty()) {
    text +=
        tr("; no variant has its balanced twin evaluated yet, so there is no gap. Train the "
           "twin (Launch, or `longtail train --twin`) and evaluate it.");
  }
  if (!comparison_.skipped.empty()) {
    text += tr("; %n left out (point here to see why)", nullptr, int(comparison_.skipped.size()));
  }
  showMessage(text + QStringLiteral("."), comparison_.skipped);
}

void ComparePlace::showMessage(const QString& text, const std::vector<std::string>& details) {
  message_->setText(text);
  QStringList lines;
  for (const std::string& line : details) lines << QString::fromStdString(line);
  message_->setToolTip(lines.join(QStringLiteral("\n")));
}

}  // namespace lt::widgets
