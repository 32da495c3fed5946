// `longtail man-pages --out DIR` (hidden): writes a man page for longtail and for each of its
// subcommands (longtail.1, longtail-data.1, longtail-data-show.1, ...) and a bash completion
// script, all read from the CLI11 description of the commands themselves, so the pages never
// drift from `--help`. The build runs it (cmake/Install.cmake); users read `man longtail`.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

namespace lt::cli {

// Call last: the pages describe every subcommand added to `app` before this call.
void add_man_pages_command(CLI::App& app, std::function<void()>& action);

}  // namespace lt::cli
