#include "train/run_info.h"

#include "test_support.h"
#include "util/error.h"

namespace lt {
namespace {

TEST(RunInfo, TheImagesOfARunComeFromItsRunJsonOrTheErrorSaysWhy) {
  test::TempDir dir;
  test::write_text(dir.file("run/run.json"), R"({"run_id": "run", "total_images": 512})");
  EXPECT_EQ(run_total_images(dir.file("run")), 512);
  // quick and table1 once reported 0 images for these.
  test::write_text(dir.file("torn/run.json"), R"({"run_id": "torn", "total_im)");
  EXPECT_LT_ERROR(run_total_images(dir.file("torn")), ErrorKind::kFormat,
                  dir.file("torn/run.json"));
  test::write_text(dir.file("old/run.json"), R"({"run_id": "old"})");
  EXPECT_LT_ERROR(run_total_images(dir.file("old")), ErrorKind::kFormat, "total_images");
  EXPECT_LT_ERROR(run_total_images(dir.file("none")), ErrorKind::kIo, "run.json");
}

}  // namespace
}  // namespace lt
