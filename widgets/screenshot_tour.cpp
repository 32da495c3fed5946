#include "screenshot_tour.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QPixmap>
#include <QSpinBox>
#include <QTextStream>
#include <QThread>

#include "dataset_designer.h"
#include "figure_export_dialog.h"
#include "gradcam_place.h"
#include "launch_place.h"
#include "line_chart.h"
#include "live_place.h"
#include "main_window.h"
#include "runs_place.h"
#include "sweep_place.h"
#include "theory_place.h"
#include "training_controller.h"
#include "weights_view.h"

namespace lt::widgets {
namespace {

// Lets the event loop run until `done` or the time is up.
template <typename Done>
bool waitFor(Done done, int milliseconds) {
  QElapsedTimer timer;
  timer.start();
  while (!done()) {
    if (timer.elapsed() > milliseconds) return false;
    QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    QThread::msleep(10);
  }
  return true;
}

}  // namespace

int takeScreenshots(MainWindow& window, const QString& folder) {
  QTextStream err(stderr);
  QDir().mkpath(folder);
  window.resize(1400, 860);
  int failures = 0;
  const auto shoot = [&](MainWindow::Place place, const QString& name) {
    window.showPlace(place);
    waitFor([] { return false; }, 400);  // let charts lay out
    const QString path = QDir(folder).filePath(name + ".png");
    if (!window.grab().save(path)) {
      err << "could not save " << path << "\n";
      ++failures;
    } else {
      err << "saved " << path << "\n";
    }
  };

  DatasetDesigner* designer = window.designer();
  designer->loadSource("fashion-mnist");
  if (!waitFor([designer] { return designer->sourceLoaded(); }, 60000))
    err << "Fashion-MNIST did not load; the designer shows a preview only\n";
  designer->applyPreset("fashion-mnist-quick");
  designer->logScaleBox()->setChecked(true);
  shoot(MainWindow::kDesigner, "1-dataset-designer");

  LaunchPlace* launch = window.launch();
  launch->presetBox()->setCurrentIndex(launch->presetBox()->findData("smoke"));
  launch->epochsBox()->setValue(4);
  shoot(MainWindow::kLaunch, "2-launch");
  launch->launch();
  // Mid-run: once the first epoch has drawn its points.
  LivePlace* live = window.live();
  waitFor([live] { return !live->lossChart()->seriesNames().isEmpty(); }, 120000);
  shoot(MainWindow::kLive, "3-live-training");
  if (!waitFor([&window] { return !window.controller()->busy(); }, 10 * 60 * 1000)) {
    err << "the smoke runs did not finish within 10 minutes\n";
    ++failures;
  }
  shoot(MainWindow::kLive, "4-live-done");
  // Tags and a note, typed into the Runs place as a user would.
  {
    RunsPlace* tagged = window.runs();
    tagged->refresh();
    for (int row = 0; row < tagged->shownRuns(); ++row)
      tagged->setRunLabels(tagged->runIdAt(row), "smoke, tour",
                           row == 0 ? QStringLiteral("the pair the tour trains") : QString());
    QCoreApplication::processEvents();
  }
  shoot(MainWindow::kRuns, "5-runs");
  shoot(MainWindow::kCompare, "6-compare");
  // The export dialog, set to a paper's single column.
  {
    const QList<Figure*> figures = window.figures(MainWindow::kCompare);
    if (!figures.isEmpty()) {
      FigureExportDialog dialog(figures.back(), &window);
      dialog.sizePresetBox()->setCurrentIndex(1);
      dialog.show();
      waitFor([] { return false; }, 300);
      const QString path = QDir(folder).filePath("13-export-dialog.png");
      if (dialog.grab().save(path)) {
        err << "saved " << path << "\n";
      } else {
        ++failures;
      }
      dialog.close();
    }
  }

  // A tiny sweep (scripts/screenshots.sh names the plan), shot while it runs and when done.
  const QString plan = qEnvironmentVariable("LONGTAIL_TOUR_PLAN");
  if (!plan.isEmpty()) {
    SweepPlace* sweep = window.sweep();
    bool sweep_done = false;
    QObject::connect(sweep, &SweepPlace::finished, [&sweep_done] { sweep_done = true; });
    QObject::connect(sweep, &SweepPlace::failed, [&sweep_done] { sweep_done = true; });
    sweep->addPlanFile(plan);
    window.showPlace(MainWindow::kSweep);
    sweep->start();
    waitFor([] { return false; }, 8000);
    shoot(MainWindow::kSweep, "9-sweep-running");
    if (!waitFor([&sweep_done] { return sweep_done; }, 600000)) {
      err << "the tour's sweep did not finish\n";
      ++failures;
    }
    shoot(MainWindow::kSweep, "10-sweep-done");
  }

  // The Theory place computes when first shown: wait for its sweep.
  bool theory_done = false;
  QObject::connect(window.theory(), &TheoryPlace::computed, [&theory_done] { theory_done = true; });
  window.showPlace(MainWindow::kTheory);
  if (!waitFor([&theory_done] { return theory_done; }, 180000)) {
    err << "the Theory place did not finish\n";
    ++failures;
  }
  shoot(MainWindow::kTheory, "8-theory");

  // rwSAM's weights of the long-tailed run, in their own window.
  RunsPlace* runs = window.runs();
  runs->refresh();
  int imbalanced = 0;
  for (int row = 0; row < runs->shownRuns(); ++row)
    if (runs->cell(row, "Data") == "long-tailed") imbalanced = row;
  if (runs->shownRuns() > 0) {
    auto* view = qobject_cast<WeightsView*>(runs->openWeights(runs->runIdAt(imbalanced)));
    bool done = false;
    if (view) QObject::connect(view, &WeightsView::computed, [&done] { done = true; });
    if (view && waitFor([&done] { return done; }, 120000)) {
      waitFor([] { return false; }, 400);
      const QString path = QDir(folder).filePath("7-weights.png");
      if (view->grab().save(path)) {
        err << "saved " << path << "\n";
      } else {
        ++failures;
      }
      view->close();
    } else {
      err << "the weights view did not finish\n";
      ++failures;
    }
  }
  // The Grad-CAM place on a finished `semisynth run` (scripts/screenshots.sh makes a smoke one):
  // SimCLR beside supervised on the held-out split images, all images, then the rare ones.
  const QString semisynth = qEnvironmentVariable("LONGTAIL_TOUR_SEMISYNTH");
  if (!semisynth.isEmpty()) {
    const QDir dir(semisynth);
    GradCamPlace* cams = window.gradCam();
    bool done = false, ok = false;
    QObject::connect(cams, &GradCamPlace::computed, [&](bool good, const QString& message) {
      done = true;
      ok = good;
      if (!good) err << "Grad-CAM: " << message << "\n";
    });
    window.showPlace(MainWindow::kGradCam);
    cams->setData(dir.filePath("data/heldout-squeezed-s0.ltds"));
    const QString prefix = "semisynth-" + dir.dirName().section('-', 0, 0) + "-";  // the preset
    cams->setRuns(dir.filePath(prefix + "simclr"), dir.filePath(prefix + "supervised"));
    if (waitFor([&] { return done && !cams->computing(); }, 180000) && ok) {
      shoot(MainWindow::kGradCam, "11-gradcam");
      cams->filterBox()->setCurrentIndex(2);  // the rare classes
      shoot(MainWindow::kGradCam, "12-gradcam-rare");
    } else {
      err << "the Grad-CAM place did not finish\n";
      ++failures;
    }
  }
  return failures;
}

}  // namespace lt::widgets
