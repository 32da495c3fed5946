// `longtail gradcam`: Grad-CAM and Grad-CAM++ maps of a run's encoder on a sample of frequent-
// and rare-class images, as overlays, a contact sheet, the share of each map on the right half
// (the paper's split-image reading) and arrays for an independent check.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

namespace lt::cli {

void add_explain_commands(CLI::App& app, std::function<void()>& action);

}  // namespace lt::cli
