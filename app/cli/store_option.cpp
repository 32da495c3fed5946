#include "cli/store_option.h"

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

}  // namespace lt::cli
