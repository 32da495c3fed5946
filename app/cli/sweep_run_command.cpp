#include "cli/sweep_run_command.h"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <thread>

#include "cli/common_options.h"
#include "cli/store_option.h"
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
  options.out = output_folder(o.run.out, options.store, "sweeps");
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

}  // namespace

void add_sweep_run_command(CLI::App* sweep, std::function<void()>& action) {
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
  run->add_option("--out", r->run.out,
                  "where a new sweep's folder goes (default: sweeps/ beside the store)");
  add_device_option(run, r->run.device);
  run->add_option("--devices", r->run.devices,
                  "one device per worker, e.g. cuda:0,cuda:1 (--parallel defaults to their count)")
      ->delimiter(',');
  run->add_flag("--share-gpu", r->run.share_gpu,
                "let several runs share a GPU (default on CUDA: one run per GPU)");
  add_threads_option(run, r->run.threads, "CPU threads in all, split among the runs (0: all)");
  run->add_flag("--retry-failed", r->run.retry_failed, "run failed runs again");
  run->add_flag("--dry-run", r->dry_run,
                "print the variants, the runs and an estimate of the time; read no data");
  run->add_flag("--print-plan", r->print_plan, "print the plan as JSON and exit");
  add_store_option(run, r->run.store);
  add_json_flag(run, r->json);
  run->callback([&action, r, run] {
    if (!r->run.devices.empty() && run->count("--parallel") == 0) {
      r->run.parallel = int64_t(r->run.devices.size());
    }
    action = [r] { run_command(*r); };
  });
}

}  // namespace lt::cli
