// longtail: the headless twin of LongTail Lab, for scripts, sweeps and machines without a
// display. Exit status: 0 success, 1 a runtime error, 2 a usage error.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <functional>
#include <string>

#include "cli/data_commands.h"
#include "cli/eval_commands.h"
#include "cli/explain_commands.h"
#include "cli/man_pages.h"
#include "cli/report_commands.h"
#include "cli/runs_commands.h"
#include "cli/semisynth_commands.h"
#include "cli/sweep_commands.h"
#include "cli/table1_command.h"
#include "cli/terminal_progress.h"
#include "cli/theory_commands.h"
#include "cli/train_commands.h"
#include "util/build_info.h"
#include "util/error.h"
#include "util/progress.h"

int main(int argc, char** argv) {
  lt::cli::install_interrupt_handler();
  CLI::App app{
      "LongTail Lab: how much does class imbalance hurt a representation, and does "
      "self-supervision protect it?",
      "longtail"};
  lt::set_command_line(argc, argv);
  // LibTorch, CUDA, cuDNN and the compiler, beside the version: what a bug report needs.
  app.set_version_flag("--version", std::function<std::string()>(lt::build_versions_text));
  app.require_subcommand(1);
  std::function<void()> action;
  lt::cli::add_data_commands(app, action);
  lt::cli::add_train_commands(app, action);
  lt::cli::add_eval_commands(app, action);
  lt::cli::add_runs_commands(app, action);
  lt::cli::add_sweep_commands(app, action);
  lt::cli::add_table1_command(app, action);
  lt::cli::add_theory_commands(app, action);
  lt::cli::add_explain_commands(app, action);
  lt::cli::add_semisynth_commands(app, action);
  lt::cli::add_man_pages_command(app, action);  // last: it describes the commands above
  lt::cli::add_report_commands(app, action);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // Help and version exit 0; every other parse error is a usage error.
    return app.exit(e) == 0 ? 0 : 2;
  }
  try {
    if (action) action();
    return 0;
  } catch (const lt::Error& e) {
    std::fprintf(stderr, "longtail: error: %s\n", e.what());
    return e.kind() == lt::ErrorKind::kSetting ? 2 : 1;
  } catch (const lt::Cancelled&) {
    std::fprintf(stderr, "longtail: interrupted; files in progress were not written\n");
    return 1;
  } catch (const std::bad_alloc&) {
    std::fprintf(stderr, "longtail: error: out of memory; use a smaller data set or --sample\n");
    return 1;
  } catch (const std::exception& e) {
    // LibTorch's errors carry a backtrace after the first line: keep the line.
    std::string message = e.what();
    message = message.substr(0, message.find('\n'));
    std::fprintf(stderr, "longtail: error: %s\n", message.c_str());
    return 1;
  }
}
