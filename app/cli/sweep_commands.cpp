#include "cli/sweep_commands.h"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <thread>

#include "cli/store_option.h"
#include "cli/sweep_slurm_commands.h"
#include "cli/terminal_progress.h"
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
#include "train/recorded_training.h"
#include "util/error.h"
#include "util/file_io.h"

namespace fs = std::filesystem;

namespace lt::cli {
namespace {

using json = nlohmann::ordered_json;

json number(double v) {
  return std::isfinite(v) ? json(v) : json(nullptr);
}

std::string g(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", v);
  return text;
}

std::string fixed4(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%.4f", v);
  return text;
}

std::string duration(double seconds) {
  char text[64];
  if (seconds < 90) {
    std::snprintf(text, sizeof text, "%.0f s", seconds);
  } else if (seconds < 3 * 3600) {
    std::snprintf(text, sizeof text, "%.0f min", seconds / 60);
  } else {
    std::snprintf(text, sizeof text, "%.1f h", seconds / 3600);
  }
  return text;
}

template <typename T>
std::string list_text(const std::vector<T>& values) {
  std::string out;
  for (const auto& v : values) {
    if constexpr (std::is_floating_point_v<T>) {
      out += (out.empty() ? "" : ", ") + g(v);
    } else if constexpr (std::is_arithmetic_v<T>) {
      out += (out.empty() ? "" : ", ") + std::to_string(v);
    } else {
      out += (out.empty() ? "" : ", ") + std::string(v);
    }
  }
  return "{" + out + "}";
}

// --- sweep run --------------------------------------------------------------------------------

struct RunCliOptions {
  std::string plan_path;
  std::string preset;
  std::string source;
  SweepRunOptions run;
  bool dry_run = false;
  bool print_plan = false;
  bool json = false;
};

SweepPlan plan_of(const RunCliOptions& o) {
  if (o.plan_path.empty() == o.preset.empty()) {
    throw_setting("name a plan: longtail sweep run PLAN.json, or --preset " +
                  list_text(plan_preset_names()) + " (one of the two)");
  }
  SweepPlan plan = o.preset.empty() ? load_plan(o.plan_path) : preset_plan(o.preset);
  if (!o.source.empty()) plan.source = o.source;
  return plan;
}

std::string device_kind(const std::string& device) {
  if (device == "cpu") return "cpu";
  if (device.rfind("cuda", 0) == 0) return "cuda";
  for (const auto& d : usable_devices()) {
    if (d.rfind("cuda", 0) == 0) return "cuda";
  }
  return "cpu";
}

void dry_run(const SweepPlan& plan, const RunCliOptions& o) {
  const SweepExpansion x = expand(plan);
  const std::string store = store_path(o.run.store);
  EstimateContext context;
  context.device = device_kind(o.run.device);
  context.cores = o.run.threads > 0 ? o.run.threads
                                    : int64_t(std::max(1u, std::thread::hardware_concurrency()));
  context.parallel = o.run.parallel;
  // What the store knows: measured speeds, and runs of this sweep already finished. It is only
  // read (and never made) here; the data is not read at all.
  if (store_wanted(store) && fs::exists(store)) {
    RunStore runs(store, false);
    context.measured = measured_throughputs(runs);
    SweepQueue queue(store);
    if (queue.find(x.sweep_id).has_value()) {
      for (const auto& run : queue.runs(x.sweep_id)) {
        if (run.state == "finished") context.done.insert(run.key);
      }
    }
  }
  const SweepEstimate e = estimate_sweep(x, context);
  std::map<std::string, int64_t> images;
  for (const auto& v : x.variants) images[v.id] = v.expected_images;

  if (o.json) {
    json variants = json::array();
    for (const auto& v : x.variants) {
      variants.push_back(json{{"id", v.id},
                              {"balanced_twin", v.balanced_twin},
                              {"twin_of", v.twin_of},
                              {"ratio", v.ratio},
                              {"sample", v.sample},
                              {"n", v.expected_images > 0 ? json(v.expected_images) : json()}});
    }
    json runs = json::array();
    for (const auto& r : x.runs) {
      runs.push_back(json{{"key", r.key},
                          {"variant", r.variant},
                          {"method", r.method},
                          {"seed", r.seed},
                          {"balanced", r.balanced},
                          {"ratio", r.ratio},
                          {"sample", r.sample},
                          {"model", r.config.encoder.arch},
                          {"epochs", r.config.epochs},
                          {"batch_size", r.config.batch_size},
                          {"finished", context.done.contains(r.key)}});
    }
    json probes = json::array();
    for (const auto& p : x.probes) {
      probes.push_back(json{{"probe", p.probe},
                            {"data", p.probe == "id" ? plan.source : p.target},
                            {"seed", p.options.seed}});
    }
    std::cout << json{{"sweep_id", x.sweep_id},
                      {"name", plan.name},
                      {"dry_run", true},
                      {"source", plan.source},
                      {"distribution", to_string(plan.distribution)},
                      {"variants", variants},
                      {"runs", runs},
                      {"probes", probes},
                      {"ood_note", x.ood_note},
                      {"already_finished", context.done.size()},
                      {"estimate",
                       {{"seconds", e.seconds},
                        {"pretrain_seconds", e.pretrain_seconds},
                        {"monitor_seconds", e.monitor_seconds},
                        {"probe_seconds", e.probe_seconds},
                        {"images_seen", e.images_seen},
                        {"runs_counted", e.runs_counted},
                        {"runs_unknown_size", e.runs_unknown_size},
                        {"device", context.device},
                        {"cores", context.cores},
                        {"parallel", context.parallel},
                        {"basis", e.basis}}}}
                     .dump()
              << "\n";
    return;
  }
  std::printf("sweep %s (dry run: nothing is read or started)\n", x.sweep_id.c_str());
  std::printf("  %s, %s, r %s x sampling ratios %s, methods %s, seeds %s, probe seeds %s\n",
              plan.source.c_str(), to_string(plan.distribution).c_str(),
              list_text(plan.ratios).c_str(), list_text(plan.samples).c_str(),
              list_text(plan.methods).c_str(), list_text(plan.seeds).c_str(),
              list_text(plan.probe_seeds).c_str());
  std::printf("variants (%zu):\n", x.variants.size());
  for (const auto& v : x.variants) {
    std::printf("  %-24s n %-7s%s\n", v.id.c_str(),
                v.expected_images > 0 ? std::to_string(v.expected_images).c_str() : "?",
                v.balanced_twin ? ("  balanced twin of " + v.twin_of).c_str() : "");
  }
  std::printf("runs (%zu):\n", x.runs.size());
  for (const auto& r : x.runs) {
    std::printf("  %-38s %-11s %-12s %4lld epochs, batch %lld%s\n", r.key.c_str(), r.method.c_str(),
                r.config.encoder.arch.c_str(), static_cast<long long>(r.config.epochs),
                static_cast<long long>(r.config.batch_size),
                context.done.contains(r.key) ? "  (finished)" : "");
  }
  int64_t id_probes = 0, ood_probes = 0;
  for (const auto& p : x.probes) (p.probe == "id" ? id_probes : ood_probes)++;
  std::printf("probes of each run: %lld in domain (%s)", static_cast<long long>(id_probes),
              plan.source.c_str());
  if (ood_probes > 0) {
    std::printf(", %lld out of domain (%s)\n", static_cast<long long>(ood_probes),
                x.ood_target.c_str());
  } else {
    std::printf("; %s\n", x.ood_note.c_str());
  }
  const std::string where = context.device == "cpu"
                                ? "cpu (" + std::to_string(context.cores) + " cores)"
                                : context.device;
  std::printf(
      "estimate: %s for %lld runs on %s, %lld at a time: pre-training %s, kNN monitor %s, "
      "probes %s\n",
      duration(e.seconds).c_str(), static_cast<long long>(e.runs_counted), where.c_str(),
      static_cast<long long>(context.parallel), duration(e.pretrain_seconds).c_str(),
      duration(e.monitor_seconds).c_str(), duration(e.probe_seconds).c_str());
  for (const auto& line : e.basis) std::printf("  %s\n", line.c_str());
  if (context.device == "cpu" && e.seconds > 48 * 3600) {
    std::printf("  this plan is for a GPU: --device cuda gives its estimate there\n");
  }
  if (e.runs_unknown_size > 0) {
    std::printf("  %lld runs left out: the size of %s is not known without reading it\n",
                static_cast<long long>(e.runs_unknown_size), plan.source.c_str());
  }
  if (!context.done.empty()) {
    std::printf("  %zu runs are finished already and are not counted\n", context.done.size());
  }
}

void run_command(const RunCliOptions& o) {
  const SweepPlan plan = plan_of(o);
  if (o.print_plan) {
    std::cout << plan_to_json(plan) << "\n";
    return;
  }
  if (o.dry_run) return dry_run(plan, o);
  SweepRunOptions options = o.run;
  options.store = store_path(o.run.store);
  const bool log = !o.json;
  const SweepRunSummary s = run_sweep(plan, options, [&](const SweepEvent& e) {
    if (log) {
      const std::string who = o.run.parallel > 1 ? "[" + std::to_string(e.worker + 1) + "] " : "";
      if (e.what == "note") {
        std::fprintf(stderr, "sweep: %s\n", e.message.c_str());
      } else if (e.what == "started" || e.what == "evaluating" || e.what == "requeued" ||
                 e.what == "paused" || e.what == "resumed") {
        std::fprintf(stderr, "sweep: %s%s %s\n", who.c_str(), e.what.c_str(), e.run_key.c_str());
      } else if (e.what == "epoch") {
        std::fprintf(stderr, "sweep: %s%s epoch %lld/%lld, loss %.4f%s\n", who.c_str(),
                     e.run_key.c_str(), static_cast<long long>(e.epoch),
                     static_cast<long long>(e.epochs), e.loss,
                     e.knn ? (", kNN " + g(std::round(*e.knn * 1000) / 10) + "%").c_str() : "");
      } else if (e.what == "finished") {
        std::fprintf(stderr, "sweep: %sfinished %s\n", who.c_str(), e.run_key.c_str());
      } else if (e.what == "failed") {
        std::fprintf(stderr, "sweep: %sFAILED %s: %s\n", who.c_str(), e.run_key.c_str(),
                     e.message.c_str());
      }
    }
    return !interrupted();
  });
  if (interrupted()) throw Cancelled();
  if (o.json) {
    std::cout << json{{"sweep_id", s.sweep_id},   {"dir", s.dir},
                      {"runs", s.runs},           {"already_finished", s.already_finished},
                      {"started", s.started},     {"finished", s.finished},
                      {"failed", s.failed},       {"requeued", s.requeued},
                      {"remaining", s.remaining}, {"stopped", s.stopped},
                      {"failures", s.failures},   {"seconds", s.seconds}}
                     .dump()
              << "\n";
  } else {
    std::printf(
        "sweep %s: %lld of %lld runs finished before, %lld started now: %lld finished, "
        "%lld failed; %lld left (%s)\n",
        s.sweep_id.c_str(), static_cast<long long>(s.already_finished),
        static_cast<long long>(s.runs), static_cast<long long>(s.started),
        static_cast<long long>(s.finished), static_cast<long long>(s.failed),
        static_cast<long long>(s.remaining), duration(s.seconds).c_str());
    if (s.stopped == "cancelled") {
      std::printf("cancelled; the same command continues where it stopped\n");
    } else if (s.remaining > 0) {
      std::printf("the runs left are held by another runner (longtail sweep status shows them)\n");
    }
    std::printf("runs in %s; longtail sweep report --sweep %s\n", s.dir.c_str(),
                s.sweep_id.c_str());
  }
  if (s.failed > 0) {
    throw_data(std::to_string(s.failed) + " of " + std::to_string(s.runs) +
               " runs failed (longtail sweep report --sweep " + s.sweep_id +
               " says why; --retry-failed runs them again)");
  }
}

// --- status, report -------------------------------------------------------------------------

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

std::string report_csv(const SweepReport& r) {
  std::string out =
      "table,probe,method,kind,balanced,ratio,sample,n,value,spread_seeds,spread_probe_seeds,"
      "provisional,note\n";
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
           (gap.provisional ? "true" : "false") + "," + field(gap.note) + "\n";
  }
  for (const auto& a : r.accuracies) {
    out += "accuracy," + a.cell.probe + "," + a.cell.method + "," + learning_kind(a.cell.method) +
           "," + (a.cell.balanced ? "true" : "false") + "," + g(a.cell.ratio) + "," + g(a.sample) +
           "," + std::to_string(a.cell.n) + "," + value(a.cell.mean) + "," + value(a.cell.spread) +
           "," + value(a.probe_seed_spread) + ",false,\n";
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

struct StatusOptions {
  std::string sweep;
  std::string store;
  std::string format = "table";
  std::string out;
  std::string probe = "id";
  bool json = false;
};

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
  const SweepReport r = sweep_report(read_sweep_status(store, collect_if_in_slurm(store, o.sweep)));
  std::string text;
  if (o.format == "json") text = report_json(r).dump() + "\n";
  if (o.format == "csv") text = report_csv(r);
  if (o.format == "table") text = report_table(r);
  if (o.format == "svg") text = gap_figure_svg(r, o.probe);
  if (o.out.empty()) {
    std::cout << text;
  } else {
    write_file_atomically(o.out, text);
    if (o.format != "json") std::fprintf(stderr, "wrote %s\n", o.out.c_str());
  }
}

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

void add_sweep_commands(CLI::App& app, std::function<void()>& action) {
  CLI::App* sweep = app.add_subcommand(
      "sweep", "a grid of variants, methods and seeds from one plan, queued and resumable");
  sweep->require_subcommand(1);

  auto r = std::make_shared<RunCliOptions>();
  CLI::App* run = sweep->add_subcommand(
      "run", "run what is missing of a sweep (finished runs are kept, stopped ones resume)");
  run->add_option("plan", r->plan_path, "the plan (JSON; --print-plan shows one)");
  run->add_option(
      "--preset", r->preset,
      "a named plan: paper-cifar10 (GPU), fmnist-quick or methods-fmnist (every method)");
  run->add_option("--source", r->source, "use this source instead of the plan's");
  run->add_option("--parallel", r->run.parallel, "runs at once (1 on a small CPU)")
      ->capture_default_str();
  run->add_option("--out", r->run.out, "where a new sweep's folder goes")->capture_default_str();
  run->add_option("--device", r->run.device, "auto, cpu, cuda or cuda:N")->capture_default_str();
  run->add_option("--devices", r->run.devices,
                  "one device per worker, e.g. cuda:0,cuda:1 (--parallel defaults to their count)")
      ->delimiter(',');
  run->add_flag("--share-gpu", r->run.share_gpu,
                "let several runs share a GPU (default on CUDA: one run per GPU)");
  run->add_option("--threads", r->run.threads, "CPU threads in all, split among the runs (0: all)")
      ->capture_default_str();
  run->add_flag("--retry-failed", r->run.retry_failed, "run failed runs again");
  run->add_flag("--dry-run", r->dry_run,
                "print the variants, the runs and an estimate of the time; read no data");
  run->add_flag("--print-plan", r->print_plan, "print the plan as JSON and exit");
  add_store_option(run, r->run.store);
  run->add_flag("--json", r->json, "print one JSON object");
  run->callback([&action, r, run] {
    if (!r->run.devices.empty() && run->count("--parallel") == 0) {
      r->run.parallel = int64_t(r->run.devices.size());
    }
    action = [r] { run_command(*r); };
  });

  const auto common = [](CLI::App* cmd, StatusOptions& o, bool with_json) {
    cmd->add_option("--sweep", o.sweep,
                    "the sweep's id, a prefix of it, or its folder (default: the latest)");
    add_store_option(cmd, o.store);
    if (with_json) cmd->add_flag("--json", o.json, "print one JSON object");
  };

  add_sweep_slurm_commands(sweep, action);

  auto st = std::make_shared<StatusOptions>();
  CLI::App* status = sweep->add_subcommand("status", "every run of a sweep and its state");
  common(status, *st, true);
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

  auto rep = std::make_shared<StatusOptions>();
  CLI::App* report = sweep->add_subcommand(
      "report", "the gaps (final and provisional), the accuracies, and what is missing and why");
  common(report, *rep, false);
  report->add_option("--format", rep->format, "table, csv, json or svg (png, pdf: the GUI)")
      ->capture_default_str();
  report->add_option("--out", rep->out, "write to this file instead of stdout");
  report->add_option("--probe", rep->probe, "svg: the probe drawn (id or ood)")
      ->capture_default_str();
  report->callback([&action, rep] { action = [rep] { report_command(*rep); }; });

  auto ls = std::make_shared<StatusOptions>();
  CLI::App* list = sweep->add_subcommand("list", "the sweeps of the run store");
  add_store_option(list, ls->store);
  list->add_flag("--json", ls->json, "print one JSON object");
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
    common(cmd, *o, true);
    const std::string req = request;
    const std::string verb = name;
    cmd->callback([&action, o, req, verb] {
      action = [o, req, verb] { request_command(*o, req, verb.c_str()); };
    });
  }
}

}  // namespace lt::cli
