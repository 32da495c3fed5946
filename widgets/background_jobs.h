// A widget's background work on threads of its own, each job cancellable, and a destructor that
// cancels and then waits (as Qt's Mandelbrot RenderThread does): closing a view during a long
// computation returns as soon as the computation reaches its next cancel check.
//
// Each owner has its own QThreadPool instead of QThreadPool::globalInstance(): a sweep holds its
// thread for hours, and on the global pool (idealThreadCount threads, one on a small machine) it
// would leave every other place's work queued behind it.
//
// A job is a callable taking the JobTicket it shares with the owner; it passes
// ticket.keepGoing() to core (util/progress.h: false asks the work to stop, which then throws
// lt::Cancelled). Its result comes back in a JobResult that says how it ended.
#pragma once

#include <QFuture>
#include <QString>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>
#include <atomic>
#include <cstdint>
#include <exception>
#include <memory>
#include <mutex>
#include <type_traits>
#include <utility>
#include <vector>

#include "util/progress.h"

namespace lt::widgets {

enum class JobEnd { kRunning, kFinished, kCancelled, kFailed };

// What a job and its owner share: the request to stop and how the job ended. The ticket outlives
// the owner where someone keeps it (tests read how a job ended after its view was closed).
class JobTicket {
 public:
  void cancel() { cancelled_.store(true); }
  bool cancelRequested() const { return cancelled_.load(); }
  // The core's callback shape: false once cancel() was called. Valid while the job runs (the
  // job holds its ticket).
  ProgressFn keepGoing() const {
    return [this](const Progress&) {
      reports_.fetch_add(1);
      return !cancelled_.load();
    };
  }
  // How often the work has reported so far: above 0, the job is inside core's work (not
  // waiting in the queue), where a cancel is heard at the next batch or block.
  int64_t reports() const { return reports_.load(); }
  JobEnd end() const { return end_.load(); }
  void setEnd(JobEnd end) { end_.store(end); }

 private:
  std::atomic<bool> cancelled_{false};
  std::atomic<JobEnd> end_{JobEnd::kRunning};
  mutable std::atomic<int64_t> reports_{0};
};

template <typename T>
struct JobResult {
  JobEnd end = JobEnd::kRunning;
  T value{};      // kFinished: what the job returned
  QString error;  // kFailed: the exception's message
};

class JobPool {
 public:
  // `threads`: how many jobs run at once; more wait in the pool's queue.
  explicit JobPool(int threads = 1);
  ~JobPool();  // cancels every job and waits for them
  JobPool(const JobPool&) = delete;
  JobPool& operator=(const JobPool&) = delete;

  // Starts `work(const JobTicket&)` on this pool's threads.
  template <typename Work>
  auto run(Work work) -> QFuture<JobResult<std::invoke_result_t<const Work&, const JobTicket&>>> {
    using T = std::invoke_result_t<const Work&, const JobTicket&>;
    auto ticket = std::make_shared<JobTicket>();
    remember(ticket);
    return QtConcurrent::run(&pool_, [work = std::move(work), ticket] {
      JobResult<T> result;
      try {
        // A job cancelled while it waited in the queue does not start.
        if (ticket->cancelRequested()) throw Cancelled();
        result.value = work(*ticket);
        result.end = JobEnd::kFinished;
      } catch (const Cancelled&) {
        result.end = JobEnd::kCancelled;
      } catch (const std::exception& e) {
        result.end = JobEnd::kFailed;
        result.error = QString::fromStdString(e.what());
      }
      ticket->setEnd(result.end);
      return result;
    });
  }

  // Asks every job started so far to stop (each stops at its next check).
  void cancel();
  // Blocks until every job has ended.
  void wait();
  // The ticket of the job started last (nullptr before the first).
  std::shared_ptr<const JobTicket> lastJob() const;

 private:
  void remember(std::shared_ptr<JobTicket> ticket);

  QThreadPool pool_;
  mutable std::mutex mutex_;
  std::vector<std::shared_ptr<JobTicket>> tickets_;  // the jobs not known to have ended
};

}  // namespace lt::widgets
