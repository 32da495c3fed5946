#include "cli/sweep_status_command.h"

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
#include "util/error.h"
#include "util/file_io.h"

namespace fs = std::filesystem;

namespace lt::cli {
namespace {

using json = nlohmann::ordered_json;
using namespace sweep_text;

json status_json(const SweepStatus& s) {
  json runs = json::array();
  for (const auto& r : s.runs) {
    json top1 = json::object();
    for (const auto& [probe, value] : r.top1) top1[probe] = number(value);
    runs.push_back(json{{"key", r.key},
                        {"variant", r.variant},
                        {"method", r.method},
                        {"seed", r.seed},
                        {"balanced", r.balanced},
                        {"ratio", r.ratio},
                        {"sample", r.sample},
                        {"state", r.state},
                        {"message", r.message},
                        {"run_id", r.run_id},
                        {"run_dir", r.run_dir},
                        {"n", r.images},
                        {"epochs_done", r.epochs_done},
                        {"epochs_planned", r.epochs_planned},
                        {"knn", r.knn ? json(*r.knn) : json()},
                        {"knn_epoch", r.knn_epoch},
                        {"top1", top1},
                        {"top1_per_probe_seed", r.top1_per_probe_seed},
                        {"attempts", r.attempts},
                        {"pid", r.pid},
                        {"host", r.host},
                        {"worker", r.worker},
                        {"updated", r.updated}});
  }
  json variants = json::array();
  for (const auto& v : s.variants) {
    variants.push_back(json{{"id", v.id},
                            {"balanced_twin", v.balanced_twin},
                            {"twin_of", v.twin_of},
                            {"ratio", v.ratio},
                            {"sample", v.sample},
                            {"path", v.path},
                            {"built", v.built}});
  }
  return json{{"sweep_id", s.sweep_id},
              {"name", s.name},
              {"state", s.state},
              {"request", s.request},
              {"dir", s.dir},
              {"source", s.source},
              {"distribution", s.distribution},
              {"counts",
               {{"runs", s.runs.size()},
                {"queued", s.queued},
                {"running", s.running},
                {"evaluating", s.evaluating},
                {"finished", s.finished},
                {"failed", s.failed},
                {"interrupted", s.interrupted}}},
              {"variants", variants},
              {"runs", runs},
              {"created", s.created},
              {"updated", s.updated}};
}

void print_status(const SweepStatus& s) {
  std::printf(
      "sweep %s: %s; %zu runs: %lld finished, %lld running, %lld evaluating, %lld "
      "queued, %lld interrupted, %lld failed\n",
      s.sweep_id.c_str(), s.state.c_str(), s.runs.size(), static_cast<long long>(s.finished),
      static_cast<long long>(s.running), static_cast<long long>(s.evaluating),
      static_cast<long long>(s.queued), static_cast<long long>(s.interrupted),
      static_cast<long long>(s.failed));
  std::printf("%-40s %-11s %9s %7s %8s %8s  %s\n", "run", "state", "epochs", "kNN", "ID", "OOD",
              "note");
  const auto pct = [](const std::map<std::string, double>& m, const std::string& k) {
    const auto it = m.find(k);
    return it == m.end() ? std::string("-") : g(std::round(it->second * 1000) / 10) + "%";
  };
  for (const auto& r : s.runs) {
    const std::string epochs = r.epochs_planned > 0 ? std::to_string(r.epochs_done) + "/" +
                                                          std::to_string(r.epochs_planned)
                                                    : "-";
    const std::string knn = r.knn ? g(std::round(*r.knn * 1000) / 10) + "%" : "-";
    std::string note = r.message;
    if ((r.state == "running" || r.state == "evaluating") && note.empty()) {
      note = r.worker + ", pid " + std::to_string(r.pid) + " on " + r.host;
    }
    std::printf("%-40s %-11s %9s %7s %8s %8s  %s\n", r.key.c_str(), r.state.c_str(), epochs.c_str(),
                knn.c_str(), pct(r.top1, "id").c_str(), pct(r.top1, "ood").c_str(), note.c_str());
  }
}

}  // namespace

void add_sweep_status_command(CLI::App* sweep, std::function<void()>& action) {
  auto st = std::make_shared<StatusOptions>();
  CLI::App* status = sweep->add_subcommand("status", "every run of a sweep and its state");
  add_sweep_selection(status, *st, true);
  status->callback([&action, st] {
    action = [st] {
      const std::string store = store_path(st->store);
      SweepStatus s = read_sweep_status(store, collect_if_in_slurm(store, st->sweep));
      if (st->json) {
        json out = status_json(s);
        add_slurm_states(out, store);
        std::cout << out.dump() << "\n";
      } else {
        apply_slurm_states(s, store);
        print_status(s);
        std::printf("%s", slurm_status_text(store, s.sweep_id).c_str());
      }
    };
  });
}

}  // namespace lt::cli
