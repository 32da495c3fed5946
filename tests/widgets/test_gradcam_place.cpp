// The Grad-CAM place as a user meets it: pick a run and the held-out split images, and the grid
// shows each image with the run's map over it, the chart the right-half shares, and both export.
#include <gtest/gtest.h>

#include <QComboBox>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QPushButton>
#include <QSlider>
#include <QTemporaryDir>
#include <QThread>
#include <cmath>
#include <cstdlib>

#include "bar_chart.h"
#include "cam_grid.h"
#include "data/dataset_cache.h"
#include "data/source.h"
#include "data/split_images.h"
#include "experiments/cam_inspection.h"
#include "explain/probe_file.h"
#include "figure_export.h"
#include "gradcam_place.h"
#include "tiny_run.h"
#include "train/trainer.h"

#include "wait_for.h"

namespace lt::widgets {
namespace {

bool waitForSignal(GradCamPlace& place, bool& ok, int milliseconds) {
  bool done = false;
  QObject guard;  // disconnects the lambda (and its references) when this function returns
  QObject::connect(&place, &GradCamPlace::computed, &guard, [&](bool good, const QString&) {
    ok = good;
    done = true;
  });
  return lt::test::waitFor([&] { return done; }, milliseconds);
}

// A run of two steps trained on a small split-image set, and a held-out set of 40 images.
struct TinySplitRun {
  QTemporaryDir dir;
  QString run_dir = dir.filePath("run");
  QString heldout = dir.filePath("heldout.ltds");
  TinySplitRun() {
    SplitImageOptions o;
    o.kind = SplitSetKind::kImbalanced;
    o.frequent_per_class = 40;
    const std::string train_path = dir.filePath("train.ltds").toStdString();
    const Dataset train_set =
        build_split_images(load_source({"fashion-mnist", "train", true, {}}), o);
    write_cache(train_set, {"train", "test fixture"}, train_path);
    o.kind = SplitSetKind::kBalanced;
    o.frequent_per_class = 4;
    write_cache(build_split_images(load_source({"fashion-mnist", "test", true, {}}), o),
                {"test", "test fixture"}, heldout.toStdString());
    RunConfig c = test::tiny_run("simclr");
    c.source = train_path;
    // Every image of the set: 5 x 40 frequent, 5 x 10 rare.
    c.design.distribution = Distribution::kExplicit;
    c.design.sample = 1;
    c.design.explicit_counts = train_set.class_counts();
    c.design.order = ClassOrder::kGiven;
    for (int64_t k = 0; k < 10; ++k) c.design.given_order.push_back(k);
    c.augment.flip = false;
    c.iterations = 2;
    const RunResult r = train(c, run_dir.toStdString());
    EXPECT_EQ(r.status, "finished") << r.message;
  }
};

TEST(GradCamPlace, ShowsEachImageWithItsMapAndTheRightHalfShares) {
  TinySplitRun fixture;
  GradCamPlace place;
  place.resize(1100, 700);
  place.show();
  bool ok = false;
  place.setData(fixture.heldout);
  place.setRuns(fixture.run_dir);
  ASSERT_TRUE(waitForSignal(place, ok, 60000)) << "no maps after a minute";
  ASSERT_TRUE(ok) << place.messageText().toStdString();

  // A page of tiles, each with the image and one overlay that is not the image itself.
  const auto& tiles = place.grid()->tiles();
  ASSERT_EQ(tiles.size(), GradCamPlace::kPageSize);
  for (const CamTile& t : tiles) {
    ASSERT_EQ(t.overlays.size(), 1);
    EXPECT_EQ(t.overlays[0].size(), t.image.size());
    EXPECT_NE(t.overlays[0], t.image);
    ASSERT_EQ(t.right_shares.size(), 1);
    EXPECT_GE(t.right_shares[0], 0.0);
    EXPECT_LE(t.right_shares[0], 1.0);
  }
  // Opacity 0 shows the image alone.
  place.opacitySlider()->setValue(0);
  EXPECT_EQ(place.grid()->tiles()[0].overlays[0], place.grid()->tiles()[0].image);

  // The rare filter shows rare classes only (labels 5..9), and the chart has the four groups.
  place.filterBox()->setCurrentIndex(2);
  const Dataset heldout = read_cache(fixture.heldout.toStdString());
  ASSERT_FALSE(place.grid()->tiles().isEmpty());
  for (const CamTile& t : place.grid()->tiles())
    EXPECT_GE(heldout.labels[size_t(t.index)], GradCamPlace::kFrequentClasses) << t.index;
  // The chart's "rare, all" bar is the mean right-half share of the run's maps of every rare
  // image, computed here on its own; a page of rare images has no "frequent, shown" bar.
  ASSERT_EQ(place.massChart()->values().size(), 1);
  const QStringList groups = place.massChart()->categories();
  EXPECT_FALSE(groups.contains(GradCamPlace::tr("freq. page")));
  const int rare_all_at = int(groups.indexOf(GradCamPlace::tr("rare all")));
  ASSERT_GE(rare_all_at, 0);
  const CamInspection inspection(fixture.run_dir.toStdString(), "cpu");
  std::vector<int64_t> all(size_t(heldout.size()));
  for (size_t i = 0; i < all.size(); ++i) all[i] = int64_t(i);
  const CamMaps maps = inspection.explain(heldout, all, "gradcam", "auto");
  double sum = 0;
  int rare = 0;
  for (size_t i = 0; i < all.size(); ++i) {
    if (heldout.labels[i] < GradCamPlace::kFrequentClasses) continue;
    sum += maps.right_share[i];
    ++rare;
  }
  ASSERT_EQ(rare, 20);
  EXPECT_NEAR(place.massChart()->values()[0][rare_all_at], sum / rare, 1e-6);

  // For a person to look at: LONGTAIL_SCREENSHOT_DIR=/tmp/shots ctest -L gui
  if (const char* shots = std::getenv("LONGTAIL_SCREENSHOT_DIR"))
    EXPECT_TRUE(place.grab().save(QString(shots) + "/gradcam-place.png"));

  // The grid and the masses leave the program.
  QTemporaryDir out;
  ASSERT_EQ(exportFigure(*place.grid(), out.filePath("grid.png")), QString());
  QImage png(out.filePath("grid.png"));
  ASSERT_FALSE(png.isNull());
  EXPECT_GT(png.width(), 200);
  ASSERT_EQ(exportFigure(*place.massChart(), out.filePath("masses.csv")), QString());
  QFile csv(out.filePath("masses.csv"));
  ASSERT_TRUE(csv.open(QIODevice::ReadOnly));
  EXPECT_TRUE(csv.readAll().startsWith("category,"));
}

// A probe on the run's features with five classes, the rare ones (labels 5..9), its rows spread
// over the features so that each class looks at another mix of them.
LinearProbe rareProbe(int64_t features) {
  LinearProbe probe;
  probe.classes = 5;
  probe.features = features;
  for (int64_t k = 0; k < probe.classes; ++k) {
    for (int64_t d = 0; d < features; ++d)
      probe.weight.push_back(float(std::sin(0.7 * double(d + 1) * double(k + 1))));
    probe.bias.push_back(0.1f * float(k));
  }
  return probe;
}

TEST(GradCamPlace, ExplainsASavedLinearProbesClassAndRemembersTheFile) {
  TinySplitRun fixture;
  const CamInspection inspection(fixture.run_dir.toStdString(), "cpu");
  const LinearProbe probe = rareProbe(inspection.feature_dim());
  const QString probe_file = fixture.dir.filePath("rare-probe.pt");
  write_probe_file(probe, probe_file.toStdString());

  GradCamPlace place;
  place.resize(1100, 700);
  place.show();
  place.setData(fixture.heldout);
  place.setProbeFile(probe_file);
  // The probe's file picker is there only while a probe is what the maps explain.
  EXPECT_FALSE(place.probeBrowseButton()->isVisible());
  const int probe_target = place.targetBox()->findData("probe");
  ASSERT_GE(probe_target, 0);
  place.targetBox()->setCurrentIndex(probe_target);
  EXPECT_TRUE(place.probeBrowseButton()->isVisible());
  bool ok = false;
  place.setRuns(fixture.run_dir);
  ASSERT_TRUE(waitForSignal(place, ok, 60000)) << "no maps after a minute";
  ASSERT_TRUE(ok) << place.messageText().toStdString();
  EXPECT_TRUE(place.messageText().contains("probe")) << place.messageText().toStdString();
  if (const char* shots = std::getenv("LONGTAIL_SCREENSHOT_DIR"))
    EXPECT_TRUE(place.grab().save(QString(shots) + "/gradcam-probe.png"));

  // Each tile's map is the probe's: its right-half share is that of core's maps for the probe
  // (class k = label 5 + k), not that of the run's own target.
  const Dataset heldout = read_cache(fixture.heldout.toStdString());
  std::vector<int64_t> all(size_t(heldout.size()));
  for (size_t i = 0; i < all.size(); ++i) all[i] = int64_t(i);
  const CamMaps expected = inspection.explain(heldout, all, "gradcam", "probe", {},
                                              CamProbe{probe, GradCamPlace::kFrequentClasses});
  const CamMaps own = inspection.explain(heldout, all, "gradcam", "auto");
  const auto& tiles = place.grid()->tiles();
  ASSERT_EQ(tiles.size(), GradCamPlace::kPageSize);
  int differ_from_own = 0;
  for (const CamTile& t : tiles) {
    ASSERT_EQ(t.overlays.size(), 1);
    EXPECT_NE(t.overlays[0], t.image);
    EXPECT_NEAR(t.right_shares[0], expected.right_share[size_t(t.index)], 1e-6) << t.index;
    if (std::abs(t.right_shares[0] - own.right_share[size_t(t.index)]) > 1e-4) ++differ_from_own;
  }
  EXPECT_GT(differ_from_own, 0);
  // A rare image's map explains its own class, in the data set's labels.
  for (size_t i = 0; i < all.size(); ++i) {
    if (heldout.labels[i] >= GradCamPlace::kFrequentClasses)
      EXPECT_EQ(expected.explained[i], heldout.labels[i]) << i;
  }

  // A corrupt probe file: a message naming it, no maps, no crash.
  const QString corrupt = fixture.dir.filePath("corrupt.pt");
  {
    QFile file(corrupt);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write("not a probe");
  }
  place.setProbeFile(corrupt);
  ASSERT_TRUE(waitForSignal(place, ok, 60000));
  EXPECT_FALSE(ok);
  EXPECT_TRUE(place.messageText().contains(corrupt)) << place.messageText().toStdString();
  EXPECT_TRUE(place.messageText().contains("is not a state dict saved by torch"))
      << place.messageText().toStdString();
  EXPECT_TRUE(place.grid()->tiles().isEmpty());

  // A probe for other features says so.
  const QString narrow = fixture.dir.filePath("narrow.pt");
  write_probe_file(rareProbe(3), narrow.toStdString());
  place.setProbeFile(narrow);
  ASSERT_TRUE(waitForSignal(place, ok, 60000));
  EXPECT_FALSE(ok);
  EXPECT_TRUE(place.messageText().contains("the probe reads 3-d features"))
      << place.messageText().toStdString();

  // The next place (the next session) starts with the file chosen last.
  place.setProbeFile(probe_file);
  ASSERT_TRUE(waitForSignal(place, ok, 60000));
  EXPECT_TRUE(ok) << place.messageText().toStdString();
  GradCamPlace next;
  EXPECT_EQ(next.probeFile(), probe_file);
}

TEST(GradCamPlace, SaysWhatIsWrongWithAMissingRun) {
  QTemporaryDir dir;
  GradCamPlace place;
  bool ok = true;
  place.setData("fashion-mnist");
  place.setRuns(dir.filePath("no-such-run"));
  ASSERT_TRUE(waitForSignal(place, ok, 30000));
  EXPECT_FALSE(ok);
  EXPECT_TRUE(place.messageText().contains("no-such-run")) << place.messageText().toStdString();
}

}  // namespace
}  // namespace lt::widgets
