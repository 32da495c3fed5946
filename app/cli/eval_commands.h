// `longtail eval` (linear probes of a run's encoder) and `longtail gap` (the relative gap of a
// balanced/imbalanced pair).
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

namespace lt::cli {

void add_eval_commands(CLI::App& app, std::function<void()>& action);

}  // namespace lt::cli
