// `longtail sweep list|pause|resume|cancel`: the sweeps of a store, and requests to their runners.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

namespace lt::cli {

void add_sweep_control_commands(CLI::App* sweep, std::function<void()>& action);

}  // namespace lt::cli
