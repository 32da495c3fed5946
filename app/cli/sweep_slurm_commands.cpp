#include "cli/sweep_slurm_commands.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>

#include "cli/common_options.h"
#include "cli/store_option.h"
#include "cli/terminal_progress.h"
#include "cli/train_launch.h"
#include "sweep/slurm_sweep.h"
#include "sweep/sweep_plan.h"
#include "sweep/sweep_queue.h"
#include "util/error.h"

namespace fs = std::filesystem;

namespace lt::cli {
namespace {

using json = nlohmann::ordered_json;

struct SubmitCliOptions {
  std::string plan_path;
  std::string preset;
  std::string source;
  std::string store;
  bool slurm = false;
  bool json = false;
  SlurmSubmitOptions submit;
};

std::string this_longtail() {
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  if (ec) throw_io("cannot find this longtail's own path (/proc/self/exe: " + ec.message() + ")");
  return self.string();
}

void submit_command(const SubmitCliOptions& o) {
  if (!o.slurm) {
    throw_setting(
        "sweep submit sends a sweep to a cluster: say which with --slurm (the only "
        "back-end so far); `longtail sweep run` runs it here");
  }
  if (o.plan_path.empty() == o.preset.empty()) {
    throw_setting(
        "name a plan: longtail sweep submit PLAN.json --slurm, or --preset NAME (one of "
        "the two)");
  }
  SweepPlan plan = o.preset.empty() ? load_plan(o.plan_path) : preset_plan(o.preset);
  if (!o.source.empty()) plan.source = o.source;
  SlurmSubmitOptions options = o.submit;
  options.store = store_path(o.store);
  options.out = output_folder(o.submit.out, options.store, "sweeps");
  options.longtail = this_longtail();
  const SlurmSubmission s = submit_sweep_to_slurm(plan, options);
  if (o.json) {
    json out{{"sweep_id", s.sweep_id}, {"sweep_dir", s.sweep_dir},
             {"script", s.script},     {"run_count", s.run_count},
             {"runs", s.runs},         {"finished", s.finished},
             {"in_slurm", s.in_slurm}, {"dry_run", options.dry_run}};
    out["job_id"] = s.job_id.empty() ? json() : json(s.job_id);
    out["gpus_per_run"] = s.options.gpus_per_run;
    out["cpus_per_run"] = s.options.cpus_per_run;
    out["tasks_per_run"] = s.options.tasks_per_run;
    std::cout << out.dump() << "\n";
    return;
  }
  if (s.run_count == 0) {
    std::printf(
        "sweep %s: nothing to submit: %lld of %lld runs finished, %lld pending or running "
        "in Slurm (longtail sweep status --sweep %s)\n",
        s.sweep_id.c_str(), static_cast<long long>(s.finished), static_cast<long long>(s.runs),
        static_cast<long long>(s.in_slurm), s.sweep_id.c_str());
    return;
  }
  if (options.dry_run) {
    std::printf("%s", s.script_text.c_str());
    std::fprintf(stderr, "sweep %s: the job script for %lld of %lld runs is %s (not submitted)\n",
                 s.sweep_id.c_str(), static_cast<long long>(s.run_count),
                 static_cast<long long>(s.runs), s.script.c_str());
    return;
  }
  std::printf("sweep %s: job %s, %lld of %lld runs as array tasks (script %s)\n",
              s.sweep_id.c_str(), s.job_id.c_str(), static_cast<long long>(s.run_count),
              static_cast<long long>(s.runs), s.script.c_str());
  std::printf(
      "longtail sweep status --sweep %s shows them; results come home with longtail "
      "sweep collect --sweep %s\n",
      s.sweep_id.c_str(), s.sweep_id.c_str());
}

struct ExecCliOptions {
  std::string sweep;
  int64_t task = -1;
  std::string device = "auto";
  int64_t threads = 0;
  int64_t dist_timeout_s = 300;
};

void exec_command(const ExecCliOptions& o) {
  int64_t task = o.task;
  if (task < 0) {
    const char* id = std::getenv("SLURM_ARRAY_TASK_ID");
    if (id == nullptr) {
      throw_setting(
          "--task N is needed outside a Slurm array task (SLURM_ARRAY_TASK_ID is not set)");
    }
    task = std::atoll(id);
  }
  if (o.sweep.empty() || !fs::is_directory(o.sweep)) {
    throw_setting("--sweep must be the sweep's folder (the one `sweep submit` printed), not \"" +
                  o.sweep + "\"");
  }
  // Under srun with several tasks (submit --tasks-per-run), every process joins the run's
  // rendezvous exactly as `longtail train` does under srun, and they train it data-parallel.
  std::shared_ptr<DataParallel> joined;
  const JoinRun join = [&](const std::function<RunConfig()>& run_config) {
    DistributedFlags flags;
    flags.timeout_s = o.dist_timeout_s;
    joined = join_training_run(flags, run_config);
    return joined;
  };
  const RunOutcome outcome = exec_sweep_task(
      o.sweep, task, o.device, o.threads, [] { return !interrupted(); },
      [](const std::string& line) { std::fprintf(stderr, "%s\n", line.c_str()); }, join);
  if (joined && joined->rank() != 0) {
    // Rank 0 says what became of the run; the others fail (and so fail the task) only with it.
    if (outcome.state == "failed") {
      throw_data("rank " + std::to_string(joined->rank()) + ": " + outcome.message);
    }
    if (outcome.state != "finished") throw Cancelled();
    return;
  }
  if (outcome.state == "finished") {
    std::printf("finished: %s\n", outcome.result_json.c_str());
  } else if (outcome.state == "failed") {
    throw_data("the run failed: " + outcome.message);
  } else {
    std::fprintf(stderr,
                 "sweep exec: stopped; its checkpoint stays, the next task of this run "
                 "resumes from it\n");
    throw Cancelled();
  }
}

struct CollectCliOptions {
  std::string sweep;
  std::string store;
  bool json = false;
};

void collect_command(const CollectCliOptions& o) {
  const std::string store = store_path(o.store);
  if (!fs::exists(store)) throw_io("there is no run store at " + store + "; nothing to collect");
  SweepQueue queue(store);
  const auto sweep = queue.find(sweep_id_of(o.sweep));
  if (!sweep) throw_io("no sweep " + o.sweep + " in the run store " + store);
  const CollectSummary c = collect_sweep(store, sweep->id);
  if (o.json) {
    std::cout
        << json{{"sweep_id", c.sweep_id},      {"collected", c.collected}, {"failed", c.failed},
                {"finished", c.finished},      {"runs", c.runs},           {"failures", c.failures},
                {"slurm_error", c.slurm_error}}
               .dump()
        << "\n";
    return;
  }
  std::printf("sweep %s: %lld runs brought into the store now, %lld of %lld finished in all",
              c.sweep_id.c_str(), static_cast<long long>(c.collected),
              static_cast<long long>(c.finished), static_cast<long long>(c.runs));
  std::printf("%s\n", c.failed > 0 ? (", " + std::to_string(c.failed) + " failed:").c_str() : "");
  for (const auto& f : c.failures) std::printf("  %s\n", f.c_str());
  if (!c.slurm_error.empty())
    std::printf("  (Slurm's states are the last known: %s)\n", c.slurm_error.c_str());
}

}  // namespace

std::string collect_if_in_slurm(const std::string& store, const std::string& sweep) {
  const std::string id = sweep_id_of(sweep);
  if (!fs::exists(store)) return id;
  SweepQueue queue(store);
  const auto record = queue.find(id);
  if (!record) return id;
  if (sweep_in_slurm(store, record->id)) collect_sweep(store, record->id);
  return record->id;
}

namespace {

// The sweep's state while Slurm holds some of its runs: "running in slurm" or "pending in slurm";
// else what the queue says.
std::string slurm_sweep_state(const std::map<std::string, SlurmRunState>& states,
                              const std::string& queue_state) {
  bool running = false, pending = false;
  for (const auto& [key, s] : states) {
    running = running || s.state == "running";
    pending = pending || s.state == "pending";
  }
  return running ? "running in slurm" : pending ? "pending in slurm" : queue_state;
}

}  // namespace

void add_slurm_states(json& status, const std::string& store) {
  const std::string sweep_id = status.value("sweep_id", "");
  const auto states = slurm_run_states(store, sweep_id);
  if (states.empty()) return;
  std::map<std::string, std::map<std::string, int64_t>> jobs;
  for (auto& run : status["runs"]) {
    const auto it = states.find(run.value("key", ""));
    if (it == states.end()) continue;
    const SlurmRunState& s = it->second;
    run["queue_state"] = run["state"];
    run["state"] = s.state;
    run["job_id"] = s.job_id;
    run["task"] = s.task;
    run["slurm_state"] = s.slurm;
    run["slurm_reason"] = s.reason;
    ++jobs[s.job_id][s.state];
  }
  json list = json::array();
  for (const auto& [job, counts] : jobs) list.push_back(json{{"job_id", job}, {"tasks", counts}});
  status["slurm_jobs"] = list;
  status["state"] = slurm_sweep_state(states, status.value("state", ""));
}

void apply_slurm_states(SweepStatus& status, const std::string& store) {
  const auto states = slurm_run_states(store, status.sweep_id);
  for (auto& run : status.runs) {
    const auto it = states.find(run.key);
    if (it == states.end()) continue;
    const SlurmRunState& s = it->second;
    const std::string task = "task " + s.job_id + "_" + std::to_string(s.task) +
                             (s.slurm.empty() ? "" : " " + s.slurm) +
                             (s.reason.empty() ? "" : " (" + s.reason + ")");
    run.message = run.message.empty() ? task : task + ": " + run.message;
    run.state = s.state;
  }
  status.state = slurm_sweep_state(states, status.state);
}

std::string slurm_status_text(const std::string& store, const std::string& sweep_id) {
  const auto states = slurm_run_states(store, sweep_id);
  std::map<std::string, std::map<std::string, int64_t>> jobs;
  for (const auto& [key, s] : states) ++jobs[s.job_id][s.state];
  std::string out;
  for (const auto& [job, counts] : jobs) {
    std::string parts;
    for (const auto& [state, n] : counts) {
      parts += (parts.empty() ? "" : ", ") + std::to_string(n) + " " + state;
    }
    out += "Slurm job " + job + ": " + parts + "\n";
  }
  return out;
}

void add_sweep_slurm_commands(CLI::App* sweep, std::function<void()>& action) {
  auto s = std::make_shared<SubmitCliOptions>();
  CLI::App* submit = sweep->add_subcommand(
      "submit",
      "send a sweep to a cluster as a job array (one run per task; results stay in the "
      "run folders until `sweep collect`)");
  submit->add_option("plan", s->plan_path, "the plan (JSON)");
  submit->add_option(
      "--preset", s->preset,
      "a named plan: paper-cifar10 (GPU), fmnist-quick or methods-fmnist (every method)");
  submit->add_option("--source", s->source, "use this source instead of the plan's");
  submit->add_flag("--slurm", s->slurm, "submit to Slurm with sbatch");
  submit->add_option("--out", s->submit.out,
                     "where a new sweep's folder goes (on a file system the compute nodes share; "
                     "default: sweeps/ beside the store)");
  submit->add_option("--partition", s->submit.slurm.partition, "Slurm partition");
  submit->add_option("--gpus-per-run", s->submit.slurm.gpus_per_run,
                     "GPUs of each task (default: 1 for GPU plans, else 0)");
  submit->add_option("--tasks-per-run", s->submit.slurm.tasks_per_run,
                     "processes that train each run together, data-parallel, started by srun on "
                     "one node (default: one per GPU of --gpus-per-run, else 1)");
  submit->add_option("--cpus-per-run", s->submit.slurm.cpus_per_run,
                     "CPU cores of each run, shared evenly by its processes as their torch "
                     "threads (default: 4 with a GPU, else 2, per process)");
  submit->add_option("--mem", s->submit.slurm.mem, "memory of each task, e.g. 32G");
  submit->add_option("--time", s->submit.slurm.time, "time limit of each task, e.g. 24:00:00");
  submit->add_option("--max-running", s->submit.slurm.max_running,
                     "at most K tasks at once (--array=...%K)");
  submit->add_option("--account", s->submit.slurm.account, "Slurm account");
  submit->add_option("--qos", s->submit.slurm.qos, "Slurm QOS");
  submit->add_option("--sbatch-arg", s->submit.slurm.sbatch_args,
                     "one more #SBATCH line, e.g. --sbatch-arg=--constraint=a100 (repeatable)");
  submit
      ->add_option("--device", s->submit.device,
                   "auto (cuda for GPU plans), cpu or cuda; a task uses the GPU Slurm gives it")
      ->capture_default_str();
  submit->add_flag("--dry-run", s->submit.dry_run,
                   "write the job script and print it; submit nothing");
  add_store_option(submit, s->store);
  add_json_flag(submit, s->json);
  submit->callback([&action, s] { action = [s] { submit_command(*s); }; });

  auto e = std::make_shared<ExecCliOptions>();
  CLI::App* exec = sweep->add_subcommand(
      "exec", "run one run of a submitted sweep here (what each Slurm array task does)");
  exec->add_option("--sweep", e->sweep, "the sweep's folder")->required();
  exec->add_option("--task", e->task,
                   "the run's position in the sweep (default: SLURM_ARRAY_TASK_ID)");
  add_device_option(exec, e->device);
  add_threads_option(exec, e->threads, "torch CPU threads (0: all cores)");
  exec->add_option("--dist-timeout", e->dist_timeout_s,
                   "under srun with several tasks: seconds to wait for the run's other "
                   "processes, at the start and at each exchange, before the task fails")
      ->capture_default_str()
      ->check(CLI::Range(int64_t(1), int64_t(24 * 3600)));
  exec->callback([&action, e] { action = [e] { exec_command(*e); }; });

  auto c = std::make_shared<CollectCliOptions>();
  CLI::App* collect = sweep->add_subcommand(
      "collect",
      "bring the runs Slurm finished into the store (idempotent; status and report do "
      "it too)");
  collect->add_option("--sweep", c->sweep, "the sweep's id, a prefix of it, or its folder");
  add_store_option(collect, c->store);
  add_json_flag(collect, c->json);
  collect->callback([&action, c] { action = [c] { collect_command(*c); }; });
}

}  // namespace lt::cli
