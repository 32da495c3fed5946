// Where LongTail Lab keeps what nobody named a place for: the run store, and beside it the runs
// and sweeps. The CLI (without --out) and the window use the same folders, so a run started in
// one is found by the other, and a command run in a checkout leaves no runs/ folder behind.
#pragma once

#include <string>

namespace lt {

// $XDG_DATA_HOME/longtail, else ~/.local/share/longtail (the XDG base directory default), else
// ./longtail when there is no HOME either.
std::string data_home();

// The folder of the run store at `store_path`; for "" or "none" (nothing recorded), data_home().
std::string store_folder(const std::string& store_path);

// Runs go to store_folder/runs/<kind> ("" for single runs: store_folder/runs), sweeps to
// store_folder/sweeps, as the window's do.
std::string default_runs_folder(const std::string& store_path, const std::string& kind = "");
std::string default_sweeps_folder(const std::string& store_path);

}  // namespace lt
