// Table 1 read back from the run store as the Compare place reads it: the four rows of a set with
// the numbers its runs stored, partial sets for runs still going, and nothing else mistaken for
// one.
#include "experiments/table1_set.h"

#include <cmath>
#include <filesystem>

#include "experiments/generalization_gap_file.h"
#include "store/run_store.h"
#include "test_support.h"

namespace {

namespace fs = std::filesystem;

struct RowNumbers {
  std::string status = "finished";
  double top1 = NAN;      // NaN: not probed (no "id" evaluation)
  double frequent = NAN;  // NaN: no gap measured (no generalization-gap.json)
  double rare = NAN;
};

// Records a run as `longtail table1` leaves it: the directory <folder>/<name>, an "id"
// evaluation in the store and the gap beside the run.
void record(lt::RunStore& store, const fs::path& folder, const std::string& name,
            const RowNumbers& numbers, const std::string& updated = "2024-05-01T10:00:00Z") {
  lt::RunStore::RunSnapshot snap;
  snap.run.dir = (folder / name).string();
  snap.run.status = numbers.status;
  snap.run.method = "simsiam";
  snap.run.source = "fashion-mnist";
  snap.run.created = "2024-05-01T09:00:00Z";
  snap.run.updated = updated;
  if (std::isfinite(numbers.top1))
    snap.evaluations.push_back({"id", "fashion-mnist", numbers.top1, "{}", updated});
  fs::create_directories(snap.run.dir);
  if (std::isfinite(numbers.frequent)) {
    lt::GeneralizationGap gap;
    gap.frequent = numbers.frequent;
    gap.rare = numbers.rare;
    gap.passes = 1;
    lt::save_generalization_gap(snap.run.dir, gap, 100);
  }
  store.record(snap);
}

void record_complete_set(lt::RunStore& store, const fs::path& folder, const std::string& preset,
                         const std::string& updated = "2024-05-01T10:00:00Z") {
  const double top1[] = {0.70, 0.71, 0.74, 0.73};
  const double frequent[] = {0.010, 0.011, 0.009, 0.008};
  const double rare[] = {0.050, 0.045, 0.030, 0.035};
  for (size_t i = 0; i < std::size(lt::kTable1Rows); ++i) {
    record(store, folder, lt::table1_run_name(preset, lt::kTable1Rows[i].name),
           {"finished", top1[i], frequent[i], rare[i]}, updated);
  }
}

TEST(Table1Set, ReadsTheFourRowsOfASetWithTheirNumbersAndThePapers) {
  lt::test::TempDir dir;
  lt::RunStore store(dir.file("runs.sqlite"));
  const fs::path folder = dir.path() / "runs" / "table1" / "cpu";
  record_complete_set(store, folder, "cpu");

  const auto sets = lt::find_table1_sets(store);
  ASSERT_EQ(sets.size(), 1u);
  const lt::Table1Set& set = sets[0];
  EXPECT_EQ(set.preset, "cpu");
  EXPECT_EQ(set.folder, folder.string());
  EXPECT_EQ(set.source, "fashion-mnist");
  EXPECT_TRUE(set.complete());
  EXPECT_EQ(set.runs(), 4);
  ASSERT_EQ(set.rows.size(), 4u);
  EXPECT_EQ(set.rows[0].name, "simsiam");
  EXPECT_EQ(set.rows[1].name, "simsiam+sam");
  EXPECT_EQ(set.rows[2].name, "simsiam-balanced");
  EXPECT_EQ(set.rows[3].name, "simsiam+rwsam");
  EXPECT_EQ(set.rows[2].run_id, "table1-cpu-simsiam-balanced");
  EXPECT_EQ(set.rows[2].run_dir, (folder / "table1-cpu-simsiam-balanced").string());
  EXPECT_DOUBLE_EQ(set.rows[2].top1, 0.74);
  EXPECT_DOUBLE_EQ(set.rows[3].gap_frequent, 0.008);
  EXPECT_DOUBLE_EQ(set.rows[3].gap_rare, 0.035);
  EXPECT_EQ(set.rows[0].status, "finished");
  // The paper's numbers, with no rare gap where the paper gives none.
  EXPECT_DOUBLE_EQ(set.rows[0].paper_top1, 0.843);
  EXPECT_DOUBLE_EQ(set.rows[0].paper_gap_rare, 0.081);
  EXPECT_DOUBLE_EQ(set.rows[3].paper_top1, 0.856);
  EXPECT_DOUBLE_EQ(set.rows[3].paper_gap_rare, 0.066);
  EXPECT_TRUE(std::isnan(set.rows[1].paper_gap_rare));
  EXPECT_TRUE(std::isnan(set.rows[2].paper_gap_rare));
}

TEST(Table1Set, GivesPartialSetsAndTellsSetsApartByFolder) {
  lt::test::TempDir dir;
  lt::RunStore store(dir.file("runs.sqlite"));
  const fs::path older = dir.path() / "a" / "cpu";
  const fs::path newer = dir.path() / "b" / "cpu";
  record_complete_set(store, older, "cpu", "2024-05-01T10:00:00Z");
  // The same preset again in another --out: the same directory names, so the store gives these
  // runs ids with -2; the set is still found by its folder.
  record(store, newer, "table1-cpu-simsiam", {"finished", 0.69, NAN, NAN}, "2024-06-01T10:00:00Z");
  record(store, newer, "table1-cpu-simsiam+rwsam", {"running"}, "2024-06-01T11:00:00Z");
  // Not Table 1 runs: another name, no preset, a row that is not one of the four.
  record(store, dir.path(), "simsiam-imb-1000", {"finished", 0.5, 0.1, 0.2});
  record(store, dir.path(), "table1--simsiam", {"finished", 0.5, 0.1, 0.2});
  record(store, dir.path(), "table1-cpu-simclr", {"finished", 0.5, 0.1, 0.2});

  const auto sets = lt::find_table1_sets(store);
  ASSERT_EQ(sets.size(), 2u);
  const lt::Table1Set& partial = sets[0];  // the newest first
  EXPECT_EQ(partial.folder, newer.string());
  EXPECT_FALSE(partial.complete());
  EXPECT_EQ(partial.runs(), 2);
  EXPECT_EQ(partial.updated, "2024-06-01T11:00:00Z");
  EXPECT_EQ(partial.rows[0].run_id, "table1-cpu-simsiam-2");
  EXPECT_DOUBLE_EQ(partial.rows[0].top1, 0.69);
  EXPECT_FALSE(partial.rows[0].measured());  // probed, but no gap yet
  EXPECT_TRUE(std::isnan(partial.rows[0].gap_rare));
  EXPECT_EQ(partial.rows[1].status, "missing");
  EXPECT_TRUE(partial.rows[1].run_id.empty());
  EXPECT_TRUE(std::isnan(partial.rows[1].top1));
  EXPECT_DOUBLE_EQ(partial.rows[1].paper_top1, 0.847);  // the paper's numbers even so
  EXPECT_EQ(partial.rows[3].status, "running");
  EXPECT_TRUE(std::isnan(partial.rows[3].top1));

  EXPECT_EQ(sets[1].folder, older.string());
  EXPECT_TRUE(sets[1].complete());
  EXPECT_DOUBLE_EQ(sets[1].rows[0].top1, 0.70);
}

TEST(Table1Set, AnEmptyStoreHasNoSet) {
  lt::test::TempDir dir;
  lt::RunStore store(dir.file("runs.sqlite"));
  EXPECT_TRUE(lt::find_table1_sets(store).empty());
}

TEST(GeneralizationGapFile, KeepsTheGapBesideTheRunAndReadsAGapThatCouldNotBeComputedAsNaN) {
  lt::test::TempDir dir;
  EXPECT_FALSE(lt::load_generalization_gap(dir.path().string()));
  lt::GeneralizationGap gap;
  gap.frequent = 0.01;
  gap.rare = NAN;  // no rare image held out
  gap.train_frequent = 1.5;
  gap.heldout_frequent = 1.51;
  gap.frequent_classes = {0, 1};
  gap.rare_classes = {2, 3};
  gap.passes = 5;
  const std::string path = lt::save_generalization_gap(dir.path().string(), gap);
  EXPECT_EQ(path, dir.file(lt::kGeneralizationGapFile));
  const auto read = lt::load_generalization_gap(dir.path().string());
  ASSERT_TRUE(read);
  EXPECT_DOUBLE_EQ(read->frequent, 0.01);
  EXPECT_TRUE(std::isnan(read->rare));
  EXPECT_DOUBLE_EQ(read->heldout_frequent, 1.51);
  EXPECT_EQ(read->rare_classes, (std::vector<int64_t>{2, 3}));
  EXPECT_EQ(read->passes, 5);

  lt::test::write_text(path, "{\"frequent\": 0.0");  // cut short by a kill
  EXPECT_FALSE(lt::load_generalization_gap(dir.path().string()));
}

}  // namespace
