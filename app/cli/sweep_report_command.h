// `longtail sweep report`: the gaps, the accuracies, and what is missing and why (table, CSV, JSON
// or SVG).
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

namespace lt::cli {

void add_sweep_report_command(CLI::App* sweep, std::function<void()>& action);

}  // namespace lt::cli
