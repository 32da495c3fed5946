// `longtail table1 --preset smoke|cpu|gpu`: the paper's Table 1(a) (SimSiam, +SAM, balanced,
// +rwSAM; accuracy and the pre-training generalisation gaps) beside the paper's numbers.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

namespace lt::cli {

void add_table1_command(CLI::App& app, std::function<void()>& action);

}  // namespace lt::cli
