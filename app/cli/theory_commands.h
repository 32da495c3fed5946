// `longtail theory` (the toy model of Theorem 3.1 at one d, over seeds) and `longtail theory
// sweep` (the same over a range of d: SSL keeps e2, SL loses it as d grows).
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

namespace lt::cli {

void add_theory_commands(CLI::App& app, std::function<void()>& action);

}  // namespace lt::cli
