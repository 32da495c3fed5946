#include "cli/sweep_control_commands.h"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <thread>

#include "cli/common_options.h"
#include "cli/store_option.h"
#include "cli/sweep_selection.h"
#include "cli/sweep_slurm_commands.h"
#include "cli/terminal_progress.h"
#include "experiments/recorded_training.h"
#include "runtime/device_list.h"
#include "store/run_store.h"
#include "sweep/slurm_sweep.h"
#include "sweep/sweep_estimate.h"
#include "sweep/sweep_figure.h"
#include "sweep/sweep_plan.h"
#include "sweep/sweep_queue.h"
#include "sweep/sweep_report.h"
#include "sweep/sweep_runner.h"
#include "sweep/sweep_status.h"
#include "util/error.h"
#include "util/file_io.h"

namespace fs = std::filesystem;

namespace lt::cli {
namespace {

using json = nlohmann::ordered_json;

void request_command(const StatusOptions& o, const std::string& request, const char* verb) {
  const std::string store = store_path(o.store);
  if (!fs::exists(store)) throw_io("there is no run store at " + store + "; no sweep to " + verb);
  const SweepStatus s = read_sweep_status(store, sweep_id_of(o.sweep));
  request_sweep(store, s.sweep_id, request);
  if (request == "cancel" && sweep_in_slurm(store, s.sweep_id)) {
    const std::vector<std::string> jobs = cancel_sweep_in_slurm(store, s.sweep_id);
    if (o.json) {
      std::cout << json{{"sweep_id", s.sweep_id}, {"request", request}, {"scancel", jobs}}.dump()
                << "\n";
    } else {
      std::string ids;
      for (const auto& j : jobs) ids += " " + j;
      std::printf("sweep %s: %s\n", s.sweep_id.c_str(),
                  jobs.empty() ? "no Slurm job of it is pending or running"
                               : ("scancel" + ids +
                                  " (longtail sweep submit runs what is left, "
                                  "from the checkpoints)")
                                     .c_str());
    }
    return;
  }
  const bool live = s.running + s.evaluating > 0;
  if (o.json) {
    std::cout << json{{"sweep_id", s.sweep_id}, {"request", request}, {"runner_alive", live}}.dump()
              << "\n";
    return;
  }
  if (request == "") {
    std::printf("sweep %s: asked to go on%s\n", s.sweep_id.c_str(),
                live ? "" : "; no runner is paused on it: start one with longtail sweep run");
  } else if (live) {
    std::printf(
        "sweep %s: asked to %s; its runner stops the runs in progress within a second "
        "(they resume from their checkpoints)\n",
        s.sweep_id.c_str(), verb);
  } else {
    std::printf(
        "sweep %s: marked %s; no runner is working on it (longtail sweep run goes on "
        "where it stopped)\n",
        s.sweep_id.c_str(), request == "cancel" ? "cancelled" : "paused");
  }
}

void list_command(const StatusOptions& o) {
  const std::string store = store_path(o.store);
  json sweeps = json::array();
  std::vector<SweepStatus> all;
  if (fs::exists(store)) {
    SweepQueue queue(store);
    for (const auto& record : queue.sweeps()) all.push_back(read_sweep_status(store, record.id));
  }
  if (o.json) {
    for (const auto& s : all) {
      sweeps.push_back(json{{"sweep_id", s.sweep_id},
                            {"name", s.name},
                            {"state", s.state},
                            {"runs", s.runs.size()},
                            {"finished", s.finished},
                            {"failed", s.failed},
                            {"dir", s.dir},
                            {"updated", s.updated}});
    }
    std::cout << json{{"sweeps", sweeps}}.dump() << "\n";
    return;
  }
  if (all.empty()) std::printf("no sweep in %s\n", store.c_str());
  for (const auto& s : all) {
    std::printf("%-32s %-11s %3lld/%zu finished, %lld failed  %s\n", s.sweep_id.c_str(),
                s.state.c_str(), static_cast<long long>(s.finished), s.runs.size(),
                static_cast<long long>(s.failed), s.updated.c_str());
  }
}

}  // namespace

void add_sweep_control_commands(CLI::App* sweep, std::function<void()>& action) {
  auto ls = std::make_shared<StatusOptions>();
  CLI::App* list = sweep->add_subcommand("list", "the sweeps of the run store");
  add_store_option(list, ls->store);
  add_json_flag(list, ls->json);
  list->callback([&action, ls] { action = [ls] { list_command(*ls); }; });

  for (const auto& [name, request, help] :
       {std::tuple{"pause", "pause",
                   "stop the runs in progress and wait (they resume from "
                   "their checkpoints)"},
        std::tuple{"resume", "", "go on after a pause"},
        std::tuple{"cancel", "cancel",
                   "stop the sweep's runner; runs in progress go back to "
                   "the queue"}}) {
    auto o = std::make_shared<StatusOptions>();
    CLI::App* cmd = sweep->add_subcommand(name, help);
    add_sweep_selection(cmd, *o, true);
    const std::string req = request;
    const std::string verb = name;
    cmd->callback([&action, o, req, verb] {
      action = [o, req, verb] { request_command(*o, req, verb.c_str()); };
    });
  }
}

}  // namespace lt::cli
