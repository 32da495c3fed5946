// `longtail quick`: the paper's headline on the embedded data (or yours): Delta_SSL against
// Delta_SL.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

namespace lt::cli {

void add_quick_command(CLI::App& app, std::function<void()>& action);

}  // namespace lt::cli
