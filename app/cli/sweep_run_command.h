// `longtail sweep run`: runs what is missing of a sweep, here, with a dry run and an estimate.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

namespace lt::cli {

void add_sweep_run_command(CLI::App* sweep, std::function<void()>& action);

}  // namespace lt::cli
