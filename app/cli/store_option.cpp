#include "cli/store_option.h"

#include <cstdio>

#include "store/default_folders.h"
#include "store/run_store.h"

namespace lt::cli {

void add_store_option(CLI::App* cmd, std::string& store) {
  cmd->add_option("--store", store,
                  "the run store (SQLite); default: LONGTAIL_STORE, else "
                  "$XDG_DATA_HOME/longtail/runs.sqlite; none: record nothing");
}

std::string store_path(const std::string& given) {
  return given.empty() ? RunStore::default_path() : given;
}

std::string output_folder(const std::string& given_out, const std::string& store,
                          const std::string& kind) {
  if (!given_out.empty()) return given_out;
  const std::string folder =
      kind == "sweeps" ? default_sweeps_folder(store) : default_runs_folder(store, kind);
  std::fprintf(stderr, "writing under %s (choose another place with --out)\n", folder.c_str());
  return folder;
}

}  // namespace lt::cli
