// Whether the window's run store can take a write now: asked every few seconds (and on
// demand) on a thread of its own, with a short wait, so that a store locked by another program
// (a CLI sweep, sqlite3 holding BEGIN EXCLUSIVE, a store on a read-only or full disk) shows as a
// warning in the window instead of as silence, and never freezes the window for SQLite's 10 s
// busy timeout. The run folders stay the truth: what could not be recorded is recorded later
// (`longtail runs add`).
#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QString>

#include "background_jobs.h"

class QTimer;

namespace lt::widgets {

class StoreWatch : public QObject {
  Q_OBJECT
 public:
  explicit StoreWatch(QObject* parent = nullptr);
  ~StoreWatch() override;  // waits for a check in flight (it lasts at most kWaitMs)

  // How long a check waits for another connection's lock before it calls the store busy.
  static constexpr int kWaitMs = 250;
  static constexpr int kEveryMs = 5000;

  // Watches `path` ("" watches nothing) and checks it at once.
  void setPath(const QString& path);
  // Checks now unless a check is running; problemChanged() follows when the answer changed.
  void check();
  // "" while the store takes writes, else what is wrong and what to do.
  QString problem() const { return problem_; }

 Q_SIGNALS:
  void problemChanged(const QString& problem);

 private:
  QString path_;
  QString problem_;
  QTimer* timer_;
  QFutureWatcher<JobResult<QString>> watcher_;
  JobPool jobs_;
};

}  // namespace lt::widgets
