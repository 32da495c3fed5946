// `longtail sweep run|status|report|list|pause|resume|cancel`: the paper's grid of variants,
// methods and seeds from one plan, queued in the run store and run K at a time.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

namespace lt::cli {

void add_sweep_commands(CLI::App& app, std::function<void()>& action);

}  // namespace lt::cli
