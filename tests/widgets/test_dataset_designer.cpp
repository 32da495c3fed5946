#include <gtest/gtest.h>

#include <QAbstractAxis>
#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <cstdlib>
#include <filesystem>

#include "class_counts_chart.h"
#include "dataset_designer.h"
#include "explain/cam_overlay.h"
#include "wait_for.h"

namespace lt::widgets {
namespace {

TEST(DatasetDesigner, FollowsEveryChangeAtOnce) {
  DatasetDesigner preview;
  preview.maxBox()->setValue(5000);
  preview.ratioBox()->setValue(0.01);
  const auto counts = preview.chart()->shownCounts();
  ASSERT_EQ(counts.size(), 10u);
  EXPECT_EQ(counts.front(), 5000);
  EXPECT_EQ(counts.back(), 50);
  double total = 0;
  for (double c : counts) total += c;
  EXPECT_EQ(total, 12406);  // the paper's CIFAR-10-LT, r = 0.01
  double twin_total = 0;
  for (double c : preview.chart()->shownTwinCounts()) twin_total += c;
  EXPECT_EQ(twin_total, 12406);
  EXPECT_TRUE(preview.summaryText().contains("12406"));
  EXPECT_FALSE(preview.summaryText().contains("list:FILE@ROOT"));

  preview.distributionBox()->setCurrentIndex(
      preview.distributionBox()->findData(int(Distribution::kStep)));
  EXPECT_EQ(preview.chart()->shownCounts()[5], 50);
  EXPECT_EQ(preview.chart()->shownCounts()[4], 5000);
  preview.sampleBox()->setValue(0.5);
  EXPECT_EQ(preview.chart()->shownCounts()[0], 2500);
  // For a person to look at: LONGTAIL_SCREENSHOT_DIR=/tmp/shots ctest -L gui
  if (const char* dir = std::getenv("LONGTAIL_SCREENSHOT_DIR")) {
    preview.resize(1000, 560);
    EXPECT_TRUE(preview.grab().save(QString(dir) + "/dataset-designer.png"));
  }
}

bool presetOffered(DatasetDesigner& designer, const QString& key) {
  auto* model = qobject_cast<QStandardItemModel*>(designer.presetBox()->model());
  const int row = designer.presetBox()->findData(key);
  return model && row >= 0 && model->item(row)->isEnabled();
}

// The headline's cpu-cifar preset (longtail quick --preset cpu-cifar) is among the paper
// variants once the user has CIFAR-10 loaded, and the headline then runs it.
TEST(DatasetDesigner, OffersTheCpuCifarPresetWhereTheUserHasCifar10) {
  if (!can_draw_overlays()) GTEST_SKIP() << "built without OpenCV: PNG folders cannot be read";
  QTemporaryDir folder;
  // cifar10:DIR in its image-folder form: DIR/train/<class>/*.png.
  for (int c = 0; c < 10; ++c) {
    const auto dir = std::filesystem::path(folder.filePath("cifar").toStdString()) / "train" /
                     ("class" + std::to_string(c));
    std::filesystem::create_directories(dir);
    for (int i = 0; i < 3; ++i) {
      RgbImage image{8, 8, std::vector<uint8_t>(8 * 8 * 3, uint8_t(20 * c + i))};
      image.pixels[0] = 255;
      write_png((dir / ("img" + std::to_string(i) + ".png")).string(), image);
    }
  }
  DatasetDesigner designer;
  EXPECT_FALSE(presetOffered(designer, "cifar10-quick"));  // no CIFAR-10 yet
  designer.applyPreset("cifar10-quick");
  EXPECT_TRUE(designer.headlinePreset().isEmpty());
  EXPECT_TRUE(designer.summaryText().contains("cifar10:DIR"))
      << designer.summaryText().toStdString();

  designer.loadSource("cifar10:" + folder.filePath("cifar"));
  ASSERT_TRUE(lt::test::waitFor([&] { return designer.sourceLoaded(); }, 60000));
  EXPECT_TRUE(designer.hasCifar10());
  EXPECT_TRUE(presetOffered(designer, "cifar10-quick"));
  designer.applyPreset("cifar10-quick");
  EXPECT_EQ(designer.headlinePreset(), "cpu-cifar");
  EXPECT_EQ(designer.distributionBox()->currentData().toInt(), int(Distribution::kExponential));
  EXPECT_DOUBLE_EQ(designer.ratioBox()->value(), 0.01);
  EXPECT_DOUBLE_EQ(designer.sampleBox()->value(), 0.5);
  EXPECT_TRUE(designer.source().startsWith("cifar10:"));  // the loaded CIFAR-10 stays
  // Another variant is the window's own preset again.
  designer.applyPreset("cifar10-lt-0.1");
  EXPECT_TRUE(designer.headlinePreset().isEmpty());
}

TEST(DatasetDesigner, SplitImagePresetShowsThePapersSemiSyntheticSet) {
  QTemporaryDir folder;
  DatasetDesigner designer;
  designer.setVariantsFolder(folder.path(), folder.filePath("runs.sqlite"));
  bool loaded = false, ok = false;
  QObject::connect(&designer, &DatasetDesigner::sourceLoadFinished, [&](bool good, const QString&) {
    loaded = true;
    ok = good;
  });
  designer.applyPreset("split-images");
  QElapsedTimer timer;
  timer.start();
  while (!loaded && timer.elapsed() < 60000)
    QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
  ASSERT_TRUE(loaded && ok) << designer.summaryText().toStdString();
  // 5 frequent classes of 5,000 and 5 rare ones of 10: the paper's r = 0.002.
  const auto counts = designer.chart()->shownCounts();
  ASSERT_EQ(counts.size(), 10u);
  for (int c = 0; c < 5; ++c) EXPECT_EQ(counts[size_t(c)], 5000) << c;
  for (int c = 5; c < 10; ++c) EXPECT_EQ(counts[size_t(c)], 10) << c;
  // Built once as a cache file beside the variants, with its strip of sample images.
  EXPECT_EQ(QDir(folder.path()).entryList({"split-images-*.ltds"}).size(), 1);
  EXPECT_FALSE(designer.samplesView()->pixmap().isNull());
}

TEST(DatasetDesigner, LogarithmicScaleShowsOneCountAxis) {
  DatasetDesigner designer;
  designer.logScaleBox()->setChecked(true);
  designer.ratioBox()->setValue(0.1);
  // The chart is drawn afresh on every change: look it up each time.
  const auto count_axes = [&] {
    return designer.chart()->findChild<QChartView*>()->chart()->axes(Qt::Vertical);
  };
  ASSERT_EQ(count_axes().size(), 1);
  EXPECT_EQ(count_axes().front()->type(), QAbstractAxis::AxisTypeLogValue);
  designer.logScaleBox()->setChecked(false);
  ASSERT_EQ(count_axes().size(), 1);
  EXPECT_EQ(count_axes().front()->type(), QAbstractAxis::AxisTypeValue);
}

TEST(DatasetDesigner, ExplainsASettingThatCannotWork) {
  DatasetDesigner preview;
  preview.maxBox()->setValue(10);
  preview.ratioBox()->setValue(0.01);
  preview.sampleBox()->setValue(0.5);
  // 10 * 0.01 * 0.5 keeps no image of the rarest class: the chart stays, the text says why.
  EXPECT_FALSE(preview.chart()->shownCounts().empty());
  preview.classesBox()->setValue(20);
  EXPECT_FALSE(preview.grab().isNull());
}

TEST(DatasetDesigner, SaysThatOnlyTheListFileReproducesImageNetLt) {
  DatasetDesigner preview;
  preview.distributionBox()->setCurrentIndex(
      preview.distributionBox()->findData(int(Distribution::kPareto)));
  EXPECT_TRUE(preview.summaryText().contains("list:FILE@ROOT"))
      << preview.summaryText().toStdString();
  EXPECT_TRUE(preview.summaryText().contains("115,846"));
}

}  // namespace
}  // namespace lt::widgets

int main(int argc, char** argv) {
  // Widget tests need no display (CI has none); QT_QPA_PLATFORM=xcb under Xvfb overrides this.
  if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
  // The window remembers its store and layout: tests keep that away from the user's settings.
  QTemporaryDir settings;
  qputenv("XDG_CONFIG_HOME", settings.path().toUtf8());
  QApplication app(argc, argv);
  QApplication::setOrganizationName("LongTail Lab tests");
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
