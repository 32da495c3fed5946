#include "headline_runner.h"

#include <QMetaObject>
#include <QPointer>

#include "store/run_labels.h"
#include "store/run_recording.h"
#include "store/run_store.h"
#include "util/error.h"
#include "util/progress.h"

namespace lt::widgets {

HeadlineRunner::HeadlineRunner(QObject* parent) : QObject(parent) {
  connect(&watcher_, &QFutureWatcher<JobResult<Outcome>>::finished, this, [this] {
    const JobResult<Outcome> r = watcher_.result();
    gap_lines_ = r.end == JobEnd::kFinished ? r.value.gapLines : QStringList();
    switch (r.end) {
      case JobEnd::kFinished:
        Q_EMIT finished(true, r.value.verdict, tag_);
        break;
      case JobEnd::kCancelled:
        Q_EMIT finished(false, tr("Cancelled; finished cells are kept and reused next time."),
                        tag_);
        break;
      default:
        Q_EMIT finished(false, r.error.left(r.error.indexOf('\n')), tag_);
    }
  });
}

HeadlineRunner::~HeadlineRunner() {
  jobs_.cancel();
  jobs_.wait();
}

void HeadlineRunner::cancel() {
  jobs_.cancel();
}

void HeadlineRunner::start(const QuickOptions& options, const QString& tag) {
  if (watcher_.isRunning()) return;
  tag_ = tag;
  QPointer<HeadlineRunner> self(this);
  watcher_.setFuture(jobs_.run([options, tag, self](const JobTicket& ticket) {
    const QuickResult r = run_quick(options, [&](const Progress& p) {
      // To the GUI thread by a queued call: the worker never touches a widget.
      QMetaObject::invokeMethod(
          self.data(),
          [self, stage = QString::fromStdString(p.stage), share = p.fraction()] {
            if (self) Q_EMIT self->progress(stage, share);
          },
          Qt::QueuedConnection);
      return !ticket.cancelRequested();
    });
    Outcome o;
    if (!options.store.empty() && options.store != "none") {
      RunStore store(options.store);
      for (const QuickCell& cell : r.cells) {
        const std::string id = record_run_dir(store, cell.run_dir);
        RunLabels labels = read_run_labels(cell.run_dir);
        labels.tags.push_back(tag.toStdString());
        save_run_labels(store, *store.find_run(id), labels);
        o.runDirs << QString::fromStdString(cell.run_dir);
      }
    }
    o.verdict = QString::fromStdString(r.verdict);
    for (const auto& line : quick_gap_lines(r)) o.gapLines << QString::fromStdString(line);
    return o;
  }));
}

}  // namespace lt::widgets
