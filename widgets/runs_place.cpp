#include "runs_place.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>
#include <cmath>
#include <map>

#include "line_chart.h"
#include "store/run_labels.h"
#include "store/run_store.h"
#include "train/run_config.h"
#include "util/error.h"
#include "weights_view.h"

namespace lt::widgets {
namespace {

enum Column {
  kId,
  kMethod,
  kModel,
  kData,
  kImages,
  kRatio,
  kStatus,
  kEpochs,
  kId1,
  kOod1,
  kCreated,
  kTags,  // editable: comma-separated, saved to the run folder and the store
  kNote,  // editable
  kColumns
};

QStandardItem* textItem(const QString& text) {
  auto* item = new QStandardItem(text);
  item->setEditable(false);
  return item;
}

// Numbers sort as numbers; missing values show as a dash and sort first.
QStandardItem* numberItem(double value, int decimals) {
  auto* item = new QStandardItem;
  item->setEditable(false);
  if (std::isnan(value)) {
    item->setData(QString::fromUtf8("\u2013"), Qt::DisplayRole);
    item->setData(-1.0, Qt::UserRole);
  } else {
    item->setData(
        decimals < 0 ? QVariant(qint64(value)) : QVariant(QString::number(value, 'f', decimals)),
        Qt::DisplayRole);
    item->setData(value, Qt::UserRole);
  }
  item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
  return item;
}

}  // namespace

RunsPlace::RunsPlace(QWidget* parent)
    : QWidget(parent),
      model_(new QStandardItemModel(0, kColumns, this)),
      proxy_(new QSortFilterProxyModel(this)),
      view_(new QTableView),
      filter_(new QLineEdit),
      status_(new QLabel),
      details_(new QPushButton(tr("&Open"))),
      rerun_(new QPushButton(tr("Re-&run"))),
      weights_(new QPushButton(tr("&Weights"))),
      resume_(new QPushButton(tr("Res&ume"))),
      delete_(new QPushButton(tr("&Delete"))) {
  model_->setHorizontalHeaderLabels({tr("Run"), tr("Method"), tr("Model"), tr("Data"), tr("n"),
                                     tr("r"), tr("Status"), tr("Epochs"), tr("ID top-1 (%)"),
                                     tr("OOD top-1 (%)"), tr("Created"), tr("Tags"), tr("Note")});
  proxy_->setSourceModel(model_);
  proxy_->setFilterCaseSensitivity(Qt::CaseInsensitive);
  proxy_->setFilterKeyColumn(-1);  // every column
  proxy_->setSortRole(Qt::UserRole);
  view_->setModel(proxy_);
  view_->setSortingEnabled(true);
  view_->sortByColumn(kCreated, Qt::DescendingOrder);
  view_->setSelectionBehavior(QAbstractItemView::SelectRows);
  view_->horizontalHeader()->setStretchLastSection(true);
  view_->verticalHeader()->hide();
  filter_->setPlaceholderText(tr("Filter: tag, method, status, data, id, note ..."));
  filter_->setClearButtonEnabled(true);
  rerun_->setToolTip(tr("Fill Launch with this run's config"));
  delete_->setToolTip(tr("Remove the run from the store; its folder stays on disk"));

  auto* bar = new QHBoxLayout;
  bar->addWidget(filter_, 1);
  for (QPushButton* b : {details_, weights_, rerun_, resume_, delete_}) bar->addWidget(b);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(bar);
  layout->addWidget(view_, 1);
  layout->addWidget(status_);

  connect(filter_, &QLineEdit::textChanged, proxy_, &QSortFilterProxyModel::setFilterFixedString);
  connect(model_, &QStandardItemModel::itemChanged, this, [this](QStandardItem* item) {
    if (!refreshing_ && (item->column() == kTags || item->column() == kNote))
      saveLabels(item->row());
  });
  view_->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                         QAbstractItemView::AnyKeyPressed);
  connect(view_->selectionModel(), &QItemSelectionModel::selectionChanged, this,
          &RunsPlace::updateButtons);
  connect(view_, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
    if (index.column() == kTags || index.column() == kNote) return;  // edits the cell instead
    if (const QStringList ids = selectedRunIds(); !ids.isEmpty()) openDetails(ids.front());
  });
  connect(details_, &QPushButton::clicked, this, [this] {
    if (const QStringList ids = selectedRunIds(); !ids.isEmpty()) openDetails(ids.front());
  });
  connect(rerun_, &QPushButton::clicked, this, [this] {
    const QStringList ids = selectedRunIds();
    if (ids.isEmpty()) return;
    try {
      RunStore store(store_path_.toStdString(), false);
      if (const auto run = store.find_run(ids.front().toStdString()))
        Q_EMIT rerunRequested(QString::fromStdString(run->config_json));
    } catch (const Error& e) {
      Q_EMIT failed(QString::fromStdString(e.what()));
    }
  });
  connect(resume_, &QPushButton::clicked, this, [this] {
    const QStringList ids = selectedRunIds();
    if (ids.isEmpty()) return;
    const int row = view_->selectionModel()->selectedRows().front().row();
    Q_EMIT resumeRequested(proxy_->index(row, kId).data(Qt::ToolTipRole).toString(), ids.front());
  });
  connect(delete_, &QPushButton::clicked, this, &RunsPlace::deleteSelected);
  weights_->setToolTip(tr("rwSAM's KDE weights of this run's pre-training images"));
  connect(weights_, &QPushButton::clicked, this, [this] {
    if (const QStringList ids = selectedRunIds(); !ids.isEmpty()) openWeights(ids.front());
  });
  updateButtons();
}

void RunsPlace::setStorePath(const QString& path) {
  store_path_ = path;
  refresh();
}

void RunsPlace::refresh() {
  const QStringList selected = selectedRunIds();
  refreshing_ = true;
  model_->removeRows(0, model_->rowCount());
  if (store_path_.isEmpty()) return;
  try {
    RunStore store(store_path_.toStdString(), /*create=*/true);
    const std::vector<StoredRun> runs = store.list_runs();
    for (const StoredRun& run : runs) {
      std::map<std::string, double> top1;
      for (const StoredEvaluation& e : store.evaluations(run.id)) top1[e.probe] = e.top1;
      double ratio = NAN;
      try {
        const RunConfig config = config_from_json(run.config_json, run.id);
        if (config.variant.empty()) ratio = config.design.ratio;
      } catch (const Error&) {
        // An unreadable config leaves r empty; the run still lists.
      }
      const auto accuracy = [&](const char* probe) {
        const auto it = top1.find(probe);
        return it == top1.end() ? NAN : 100.0 * it->second;
      };
      QList<QStandardItem*> row(kColumns);
      row[kId] = textItem(QString::fromStdString(run.id));
      row[kId]->setData(QString::fromStdString(run.id), Qt::UserRole);
      row[kId]->setToolTip(QString::fromStdString(run.dir));
      row[kMethod] = textItem(QString::fromStdString(run.method));
      row[kModel] = textItem(QString::fromStdString(run.model));
      row[kData] = textItem(run.balanced_twin ? tr("balanced twin") : tr("long-tailed"));
      row[kImages] = numberItem(double(run.total_images), -1);
      row[kRatio] = numberItem(ratio, 4);
      row[kStatus] = textItem(QString::fromStdString(run.status));
      if (!run.message.empty()) row[kStatus]->setToolTip(QString::fromStdString(run.message));
      row[kEpochs] = textItem(QString("%1 / %2").arg(run.epochs_done).arg(run.epochs_planned));
      row[kEpochs]->setData(double(run.epochs_done), Qt::UserRole);
      row[kId1] = numberItem(accuracy("id"), 2);
      row[kOod1] = numberItem(accuracy("ood"), 2);
      row[kCreated] = textItem(QString::fromStdString(run.created));
      row[kCreated]->setData(QString::fromStdString(run.created), Qt::UserRole);
      QStringList tags;
      for (const auto& tag : run.tags) tags << QString::fromStdString(tag);
      row[kTags] = new QStandardItem(tags.join(", "));
      row[kTags]->setToolTip(tr("Tags, comma-separated: type to edit (saved in the run folder)"));
      row[kNote] = new QStandardItem(QString::fromStdString(run.note));
      row[kNote]->setToolTip(tr("A note: type to edit (saved in the run folder)"));
      for (QStandardItem* item : row)
        if (item->data(Qt::UserRole).isNull()) item->setData(item->text(), Qt::UserRole);
      model_->appendRow(row);
    }
    status_->setText(tr("%n run(s) in %1", "", int(runs.size())).arg(store_path_));
  } catch (const Error& e) {
    status_->setText(QString::fromStdString(e.what()));
    Q_EMIT failed(QString::fromStdString(e.what()));
  }
  refreshing_ = false;
  for (const QString& id : selected) selectRun(id);
  view_->resizeColumnsToContents();
  updateButtons();
}

void RunsPlace::saveLabels(int sourceRow) {
  const QString id = model_->item(sourceRow, kId)->data(Qt::UserRole).toString();
  try {
    RunStore store(store_path_.toStdString(), false);
    const auto run = store.find_run(id.toStdString());
    if (!run) throw_io("run " + id.toStdString() + " is no longer in the store");
    RunLabels labels;
    for (const QString& tag : model_->item(sourceRow, kTags)
                                  ->text()
                                  .split(QRegularExpression("[,\\s]+"), Qt::SkipEmptyParts))
      labels.tags.push_back(tag.toStdString());
    labels.note = model_->item(sourceRow, kNote)->text().toStdString();
    save_run_labels(store, *run, labels);
  } catch (const Error& e) {
    Q_EMIT failed(QString::fromStdString(e.what()));
  }
  // Show what was saved (sorted, each tag once), or what is still there after a refusal.
  QMetaObject::invokeMethod(this, &RunsPlace::refresh, Qt::QueuedConnection);
  Q_EMIT labelsChanged(id);
}

void RunsPlace::setRunLabels(const QString& id, const QString& tags, const QString& note) {
  for (int row = 0; row < model_->rowCount(); ++row) {
    if (model_->item(row, kId)->data(Qt::UserRole).toString() != id) continue;
    // Both cells first, then one save (an unchanged cell would emit nothing to save on).
    refreshing_ = true;
    model_->item(row, kTags)->setText(tags);
    model_->item(row, kNote)->setText(note);
    refreshing_ = false;
    saveLabels(row);
    return;
  }
}

int RunsPlace::shownRuns() const {
  return proxy_->rowCount();
}

QString RunsPlace::runIdAt(int row) const {
  return proxy_->index(row, kId).data(Qt::UserRole).toString();
}

QString RunsPlace::cell(int row, const QString& column) const {
  for (int c = 0; c < kColumns; ++c)
    if (model_->headerData(c, Qt::Horizontal).toString() == column)
      return proxy_->index(row, c).data(Qt::DisplayRole).toString();
  return {};
}

void RunsPlace::selectRun(const QString& id) {
  for (int row = 0; row < proxy_->rowCount(); ++row)
    if (runIdAt(row) == id) view_->selectRow(row);
}

QStringList RunsPlace::selectedRunIds() const {
  QStringList ids;
  for (const QModelIndex& index : view_->selectionModel()->selectedRows())
    ids << proxy_->index(index.row(), kId).data(Qt::UserRole).toString();
  return ids;
}

void RunsPlace::updateButtons() {
  const auto rows = view_->selectionModel()->selectedRows();
  const bool one = rows.size() == 1;
  details_->setEnabled(one);
  weights_->setEnabled(one);
  rerun_->setEnabled(one);
  delete_->setEnabled(!rows.isEmpty());
  const QString status =
      one ? proxy_->index(rows.front().row(), kStatus).data().toString() : QString();
  resume_->setEnabled(one && (status == "cancelled" || status == "interrupted"));
}

void RunsPlace::removeRuns(const QStringList& ids) {
  try {
    RunStore store(store_path_.toStdString(), false);
    for (const QString& id : ids) store.remove_run(id.toStdString());
  } catch (const Error& e) {
    Q_EMIT failed(QString::fromStdString(e.what()));
  }
  refresh();
}

void RunsPlace::deleteSelected() {
  const QStringList ids = selectedRunIds();
  if (ids.isEmpty()) return;
  const auto answer = QMessageBox::question(
      this, tr("Delete runs"),
      tr("Remove %n run(s) from the store? Their folders stay on disk; `longtail runs add DIR` "
         "brings a run back.",
         "", int(ids.size())));
  if (answer == QMessageBox::Yes) removeRuns(ids);
}

QWidget* RunsPlace::openWeights(const QString& id) {
  try {
    RunStore store(store_path_.toStdString(), false);
    const auto run = store.find_run(id.toStdString());
    if (!run) return nullptr;
    auto* view = new WeightsView(QString::fromStdString(run->dir), this);
    view->setWindowFlag(Qt::Window);
    view->setAttribute(Qt::WA_DeleteOnClose);
    view->resize(1100, 760);
    connect(view, &WeightsView::computed, this, [this](bool ok, const QString& message) {
      if (!ok) Q_EMIT failed(message);
    });
    view->show();
    return view;
  } catch (const Error& e) {
    Q_EMIT failed(QString::fromStdString(e.what()));
    return nullptr;
  }
}

QWidget* RunsPlace::openDetails(const QString& id) {
  try {
    RunStore store(store_path_.toStdString(), false);
    const auto run = store.find_run(id.toStdString());
    if (!run) return nullptr;
    auto* dialog = new QDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Run %1").arg(id));
    auto* tabs = new QTabWidget;

    auto* curves = new LineChart("run-loss");
    curves->setTitle(tr("Training loss"));
    curves->setAxisTitles(tr("epoch"), tr("loss"));
    QVector<ChartPoint> loss, knn;
    for (const StoredEpoch& e : store.epochs(run->id)) {
      loss.append({double(e.epoch), e.loss});
      if (e.knn_accuracy) knn.append({double(e.epoch), *e.knn_accuracy});
    }
    curves->setSeries(tr("loss"), loss);
    tabs->addTab(curves, tr("Curves"));
    if (!knn.isEmpty()) {
      auto* monitor = new LineChart("run-knn");
      monitor->setTitle(tr("kNN accuracy (balanced monitor)"));
      monitor->setAxisTitles(tr("epoch"), tr("top-1 (%)"));
      for (ChartPoint& p : knn) p.y *= 100;
      monitor->setSeries(tr("kNN"), knn);
      tabs->addTab(monitor, tr("Monitor"));
    }

    QString evaluations;
    for (const StoredEvaluation& e : store.evaluations(run->id))
      evaluations += tr("%1 on %2: top-1 %3 %\n")
                         .arg(QString::fromStdString(e.probe), QString::fromStdString(e.data))
                         .arg(100.0 * e.top1, 0, 'f', 2);
    if (evaluations.isEmpty()) evaluations = tr("Not evaluated yet: longtail eval %1").arg(id);
    auto* summary = new QPlainTextEdit(
        tr("Folder: %1\nStatus: %2 %3\nDevice: %4\nLibTorch %5, commit %6\nSeed %7, %8 images\n\n")
            .arg(QString::fromStdString(run->dir), QString::fromStdString(run->status),
                 QString::fromStdString(run->message), QString::fromStdString(run->device),
                 QString::fromStdString(run->libtorch), QString::fromStdString(run->git_commit))
            .arg(run->seed)
            .arg(run->total_images) +
        evaluations);
    summary->setReadOnly(true);
    tabs->insertTab(0, summary, tr("Summary"));
    auto* config = new QPlainTextEdit(QString::fromStdString(run->config_json));
    config->setReadOnly(true);
    config->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    tabs->addTab(config, tr("Config"));

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
    auto* layout = new QVBoxLayout(dialog);
    layout->addWidget(tabs);
    layout->addWidget(buttons);
    dialog->resize(760, 520);
    dialog->show();
    return dialog;
  } catch (const Error& e) {
    Q_EMIT failed(QString::fromStdString(e.what()));
    return nullptr;
  }
}

}  // namespace lt::widgets
