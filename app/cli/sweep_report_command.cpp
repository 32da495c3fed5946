#include "cli/sweep_report_command.h"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "cli/common_options.h"
#include "cli/store_option.h"
#include "cli/sweep_selection.h"
#include "cli/sweep_slurm_commands.h"
#include "cli/sweep_text.h"
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
#include "train/supervised_protocol.h"
#include "util/error.h"
#include "util/file_io.h"

namespace fs = std::filesystem;

namespace lt::cli {
namespace {

using json = nlohmann::ordered_json;
using namespace sweep_text;

json report_json(const SweepReport& r) {
  json gaps = json::array();
  for (const auto& gap : r.gaps) {
    gaps.push_back(json{{"method", gap.method},
                        {"kind", gap.kind},
                        {"ratio", gap.ratio},
                        {"sample", gap.sample},
                        {"n", gap.n},
                        {"probe", gap.probe},
                        {"provisional", gap.provisional},
                        {"delta", number(gap.gap.mean)},
                        {"delta_per_seed", gap.gap.per_seed},
                        {"seeds", gap.seeds},
                        {"spread_seeds", number(gap.gap.spread)},
                        {"spread_probe_seeds", number(gap.probe_seed_spread)},
                        {"note", gap.note}});
  }
  json accuracies = json::array();
  for (const auto& a : r.accuracies) {
    accuracies.push_back(json{{"method", a.cell.method},
                              {"kind", learning_kind(a.cell.method)},
                              {"balanced", a.cell.balanced},
                              {"ratio", a.cell.ratio},
                              {"sample", a.sample},
                              {"n", a.cell.n},
                              {"probe", a.cell.probe},
                              {"top1", number(a.cell.mean)},
                              {"spread_seeds", number(a.cell.spread)},
                              {"spread_probe_seeds", number(a.probe_seed_spread)},
                              {"seeds", a.cell.seeds},
                              {"runs", a.cell.run_ids}});
  }
  return json{{"sweep_id", r.sweep_id}, {"name", r.name},
              {"source", r.source},     {"distribution", r.distribution},
              {"state", r.state},       {"runs", r.runs},
              {"finished", r.finished}, {"failed", r.failed},
              {"gaps", gaps},           {"accuracies", accuracies},
              {"missing", r.missing},   {"paper_claim", "Delta_SSL < Delta_SL at every n and r"}};
}

// The training protocol (standard or ssl) each method's runs recorded in their config.json, as
// `runs export` shows it: "a/b" where a method's runs differ, "" before any of them started.
std::map<std::string, std::string> protocols_by_method(const SweepStatus& status) {
  std::map<std::string, std::set<std::string>> seen;
  for (const auto& run : status.runs) {
    std::error_code ec;
    const fs::path config = fs::path(run.run_dir) / "config.json";
    if (run.run_dir.empty() || !fs::is_regular_file(config, ec)) continue;
    try {
      const auto bytes = read_file(config.string());
      const std::string protocol = recorded_protocol(std::string(bytes.begin(), bytes.end()));
      if (!protocol.empty()) seen[run.method].insert(protocol);
    } catch (const Error&) {
      // A damaged config names no protocol; `runs show` says what is wrong with it.
    }
  }
  std::map<std::string, std::string> out;
  for (const auto& [method, protocols] : seen) {
    for (const auto& p : protocols) out[method] += (out[method].empty() ? "" : "/") + p;
  }
  return out;
}

// `protocols`: by method (protocols_by_method), the last column of every row.
std::string report_csv(const SweepReport& r, const std::map<std::string, std::string>& protocols) {
  const auto protocol_of = [&](const std::string& method) {
    const auto it = protocols.find(method);
    return it == protocols.end() ? std::string() : it->second;
  };
  std::string out =
      "table,probe,method,kind,balanced,ratio,sample,n,value,spread_seeds,spread_probe_seeds,"
      "provisional,note,protocol\n";
  const auto field = [](const std::string& text) {
    if (text.find_first_of(",\"\n") == std::string::npos) return text;
    std::string quoted = "\"";
    for (char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + "\"";
  };
  const auto value = [](double v) { return std::isfinite(v) ? g(v) : std::string(); };
  for (const auto& gap : r.gaps) {
    out += "gap," + gap.probe + "," + gap.method + "," + gap.kind + ",," + g(gap.ratio) + "," +
           g(gap.sample) + "," + std::to_string(gap.n) + "," + value(gap.gap.mean) + "," +
           value(gap.gap.spread) + "," + value(gap.probe_seed_spread) + "," +
           (gap.provisional ? "true" : "false") + "," + field(gap.note) + "," +
           protocol_of(gap.method) + "\n";
  }
  for (const auto& a : r.accuracies) {
    out += "accuracy," + a.cell.probe + "," + a.cell.method + "," + learning_kind(a.cell.method) +
           "," + (a.cell.balanced ? "true" : "false") + "," + g(a.cell.ratio) + "," + g(a.sample) +
           "," + std::to_string(a.cell.n) + "," + value(a.cell.mean) + "," + value(a.cell.spread) +
           "," + value(a.probe_seed_spread) + ",false,," + protocol_of(a.cell.method) + "\n";
  }
  return out;
}

std::string report_table(const SweepReport& r) {
  std::string out;
  char line[512];
  std::snprintf(line, sizeof line,
                "sweep %s (%s, %s): %s; %lld of %lld runs finished, %lld failed\n",
                r.sweep_id.c_str(), r.source.c_str(), r.distribution.c_str(), r.state.c_str(),
                static_cast<long long>(r.finished), static_cast<long long>(r.runs),
                static_cast<long long>(r.failed));
  out += line;
  out +=
      "\nRelative gap Delta = (A_bal - A_imb) / A_bal (Figure 1; the paper: Delta_SSL < "
      "Delta_SL)\n";
  std::snprintf(line, sizeof line, "%-5s %-11s %-4s %-7s %-7s %7s %9s %8s %8s  %s\n", "probe",
                "method", "kind", "r", "s", "n", "Delta", "+-seeds", "+-probe", "");
  out += line;
  for (const auto& gap : r.gaps) {
    std::snprintf(
        line, sizeof line, "%-5s %-11s %-4s %-7s %-7s %7s %+9.4f %8.4f %8s  %s%s%s\n",
        gap.probe.c_str(), gap.method.c_str(), gap.kind.c_str(), g(gap.ratio).c_str(),
        g(gap.sample).c_str(), gap.n > 0 ? std::to_string(gap.n).c_str() : "?", gap.gap.mean,
        gap.gap.spread, gap.provisional ? "-" : fixed4(gap.probe_seed_spread).c_str(),
        gap.provisional ? "provisional" : "final", gap.note.empty() ? "" : ": ", gap.note.c_str());
    out += line;
  }
  if (r.gaps.empty()) out += "  none yet: no pair has accuracies on both sides\n";
  out += "\nAccuracy of the linear probe (Figure 2), mean over probe seeds\n";
  std::snprintf(line, sizeof line, "%-5s %-11s %-10s %-7s %-7s %7s %8s %8s %8s\n", "probe",
                "method", "variant", "r", "s", "n", "top-1", "+-seeds", "+-probe");
  out += line;
  for (const auto& a : r.accuracies) {
    std::snprintf(line, sizeof line, "%-5s %-11s %-10s %-7s %-7s %7lld %7.2f%% %8.4f %8.4f\n",
                  a.cell.probe.c_str(), a.cell.method.c_str(),
                  a.cell.balanced ? "balanced" : "imbalanced", g(a.cell.ratio).c_str(),
                  g(a.sample).c_str(), static_cast<long long>(a.cell.n), 100 * a.cell.mean,
                  a.cell.spread, a.probe_seed_spread);
    out += line;
  }
  if (!r.missing.empty()) {
    out += "\nMissing (no final gap yet)\n";
    for (const auto& m : r.missing) out += "  " + m + "\n";
  }
  return out;
}

void report_command(const StatusOptions& o) {
  if (o.format == "png" || o.format == "pdf") {
    throw_setting("--format " + o.format +
                  ": the command line draws SVG only; PNG and PDF figures come from the Sweep "
                  "place of the GUI (longtail-lab), or use --format svg");
  }
  if (o.format != "table" && o.format != "csv" && o.format != "json" && o.format != "svg") {
    throw_setting("--format \"" + o.format +
                  "\" is unknown; use table, csv, json or svg (png "
                  "and pdf: the GUI's Sweep place)");
  }
  if (o.probe != "id" && o.probe != "ood") throw_setting("--probe must be id or ood");
  const std::string store = store_path(o.store);
  const SweepStatus status = read_sweep_status(store, collect_if_in_slurm(store, o.sweep));
  const SweepReport r = sweep_report(status);
  std::string text;
  if (o.format == "json") text = report_json(r).dump() + "\n";
  if (o.format == "csv") text = report_csv(r, protocols_by_method(status));
  if (o.format == "table") text = report_table(r);
  if (o.format == "svg") text = gap_figure_svg(r, o.probe);
  if (o.out.empty()) {
    std::cout << text;
  } else {
    write_file_atomically(o.out, text);
    if (o.format != "json") std::fprintf(stderr, "wrote %s\n", o.out.c_str());
  }
}

}  // namespace

void add_sweep_report_command(CLI::App* sweep, std::function<void()>& action) {
  auto rep = std::make_shared<StatusOptions>();
  CLI::App* report = sweep->add_subcommand(
      "report", "the gaps (final and provisional), the accuracies, and what is missing and why");
  add_sweep_selection(report, *rep, false);
  report->add_option("--format", rep->format, "table, csv, json or svg (png, pdf: the GUI)")
      ->capture_default_str();
  report->add_option("--out", rep->out, "write to this file instead of stdout");
  report->add_option("--probe", rep->probe, "svg: the probe drawn (id or ood)")
      ->capture_default_str();
  report->callback([&action, rep] { action = [rep] { report_command(*rep); }; });
}

}  // namespace lt::cli
