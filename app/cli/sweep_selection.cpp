#include "cli/sweep_selection.h"

#include "cli/common_options.h"
#include "cli/store_option.h"

namespace lt::cli {

void add_sweep_selection(CLI::App* cmd, StatusOptions& o, bool with_json) {
  cmd->add_option("--sweep", o.sweep,
                  "the sweep's id, a prefix of it, or its folder (default: the latest)");
  add_store_option(cmd, o.store);
  if (with_json) add_json_flag(cmd, o.json);
}

}  // namespace lt::cli
