// The --store option shared by every command that records runs or names them by id.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace lt::cli {

// Adds --store to `cmd`, writing into `store`.
void add_store_option(CLI::App* cmd, std::string& store);

// The store to use: --store when given, else LONGTAIL_STORE, else the XDG data directory's.
std::string store_path(const std::string& given);

}  // namespace lt::cli
