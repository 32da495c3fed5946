#include "data/dataset_cache.h"
#include "data/source.h"
#include "data/variant.h"
#include "synthetic_dataset.h"
#include "test_support.h"
#include "util/error.h"

namespace lt {
namespace {

TEST(Source, UnknownSpecsListTheForms) {
  EXPECT_LT_ERROR(load_source({"imagenet", "train", false, {}}), ErrorKind::kSetting,
                  "cifar10:DIR");
  EXPECT_LT_ERROR(load_source({"cifar10:/no/such/dir", "train", false, {}}), ErrorKind::kIo,
                  "/no/such/dir");
  EXPECT_LT_ERROR(load_source({"fashion-mnist", "valid", true, {}}), ErrorKind::kSetting,
                  "--split");
  EXPECT_LT_ERROR(load_source({"list:nofile", "train", false, {}}), ErrorKind::kSetting,
                  "list:FILE@ROOT");
  test::TempDir dir;
  EXPECT_LT_ERROR(load_source({dir.path().string(), "train", false, {}}), ErrorKind::kSetting,
                  "folder:");
  test::write_text(dir.file("notes.txt"), "hello");
  EXPECT_LT_ERROR(load_source({dir.file("notes.txt"), "train", false, {}}), ErrorKind::kFormat,
                  "neither");
}

TEST(Source, ACacheRefusesAnotherSplitAndAVariantReadsThroughItsSource) {
  test::TempDir dir;
  const Dataset d = test::synthetic_dataset({20, 30});
  write_cache(d, {"train", "synthetic"}, dir.file("s.ltds"));
  EXPECT_EQ(load_source({dir.file("s.ltds"), "train", false, {}}).size(), 50);
  EXPECT_LT_ERROR(load_source({dir.file("s.ltds"), "test", true, {}}), ErrorKind::kSetting,
                  "holds the train split");

  DesignSpec spec;
  spec.ratio = 0.5;
  const Variant v = build_variant(d, dir.file("s.ltds"), "train", spec);
  save_variant(v, dir.file("v.json"));
  const Dataset through = load_source({dir.file("v.json"), "train", false, {}});
  EXPECT_EQ(through.class_counts(), (std::vector<int64_t>{20, 10}));
  // A source that changed under the variant is refused, not silently used.
  write_cache(test::synthetic_dataset({21, 30}), {"train", "synthetic"}, dir.file("s.ltds"));
  EXPECT_LT_ERROR(load_source({dir.file("v.json"), "train", false, {}}), ErrorKind::kData,
                  "design the variant again");
}

}  // namespace
}  // namespace lt
