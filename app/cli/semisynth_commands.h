// `longtail semisynth build`: the paper's semi-synthetic split-image sets (Section 3.2) written
// as cache files (.ltds) that every other command takes as a source.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

namespace lt::cli {

void add_semisynth_commands(CLI::App& app, std::function<void()>& action);

}  // namespace lt::cli
