// The runs of one `longtail table1` read back from the run store as a set: the rows of the
// paper's Table 1(a) with what each run measured, beside the paper's numbers. It also holds the
// one list of those rows and how their runs are named, which the command that trains them
// (experiments/table1.h) uses too. Torch-free, so the Compare place can read it.
#pragma once

#include <cmath>
#include <string>
#include <vector>

namespace lt {

class RunStore;

struct Table1RowSpec {
  const char* name;       // simsiam, simsiam+sam, simsiam-balanced, simsiam+rwsam
  const char* sam_mode;   // none, sam (or asam, following the SAM preset), rwsam
  bool balanced;          // pre-trained on the balanced twin
  double paper_top1;      // Table 1(a), CIFAR-10 step r = 0.01, in [0, 1]
  double paper_gap_rare;  // -1 where the paper gives none
};

inline constexpr Table1RowSpec kTable1Rows[] = {
    {"simsiam", "none", false, 0.843, 0.081},
    {"simsiam+sam", "sam", false, 0.847, -1},
    {"simsiam-balanced", "none", true, 0.858, -1},
    {"simsiam+rwsam", "rwsam", false, 0.856, 0.066},
};

// "table1-<preset>-<row>": the directory of a row's run, which goes under <out>/<preset>/.
std::string table1_run_name(const std::string& preset, const std::string& row);

struct Table1SetRow {
  std::string name;     // as in kTable1Rows
  std::string run_id;   // empty while the set has no run for this row
  std::string run_dir;  // empty likewise
  std::string status;   // the run's: finished, running, interrupted ...; "missing" without one
  double top1 = NAN;    // the in-domain linear probe, in [0, 1]; NaN until probed
  double gap_frequent = NAN;  // the pre-training generalisation gap; NaN until measured
  double gap_rare = NAN;
  double paper_top1 = NAN;
  double paper_gap_rare = NAN;  // NaN where the paper gives none

  // Probed and measured: the numbers of a finished row.
  bool measured() const {
    return std::isfinite(top1) && std::isfinite(gap_frequent) && std::isfinite(gap_rare);
  }
};

struct Table1Set {
  std::string preset;              // smoke, cpu, gpu
  std::string folder;              // the folder of its run directories (<out>/<preset>)
  std::string source;              // the data its runs pre-trained on
  std::string updated;             // the latest update of any of its runs
  std::vector<Table1SetRow> rows;  // one per kTable1Rows entry, in that order

  // Every row finished, probed and measured.
  bool complete() const;
  // How many rows have a run at all.
  int runs() const;
};

// Every Table 1 set in the store, the most recently updated first. A set is the runs whose
// directories are named table1-<preset>-<row> and share one folder (so the same preset run with
// two --out folders gives two sets). Sets with rows missing, still running or not yet measured
// are returned too, so a reader can show how far they got. The gaps are read from each run
// directory's generalization-gap.json (eval/generalization_gap_file.h): the directory is the
// truth the store indexes.
std::vector<Table1Set> find_table1_sets(RunStore& store);

}  // namespace lt
