// The --store option shared by every command that records runs or names them by id.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace lt::cli {

// Adds --store to `cmd`, writing into `store`.
void add_store_option(CLI::App* cmd, std::string& store);

// The store to use: --store when given, else LONGTAIL_STORE, else the XDG data directory's.
std::string store_path(const std::string& given);

// Where a command writes its runs: --out when given, else beside the store, as the window does
// (store/default_folders.h: runs/KIND, or sweeps/ for KIND "sweeps"). Without --out it says on
// stderr where they went, so that nothing lands unseen in the current folder.
std::string output_folder(const std::string& given_out, const std::string& store,
                          const std::string& kind);

}  // namespace lt::cli
