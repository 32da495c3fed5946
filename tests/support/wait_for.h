// Widget tests wait for what they expect to happen, not for a fixed time: an event loop runs
// until `done` holds (checked as events arrive and on a short poll) or `milliseconds` pass.
#pragma once

#include <QEventLoop>
#include <QObject>
#include <QTimer>

namespace lt::test {

template <typename Done>
bool waitFor(Done done, int milliseconds) {
  if (done()) return true;
  QEventLoop loop;
  QTimer poll;
  QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
    if (done()) loop.quit();
  });
  QTimer::singleShot(milliseconds, &loop, &QEventLoop::quit);
  poll.start(10);
  loop.exec();
  return done();
}

}  // namespace lt::test
