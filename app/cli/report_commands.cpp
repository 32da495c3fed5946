#include "cli/report_commands.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/common_options.h"
#include "cli/store_option.h"
#include "report/run_report.h"
#include "store/run_recording.h"
#include "store/run_store.h"
#include "sweep/sweep_status.h"
#include "util/error.h"

namespace lt::cli {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

struct ReportOptions {
  std::vector<std::string> runs;
  std::string tag, sweep, out, size = "single", store;
  std::string sidecar;
  bool json = false;
};

// The store ids of the runs named by id or folder, by tag, or by sweep.
std::vector<std::string> selected_runs(RunStore& store, const ReportOptions& o,
                                       std::string& selection) {
  const int ways = int(!o.runs.empty()) + int(!o.tag.empty()) + int(!o.sweep.empty());
  if (ways != 1) throw_setting("name the runs one way: run ids or folders, --tag T or --sweep S");
  std::vector<std::string> ids;
  if (!o.tag.empty()) {
    selection = "tag " + o.tag;
    for (const auto& run : store.list_runs()) {
      if (std::find(run.tags.begin(), run.tags.end(), o.tag) != run.tags.end())
        ids.push_back(run.id);
    }
  } else if (!o.sweep.empty()) {
    const SweepStatus status = read_sweep_status(store.path(), o.sweep);
    selection = "sweep " + status.sweep_id;
    for (const auto& run : status.runs) {
      if (!run.run_id.empty()) ids.push_back(run.run_id);
    }
  } else {
    selection = "the runs named";
    for (const auto& name : o.runs) {
      auto found = store.find_run(name);
      if (!found && fs::exists(fs::path(name) / "run.json")) {
        record_run_dir(store, name);
        found = store.find_run(name);
      }
      if (!found) throw_io("no run " + name + " in the store " + store.path());
      ids.push_back(found->id);
    }
  }
  return ids;
}

void run_report(const ReportOptions& o) {
  const FigureSize size = figure_size(o.size);
  RunStore store(store_path(o.store), false);
  std::string selection;
  const auto ids = selected_runs(store, o, selection);
  const ReportResult r = write_report(store, ids, selection, size, o.out);
  if (o.json) {
    std::cout << json{{"out", o.out},
                      {"runs", ids},
                      {"files", r.files},
                      {"verdicts", r.verdicts},
                      {"skipped", r.skipped}}
                     .dump()
              << "\n";
    return;
  }
  std::printf("report of %s (%zu runs) in %s:\n", selection.c_str(), ids.size(), o.out.c_str());
  for (const auto& v : r.verdicts) std::printf("  %s\n", v.c_str());
  for (const auto& s : r.skipped) std::printf("  left out: %s\n", s.c_str());
  std::printf("  %zu files; summary.md first\n", r.files.size());
}

void run_reproduce(const ReportOptions& o) {
  RunStore store(store_path(o.store), false);
  const ReproducedFigure r = reproduce_figure(store, o.sidecar, o.out);
  for (const auto& id : r.changed) {
    std::fprintf(stderr, "longtail: note: run %s's config changed since the figure was made\n",
                 id.c_str());
  }
  if (o.json) {
    std::cout << json{{"out", o.out}, {"files", r.files}, {"changed", r.changed}}.dump() << "\n";
    return;
  }
  for (const auto& f : r.files) std::printf("wrote %s\n", f.c_str());
}

}  // namespace

void add_report_commands(CLI::App& app, std::function<void()>& action) {
  auto o = std::make_shared<ReportOptions>();
  CLI::App* report = app.add_subcommand(
      "report", "figures, CSV and a Markdown summary of runs: what to attach to an email");
  report->add_option("runs", o->runs, "run ids or folders");
  report->add_option("--tag", o->tag, "the runs with this tag");
  report->add_option("--sweep", o->sweep, "the runs of this sweep (id or prefix)");
  report->add_option("--out", o->out, "the folder to write")->required();
  report->add_option("--size", o->size, "single (3.25 in) or double (6.75 in) column")
      ->capture_default_str();
  add_json_flag(report, o->json);
  add_store_option(report, o->store);
  report->callback([&action, o] { action = [o] { run_report(*o); }; });

  CLI::App* figure = app.add_subcommand("figure", "exported figures");
  figure->require_subcommand(1);
  CLI::App* reproduce = figure->add_subcommand(
      "reproduce", "rebuild a figure from its sidecar NAME.figure.json and the run store");
  reproduce->add_option("sidecar", o->sidecar, "NAME.figure.json")->required();
  reproduce->add_option("--out", o->out, "the folder to write")->required();
  add_json_flag(reproduce, o->json);
  add_store_option(reproduce, o->store);
  reproduce->callback([&action, o] { action = [o] { run_reproduce(*o); }; });
}

}  // namespace lt::cli
