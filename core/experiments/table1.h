// The paper's Table 1(a) at a scale the machine can do: SimSiam pre-trained on a step r = 0.01
// variant plainly, with SAM, on its balanced twin, and with rwSAM (a full-length run with fixed
// KDE weights from the plain run's final features, as the paper's code), each probed in domain and
// measured by the pre-training generalisation gap on frequent and rare classes, beside the
// paper's numbers. Finished rows are reused and half-finished ones resumed, so an interrupted
// table continues where it stopped.
#pragma once

#include <string>
#include <vector>

#include "eval/generalization_gap.h"
#include "util/progress.h"

namespace lt {

struct Table1Options {
  std::string preset = "cpu";  // smoke (minutes, for tests), cpu (this machine), gpu (CIFAR-10)
  std::string source;          // empty: fashion-mnist (smoke, cpu); gpu needs cifar10:DIR
  std::string sam_preset = "official-asam";  // train/sam_options.h: the SAM and rwSAM rows
  std::string out;  // where the runs go: required (the CLI defaults it beside the store)
  std::string device = "auto";
  int64_t threads = 0;
  std::string store;  // the run store ("" or "none": none)
};

struct Table1Row {
  std::string name;  // simsiam, simsiam+sam, simsiam-balanced, simsiam+rwsam
  std::string run_dir;
  double top1 = 0;  // ID linear probe, in [0, 1]
  GeneralizationGap gap;
  double paper_top1 = 0;       // Table 1(a), CIFAR-10 step r = 0.01
  double paper_gap_rare = -1;  // -1 where the paper gives none
};

struct Table1Result {
  std::string preset, source, sam_preset;
  int64_t images = 0;
  double ratio = 0;
  std::vector<Table1Row> rows;         // in the order of kTable1Rows
  bool rwsam_lowers_rare_gap = false;  // than plain SimSiam
  bool rwsam_beats_simsiam = false;    // in accuracy
  std::string verdict;
  double seconds = 0;

  // The row of that name (kTable1Rows); throws std::out_of_range for one not (yet) there.
  const Table1Row& row(const std::string& name) const;
};

Table1Result run_table1(const Table1Options& options, const ProgressFn& progress = {});

}  // namespace lt
