#include "headline_runner.h"

#include <QMetaObject>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

#include "store/run_labels.h"
#include "store/run_recording.h"
#include "store/run_store.h"
#include "util/error.h"
#include "util/progress.h"

namespace lt::widgets {

HeadlineRunner::HeadlineRunner(QObject* parent)
    : QObject(parent), cancel_(std::make_shared<std::atomic<bool>>(false)) {
  connect(&watcher_, &QFutureWatcher<Outcome>::finished, this, [this] {
    const Outcome o = watcher_.result();
    Q_EMIT finished(o.ok, o.message, o.tag);
  });
}

HeadlineRunner::~HeadlineRunner() {
  cancel();
  watcher_.waitForFinished();
}

void HeadlineRunner::cancel() {
  cancel_->store(true);
}

void HeadlineRunner::start(const QuickOptions& options, const QString& tag) {
  if (watcher_.isRunning()) return;
  cancel_->store(false);
  const auto cancel = cancel_;
  QPointer<HeadlineRunner> self(this);
  watcher_.setFuture(QtConcurrent::run([options, tag, cancel, self] {
    Outcome o;
    o.tag = tag;
    try {
      const QuickResult r = run_quick(options, [&](const Progress& p) {
        // To the GUI thread by a queued call: the worker never touches a widget.
        QMetaObject::invokeMethod(
            self.data(),
            [self, stage = QString::fromStdString(p.stage), share = p.fraction()] {
              if (self) Q_EMIT self->progress(stage, share);
            },
            Qt::QueuedConnection);
        return !cancel->load();
      });
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
      o.ok = true;
      o.message = QString::fromStdString(r.verdict);
    } catch (const Cancelled&) {
      o.message = QObject::tr("Cancelled; finished cells are kept and reused next time.");
    } catch (const std::exception& e) {
      std::string message = e.what();
      o.message = QString::fromStdString(message.substr(0, message.find('\n')));
    }
    return o;
  }));
}

}  // namespace lt::widgets
