// The paper's headline (four pre-trainings: SimSiam and supervised, long-tailed and balanced
// twin, each probed) on a thread of the runner's own, for the designer's "Run the headline on
// this design"; the destructor cancels it and waits.
// Progress and the end come back by queued signals; the runs are tagged so that Compare can show
// exactly them.
#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QStringList>
#include <memory>

#include "background_jobs.h"
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
    QString verdict;
    QStringList gapLines;  // each Delta with its spread (quick_gap_lines)
    QStringList runDirs;
  };
  // The Delta lines of the headline that finished last (empty before, or after a failure).
  QStringList gapLines() const { return gap_lines_; }
  // The job started last (how it ended stays readable after the runner is gone).
  std::shared_ptr<const JobTicket> lastJob() const { return jobs_.lastJob(); }

 Q_SIGNALS:
  void progress(const QString& stage, double share);
  void finished(bool ok, const QString& message, const QString& tag);

 private:
  QFutureWatcher<JobResult<Outcome>> watcher_;
  JobPool jobs_;
  QString tag_;
  QStringList gap_lines_;
};

}  // namespace lt::widgets
