#include "data/stl10_binary.h"
#include "test_support.h"
#include "util/error.h"

namespace lt {
namespace {

TEST(Stl10Binary, TransposesColumnMajorPlanes) {
  std::vector<uint8_t> x(2 * 3 * 96 * 96, 0);
  // Image 1, green plane, row 5, column 7: stored at column 7 * 96 + row 5.
  x[27648 + 9216 + 7 * 96 + 5] = 200;
  test::TempDir dir;
  test::write_bytes(dir.file("train_X.bin"), x);
  test::write_bytes(dir.file("train_y.bin"), {1, 10});
  const Dataset d = load_stl10(dir.path().string(), "train");
  EXPECT_EQ(d.size(), 2);
  EXPECT_EQ(d.shape, (ImageShape{3, 96, 96}));
  EXPECT_EQ(d.labels, (std::vector<int64_t>{0, 9}));
  EXPECT_EQ(d.image(1)[9216 + 5 * 96 + 7], 200);
}

TEST(Stl10Binary, RefusesBadLabelsAndSizes) {
  std::vector<uint8_t> y = {1, 0};
  EXPECT_LT_ERROR(parse_stl10_labels(y.data(), y.size(), "y.bin"), ErrorKind::kFormat,
                  "label 0 of image 1");
  std::vector<uint8_t> x(100);
  EXPECT_LT_ERROR(parse_stl10_images(x.data(), x.size(), "x.bin"), ErrorKind::kFormat, "x.bin");
  test::TempDir dir;
  test::write_bytes(dir.file("test_X.bin"), std::vector<uint8_t>(27648, 1));
  test::write_bytes(dir.file("test_y.bin"), {3, 4});
  EXPECT_LT_ERROR(load_stl10(dir.path().string(), "test"), ErrorKind::kFormat,
                  "do not belong together");
}

}  // namespace
}  // namespace lt
