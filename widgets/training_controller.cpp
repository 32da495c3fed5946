#include "training_controller.h"

#include <QDir>
#include <QFileInfo>
#include <algorithm>
#include <chrono>
#include <exception>

#include "experiments/recorded_training.h"
#include "experiments/run_evaluation.h"
#include "runtime/worker_threads.h"
#include "store/run_recording.h"
#include "store/run_store.h"
#include "util/error.h"
#include "util/progress.h"

namespace lt::widgets {

TrainingController::TrainingController(QObject* parent) : QObject(parent) {
  qRegisterMetaType<JobProgress>();
  qRegisterMetaType<JobEpoch>();
  worker_ = std::thread([this] { work(); });
}

TrainingController::~TrainingController() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    queue_.clear();
  }
  cancel_running_ = true;
  wake_.notify_all();
  worker_.join();
}

void TrainingController::setStorePath(const QString& path) {
  std::lock_guard lock(mutex_);
  store_path_ = path.toStdString();
}

QString TrainingController::storePath() const {
  std::lock_guard lock(mutex_);
  return QString::fromStdString(store_path_);
}

int TrainingController::enqueue(const RunJob& job) {
  int id;
  {
    std::lock_guard lock(mutex_);
    id = next_id_++;
    queue_.push_back({id, job});
    all_jobs_[id] = job;
    busy_ = true;
  }
  Q_EMIT jobQueued(id, job.name);
  wake_.notify_one();
  return id;
}

RunJob TrainingController::job(int id) const {
  std::lock_guard lock(mutex_);
  const auto it = all_jobs_.find(id);
  return it == all_jobs_.end() ? RunJob{} : it->second;
}

void TrainingController::cancel(int job) {
  bool dropped = false;
  {
    std::lock_guard lock(mutex_);
    if (running_id_ == job) {
      cancel_running_ = true;
    } else {
      const auto it = std::find_if(queue_.begin(), queue_.end(),
                                   [job](const Queued& q) { return q.id == job; });
      if (it != queue_.end()) {
        queue_.erase(it);
        dropped = true;
      }
    }
  }
  if (dropped) Q_EMIT jobEnded(job, "cancelled", tr("Removed from the queue before it started."));
}

void TrainingController::cancelAll() {
  std::vector<int> dropped;
  {
    std::lock_guard lock(mutex_);
    for (const Queued& q : queue_) dropped.push_back(q.id);
    queue_.clear();
    if (running_id_) cancel_running_ = true;
  }
  for (int id : dropped)
    Q_EMIT jobEnded(id, "cancelled", tr("Removed from the queue before it started."));
}

void TrainingController::work() {
  for (;;) {
    Queued next;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      next = std::move(queue_.front());
      queue_.pop_front();
      running_id_ = next.id;
      cancel_running_ = false;
    }
    runJob(next);
    bool empty;
    {
      std::lock_guard lock(mutex_);
      running_id_ = 0;
      empty = queue_.empty();
      if (empty) busy_ = false;
    }
    // Signals emitted here cross to the GUI thread as queued calls (the controller lives there).
    if (empty) Q_EMIT allDone();
  }
}

void TrainingController::runJob(const Queued& queued) {
  const int id = queued.id;
  const RunJob& job = queued.job;
  const std::string store = storePath().toStdString();
  const std::string dir = job.runDir.toStdString();
  Q_EMIT jobStarted(id, job.runDir);

  using Clock = std::chrono::steady_clock;
  auto last_report = Clock::now() - std::chrono::seconds(1);
  const TrainCallback callback = [&](const TrainProgress& p) {
    if (p.finished_epoch) {
      const EpochMetrics& m = *p.finished_epoch;
      Q_EMIT epochFinished(
          id, JobEpoch{m.epoch, m.loss, m.lr, m.images_per_s, m.seconds, m.knn_accuracy});
    }
    // A few progress signals a second are plenty for a progress bar and keep the queue short.
    const auto now = Clock::now();
    if (p.finished_epoch || now - last_report > std::chrono::milliseconds(200)) {
      last_report = now;
      JobProgress progress;
      progress.epoch = p.epoch;
      progress.epochs = p.epochs;
      const double steps = double(std::max<int64_t>(1, p.steps_per_epoch));
      progress.share =
          p.epochs > 0 ? std::clamp(((p.epoch - 1) + p.step / steps) / p.epochs, 0.0, 1.0) : 0;
      progress.loss = p.loss;
      progress.imagesPerSecond = p.images_per_s;
      progress.etaSeconds = p.eta_seconds;
      progress.stage = tr("training");
      Q_EMIT progressed(id, progress);
    }
    return !cancel_running_.load();
  };

  try {
    RunResult result;
    if (job.resume) {
      result = resume_recorded(dir, 0, store, callback);
    } else {
      RunConfig config = job.config;
      // The window keeps a core of its own.
      if (config.threads == 0) config.threads = worker_threads();
      QDir().mkpath(QFileInfo(job.runDir).absolutePath());
      result = train_recorded(config, dir, store, callback);
    }
    if (result.status != "finished") {
      QString message = QString::fromStdString(result.message);
      if (result.status == "cancelled" && message.isEmpty())
        message = tr("Stopped after epoch %1 of %2; Resume continues it from its checkpoint.")
                      .arg(result.epochs_done)
                      .arg(result.epochs_planned);
      Q_EMIT jobEnded(id, QString::fromStdString(result.status), message);
      return;
    }
    QStringList notes;
    for (const QString& probe : job.evaluate) {
      if (cancel_running_) {
        notes << tr("the evaluation was cancelled");
        break;
      }
      JobProgress progress;
      progress.share = 1;
      progress.stage = tr("evaluating %1").arg(probe);
      Q_EMIT progressed(id, progress);
      EvalRequest request;
      request.probe = probe.toStdString();
      request.options = probe_preset(job.probePreset.toStdString());
      request.device = job.config.device;
      request.threads = worker_threads();
      if (job.probePreset == "fast") {
        request.train_per_class = 100;
        request.test_per_class = 50;
      }
      // A probe that cannot run (no out-of-domain set for this source) leaves the trained run
      // as it is, with a note; the other probe still runs.
      try {
        // Cancel (or closing the window) stops the probe at its next batch or epoch; the
        // trained run stays as it is and Evaluate runs the probe again.
        evaluate_run(dir, request, [this](const Progress&) { return !cancel_running_.load(); });
      } catch (const Cancelled&) {
        notes << tr("the %1 evaluation was cancelled").arg(probe);
        break;
      } catch (const Error& e) {
        notes << tr("%1 probe not run: %2").arg(probe, QString::fromStdString(e.what()));
        continue;
      }
      if (store_wanted(store)) {
        RunStore run_store(store);
        record_run_dir(run_store, dir);
      }
    }
    Q_EMIT jobEnded(id, "finished", notes.join("; "));
  } catch (const Cancelled&) {
    Q_EMIT jobEnded(id, "cancelled", tr("Stopped; Resume continues it from its checkpoint."));
  } catch (const std::exception& e) {
    Q_EMIT jobEnded(id, "failed", QString::fromStdString(e.what()));
  }
}

}  // namespace lt::widgets
