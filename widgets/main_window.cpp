#include "main_window.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QVBoxLayout>

#include "class_counts_chart.h"
#include "compare_place.h"
#include "dataset_designer.h"
#include "figure_export_dialog.h"
#include "gradcam_place.h"
#include "headline_runner.h"
#include "launch_place.h"
#include "live_place.h"
#include "runs_place.h"
#include "runtime/worker_threads.h"
#include "store/run_store.h"
#include "store_watch.h"
#include "sweep_place.h"
#include "theory_place.h"
#include "train/run_config.h"
#include "training_controller.h"
#include "util/error.h"

namespace lt::widgets {

MainWindow::MainWindow(const QString& storePath, QWidget* parent)
    : QMainWindow(parent),
      controller_(new TrainingController(this)),
      nav_(new QListWidget),
      stack_(new QStackedWidget),
      designer_(new DatasetDesigner),
      launch_(new LaunchPlace(controller_)),
      live_(new LivePlace(controller_)),
      runs_(new RunsPlace),
      compare_(new ComparePlace),
      sweep_(new SweepPlace),
      theory_(new TheoryPlace),
      gradcam_(new GradCamPlace),
      headline_(new HeadlineRunner(this)),
      store_watch_(new StoreWatch(this)),
      store_banner_(new QLabel) {
  setWindowTitle(tr("LongTail Lab"));
  const QList<std::pair<QString, QStyle::StandardPixmap>> places{
      {tr("Dataset designer"), QStyle::SP_FileDialogDetailedView},
      {tr("Launch"), QStyle::SP_MediaPlay},
      {tr("Live"), QStyle::SP_BrowserReload},
      {tr("Runs"), QStyle::SP_DirOpenIcon},
      {tr("Compare"), QStyle::SP_FileDialogContentsView},
      {tr("Sweep"), QStyle::SP_FileDialogListView},
      {tr("Theory"), QStyle::SP_FileDialogInfoView},
      {tr("Grad-CAM"), QStyle::SP_FileDialogContentsView}};
  for (const auto& [name, icon] : places)
    nav_->addItem(new QListWidgetItem(style()->standardIcon(icon), name));
  nav_->setFixedWidth(nav_->sizeHintForColumn(0) + 24);
  nav_->setIconSize(QSize(20, 20));
  nav_->setSpacing(2);
  for (QWidget* place : {static_cast<QWidget*>(designer_), static_cast<QWidget*>(launch_),
                         static_cast<QWidget*>(live_), static_cast<QWidget*>(runs_),
                         static_cast<QWidget*>(compare_), static_cast<QWidget*>(sweep_),
                         static_cast<QWidget*>(theory_), static_cast<QWidget*>(gradcam_)})
    stack_->addWidget(place);
  // A store that cannot be written is said above every place, not only in a passing status.
  store_banner_->setWordWrap(true);
  store_banner_->setMargin(8);
  store_banner_->setStyleSheet("QLabel { background: #fff3cd; color: #664d03; }");
  store_banner_->hide();
  auto* central = new QWidget;
  auto* column = new QVBoxLayout(central);
  column->setContentsMargins(0, 0, 0, 0);
  column->setSpacing(0);
  column->addWidget(store_banner_);
  auto* layout = new QHBoxLayout;
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(0);
  layout->addWidget(nav_);
  layout->addWidget(stack_, 1);
  column->addLayout(layout, 1);
  setCentralWidget(central);
  connect(store_watch_, &StoreWatch::problemChanged, this, [this](const QString& problem) {
    store_banner_->setText(problem);
    store_banner_->setVisible(!problem.isEmpty());
    if (!problem.isEmpty()) statusBar()->showMessage(problem, 10000);
  });
  connect(nav_, &QListWidget::currentRowChanged, stack_, &QStackedWidget::setCurrentIndex);
  connect(nav_, &QListWidget::currentRowChanged, this, [this](int row) {
    if (row == kRuns) runs_->refresh();
    if (row == kCompare) compare_->refresh();
    if (row == kSweep) sweep_->refresh();
    if (row == kGradCam) gradcam_->refresh();
  });

  // The places talk through the window, never to each other.
  const auto design_to_launch = [this] {
    const QString source = designer_->source().isEmpty() ? "fashion-mnist" : designer_->source();
    launch_->setDesign(source, designer_->spec(), designer_->description());
  };
  connect(designer_, &DatasetDesigner::designChanged, this, design_to_launch);
  connect(designer_, &DatasetDesigner::sourceLoadFinished, this, design_to_launch);
  connect(designer_, &DatasetDesigner::variantSaved, this, [this](const QStringList& paths) {
    refreshVariantFiles();
    statusBar()->showMessage(tr("Saved %1").arg(paths.join(", ")), 8000);
  });
  connect(designer_, &DatasetDesigner::failed, this, &MainWindow::showError);
  connect(designer_, &DatasetDesigner::headlineRequested, this, &MainWindow::runHeadline);
  connect(headline_, &HeadlineRunner::progress, this, [this](const QString& stage, double share) {
    statusBar()->showMessage(tr("Headline %1%: %2").arg(qRound(100 * share)).arg(stage));
  });
  connect(headline_, &HeadlineRunner::finished, this,
          [this](bool ok, const QString& message, const QString& tag) {
            designer_->headlineButton()->setEnabled(true);
            statusBar()->clearMessage();
            if (!ok) {
              showError(message);
              return;
            }
            runs_->refresh();
            compare_->refresh();
            // Compare on exactly the four runs, with the verdict above the figures.
            compare_->tagBox()->setCurrentIndex(std::max(0, compare_->tagBox()->findData(tag)));
            compare_->showVerdict(message, headline_->gapLines());
            showPlace(kCompare);
          });
  connect(launch_, &LaunchPlace::launched, this, [this](const QList<int>& jobs) {
    statusBar()->showMessage(tr("%n run(s) queued", "", int(jobs.size())), 5000);
    showPlace(kLive);
  });
  connect(live_, &LivePlace::runEnded, this,
          [this](const QString& dir, const QString& status, const QString& message) {
            runs_->refresh();
            compare_->refresh();
            statusBar()->showMessage(tr("%1: %2").arg(QFileInfo(dir).fileName(), status), 8000);
            if (status == "failed" || status == "diverged") showError(message);
          });
  connect(runs_, &RunsPlace::failed, this, &MainWindow::showError);
  connect(sweep_, &SweepPlace::failed, this, &MainWindow::showError);
  connect(sweep_, &SweepPlace::finished, this, [this](const QString& message) {
    runs_->refresh();
    compare_->refresh();
    statusBar()->showMessage(message, 10000);
  });
  connect(runs_, &RunsPlace::rerunRequested, this, [this](const QString& json) {
    try {
      launch_->setConfig(config_from_json(json.toStdString(), "the run store"));
      showPlace(kLaunch);
    } catch (const Error& e) {
      showError(QString::fromStdString(e.what()));
    }
  });
  connect(runs_, &RunsPlace::resumeRequested, this,
          [this](const QString& dir, const QString& name) {
            RunJob job;
            job.name = name;
            job.runDir = dir;
            job.resume = true;
            controller_->enqueue(job);
            showPlace(kLive);
          });

  buildMenus();
  QSettings settings;
  const QString store = !storePath.isEmpty() ? storePath
                        : settings.value("store/path").toString().isEmpty()
                            ? QString::fromStdString(RunStore::default_path())
                            : settings.value("store/path").toString();
  openStore(store);
  design_to_launch();
  restoreGeometry(settings.value("window/geometry").toByteArray());
  restoreState(settings.value("window/state").toByteArray());
  showPlace(Place(std::clamp(settings.value("window/place", 0).toInt(), 0, kPlaces - 1)));
  if (!settings.contains("window/geometry")) resize(1280, 800);
}

MainWindow::~MainWindow() = default;

void MainWindow::buildMenus() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  QAction* open = file->addAction(tr("&Open store..."), this, &MainWindow::chooseStore);
  open->setShortcut(QKeySequence::Open);
  file->addAction(tr("Open sweep &plan..."), this, [this] {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open a sweep plan"), QString(),
                                                      tr("Sweep plans (*.json)"));
    if (path.isEmpty()) return;
    sweep_->addPlanFile(path);
    showPlace(kSweep);
  });
  export_menu_ = file->addMenu(tr("&Export figure"));
  connect(export_menu_, &QMenu::aboutToShow, this, [this] {
    export_menu_->clear();
    for (Figure* figure : figures(currentPlace()))
      export_menu_->addAction(figure->figureName(), this,
                              [this, figure] { exportFigureInteractively(figure, this); });
    if (export_menu_->isEmpty())
      export_menu_->addAction(tr("No figure in this place"))->setEnabled(false);
  });
  // The CLI's figure export from the window: figures with their .tex and provenance beside.
  file->addAction(tr("Export &report with provenance..."), this, [this] {
    const QString folder = QFileDialog::getExistingDirectory(
        this, tr("Folder for the report (figures, .tex, provenance, CSV, summary)"));
    if (folder.isEmpty()) return;
    bool chosen = false;
    const QStringList sizes{tr("Single column (3.25 in, 8 pt text)"),
                            tr("Double column (6.75 in, 9 pt text)")};
    const QString size = QInputDialog::getItem(this, tr("Export report"), tr("Figure size"), sizes,
                                               0, false, &chosen);
    if (!chosen) return;
    try {
      const QStringList files =
          compare_->exportReport(folder, size == sizes[1] ? "double" : "single");
      statusBar()->showMessage(tr("Wrote %n file(s) to %1", "", int(files.size())).arg(folder),
                               10000);
    } catch (const std::exception& e) {
      showError(QString::fromStdString(e.what()));
    }
  });
  file->addSeparator();
  QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
  quit->setShortcut(QKeySequence::Quit);

  QMenu* view = menuBar()->addMenu(tr("&View"));
  for (int place = 0; place < kPlaces; ++place) {
    QAction* go = view->addAction(nav_->item(place)->text(), this,
                                  [this, place] { showPlace(Place(place)); });
    go->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + place)));
  }
  view->addSeparator();
  QAction* refresh = view->addAction(tr("&Refresh"), this, [this] {
    runs_->refresh();
    compare_->refresh();
  });
  refresh->setShortcut(QKeySequence::Refresh);

  QMenu* settings_menu = menuBar()->addMenu(tr("&Settings"));
  QMenu* language = settings_menu->addMenu(tr("&Language"));
  auto* languages = new QActionGroup(this);
  const QString chosen = QSettings().value("ui/language").toString();
  for (const auto& [code, name] :
       QList<std::pair<QString, QString>>{{QString(), tr("System")},
                                          {"en", QStringLiteral("English")},
                                          {"de", QStringLiteral("Deutsch")}}) {
    QAction* action = language->addAction(name);
    action->setCheckable(true);
    action->setChecked(code == chosen);
    languages->addAction(action);
    connect(action, &QAction::triggered, this, [this, code] {
      QSettings().setValue("ui/language", code);
      statusBar()->showMessage(tr("The language changes when LongTail Lab starts again."), 8000);
    });
  }

  QMenu* help = menuBar()->addMenu(tr("&Help"));
  help->addAction(tr("&About LongTail Lab"), this, [this] {
    QMessageBox::about(
        this, tr("About LongTail Lab"),
        tr("<b>LongTail Lab %1</b><p>How much does class imbalance hurt a representation, and "
           "does self-supervision protect it? A workbench for the ICLR 2022 paper "
           "<i>Self-supervised Learning is More Robust to Dataset Imbalance</i> (Liu, HaoChen, "
           "Gaidon, Ma).</p><p>Run store: %2</p>")
            .arg(QApplication::applicationVersion(), store_path_.toHtmlEscaped()));
  });
}

QList<Figure*> MainWindow::figures(Place place) const {
  switch (place) {
    case kDesigner:
      return {designer_->chart()};
    case kLive:
      return live_->figures();
    case kCompare:
      return compare_->figures();
    case kSweep:
      return sweep_->figures();
    case kTheory:
      return theory_->figures();
    case kGradCam:
      return gradcam_->figures();
    default:
      return {};
  }
}

bool MainWindow::openStore(const QString& path) {
  try {
    QDir().mkpath(QFileInfo(path).absolutePath());
    RunStore store(path.toStdString(), /*create=*/true);
  } catch (const Error& e) {
    showError(QString::fromStdString(e.what()));
    return false;
  }
  store_path_ = QFileInfo(path).absoluteFilePath();
  QSettings().setValue("store/path", store_path_);
  const QDir folder = QFileInfo(store_path_).absoluteDir();
  controller_->setStorePath(store_path_);
  launch_->setRunsFolder(folder.filePath("runs"));
  designer_->setVariantsFolder(folder.filePath("variants"), store_path_);
  runs_->setStorePath(store_path_);
  compare_->setStorePath(store_path_);
  sweep_->setStorePath(store_path_);
  gradcam_->setStorePath(store_path_);
  sweep_->setSweepsFolder(folder.filePath("sweeps"));
  store_watch_->setPath(store_path_);
  refreshVariantFiles();
  setWindowTitle(tr("LongTail Lab: %1").arg(QDir::toNativeSeparators(store_path_)));
  statusBar()->showMessage(tr("Opened %1").arg(store_path_), 5000);
  return true;
}

void MainWindow::runHeadline() {
  if (headline_->isRunning() || store_path_.isEmpty()) return;
  QuickOptions o;
  // The designer's CIFAR-10 quick variant runs the cpu-cifar preset; else the window's.
  const QString designed = designer_->headlinePreset();
  o.preset = (designed.isEmpty() ? headline_preset_ : designed).toStdString();
  o.source = designer_->source().isEmpty() ? "fashion-mnist" : designer_->source().toStdString();
  o.design = designer_->spec();
  o.ood = o.source == "fashion-mnist" ? "" : "none";  // a user's data has no default target
  o.out = QFileInfo(store_path_).absoluteDir().filePath("headline").toStdString();
  o.store = store_path_.toStdString();
  o.threads = worker_threads();
  const QString tag =
      QStringLiteral("headline-") + QDateTime::currentDateTime().toString("yyyyMMdd-HHmmss");
  designer_->headlineButton()->setEnabled(false);
  statusBar()->showMessage(tr("Headline: starting the four pre-trainings"));
  headline_->start(o, tag);
}

QString MainWindow::storeWarning() const {
  return store_banner_->isVisibleTo(this) ? store_banner_->text() : QString();
}

void MainWindow::chooseStore() {
  const QString path = QFileDialog::getSaveFileName(
      this, tr("Open or create a run store"), store_path_,
      tr("Run stores (*.sqlite);;All files (*)"), nullptr, QFileDialog::DontConfirmOverwrite);
  if (!path.isEmpty()) openStore(path);
}

void MainWindow::refreshVariantFiles() {
  const QDir folder(QFileInfo(store_path_).absoluteDir().filePath("variants"));
  QStringList paths;
  for (const QFileInfo& file : folder.entryInfoList({"*.json"}, QDir::Files, QDir::Time))
    paths << file.absoluteFilePath();
  launch_->setVariantFiles(paths);
}

void MainWindow::showPlace(Place place) {
  nav_->setCurrentRow(int(place));
}

MainWindow::Place MainWindow::currentPlace() const {
  return Place(std::max(0, nav_->currentRow()));
}

void MainWindow::showError(const QString& message) {
  last_error_ = message;
  statusBar()->showMessage(message, 10000);
  // Not modal: training goes on, and tests are never stuck on a dialog.
  auto* box =
      new QMessageBox(QMessageBox::Warning, tr("LongTail Lab"), message, QMessageBox::Ok, this);
  box->setAttribute(Qt::WA_DeleteOnClose);
  box->open();
}

void MainWindow::closeEvent(QCloseEvent* event) {
  if (controller_->busy() || sweep_->running()) {
    const auto answer = QMessageBox::question(
        this, tr("Quit LongTail Lab"),
        tr("A run is training. Stop it and quit? It stays resumable (Runs > Resume, or "
           "longtail train --resume DIR)."));
    if (answer != QMessageBox::Yes) {
      event->ignore();
      return;
    }
  }
  QSettings settings;
  settings.setValue("window/geometry", saveGeometry());
  settings.setValue("window/state", saveState());
  settings.setValue("window/place", int(currentPlace()));
  event->accept();
}

}  // namespace lt::widgets
