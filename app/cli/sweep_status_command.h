// `longtail sweep status`: every run of a sweep and its state.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

namespace lt::cli {

void add_sweep_status_command(CLI::App* sweep, std::function<void()>& action);

}  // namespace lt::cli
