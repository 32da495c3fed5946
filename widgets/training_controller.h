// The GUI's one worker for training: runs queue up and train one after another on a thread of
// their own (two at once would only share the same cores), each recorded in the run store as
// it goes. The window talks to it by enqueue/cancel and listens to its signals, which arrive
// queued on the GUI thread; nothing here blocks the event loop.
//
// Like Qt's Mandelbrot RenderThread: the request is copied under a mutex, the worker checks an
// atomic flag at every step, and the destructor stops the worker and waits for it.
#pragma once

#include <QMetaType>
#include <QObject>
#include <QString>
#include <QStringList>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <thread>

#include "train/run_config.h"

namespace lt::widgets {

struct RunJob {
  QString name;                   // how the Live place labels it (series, rows)
  RunConfig config;               // a new run's config (unused when resuming)
  QString runDir;                 // the run's directory
  bool resume = false;            // continue the run in runDir from its checkpoint
  QStringList evaluate;           // probes to run when training finishes: "id", "ood"
  QString probePreset = "paper";  // "paper" or "fast" (seconds, for smoke runs)
};

struct JobProgress {
  qint64 epoch = 0, epochs = 0;  // the epoch in progress, of those planned
  double share = 0;              // of the whole run, in [0, 1]
  double loss = 0;               // running mean of the epoch
  double imagesPerSecond = 0;
  double etaSeconds = 0;
  QString stage;  // "training", "evaluating id", ...
};

struct JobEpoch {
  qint64 epoch = 0;
  double loss = 0, lr = 0, imagesPerSecond = 0, seconds = 0;
  double knnAccuracy = -1;  // -1: not measured this epoch
};

class TrainingController : public QObject {
  Q_OBJECT
 public:
  explicit TrainingController(QObject* parent = nullptr);
  ~TrainingController() override;  // stops the running job cleanly (it stays resumable)

  void setStorePath(const QString& path);  // "" records nothing
  QString storePath() const;

  // Returns the job's number, used by every signal about it.
  int enqueue(const RunJob& job);
  // A queued job is dropped; the running one stops at its next step and stays resumable.
  void cancel(int job);
  void cancelAll();
  bool busy() const { return busy_.load(); }
  // The job as it was enqueued (a Resume repeats its evaluations).
  RunJob job(int id) const;

 Q_SIGNALS:
  void jobQueued(int job, const QString& name);
  void jobStarted(int job, const QString& runDir);
  void progressed(int job, const lt::widgets::JobProgress& progress);
  void epochFinished(int job, const lt::widgets::JobEpoch& epoch);
  // status: finished, cancelled, diverged or failed; message says why and what to do.
  void jobEnded(int job, const QString& status, const QString& message);
  void allDone();

 private:
  struct Queued {
    int id = 0;
    RunJob job;
  };
  void work();
  void runJob(const Queued& queued);

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Queued> queue_;
  std::map<int, RunJob> all_jobs_;
  std::string store_path_;
  int next_id_ = 1;
  int running_id_ = 0;
  bool stopping_ = false;
  std::atomic<bool> cancel_running_{false};
  std::atomic<bool> busy_{false};
  std::thread worker_;
};

}  // namespace lt::widgets

Q_DECLARE_METATYPE(lt::widgets::JobProgress)
Q_DECLARE_METATYPE(lt::widgets::JobEpoch)
