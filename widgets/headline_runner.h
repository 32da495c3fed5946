// The paper's headline (four pre-trainings: SimSiam and supervised, long-tailed and balanced
// twin, each probed) on a worker thread, for the designer's "Run the headline on this design".
// Progress and the end come back by queued signals; the runs are tagged so that Compare can show
// exactly them.
#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QStringList>
#include <atomic>
#include <memory>

#include "experiments/quick_experiment.h"

namespace lt::widgets {

class HeadlineRunner : public QObject {
  Q_OBJECT
 public:
  explicit HeadlineRunner(QObject* parent = nullptr);
  ~HeadlineRunner() override;

  bool isRunning() const { return watcher_.isRunning(); }
  // Starts run_quick(options) unless one runs; the four runs get `tag` when they finish.
  void start(const QuickOptions& options, const QString& tag);
  void cancel();

  struct Outcome {
    bool ok = false;
    QString message;  // the verdict, or why it stopped
    QString tag;
    QStringList runDirs;
  };

 Q_SIGNALS:
  void progress(const QString& stage, double share);
  void finished(bool ok, const QString& message, const QString& tag);

 private:
  QFutureWatcher<Outcome> watcher_;
  std::shared_ptr<std::atomic<bool>> cancel_;
};

}  // namespace lt::widgets
