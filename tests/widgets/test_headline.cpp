// The designer's "Run the headline on this design" on a user's folder of PNGs: the four cells
// pre-train and are probed on a worker, and Compare opens on exactly them with the verdict.
#include <gtest/gtest.h>

#include <QComboBox>
#include <QCoreApplication>
#include <QDoubleSpinBox>
#include <QPushButton>
#include <QTemporaryDir>
#include <filesystem>
#include <random>

#include "compare_place.h"
#include "dataset_designer.h"
#include "explain/cam_overlay.h"
#include "headline_runner.h"
#include "main_window.h"
#include "runs_place.h"

#include "wait_for.h"

namespace lt::widgets {
namespace {

using lt::test::waitFor;

// DIR/train/<class>/*.png and DIR/test/<class>/*.png, 16 x 16, each class its own stripes.
void writePets(const std::string& dir) {
  std::mt19937 rng(3);
  std::uniform_int_distribution<int> noise(-30, 30);
  const std::vector<std::string> classes = {"cat", "dog", "fox"};
  for (const auto& [split, count] : {std::pair{"train", 40}, {"test", 8}}) {
    for (size_t c = 0; c < classes.size(); ++c) {
      const auto folder = std::filesystem::path(dir) / split / classes[c];
      std::filesystem::create_directories(folder);
      for (int i = 0; i < count; ++i) {
        RgbImage image{16, 16, std::vector<uint8_t>(16 * 16 * 3)};
        for (int p = 0; p < 16 * 16; ++p)
          for (int k = 0; k < 3; ++k)
            image.pixels[p * 3 + k] =
                uint8_t(std::clamp((((p % 16) / int(c + 2)) % 2 ? 200 : 40) + noise(rng), 0, 255));
        write_png((folder / ("img" + std::to_string(i) + ".png")).string(), image);
      }
    }
  }
}

TEST(Headline, TheDesignerRunsTheFourCellsAndComparesThemWithTheVerdict) {
  if (!can_draw_overlays()) GTEST_SKIP() << "built without OpenCV: PNG folders cannot be read";
  QTemporaryDir dir;
  const std::string pets = dir.filePath("pets").toStdString();
  writePets(pets);
  MainWindow window(dir.filePath("runs.sqlite"));
  window.setHeadlinePreset("smoke");
  DatasetDesigner* designer = window.designer();
  designer->loadSource(QString::fromStdString("folder:" + pets));
  ASSERT_TRUE(waitFor([designer] { return designer->sourceLoaded(); }, 60000));
  designer->ratioBox()->setValue(0.2);
  designer->sampleBox()->setValue(1.0);
  designer->headlineButton()->click();
  EXPECT_FALSE(designer->headlineButton()->isEnabled());  // one headline at a time
  ASSERT_TRUE(waitFor(
      [&] { return !window.headline()->isRunning() && designer->headlineButton()->isEnabled(); },
      15 * 60 * 1000));
  ASSERT_TRUE(window.lastError().isEmpty()) << window.lastError().toStdString();
  EXPECT_EQ(window.currentPlace(), MainWindow::kCompare);
  ComparePlace* compare = window.compare();
  EXPECT_TRUE(compare->tagBox()->currentData().toString().startsWith("headline-"));
  EXPECT_TRUE(compare->verdictText().contains("Verdict")) << compare->verdictText().toStdString();
  // Each Delta with its spread: one seed (the smoke preset) has none, and says so.
  EXPECT_TRUE(compare->verdictText().contains("Delta ID: SSL "))
      << compare->verdictText().toStdString();
  EXPECT_TRUE(compare->verdictText().contains("one seed: no spread to tell which loses less"))
      << compare->verdictText().toStdString();
  EXPECT_EQ(window.headline()->gapLines().size(), 1);  // no OOD probe on a user's folder
  // Exactly the four runs: two methods, each long-tailed and balanced.
  EXPECT_EQ(compare->comparison().cells.size(), 4u);
  EXPECT_EQ(compare->comparison().gaps.size(), 2u);
}

}  // namespace
}  // namespace lt::widgets
