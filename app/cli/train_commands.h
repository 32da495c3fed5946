// `longtail train`, `longtail bench step` and `longtail export-encoder`.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

namespace lt::cli {

void add_train_commands(CLI::App& app, std::function<void()>& action);

}  // namespace lt::cli
