// `longtail gengap`: the pre-training generalisation gap of a run, frequent vs rare classes.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

namespace lt::cli {

void add_gengap_command(CLI::App& app, std::function<void()>& action);

}  // namespace lt::cli
