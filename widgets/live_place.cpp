#include "live_place.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <cmath>

namespace lt::widgets {
namespace {

enum Column { kName, kStatus, kEpoch, kProgress, kEta, kSpeed, kLoss, kMessage, kColumns };

}  // namespace

QString formatDuration(double seconds) {
  if (!(seconds >= 0) || !std::isfinite(seconds)) return QString::fromUtf8("\u2013");
  const qint64 s = qint64(std::llround(seconds));
  if (s >= 3600)
    return LivePlace::tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60, 2, 10, QChar('0'));
  if (s >= 60) return LivePlace::tr("%1 min %2 s").arg(s / 60).arg(s % 60, 2, 10, QChar('0'));
  return LivePlace::tr("%1 s").arg(s);
}

LivePlace::LivePlace(TrainingController* controller, QWidget* parent)
    : QWidget(parent),
      controller_(controller),
      loss_(new LineChart("loss")),
      lr_(new LineChart("learning-rate")),
      knn_(new LineChart("knn-accuracy")),
      speed_(new LineChart("images-per-second")),
      table_(new QTableWidget(0, kColumns)),
      cancel_(new QPushButton(tr("&Cancel"))),
      resume_(new QPushButton(tr("&Resume"))),
      hint_(new QLabel(tr("No run yet: start one from Launch."))) {
  loss_->setTitle(tr("Training loss"));
  loss_->setAxisTitles(tr("epoch"), tr("loss"));
  lr_->setTitle(tr("Learning rate"));
  lr_->setAxisTitles(tr("epoch"), tr("learning rate"));
  knn_->setTitle(tr("kNN accuracy (balanced monitor)"));
  knn_->setAxisTitles(tr("epoch"), tr("top-1 (%)"));
  speed_->setTitle(tr("Throughput"));
  speed_->setAxisTitles(tr("epoch"), tr("images/s"));

  table_->setHorizontalHeaderLabels({tr("Run"), tr("Status"), tr("Epoch"), tr("Progress"),
                                     tr("ETA"), tr("Images/s"), tr("Loss"), tr("Message")});
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setSelectionMode(QAbstractItemView::SingleSelection);
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->horizontalHeader()->setStretchLastSection(true);
  table_->verticalHeader()->hide();
  cancel_->setToolTip(tr("Stop the selected run after its current step; it stays resumable"));
  resume_->setToolTip(tr("Continue the selected run from its last checkpoint"));

  auto* charts = new QWidget;
  auto* grid = new QGridLayout(charts);
  grid->setContentsMargins(0, 0, 0, 0);
  grid->addWidget(loss_, 0, 0);
  grid->addWidget(knn_, 0, 1);
  grid->addWidget(lr_, 1, 0);
  grid->addWidget(speed_, 1, 1);

  auto* runs = new QWidget;
  auto* runs_layout = new QVBoxLayout(runs);
  runs_layout->setContentsMargins(0, 0, 0, 0);
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(hint_, 1);
  buttons->addWidget(cancel_);
  buttons->addWidget(resume_);
  runs_layout->addLayout(buttons);
  runs_layout->addWidget(table_);

  auto* splitter = new QSplitter(Qt::Vertical);
  splitter->addWidget(charts);
  splitter->addWidget(runs);
  splitter->setStretchFactor(0, 3);
  splitter->setStretchFactor(1, 1);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(splitter);

  connect(controller_, &TrainingController::jobQueued, this, &LivePlace::onQueued);
  connect(controller_, &TrainingController::jobStarted, this, &LivePlace::onStarted);
  connect(controller_, &TrainingController::progressed, this, &LivePlace::onProgress);
  connect(controller_, &TrainingController::epochFinished, this, &LivePlace::onEpoch);
  connect(controller_, &TrainingController::jobEnded, this, &LivePlace::onEnded);
  connect(cancel_, &QPushButton::clicked, this, &LivePlace::cancelSelected);
  connect(resume_, &QPushButton::clicked, this, &LivePlace::resumeSelected);
  connect(table_, &QTableWidget::itemSelectionChanged, this, &LivePlace::updateButtons);
  updateButtons();
}

void LivePlace::setCell(int row, int column, const QString& text) {
  QTableWidgetItem* item = table_->item(row, column);
  if (!item) {
    item = new QTableWidgetItem;
    table_->setItem(row, column, item);
  }
  item->setText(text);
}

void LivePlace::onQueued(int id, const QString& name) {
  Job job;
  job.name = name;
  job.status = "queued";
  job.row = table_->rowCount();
  table_->insertRow(job.row);
  setCell(job.row, kName, name);
  setCell(job.row, kStatus, tr("queued"));
  table_->item(job.row, kName)->setData(Qt::UserRole, id);
  auto* bar = new QProgressBar;
  bar->setRange(0, 1000);
  bar->setTextVisible(true);
  table_->setCellWidget(job.row, kProgress, bar);
  jobs_.insert(id, job);
  hint_->setText(tr("%n run(s) in this session", "", int(jobs_.size())));
  if (table_->selectedItems().isEmpty()) table_->selectRow(job.row);
  updateButtons();
}

void LivePlace::onStarted(int id, const QString& runDir) {
  if (!jobs_.contains(id)) return;
  Job& job = jobs_[id];
  job.runDir = runDir;
  job.status = "training";
  // A resumed run continues the curves of the job that started it.
  if (const auto earlier = series_of_dir_.find(runDir); earlier != series_of_dir_.end()) {
    const Job& before = jobs_.value(*earlier);
    job.loss = before.loss;
    job.lr = before.lr;
    job.knn = before.knn;
    job.speed = before.speed;
    job.name = before.name;
  }
  series_of_dir_[runDir] = id;
  setCell(job.row, kStatus, tr("training"));
  updateButtons();
}

void LivePlace::onProgress(int id, const JobProgress& p) {
  if (!jobs_.contains(id)) return;
  const Job& job = jobs_[id];
  if (auto* bar = qobject_cast<QProgressBar*>(table_->cellWidget(job.row, kProgress)))
    bar->setValue(int(std::lround(p.share * 1000)));
  setCell(job.row, kStatus, p.stage);
  if (p.epochs == 0) return;  // evaluating: the training figures stay as they ended
  setCell(job.row, kEpoch, tr("%1 / %2").arg(p.epoch).arg(p.epochs));
  setCell(job.row, kEta, formatDuration(p.etaSeconds));
  setCell(job.row, kSpeed, QString::number(p.imagesPerSecond, 'f', 0));
  setCell(job.row, kLoss, QString::number(p.loss, 'g', 4));
}

void LivePlace::onEpoch(int id, const JobEpoch& e) {
  if (!jobs_.contains(id)) return;
  Job& job = jobs_[id];
  const double x = double(e.epoch);
  // A resume re-runs the epochs after its checkpoint: drop points it is about to redo.
  for (QVector<ChartPoint>* series : {&job.loss, &job.lr, &job.knn, &job.speed})
    while (!series->isEmpty() && series->last().x >= x) series->removeLast();
  job.loss.append({x, e.loss});
  job.lr.append({x, e.lr});
  job.speed.append({x, e.imagesPerSecond});
  if (e.knnAccuracy >= 0) job.knn.append({x, 100.0 * e.knnAccuracy});
  loss_->setSeries(job.name, job.loss);
  lr_->setSeries(job.name, job.lr);
  speed_->setSeries(job.name, job.speed);
  if (!job.knn.isEmpty()) knn_->setSeries(job.name, job.knn);
}

void LivePlace::onEnded(int id, const QString& status, const QString& message) {
  if (!jobs_.contains(id)) return;
  Job& job = jobs_[id];
  job.status = status;
  const QHash<QString, QString> shown{{"finished", tr("finished")},
                                      {"cancelled", tr("cancelled")},
                                      {"diverged", tr("diverged")},
                                      {"failed", tr("failed")}};
  setCell(job.row, kStatus, shown.value(status, status));
  setCell(job.row, kMessage, message);
  table_->item(job.row, kMessage)->setToolTip(message);
  setCell(job.row, kEta, QString());
  if (status == "finished")
    if (auto* bar = qobject_cast<QProgressBar*>(table_->cellWidget(job.row, kProgress)))
      bar->setValue(1000);
  updateButtons();
  Q_EMIT runEnded(job.runDir, status, message);
}

int LivePlace::selectedJob() const {
  const auto rows = table_->selectionModel()->selectedRows();
  if (rows.isEmpty()) return 0;
  return table_->item(rows.front().row(), kName)->data(Qt::UserRole).toInt();
}

QString LivePlace::jobStatus(int job) const {
  return jobs_.value(job).status;
}
QString LivePlace::jobRunDir(int job) const {
  return jobs_.value(job).runDir;
}

void LivePlace::updateButtons() {
  const int id = selectedJob();
  const QString status = jobs_.value(id).status;
  cancel_->setEnabled(id && (status == "queued" || status == "training"));
  // A run can be resumed when it stopped early and no newer job is continuing it.
  const bool latest = series_of_dir_.value(jobs_.value(id).runDir) == id;
  resume_->setEnabled(id && latest && !jobs_.value(id).runDir.isEmpty() &&
                      (status == "cancelled" || status == "failed"));
}

void LivePlace::cancelSelected() {
  if (const int id = selectedJob()) controller_->cancel(id);
}

void LivePlace::resumeSelected() {
  const int id = selectedJob();
  if (!id) return;
  RunJob job = controller_->job(id);
  job.name = jobs_.value(id).name;
  job.runDir = jobs_.value(id).runDir;
  job.resume = true;
  controller_->enqueue(job);
}

}  // namespace lt::widgets
