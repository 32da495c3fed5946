// `longtail runs list|show|rm|export|add|check`: the run store, read from the command line.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

namespace lt::cli {

void add_runs_commands(CLI::App& app, std::function<void()>& action);

}  // namespace lt::cli
