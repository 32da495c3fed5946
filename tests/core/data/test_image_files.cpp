#include <set>

#include "data/image_files.h"
#include "data/source.h"
#include "test_support.h"
#include "util/error.h"

#ifdef LONGTAIL_HAVE_OPENCV
#include <opencv2/imgcodecs.hpp>
#endif

namespace lt {
namespace {

#ifdef LONGTAIL_HAVE_OPENCV
// A solid image of one colour (r, g, b).
void write_png(const std::string& path, int w, int h, int r, int g, int b) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  cv::Mat image(h, w, CV_8UC3, cv::Scalar(b, g, r));  // OpenCV stores BGR
  cv::imwrite(path, image);
}

TEST(ImageFolders, ReadClassesInNameOrderAsRgbPlanes) {
  test::TempDir dir;
  write_png(dir.file("train/cat/a.png"), 4, 3, 10, 20, 30);
  write_png(dir.file("train/cat/b.png"), 4, 3, 10, 20, 30);
  write_png(dir.file("train/ant/a.png"), 4, 3, 200, 100, 50);
  write_png(dir.file("test/ant/a.png"), 4, 3, 1, 2, 3);
  write_png(dir.file("test/cat/a.png"), 4, 3, 1, 2, 3);
  const Dataset d = load_source({"folder:" + dir.path().string(), "train", true, {}});
  EXPECT_EQ(d.class_names, (std::vector<std::string>{"ant", "cat"}));
  EXPECT_EQ(d.class_counts(), (std::vector<int64_t>{1, 2}));
  EXPECT_EQ(d.shape, (ImageShape{3, 3, 4}));
  EXPECT_EQ(d.image(0)[0], 200);   // red plane first
  EXPECT_EQ(d.image(0)[12], 100);  // then green
  EXPECT_EQ(d.image(0)[24], 50);   // then blue
  EXPECT_EQ(load_source({"folder:" + dir.path().string(), "test", true, {}}).size(), 2);
}

TEST(ImageFolders, MixedSizesNameTheFileAndResizeFixesThem) {
  test::TempDir dir;
  write_png(dir.file("train/a/1.png"), 8, 8, 50, 50, 50);
  write_png(dir.file("train/a/2.png"), 6, 8, 50, 50, 50);
  write_png(dir.file("train/b/1.png"), 8, 8, 50, 50, 50);
  const std::string spec = "folder:" + dir.path().string();
  EXPECT_LT_ERROR(load_source({spec, "train", false, {}}), ErrorKind::kData, "2.png is 6x8");
  const Dataset d = load_source({spec, "train", false, {4, 4}});
  EXPECT_EQ(d.shape, (ImageShape{3, 4, 4}));
  EXPECT_EQ(d.size(), 3);
}

TEST(ImageFolders, RefuseEmptyClassesCorruptImagesAndMissingSplits) {
  test::TempDir dir;
  write_png(dir.file("train/a/1.png"), 8, 8, 50, 50, 50);
  std::filesystem::create_directories(dir.file("train/empty"));
  const std::string spec = "folder:" + dir.path().string();
  EXPECT_LT_ERROR(load_source({spec, "train", false, {}}), ErrorKind::kData, "holds no images");
  std::filesystem::remove(dir.file("train/empty"));
  test::write_text(dir.file("train/a/2.png"), "not a png");
  EXPECT_LT_ERROR(load_source({spec, "train", false, {}}), ErrorKind::kFormat, "2.png");
  EXPECT_LT_ERROR(load_source({spec, "test", true, {}}), ErrorKind::kIo, "no test/ folder");
  // ?test= splits a flat folder only: one with train/ keeps its own split.
  EXPECT_LT_ERROR(load_source({spec + "?test=0.3", "train", false, {}}), ErrorKind::kSetting,
                  "already holds train/ and test/");
}

std::vector<uint8_t> bytes(const Dataset& d) {
  return {d.pixels.data(), d.pixels.data() + d.pixels.size()};
}

// A flat folder (class folders directly under DIR) is split per class into train and test:
// 0.2 of each class held out by default, F with ?test=F, the same images every time, none in
// both, and a class too small to split is named.
TEST(ImageFolders, AFlatFolderIsSplitPerClassBySeedIntoTrainAndTest) {
  test::TempDir dir;
  for (int i = 0; i < 10; ++i) {
    write_png(dir.file("ant/" + std::to_string(i) + ".png"), 4, 4, 10 * i + 5, 0, 200);
    write_png(dir.file("cat/" + std::to_string(i) + ".png"), 4, 4, 0, 10 * i + 5, 100);
  }
  for (int i = 0; i < 5; ++i)
    write_png(dir.file("owl/" + std::to_string(i) + ".png"), 4, 4, 0, 0, 9 + i);
  const std::string spec = "folder:" + dir.path().string();
  const Dataset train = load_source({spec, "train", false, {}});
  const Dataset test = load_source({spec, "test", true, {}});
  EXPECT_EQ(train.class_names, (std::vector<std::string>{"ant", "cat", "owl"}));
  EXPECT_EQ(test.class_names, train.class_names);
  EXPECT_EQ(train.class_counts(), (std::vector<int64_t>{8, 8, 4}));
  EXPECT_EQ(test.class_counts(), (std::vector<int64_t>{2, 2, 1}));
  ASSERT_EQ(train.shape, (ImageShape{3, 4, 4}));
  // Disjoint: each ant (red) and cat (green) image is told apart by its channel's value.
  std::set<std::pair<int64_t, int>> seen;
  for (const Dataset* d : {&train, &test}) {
    for (int64_t i = 0; i < d->size(); ++i) {
      if (d->labels[size_t(i)] == 2) continue;
      const int value = d->image(i)[size_t(d->labels[size_t(i)]) * 16];
      EXPECT_TRUE(seen.insert({d->labels[size_t(i)], value}).second) << "image in both splits";
    }
  }
  EXPECT_EQ(seen.size(), 20u);
  // The same split every time; another fraction, another seed.
  EXPECT_EQ(bytes(load_source({spec, "test", true, {}})), bytes(test));
  const Dataset quarter = load_source({spec + "?test=0.3", "test", true, {}});
  EXPECT_EQ(quarter.class_counts(), (std::vector<int64_t>{3, 3, 2}));
  EXPECT_EQ(load_source({spec + "?test=0.3", "train", false, {}}).class_counts(),
            (std::vector<int64_t>{7, 7, 3}));
  EXPECT_NE(bytes(load_source({spec + "?test=0.2&seed=5", "test", true, {}})), bytes(test));
  EXPECT_LT_ERROR(load_source({spec + "?test=1.5", "train", false, {}}), ErrorKind::kSetting,
                  "not in (0, 1)");
  EXPECT_LT_ERROR(load_source({spec + "?ratio=2", "train", false, {}}), ErrorKind::kSetting,
                  "folder:DIR?test=F");
  write_png(dir.file("yak/0.png"), 4, 4, 1, 1, 1);
  EXPECT_LT_ERROR(load_source({spec, "train", false, {}}), ErrorKind::kData, "class yak");
}

TEST(ListFiles, ReadImageNetLtStyleLists) {
  test::TempDir dir;
  write_png(dir.file("root/x/1.png"), 5, 5, 0, 0, 0);
  write_png(dir.file("root/x/2.png"), 5, 5, 0, 0, 0);
  write_png(dir.file("root/y/3.png"), 5, 5, 0, 0, 0);
  test::write_text(dir.file("list.txt"),
                   "# ImageNet-LT style\nx/1.png 1\nx/2.png 1\n\ny/3.png 0\n");
  const Dataset d =
      load_source({"list:" + dir.file("list.txt") + "@" + dir.file("root"), "train", false, {}});
  EXPECT_EQ(d.labels, (std::vector<int64_t>{1, 1, 0}));
  EXPECT_EQ(d.class_names, (std::vector<std::string>{"0", "1"}));
  test::write_text(dir.file("bad.txt"), "x/1.png 1\nx/2.png 1\n");
  EXPECT_LT_ERROR(
      load_source({"list:" + dir.file("bad.txt") + "@" + dir.file("root"), "train", false, {}}),
      ErrorKind::kData, "no image of class 0");
  test::write_text(dir.file("missing.txt"), "x/1.png 0\nx/9.png 0\n");
  EXPECT_LT_ERROR(
      load_source({"list:" + dir.file("missing.txt") + "@" + dir.file("root"), "train", false, {}}),
      ErrorKind::kFormat, "9.png");
}
#endif

TEST(ListFiles, MalformedLinesNameTheLine) {
  std::vector<std::string> classes;
  const std::string text = "a.png 0\nb.png\n";
  EXPECT_LT_ERROR(parse_list_file(text.data(), text.size(), "/r", "l.txt", classes),
                  ErrorKind::kFormat, "l.txt:2");
  const std::string minus = "a.png -1\n";
  EXPECT_LT_ERROR(parse_list_file(minus.data(), minus.size(), "/r", "l.txt", classes),
                  ErrorKind::kFormat, "l.txt:1");
  const std::string spaced = "dir with space/a b.png 0\r\n";
  const auto files = parse_list_file(spaced.data(), spaced.size(), "/r", "l.txt", classes);
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0].path, "/r/dir with space/a b.png");
}

}  // namespace
}  // namespace lt
