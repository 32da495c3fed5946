// Tags and a note typed into the Runs place: saved in the run folder and the store, shown sorted,
// and found again through the filter box.
#include <gtest/gtest.h>

#include <QCoreApplication>
#include <QLineEdit>
#include <QTemporaryDir>
#include <filesystem>

#include "runs_place.h"
#include "store/run_labels.h"
#include "store/run_recording.h"
#include "store/run_store.h"
#include "test_support.h"

namespace lt::widgets {
namespace {

TEST(RunsLabels, TagsTypedInTheTableAreSavedAndFilterTheRuns) {
  QTemporaryDir dir;
  const std::string store_path = dir.filePath("runs.sqlite").toStdString();
  {
    RunStore store(store_path);
    for (const char* name : {"simsiam-s0", "supervised-s0"}) {
      const std::string run_dir = dir.filePath(name).toStdString();
      lt::test::write_text(run_dir + "/run.json",
                           std::string(R"({"run_id": ")") + name + R"(", "status": "finished"})");
      record_run_dir(store, run_dir);
    }
  }
  RunsPlace place;
  place.setStorePath(QString::fromStdString(store_path));
  ASSERT_EQ(place.shownRuns(), 2);
  int failures = 0;
  QObject::connect(&place, &RunsPlace::failed, [&](const QString&) { ++failures; });

  place.setRunLabels("simsiam-s0", "paper, baseline paper", "the one in Figure 1");
  QCoreApplication::processEvents();  // the queued refresh
  EXPECT_EQ(failures, 0);
  const RunLabels saved = read_run_labels(dir.filePath("simsiam-s0").toStdString());
  EXPECT_EQ(saved.tags, (std::vector<std::string>{"baseline", "paper"}));
  EXPECT_EQ(saved.note, "the one in Figure 1");
  RunStore store(store_path, false);
  EXPECT_EQ(store.find_run("simsiam-s0")->tags, saved.tags);
  place.selectRun("simsiam-s0");
  int row = 0;
  while (place.runIdAt(row) != "simsiam-s0") ++row;
  EXPECT_EQ(place.cell(row, "Tags"), "baseline, paper");
  EXPECT_EQ(place.cell(row, "Note"), "the one in Figure 1");

  // Tags alone (the note left as it is) are saved too.
  place.setRunLabels("supervised-s0", "baseline", "");
  QCoreApplication::processEvents();
  EXPECT_EQ(read_run_labels(dir.filePath("supervised-s0").toStdString()).tags,
            std::vector<std::string>{"baseline"});
  place.setRunLabels("supervised-s0", "", "");
  QCoreApplication::processEvents();

  place.filterBox()->setText("baseline");
  EXPECT_EQ(place.shownRuns(), 1);
  EXPECT_EQ(place.runIdAt(0), "simsiam-s0");
  place.filterBox()->clear();
  EXPECT_EQ(place.shownRuns(), 2);

  // A tag the store refuses (a control character) is reported, and the table shows what is kept.
  place.setRunLabels("simsiam-s0", QString("bad\x01tag"), "");
  QCoreApplication::processEvents();
  EXPECT_EQ(failures, 1);
  EXPECT_EQ(read_run_labels(dir.filePath("simsiam-s0").toStdString()).tags.size(), 2u);
}

}  // namespace
}  // namespace lt::widgets
