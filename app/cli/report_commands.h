// `longtail report RUNS|--tag T|--sweep S --out DIR`: the figures (SVG, CSV, pgfplots .tex, each
// with a sidecar naming its runs), runs.csv and summary.md of a set of runs; and
// `longtail figure reproduce NAME.figure.json --out DIR`: a figure rebuilt from the store.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

namespace lt::cli {

void add_report_commands(CLI::App& app, std::function<void()>& action);

}  // namespace lt::cli
