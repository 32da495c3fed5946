// A store another program holds locked (here sqlite3's BEGIN EXCLUSIVE from a second connection,
// as a CLI sweep or a user's sqlite3 shell would) is said in the window, and the warning goes
// when the lock does; the window never waits for SQLite's busy timeout to say so.
#include <gtest/gtest.h>

#include <QTemporaryDir>

#include "main_window.h"
#include "store/sqlite_db.h"
#include "store_watch.h"
#include "wait_for.h"

namespace lt::widgets {
namespace {

using lt::test::waitFor;

TEST(StoreWarning, AStoreLockedByAnotherConnectionShowsAWarningUntilItIsFree) {
  QTemporaryDir dir;
  const QString path = dir.filePath("runs.sqlite");
  MainWindow window(path);
  StoreWatch* watch = window.storeWatch();
  // A store that takes writes: no warning (the check after opening it found nothing).
  ASSERT_TRUE(waitFor(
      [&] {
        watch->check();
        return watch->problem().isEmpty();
      },
      30000));
  EXPECT_TRUE(window.storeWarning().isEmpty());

  SqliteDb holder(path.toStdString(), /*create=*/false);
  holder.exec("BEGIN EXCLUSIVE");
  ASSERT_TRUE(waitFor(
      [&] {
        watch->check();
        return !window.storeWarning().isEmpty();
      },
      30000));
  EXPECT_TRUE(window.storeWarning().contains("locked")) << window.storeWarning().toStdString();
  EXPECT_TRUE(window.storeWarning().contains(path)) << window.storeWarning().toStdString();

  holder.exec("ROLLBACK");
  EXPECT_TRUE(waitFor(
      [&] {
        watch->check();
        return window.storeWarning().isEmpty();
      },
      30000));
}

}  // namespace
}  // namespace lt::widgets
