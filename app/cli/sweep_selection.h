// What the sweep commands that read a sweep share: which sweep (--sweep, default the latest),
// the store, and the output choices of report.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace lt::cli {

struct StatusOptions {
  std::string sweep;
  std::string store;
  std::string format = "table";
  std::string out;
  std::string probe = "id";
  bool json = false;
};

// Adds --sweep and --store (and --json when `with_json`) to `cmd`.
void add_sweep_selection(CLI::App* cmd, StatusOptions& o, bool with_json);

}  // namespace lt::cli
