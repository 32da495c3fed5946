// Figures and reports from recorded runs, written without Qt so the CLI makes them too:
//   - the paper's Figure 2 (probe accuracy, long-tailed against balanced, per method) and
//     Figure 1 (the relative gap Delta per method), for each evaluation the runs hold, each as
//     NAME.svg, NAME.csv, NAME.tex and a sidecar NAME.figure.json that names the runs behind it
//     (ids, config and variant hashes), the evaluation, the size and the program's version;
//   - a report folder: those figures, runs.csv with every number, and summary.md with the
//     verdict and its spread;
//   - a figure rebuilt from its sidecar and the store: the same CSV, byte for byte, or the list
//     of the runs the store lacks.
#pragma once

#include <string>
#include <vector>

#include "report/chart.h"

namespace lt {

class RunStore;

// The charts the runs `run_ids` (store ids) give, in a fixed order (by evaluation: accuracy,
// then gap). Runs that cannot be compared are left out and named in `skipped`.
struct RunFigures {
  std::vector<Chart> charts;
  std::vector<std::string> evaluations;  // parallel to charts: the evaluation key (id, ood, ...)
  std::vector<std::string> skipped;
  std::vector<std::string> verdicts;  // one line per evaluation and setting
};
RunFigures run_figures(RunStore& store, const std::vector<std::string>& run_ids);

// Where a figure came from: its sidecar NAME.figure.json (the runs `run_ids` of the store with
// their config and variant hashes, the evaluation, the size, the program's version and commit,
// the figure's files `formats` beside it ("svg" -> NAME.svg) and the hash of its CSV) and the
// comment line its .tex starts with. `reproducible`: the report draws this chart, so the sidecar
// says how `longtail figure reproduce` rebuilds it. Runs the store lacks are left out.
struct FigureProvenance {
  std::string sidecar_json;  // indented, with a final newline: the file's text
  std::string tex_line;
};
FigureProvenance figure_provenance(RunStore& store, const std::vector<std::string>& run_ids,
                                   const Chart& chart, const std::string& evaluation,
                                   const FigureSize& size,
                                   const std::vector<std::string>& formats = {"svg", "csv", "tex"},
                                   bool reproducible = true);

// Writes the chart's four files into `dir`; returns their paths (the sidecar last).
std::vector<std::string> write_figure(RunStore& store, const std::vector<std::string>& run_ids,
                                      const Chart& chart, const std::string& evaluation,
                                      const FigureSize& size, const std::string& dir);

struct ReportResult {
  std::vector<std::string> files;
  std::vector<std::string> verdicts;
  std::vector<std::string> skipped;
};
// `selection`: how the runs were chosen, for the summary (e.g. "tag baseline").
ReportResult write_report(RunStore& store, const std::vector<std::string>& run_ids,
                          const std::string& selection, const FigureSize& size,
                          const std::string& out_dir);

struct ReproducedFigure {
  std::vector<std::string> files;
  std::vector<std::string> changed;  // runs whose config hash differs from the sidecar's
};
// Throws kData naming every run of the sidecar the store lacks (and how to add them), kFormat
// for a sidecar that is not one.
ReproducedFigure reproduce_figure(RunStore& store, const std::string& sidecar_path,
                                  const std::string& out_dir);

}  // namespace lt
