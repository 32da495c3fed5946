// `longtail data show|design|import`: looking at sources, designing long-tailed variants, and
// importing sources into the cache.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

namespace lt::cli {

// Adds the `data` command group to `app`. The command the user picks stores its work in
// `action`, which main() runs after parsing (and maps errors to exit codes).
void add_data_commands(CLI::App& app, std::function<void()>& action);

}  // namespace lt::cli
