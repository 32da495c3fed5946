#include "store_watch.h"

#include <QTimer>

#include "store/sqlite_db.h"
#include "util/error.h"

namespace lt::widgets {
namespace {

// "" when a write transaction can start on the store now, else why not.
QString writeProblem(const std::string& path) {
  try {
    SqliteDb db(path, /*create=*/false);
    db.set_busy_timeout(StoreWatch::kWaitMs);
    // BEGIN IMMEDIATE takes the write lock as a run's record would, and writes nothing.
    db.exec("BEGIN IMMEDIATE");
    db.exec("ROLLBACK");
    return {};
  } catch (const Error& e) {
    return QString::fromStdString(e.what());
  }
}

}  // namespace

StoreWatch::StoreWatch(QObject* parent) : QObject(parent), timer_(new QTimer(this)) {
  timer_->setInterval(kEveryMs);
  connect(timer_, &QTimer::timeout, this, &StoreWatch::check);
  connect(&watcher_, &QFutureWatcher<JobResult<QString>>::finished, this, [this] {
    const JobResult<QString> result = watcher_.result();
    if (result.end == JobEnd::kCancelled) return;
    QString problem = result.end == JobEnd::kFinished ? result.value : result.error;
    if (!problem.isEmpty())
      problem = tr("The run store cannot be written now: %1. Runs keep their results in their "
                   "folders; longtail runs add FOLDER records a run once the store is free.")
                    .arg(problem);
    if (problem == problem_) return;
    problem_ = problem;
    Q_EMIT problemChanged(problem_);
  });
}

StoreWatch::~StoreWatch() {
  jobs_.cancel();
  jobs_.wait();
}

void StoreWatch::setPath(const QString& path) {
  path_ = path;
  if (path_.isEmpty()) {
    timer_->stop();
    if (!problem_.isEmpty()) {
      problem_.clear();
      Q_EMIT problemChanged(problem_);
    }
    return;
  }
  timer_->start();
  check();
}

void StoreWatch::check() {
  if (path_.isEmpty() || watcher_.isRunning()) return;
  const std::string path = path_.toStdString();
  watcher_.setFuture(jobs_.run([path](const JobTicket&) { return writeProblem(path); }));
}

}  // namespace lt::widgets
