#include <filesystem>
#include <set>

#include "data/variant.h"
#include "synthetic_dataset.h"
#include "test_support.h"
#include "util/error.h"

namespace lt {
namespace {

const Dataset& source() {
  static const Dataset d = test::synthetic_dataset({300, 250, 400, 300});
  return d;
}

DesignSpec exp_spec(uint64_t seed) {
  DesignSpec spec;
  spec.ratio = 0.1;
  spec.seed = seed;
  return spec;
}

TEST(Variant, IsFixedBySeedAndHashedByContent) {
  const Variant a = build_variant(source(), "synthetic", "train", exp_spec(1));
  const Variant b = build_variant(source(), "synthetic", "train", exp_spec(1));
  const Variant c = build_variant(source(), "synthetic", "train", exp_spec(2));
  EXPECT_EQ(a.indices, b.indices);
  EXPECT_EQ(a.hash, b.hash);
  EXPECT_NE(a.hash, c.hash);
  EXPECT_EQ(a.counts, (std::vector<int64_t>{250, 116, 53, 25}));
  EXPECT_EQ(int64_t(a.indices.size()), a.summary().total);
  EXPECT_TRUE(std::is_sorted(a.indices.begin(), a.indices.end()));
  std::vector<int64_t> per_class(4, 0);
  for (int64_t i : a.indices) ++per_class[source().labels[i]];
  EXPECT_EQ(per_class, a.counts);
  EXPECT_EQ(std::set<int64_t>(a.indices.begin(), a.indices.end()).size(), a.indices.size());
}

TEST(Variant, BalancedTwinHasTheSameTotalAndHoldsTheRareImages) {
  const Variant v = build_variant(source(), "synthetic", "train", exp_spec(3));
  const Variant twin = build_balanced_twin(source(), v);
  EXPECT_TRUE(twin.balanced_twin);
  EXPECT_EQ(twin.summary().total, v.summary().total);
  EXPECT_EQ(twin.counts, (std::vector<int64_t>{111, 111, 111, 111}));
  // Rare classes draw from the same permutation: their images are in the twin too.
  const std::set<int64_t> twin_set(twin.indices.begin(), twin.indices.end());
  for (int64_t i : v.indices) {
    if (source().labels[i] >= 2) EXPECT_TRUE(twin_set.count(i)) << i;
  }
}

TEST(Variant, SavesLoadsAndMaterializes) {
  test::TempDir dir;
  const Variant v = build_variant(source(), "synthetic", "train", exp_spec(4));
  save_variant(v, dir.file("v.json"));
  EXPECT_TRUE(is_variant_file(dir.file("v.json")));
  const Variant back = load_variant(dir.file("v.json"));
  EXPECT_EQ(back.indices, v.indices);
  EXPECT_EQ(back.hash, v.hash);
  EXPECT_EQ(back.design.ratio, 0.1);
  const Dataset d = materialize(source(), back);
  EXPECT_EQ(d.size(), int64_t(v.indices.size()));
  EXPECT_EQ(d.class_counts(), v.counts);
  EXPECT_EQ(d.image(3)[0], uint8_t(v.indices[3]));
}

TEST(Variant, RefusesEditedFilesAndOtherSources) {
  test::TempDir dir;
  const Variant v = build_variant(source(), "synthetic", "train", exp_spec(4));
  std::string text = variant_to_json(v);
  const size_t pos = text.rfind(std::to_string(v.indices.back()));
  text.replace(pos, std::to_string(v.indices.back()).size(), "1");
  test::write_text(dir.file("edited.json"), text);
  EXPECT_LT_ERROR(load_variant(dir.file("edited.json")), ErrorKind::kFormat, "does not match");
  test::write_text(dir.file("junk.json"), "{\"format\": \"longtail-variant\", \"version\": 1");
  EXPECT_LT_ERROR(load_variant(dir.file("junk.json")), ErrorKind::kFormat, "junk.json");
  const Dataset other = test::synthetic_dataset({300, 250, 400, 301});
  EXPECT_LT_ERROR(materialize(other, v), ErrorKind::kData, "design the variant again");
}

}  // namespace
}  // namespace lt
