#include "sweep_place.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <map>

#include "experiments/comparison.h"
#include "line_chart.h"
#include "runtime/worker_threads.h"
#include "store/run_store.h"
#include "sweep/slurm_sweep.h"
#include "util/error.h"

namespace lt::widgets {
namespace {

enum Column {
  kKey,
  kMethod,
  kRatio,
  kSample,
  kData,
  kSeed,
  kState,
  kEpochs,
  kKnn,
  kId,
  kOod,
  kMessage,
  kSlurm,
  kColumns
};

QString percent(const std::map<std::string, double>& top1, const char* probe) {
  const auto it = top1.find(probe);
  return it == top1.end() ? QString() : QString::number(100 * it->second, 'f', 2);
}

}  // namespace

SweepPlace::SweepPlace(QWidget* parent)
    : QWidget(parent),
      poll_(new QTimer(this)),
      plan_(new QComboBox),
      parallel_(new QSpinBox),
      start_(new QPushButton(tr("&Start"))),
      pause_(new QPushButton(tr("&Pause"))),
      resume_(new QPushButton(tr("Res&ume"))),
      cancel_button_(new QPushButton(tr("&Cancel"))),
      slurm_(new QPushButton(tr("Submit to S&lurm..."))),
      probe_(new QComboBox),
      tag_(new QComboBox),
      state_(new QLabel),
      table_(new QTableWidget(0, kColumns)),
      accuracy_(new LineChart("sweep-accuracy")),
      gap_(new LineChart("sweep-gap")) {
  for (const std::string& name : plan_preset_names())
    plan_->addItem(tr("Preset: %1").arg(QString::fromStdString(name)),
                   QString::fromStdString("preset:" + name));
  const int quick = plan_->findData("preset:fmnist-quick");
  if (quick >= 0) plan_->setCurrentIndex(quick);
  parallel_->setRange(1, 16);
  parallel_->setValue(1);
  parallel_->setPrefix(tr("runs at once: "));
  parallel_->setToolTip(tr("K runs train at once (1 on a small CPU; several on a GPU)"));
  probe_->addItem(tr("In domain (ID)"), "id");
  probe_->addItem(tr("Out of domain (OOD)"), "ood");
  tag_->addItem(tr("All runs"), QString());
  tag_->setToolTip(
      tr("Show only the sweep's runs with this tag (longtail runs tag, or the Runs "
         "place)"));
  state_->setWordWrap(true);
  table_->setHorizontalHeaderLabels({tr("Run"), tr("Method"), tr("r"), tr("s"), tr("Data"),
                                     tr("Seed"), tr("State"), tr("Epochs"), tr("kNN (%)"),
                                     tr("ID (%)"), tr("OOD (%)"), tr("Message"), tr("Slurm")});
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->horizontalHeader()->setStretchLastSection(true);
  table_->verticalHeader()->hide();
  accuracy_->setTitle(tr("Figure 2: accuracy against n"));
  accuracy_->setAxisTitles(tr("pre-training images n"), tr("top-1 accuracy (%)"));
  accuracy_->setLogX(true);
  gap_->setTitle(tr("Figure 1: relative gap against n (dashed: provisional, from kNN)"));
  gap_->setAxisTitles(tr("pre-training images n"), tr("relative gap (%)"));
  gap_->setLogX(true);

  auto* bar = new QHBoxLayout;
  bar->addWidget(plan_, 1);
  bar->addWidget(parallel_);
  for (QPushButton* b : {start_, pause_, resume_, cancel_button_, slurm_}) bar->addWidget(b);
  slurm_->setToolTip(tr("Run the plan on a Slurm cluster as a job array, one run per task"));
  bar->addWidget(probe_);
  bar->addWidget(tag_);
  auto* charts = new QWidget;
  auto* chart_row = new QHBoxLayout(charts);
  chart_row->setContentsMargins(0, 0, 0, 0);
  chart_row->addWidget(accuracy_);
  chart_row->addWidget(gap_);
  auto* splitter = new QSplitter(Qt::Vertical);
  splitter->addWidget(charts);
  splitter->addWidget(table_);
  splitter->setStretchFactor(0, 3);
  splitter->setStretchFactor(1, 2);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(bar);
  layout->addWidget(state_);
  layout->addWidget(splitter, 1);

  connect(start_, &QPushButton::clicked, this, &SweepPlace::start);
  connect(pause_, &QPushButton::clicked, this, &SweepPlace::pause);
  connect(resume_, &QPushButton::clicked, this, &SweepPlace::resume);
  connect(cancel_button_, &QPushButton::clicked, this, &SweepPlace::cancel);
  connect(slurm_, &QPushButton::clicked, this, &SweepPlace::showSlurmDialog);
  connect(&submit_watcher_, &QFutureWatcher<JobResult<Submitted>>::finished, this, [this] {
    const JobResult<Submitted> result = submit_watcher_.result();
    updateButtons();
    if (result.end != JobEnd::kFinished) {
      const QString error =
          result.end == JobEnd::kCancelled ? tr("Submitting was cancelled.") : result.error;
      state_->setText(error);
      Q_EMIT failed(error);
      return;
    }
    const Submitted& s = result.value;
    sweep_id_ = s.sweep_id;
    job_id_ = s.job_id;
    state_->setText(s.job_id.isEmpty()
                        ? tr("%1: nothing left to submit").arg(s.sweep_id)
                        : tr("%1: Slurm job %2, %3 runs").arg(s.sweep_id, s.job_id).arg(s.runs));
    poll_->start();
    refresh();
    Q_EMIT slurmSubmitted(s.job_id);
  });
  connect(&collect_watcher_, &QFutureWatcher<JobResult<bool>>::finished, this,
          &SweepPlace::refresh);
  connect(probe_, &QComboBox::currentIndexChanged, this, &SweepPlace::refresh);
  connect(tag_, &QComboBox::currentIndexChanged, this, &SweepPlace::refresh);
  poll_->setInterval(1000);
  connect(poll_, &QTimer::timeout, this, &SweepPlace::refresh);
  connect(&watcher_, &QFutureWatcher<Outcome>::finished, this, [this] {
    const Outcome outcome = watcher_.result();
    poll_->stop();
    refresh();
    updateButtons();
    if (outcome.end != JobEnd::kFinished) {
      const QString error = outcome.end == JobEnd::kCancelled
                                ? tr("The sweep was cancelled; its runs stay resumable.")
                                : outcome.error;
      state_->setText(error);
      Q_EMIT failed(error);
      return;
    }
    const SweepRunSummary& s = outcome.value;
    QString message = tr("%1: %2 finished now, %3 before, %4 failed, %5 left (%6 s)")
                          .arg(QString::fromStdString(s.sweep_id))
                          .arg(s.finished)
                          .arg(s.already_finished)
                          .arg(s.failed)
                          .arg(s.remaining)
                          .arg(s.seconds, 0, 'f', 0);
    if (!s.failures.empty())
      message += "\n" + QString::fromStdString(s.failures.front()) +
                 (s.failures.size() > 1 ? tr(" (and %1 more)").arg(s.failures.size() - 1) : "");
    state_->setText(message);
    Q_EMIT finished(message);
  });
  updateButtons();
}

SweepPlace::~SweepPlace() {
  // The sweep's runs stop after their current step (resumable); Slurm jobs are left to Slurm.
  sweep_jobs_.cancel();
  sweep_jobs_.wait();
  slurm_jobs_.wait();
}

void SweepPlace::setLongtailPath(const QString& path) {
  longtail_path_ = path;
}

namespace {

// The longtail beside this program (build tree: app/gui/.. ; installed: the same bin folder),
// else on PATH.
QString find_longtail() {
  const QDir here(QCoreApplication::applicationDirPath());
  for (const QString& candidate : {here.filePath("longtail"), here.filePath("../longtail")}) {
    if (QFileInfo(candidate).isExecutable()) return QFileInfo(candidate).canonicalFilePath();
  }
  return QStandardPaths::findExecutable("longtail");
}

}  // namespace

QString SweepPlace::slurmScript(const SlurmOptions& slurm) {
  try {
    SlurmSubmitOptions options;
    options.store = store_path_.toStdString();
    if (!sweeps_folder_.isEmpty()) options.out = sweeps_folder_.toStdString();
    options.longtail = (longtail_path_.isEmpty() ? find_longtail() : longtail_path_).toStdString();
    options.slurm = slurm;
    options.dry_run = true;
    const SlurmSubmission s = submit_sweep_to_slurm(chosenPlan(), options);
    if (s.script_text.empty())
      return tr("# nothing to submit: every run is finished or in Slurm\n");
    return QString::fromStdString(s.script_text);
  } catch (const std::exception& e) {
    state_->setText(QString::fromStdString(e.what()));
    Q_EMIT failed(QString::fromStdString(e.what()));
    return QString();
  }
}

void SweepPlace::submitToSlurm(const SlurmOptions& slurm) {
  if (submit_watcher_.isRunning()) return;
  SlurmSubmitOptions options;
  options.store = store_path_.toStdString();
  if (!sweeps_folder_.isEmpty()) options.out = sweeps_folder_.toStdString();
  options.longtail = (longtail_path_.isEmpty() ? find_longtail() : longtail_path_).toStdString();
  options.slurm = slurm;
  SweepPlan plan;
  try {
    plan = chosenPlan();
  } catch (const std::exception& e) {
    state_->setText(QString::fromStdString(e.what()));
    Q_EMIT failed(QString::fromStdString(e.what()));
    return;
  }
  state_->setText(tr("Submitting %1 to Slurm ...").arg(QString::fromStdString(plan.name)));
  submit_watcher_.setFuture(slurm_jobs_.run([plan, options](const JobTicket&) {
    // One sbatch call: nothing to cancel half-way.
    const SlurmSubmission s = submit_sweep_to_slurm(plan, options);
    Submitted out;
    out.sweep_id = QString::fromStdString(s.sweep_id);
    out.job_id = QString::fromStdString(s.job_id);
    out.runs = s.run_count;
    return out;
  }));
  updateButtons();
}

void SweepPlace::showSlurmDialog() {
  QDialog dialog(this);
  dialog.setWindowTitle(tr("Submit the sweep to Slurm"));
  auto* partition = new QLineEdit;
  partition->setPlaceholderText(tr("the cluster's default"));
  auto* gpus = new QSpinBox;
  gpus->setRange(-1, 8);
  gpus->setSpecialValueText(tr("default (1 for GPU plans)"));
  gpus->setValue(-1);
  auto* time = new QLineEdit;
  time->setPlaceholderText(tr("e.g. 24:00:00 (the partition's default)"));
  auto* at_once = new QSpinBox;
  at_once->setRange(0, 1000);
  at_once->setSpecialValueText(tr("no limit"));
  auto* script = new QPlainTextEdit;
  script->setReadOnly(true);
  script->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
  script->setMinimumSize(640, 360);
  const auto options = [=] {
    SlurmOptions o;
    o.partition = partition->text().trimmed().toStdString();
    o.gpus_per_run = gpus->value();
    o.time = time->text().trimmed().toStdString();
    o.max_running = at_once->value();
    return o;
  };
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
  QPushButton* show = buttons->addButton(tr("Show the &script"), QDialogButtonBox::ActionRole);
  QPushButton* submit = buttons->addButton(tr("S&ubmit"), QDialogButtonBox::AcceptRole);
  submit->setEnabled(false);  // the script is seen first
  connect(show, &QPushButton::clicked, &dialog, [=, this] {
    const QString text = slurmScript(options());
    script->setPlainText(text);
    submit->setEnabled(!text.isEmpty());
  });
  for (QLineEdit* edit : {partition, time}) {
    connect(edit, &QLineEdit::textChanged, &dialog, [=] { submit->setEnabled(false); });
  }
  for (QSpinBox* box : {gpus, at_once}) {
    connect(box, &QSpinBox::valueChanged, &dialog, [=] { submit->setEnabled(false); });
  }
  connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
  auto* form = new QFormLayout;
  form->addRow(tr("Partition"), partition);
  form->addRow(tr("GPUs per run"), gpus);
  form->addRow(tr("Time per run"), time);
  form->addRow(tr("At most at once"), at_once);
  auto* layout = new QVBoxLayout(&dialog);
  layout->addLayout(form);
  layout->addWidget(script, 1);
  layout->addWidget(buttons);
  if (dialog.exec() == QDialog::Accepted) submitToSlurm(options());
}

void SweepPlace::collectInBackground() {
  if (collect_watcher_.isRunning() || sweep_id_.isEmpty() || store_path_.isEmpty()) return;
  const std::string store = store_path_.toStdString();
  const std::string sweep = sweep_id_.toStdString();
  collect_watcher_.setFuture(slurm_jobs_.run([store, sweep](const JobTicket&) {
    // squeue away or the store busy ends the job as failed; the next poll tries again.
    if (sweep_in_slurm(store, sweep)) collect_sweep(store, sweep);
    return true;
  }));
}

QList<Figure*> SweepPlace::figures() const {
  return {accuracy_, gap_};
}

QString SweepPlace::stateText() const {
  return state_->text();
}

void SweepPlace::setStorePath(const QString& path) {
  store_path_ = path;
  sweep_id_.clear();
  refresh();
}

void SweepPlace::setSweepsFolder(const QString& folder) {
  sweeps_folder_ = folder;
}

void SweepPlace::addPlanFile(const QString& path) {
  int index = plan_->findData(path);
  if (index < 0) {
    plan_->addItem(tr("Plan: %1").arg(QFileInfo(path).fileName()), path);
    index = plan_->count() - 1;
  }
  plan_->setCurrentIndex(index);
}

SweepPlan SweepPlace::chosenPlan() const {
  const QString chosen = plan_->currentData().toString();
  if (chosen.startsWith("preset:")) return preset_plan(chosen.mid(7).toStdString());
  return load_plan(chosen.toStdString());
}

void SweepPlace::start() {
  if (watcher_.isRunning()) return;
  SweepPlan plan;
  try {
    plan = chosenPlan();
  } catch (const std::exception& e) {
    state_->setText(QString::fromStdString(e.what()));
    Q_EMIT failed(QString::fromStdString(e.what()));
    return;
  }
  SweepRunOptions options;
  options.store = store_path_.toStdString();
  if (!sweeps_folder_.isEmpty()) options.out = sweeps_folder_.toStdString();
  options.parallel = parallel_->value();
  // The window keeps a core of its own.
  options.threads = worker_threads();
  sweep_id_.clear();  // the runner names it; the poll finds the newest
  state_->setText(tr("Starting %1 ...").arg(QString::fromStdString(plan.name)));
  watcher_.setFuture(sweep_jobs_.run([plan, options](const JobTicket& ticket) {
    // A cancelled sweep returns its summary (the runs stopped stay resumable).
    return run_sweep(plan, options,
                     [&ticket](const SweepEvent&) { return !ticket.cancelRequested(); });
  }));
  poll_->start();
  updateButtons();
}

void SweepPlace::pause() {
  try {
    request_sweep(store_path_.toStdString(), sweep_id_.toStdString(), "pause");
    state_->setText(tr("Pausing: the runs stop after their current step and stay resumable."));
  } catch (const std::exception& e) {
    Q_EMIT failed(QString::fromStdString(e.what()));
  }
}

void SweepPlace::resume() {
  try {
    request_sweep(store_path_.toStdString(), sweep_id_.toStdString(), "");
  } catch (const std::exception& e) {
    Q_EMIT failed(QString::fromStdString(e.what()));
    return;
  }
  if (!watcher_.isRunning()) start();  // a stopped sweep goes on where it was
}

void SweepPlace::cancel() {
  sweep_jobs_.cancel();
  try {
    if (!sweep_id_.isEmpty())
      request_sweep(store_path_.toStdString(), sweep_id_.toStdString(), "cancel");
  } catch (const std::exception& e) {
    Q_EMIT failed(QString::fromStdString(e.what()));
  }
}

void SweepPlace::updateButtons() {
  const bool busy = watcher_.isRunning();
  start_->setEnabled(!busy && !store_path_.isEmpty());
  slurm_->setEnabled(!busy && !submit_watcher_.isRunning() && !store_path_.isEmpty());
  pause_->setEnabled(busy);
  cancel_button_->setEnabled(busy);
  resume_->setEnabled(!busy && !sweep_id_.isEmpty());
}

void SweepPlace::refresh() {
  if (store_path_.isEmpty()) return;
  SweepStatus status;
  try {
    status = read_sweep_status(store_path_.toStdString(), sweep_id_.toStdString());
  } catch (const Error&) {
    // No sweep in this store yet: nothing to show (the runner may not have written it yet).
    if (!watcher_.isRunning())
      state_->setText(tr("No sweep in this store yet: choose a plan and Start."));
    return;
  }
  sweep_id_ = QString::fromStdString(status.sweep_id);
  if (watcher_.isRunning())
    state_->setText(tr("%1: %2 (%3 queued, %4 running, %5 finished, %6 failed)")
                        .arg(sweep_id_, QString::fromStdString(status.state))
                        .arg(status.queued)
                        .arg(status.running + status.evaluating)
                        .arg(status.finished)
                        .arg(status.failed));
  std::map<std::string, SlurmRunState> slurm;
  try {
    slurm = slurm_run_states(store_path_.toStdString(), status.sweep_id);
  } catch (const std::exception&) {
  }
  if (!slurm.empty()) {
    // Collected in the background: the next poll shows what it brought home.
    collectInBackground();
    bool active = false;
    for (const auto& [key, s] : slurm)
      active = active || s.state == "pending" || s.state == "running";
    if (active && !poll_->isActive()) poll_->start();
    if (!active && !watcher_.isRunning() && poll_->isActive()) poll_->stop();
    std::map<std::string, int> counts;
    for (const auto& [key, s] : slurm) ++counts[s.state];
    QString summary;
    for (const auto& [state, n] : counts)
      summary += (summary.isEmpty() ? "" : ", ") +
                 QString("%1 %2").arg(n).arg(QString::fromStdString(state));
    if (job_id_.isEmpty()) job_id_ = QString::fromStdString(slurm.begin()->second.job_id);
    if (!watcher_.isRunning() && !submit_watcher_.isRunning())
      state_->setText(tr("%1: Slurm job %2: %3").arg(sweep_id_, job_id_, summary));
  }
  filterByTag(status);
  table_->setRowCount(int(status.runs.size()));
  for (int row = 0; row < int(status.runs.size()); ++row) {
    const SweepRunStatus& r = status.runs[size_t(row)];
    const QStringList cells{
        QString::fromStdString(r.key),
        QString::fromStdString(r.method),
        QString::number(r.ratio),
        QString::number(r.sample),
        r.balanced ? tr("balanced twin") : tr("long-tailed"),
        QString::number(r.seed),
        QString::fromStdString(r.state),
        r.epochs_planned ? QString("%1 / %2").arg(r.epochs_done).arg(r.epochs_planned) : QString(),
        r.knn ? QString::number(100 * *r.knn, 'f', 1) : QString(),
        percent(r.top1, "id"),
        percent(r.top1, "ood"),
        QString::fromStdString(r.message),
        slurm.contains(r.key) ? QString::fromStdString(slurm.at(r.key).state) : QString()};
    for (int c = 0; c < kColumns; ++c) {
      auto* item = table_->item(row, c);
      if (!item) table_->setItem(row, c, item = new QTableWidgetItem);
      item->setText(cells[c]);
    }
  }
  if (table_->rowCount() > 0 && table_->columnWidth(kKey) < 120) table_->resizeColumnsToContents();
  try {
    draw(sweep_report(status));
  } catch (const std::exception& e) {
    state_->setText(QString::fromStdString(e.what()));
  }
  updateButtons();
}

void SweepPlace::filterByTag(SweepStatus& status) {
  // The tags of the sweep's runs, from the store (the runs not started yet have none).
  std::map<std::string, std::vector<std::string>> tags_of;
  try {
    RunStore store(store_path_.toStdString(), /*create=*/false);
    for (const StoredRun& run : store.list_runs()) tags_of[run.id] = run.tags;
  } catch (const Error&) {
    // The store busy: the runs show unfiltered until the next poll reads their tags.
    return;
  }
  QStringList tags;
  for (const SweepRunStatus& r : status.runs) {
    const auto it = tags_of.find(r.run_id);
    if (it == tags_of.end()) continue;
    for (const std::string& t : it->second)
      if (!tags.contains(QString::fromStdString(t))) tags << QString::fromStdString(t);
  }
  tags.sort();
  const QString chosen = tag_->currentData().toString();
  {
    const QSignalBlocker block(tag_);
    tag_->clear();
    tag_->addItem(tr("All runs"), QString());
    for (const QString& t : tags) tag_->addItem(t, t);
    // A tag chosen stays chosen while no run carries it yet (it may be given in a moment).
    if (!chosen.isEmpty() && tag_->findData(chosen) < 0) tag_->addItem(chosen, chosen);
    tag_->setCurrentIndex(std::max(0, tag_->findData(chosen)));
  }
  if (chosen.isEmpty()) return;
  const std::string tag = chosen.toStdString();
  std::vector<SweepRunStatus> kept;
  for (const SweepRunStatus& r : status.runs) {
    const auto it = tags_of.find(r.run_id);
    if (it != tags_of.end() &&
        std::find(it->second.begin(), it->second.end(), tag) != it->second.end())
      kept.push_back(r);
  }
  status.runs = std::move(kept);
}

void SweepPlace::draw(const SweepReport& report) {
  const std::string probe = probe_->currentData().toString().toStdString();
  accuracy_->clear();
  gap_->clear();
  std::map<QString, QVector<ChartPoint>> accuracy;
  for (const SweepAccuracy& a : report.accuracies) {
    if (a.cell.probe != probe) continue;
    // Short names: four to eight series share the legend.
    const QString method = QString::fromStdString(a.cell.method);
    const QString name =
        a.cell.balanced ? tr("%1 bal.").arg(method) : tr("%1 r=%2").arg(method).arg(a.cell.ratio);
    accuracy[name].append({double(a.cell.n), 100 * a.cell.mean, 100 * a.cell.spread});
  }
  for (auto& [name, points] : accuracy) {
    std::sort(points.begin(), points.end(),
              [](const ChartPoint& a, const ChartPoint& b) { return a.x < b.x; });
    accuracy_->setSeries(name, points);
  }
  // Final gaps solid, provisional (kNN) dashed, per method and r.
  std::map<std::pair<QString, bool>, QVector<ChartPoint>> gaps;
  for (const SweepGap& g : report.gaps) {
    if (g.n <= 0 || (!g.provisional && g.probe != probe)) continue;
    const QString name = tr("%1 r=%2").arg(QString::fromStdString(g.method)).arg(g.ratio);
    gaps[{name, g.provisional}].append(
        {double(g.n), 100 * g.gap.mean, 100 * std::max(g.gap.spread, g.probe_seed_spread)});
  }
  for (auto& [key, points] : gaps) {
    std::sort(points.begin(), points.end(),
              [](const ChartPoint& a, const ChartPoint& b) { return a.x < b.x; });
    if (key.second)
      gap_->setSeries(key.first + tr(" (provisional)"), points, SeriesStyle::kDashed);
    else
      gap_->setSeries(key.first, points);
  }
}

}  // namespace lt::widgets
