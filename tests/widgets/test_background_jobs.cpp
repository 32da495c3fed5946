// The GUI's long work as a user meets it when they change their mind: closing the Weights view
// during its KDE, the Grad-CAM place during its maps, or the window during a run's evaluation
// stops the work (it reports itself cancelled, not finished) instead of waiting for it; and a
// sweep running in the Sweep place leaves the designer free to load a source.
#include <gtest/gtest.h>

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QThreadPool>
#include <cstdio>
#include <memory>
#include <mutex>

#include "dataset_designer.h"
#include "gradcam_place.h"
#include "main_window.h"
#include "sweep_place.h"
#include "tiny_run.h"
#include "train/trainer.h"
#include "training_controller.h"
#include "wait_for.h"
#include "weights_view.h"

namespace lt::widgets {
namespace {

using lt::test::waitFor;

QElapsedTimer started() {
  QElapsedTimer timer;
  timer.start();
  return timer;
}

// How long a close took, for the log only: no assertion depends on the machine's speed.
void report(const char* what, const QElapsedTimer& timer) {
  std::printf("closing %s took %lld ms\n", what, static_cast<long long>(timer.elapsed()));
}

// A run of two steps that pre-trained on many images (every Fashion-MNIST class, long-tailed,
// the whole train split drawn): training is quick, but encoding its images, their KDE and the
// maps of a thousand test images are seconds of work, far more than a close takes.
struct ManyImagesRun {
  QTemporaryDir dir;
  QString run_dir = dir.filePath("run");
  ManyImagesRun() {
    RunConfig c = test::tiny_run("simclr");
    c.design.sample = 1;
    c.iterations = 2;
    const RunResult r = train(c, run_dir.toStdString());
    EXPECT_EQ(r.status, "finished") << r.message;
  }
};

TEST(BackgroundJobs, ClosingTheWeightsViewCancelsItsComputation) {
  ManyImagesRun run;
  auto view = std::make_unique<WeightsView>(run.run_dir);
  ASSERT_TRUE(view->computing());
  const std::shared_ptr<const JobTicket> job = view->lastJob();
  ASSERT_TRUE(job);
  // Closed while the encoder or the KDE works (not while the job waits to start).
  ASSERT_TRUE(waitFor([&] { return job->reports() > 0; }, 120000));
  const QElapsedTimer closing = started();
  view.reset();  // returns once the encoder or the KDE reached its next check
  report("the Weights view", closing);
  EXPECT_EQ(job->end(), JobEnd::kCancelled);
}

TEST(BackgroundJobs, ClosingTheGradCamPlaceCancelsItsMaps) {
  ManyImagesRun run;
  auto place = std::make_unique<GradCamPlace>();
  place->setRuns(run.run_dir);
  place->setData("fashion-mnist");  // its test split: 1,000 of its images explained
  ASSERT_TRUE(place->computing());
  const std::shared_ptr<const JobTicket> job = place->lastJob();
  ASSERT_TRUE(job);
  // Closed while the maps are computed (not while the job waits to start).
  ASSERT_TRUE(waitFor([&] { return job->reports() > 0; }, 120000));
  const QElapsedTimer closing = started();
  place.reset();
  report("the Grad-CAM place", closing);
  EXPECT_EQ(job->end(), JobEnd::kCancelled);
}

TEST(BackgroundJobs, ClosingTheWindowDuringAnEvaluationStopsTheProbe) {
  ManyImagesRun run;
  QTemporaryDir store;
  auto window = std::make_unique<MainWindow>(store.filePath("runs.sqlite"));
  TrainingController* controller = window->controller();
  // The run is trained; resuming it goes straight to its evaluation: the paper's probe on every
  // Fashion-MNIST image.
  RunJob job;
  job.name = "evaluate";
  job.runDir = run.run_dir;
  job.resume = true;
  job.evaluate = {"id"};
  job.probePreset = "paper";
  bool evaluating = false;
  QObject::connect(controller, &TrainingController::progressed, window.get(),
                   [&](int, const JobProgress& p) { evaluating |= p.stage.startsWith("evaluat"); });
  // The end is announced from the worker while the window is going: heard where it is sent.
  std::mutex mutex;
  QString status, message;
  QObject::connect(
      controller, &TrainingController::jobEnded, controller,
      [&](int, const QString& s, const QString& m) {
        std::lock_guard lock(mutex);
        status = s;
        message = m;
      },
      Qt::DirectConnection);
  controller->enqueue(job);
  ASSERT_TRUE(waitFor([&] { return evaluating; }, 120000));
  const QElapsedTimer closing = started();
  window.reset();
  report("the window", closing);
  std::lock_guard lock(mutex);
  EXPECT_TRUE(message.contains("evaluation was cancelled"))
      << status.toStdString() << ": " << message.toStdString();
  // The probe wrote nothing: a cancelled evaluation leaves no result behind.
  EXPECT_FALSE(QFile::exists(QDir(run.run_dir).filePath("eval-id.json")));
}

TEST(BackgroundJobs, TheDesignerLoadsASourceWhileASweepRuns) {
  // A small machine's global pool: one thread. A sweep on it would hold it for hours.
  QThreadPool* global = QThreadPool::globalInstance();
  const int threads = global->maxThreadCount();
  global->setMaxThreadCount(1);
  QTemporaryDir dir;
  SweepPlace sweep;
  sweep.setStorePath(dir.filePath("runs.sqlite"));
  sweep.setSweepsFolder(dir.filePath("sweeps"));
  sweep.addPlanFile(LONGTAIL_SOURCE_DIR "/tests/data/sweep-tiny.json");
  bool sweep_ended = false;
  QObject::connect(&sweep, &SweepPlace::finished, [&] { sweep_ended = true; });
  QObject::connect(&sweep, &SweepPlace::failed, [&] { sweep_ended = true; });
  sweep.start();
  ASSERT_TRUE(sweep.running());

  DatasetDesigner designer;
  bool loaded = false, ok = false, sweep_running_then = false;
  QObject::connect(&designer, &DatasetDesigner::sourceLoadFinished, [&](bool good) {
    loaded = true;
    ok = good;
    sweep_running_then = sweep.running();
  });
  designer.loadSource("fashion-mnist");
  ASSERT_TRUE(waitFor([&] { return loaded; }, 240000));
  EXPECT_TRUE(ok);
  EXPECT_TRUE(designer.sourceLoaded());
  // The designer did not wait for the sweep to end.
  EXPECT_TRUE(sweep_running_then);

  sweep.cancel();
  EXPECT_TRUE(waitFor([&] { return sweep_ended; }, 240000));
  global->setMaxThreadCount(threads);
}

}  // namespace
}  // namespace lt::widgets
