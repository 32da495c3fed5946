#include "cli/sweep_commands.h"

#include "cli/sweep_control_commands.h"
#include "cli/sweep_report_command.h"
#include "cli/sweep_run_command.h"
#include "cli/sweep_slurm_commands.h"
#include "cli/sweep_status_command.h"

namespace lt::cli {

void add_sweep_commands(CLI::App& app, std::function<void()>& action) {
  CLI::App* sweep = app.add_subcommand(
      "sweep", "a grid of variants, methods and seeds from one plan, queued and resumable");
  sweep->require_subcommand(1);
  add_sweep_run_command(sweep, action);
  add_sweep_slurm_commands(sweep, action);
  add_sweep_status_command(sweep, action);
  add_sweep_report_command(sweep, action);
  add_sweep_control_commands(sweep, action);
}

}  // namespace lt::cli
