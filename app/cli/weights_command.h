// `longtail weights`: rwSAM's KDE weights of a run's pre-training images, and what they found.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

namespace lt::cli {

void add_weights_command(CLI::App& app, std::function<void()>& action);

}  // namespace lt::cli
