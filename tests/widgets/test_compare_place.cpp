// The Compare place as a user meets it: the figures and the table follow the store, and a store
// that is missing or has nothing to compare says so instead of failing.
#include <gtest/gtest.h>

#include <QComboBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <cmath>
#include <cstdlib>

#include "compare_place.h"
#include "line_chart.h"
#include "store/run_store.h"
#include "train/run_config.h"

namespace lt::widgets {
namespace {

// Top-1 of the runs: a method's balanced/imbalanced accuracy at n, plus 2 points for seed 1.
double base_accuracy(const std::string& method, bool balanced, int64_t n) {
  if (method == "simsiam") {
    if (n == 1000) return balanced ? 0.60 : 0.58;
    return balanced ? 0.70 : 0.69;
  }
  if (n == 1000) return balanced ? 0.65 : 0.55;
  return balanced ? 0.75 : 0.66;
}

void record(RunStore& store, const QString& dir, const std::string& method, bool balanced,
            int64_t n, int64_t seed, double ratio = 0.01,
            const std::vector<std::string>& probes = {"id", "ood"}) {
  RunConfig config;
  config.design.ratio = ratio;
  config.twin = balanced;
  config.method.name = method;
  config.seed = uint64_t(seed);
  RunStore::RunSnapshot snap;
  const std::string name = method + (balanced ? "-bal-" : "-imb-") + std::to_string(n) + "-r" +
                           std::to_string(ratio) + "-s" + std::to_string(seed);
  snap.run.dir = (dir + "/").toStdString() + name;
  snap.run.status = "finished";
  snap.run.method = method;
  snap.run.source = "fashion-mnist";
  snap.run.balanced_twin = balanced;
  snap.run.seed = seed;
  snap.run.total_images = n;
  snap.run.config_json = config_to_json(config);
  for (const std::string& probe : probes) {
    const double top1 =
        base_accuracy(method, balanced, n) + 0.02 * double(seed) - (probe == "ood" ? 0.1 : 0.0);
    snap.evaluations.push_back({probe, "fashion-mnist", top1, "{}", ""});
  }
  store.record(snap);
}

// simsiam and supervised, balanced and imbalanced, n = 1000 and 4000, seeds 0 and 1.
QString full_store(const QTemporaryDir& dir) {
  const QString path = dir.filePath("runs.sqlite");
  RunStore store(path.toStdString());
  for (const std::string method : {"simsiam", "supervised"}) {
    for (bool balanced : {false, true}) {
      for (int64_t n : {1000, 4000}) {
        for (int64_t seed : {0, 1}) record(store, dir.path(), method, balanced, n, seed);
      }
    }
  }
  return path;
}

const double kSpread = 2.0 / std::sqrt(2.0);  // sample std of x and x + 2 (percent)

TEST(ComparePlace, DrawsAccuracyAgainstNWithSpreadOverSeeds) {
  QTemporaryDir dir;
  ComparePlace place;
  place.setStorePath(full_store(dir));

  const QStringList names = place.accuracyChart()->seriesNames();
  EXPECT_EQ(names.size(), 4);
  const auto bal = place.accuracyChart()->points(ComparePlace::accuracySeriesName("simsiam", true));
  ASSERT_EQ(bal.size(), 2);
  EXPECT_DOUBLE_EQ(bal[0].x, 1000);
  EXPECT_NEAR(bal[0].y, 61.0, 1e-9);
  EXPECT_NEAR(bal[0].error, kSpread, 1e-9);
  EXPECT_DOUBLE_EQ(bal[1].x, 4000);
  EXPECT_NEAR(bal[1].y, 71.0, 1e-9);
  const auto imb =
      place.accuracyChart()->points(ComparePlace::accuracySeriesName("supervised", false));
  ASSERT_EQ(imb.size(), 2);
  EXPECT_NEAR(imb[0].y, 56.0, 1e-9);
  EXPECT_NEAR(imb[1].y, 67.0, 1e-9);
  EXPECT_EQ(ComparePlace::methodName("supervised"), "Supervised (SL)");
  EXPECT_EQ(ComparePlace::methodName("simsiam"), "SimSiam (SSL)");
  EXPECT_EQ(place.figures().size(), 2);
  EXPECT_TRUE(place.ratioBox()->isHidden());  // one r: nothing to choose
}

TEST(ComparePlace, DrawsTheRelativeGapPerMethod) {
  QTemporaryDir dir;
  ComparePlace place;
  place.setStorePath(full_store(dir));

  EXPECT_EQ(place.gapChart()->seriesNames().size(), 2);
  const auto sl = place.gapChart()->points(ComparePlace::gapSeriesName("supervised"));
  ASSERT_EQ(sl.size(), 2);
  // Delta of the mean accuracies: (66 - 56) / 66 at n = 1000.
  EXPECT_DOUBLE_EQ(sl[0].x, 1000);
  EXPECT_NEAR(sl[0].y, 100 * (0.66 - 0.56) / 0.66, 1e-9);
  const double d0 = (0.65 - 0.55) / 0.65, d1 = (0.67 - 0.57) / 0.67;
  EXPECT_NEAR(sl[0].error, 100 * std::abs(d0 - d1) / std::sqrt(2.0), 1e-9);
  const auto ssl = place.gapChart()->points(ComparePlace::gapSeriesName("simsiam"));
  ASSERT_EQ(ssl.size(), 2);
  EXPECT_NEAR(ssl[1].y, 100 * (0.71 - 0.70) / 0.71, 1e-9);
  // The paper's finding, as these numbers have it: SSL loses less than SL.
  EXPECT_LT(ssl[0].y, sl[0].y);
}

TEST(ComparePlace, TabulatesEveryMethodAndSize) {
  QTemporaryDir dir;
  ComparePlace place;
  place.setStorePath(full_store(dir));

  QTableWidget* table = place.table();
  ASSERT_EQ(table->rowCount(), 4);
  EXPECT_EQ(table->item(0, 0)->text(), ComparePlace::methodName("simsiam"));
  EXPECT_EQ(table->item(0, 1)->text(), "1000");
  EXPECT_EQ(table->item(0, 2)->text(), "0.01");
  EXPECT_EQ(table->item(0, 3)->text(), "61.0 ± 1.4");
  EXPECT_EQ(table->item(0, 4)->text(), "59.0 ± 1.4");
  EXPECT_TRUE(table->item(0, 5)->text().startsWith("3.28 ± "));  // (61 - 59) / 61
  EXPECT_EQ(table->item(0, 6)->text(), "0, 1");
  EXPECT_EQ(table->item(3, 0)->text(), ComparePlace::methodName("supervised"));
  EXPECT_EQ(table->item(3, 1)->text(), "4000");
  EXPECT_TRUE(place.messageText().contains("16")) << place.messageText().toStdString();

  // For a person to look at: LONGTAIL_SCREENSHOT_DIR=/tmp/shots ctest -L gui
  if (const char* shots = std::getenv("LONGTAIL_SCREENSHOT_DIR")) {
    place.resize(1200, 800);
    EXPECT_TRUE(place.grab().save(QString(shots) + "/compare-place.png"));
  }
}

TEST(ComparePlace, FollowsTheChosenEvaluation) {
  QTemporaryDir dir;
  ComparePlace place;
  place.setStorePath(full_store(dir));
  QComboBox* probe = place.probeBox();
  ASSERT_GE(probe->findData("ood"), 0);
  EXPECT_LT(probe->findData("id-finetune"), 0);  // offered only when some run has it
  probe->setCurrentIndex(probe->findData("ood"));
  const auto bal = place.accuracyChart()->points(ComparePlace::accuracySeriesName("simsiam", true));
  ASSERT_EQ(bal.size(), 2);
  EXPECT_NEAR(bal[0].y, 51.0, 1e-9);
}

TEST(ComparePlace, OffersEachRatioAndFineTuningWhenTheStoreHasThem) {
  QTemporaryDir dir;
  const QString path = dir.filePath("runs.sqlite");
  {
    RunStore store(path.toStdString());
    for (bool balanced : {false, true}) {
      record(store, dir.path(), "simsiam", balanced, 1000, 0, 0.01, {"id"});
      record(store, dir.path(), "simsiam", balanced, 1000, 1, 0.01, {"id"});
      record(store, dir.path(), "simsiam", balanced, 2000, 0, 0.1, {"id", "id-finetune"});
    }
  }
  ComparePlace place;
  place.setStorePath(path);
  EXPECT_FALSE(place.ratioBox()->isHidden());
  ASSERT_EQ(place.ratioBox()->count(), 2);
  EXPECT_GE(place.probeBox()->findData("id-finetune"), 0);
  // The setting with the most runs comes first: r = 0.01, n = 1000.
  EXPECT_EQ(place.table()->rowCount(), 1);
  EXPECT_EQ(place.table()->item(0, 1)->text(), "1000");
  place.ratioBox()->setCurrentIndex(place.ratioBox()->findText("r = 0.1"));
  ASSERT_EQ(place.table()->rowCount(), 1);
  EXPECT_EQ(place.table()->item(0, 1)->text(), "2000");
  EXPECT_EQ(place.table()->item(0, 6)->text(), "0");
  // One seed: no error bar.
  const auto bal = place.accuracyChart()->points(ComparePlace::accuracySeriesName("simsiam", true));
  ASSERT_EQ(bal.size(), 1);
  EXPECT_EQ(bal[0].error, 0);
}

TEST(ComparePlace, SaysWhatToDoWhenThereIsNothingToCompare) {
  QTemporaryDir dir;
  const QString path = dir.filePath("runs.sqlite");
  { RunStore store(path.toStdString()); }
  ComparePlace place;
  place.setStorePath(path);
  EXPECT_TRUE(place.messageText().contains("balanced twin")) << place.messageText().toStdString();
  EXPECT_TRUE(place.accuracyChart()->seriesNames().isEmpty());
  EXPECT_EQ(place.table()->rowCount(), 0);
}

TEST(ComparePlace, ShowsWhyAStoreCannotBeReadAndKeepsGoing) {
  QTemporaryDir dir;
  ComparePlace place;
  place.setStorePath(dir.filePath("missing.sqlite"));
  EXPECT_TRUE(place.messageText().contains("no run store")) << place.messageText().toStdString();
  EXPECT_EQ(place.table()->rowCount(), 0);
  // The store appears later (a first run finished): refresh picks it up.
  const QString path = full_store(dir);
  place.setStorePath(path);
  EXPECT_EQ(place.table()->rowCount(), 4);
}

}  // namespace
}  // namespace lt::widgets
