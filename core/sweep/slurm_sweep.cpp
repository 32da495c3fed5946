#include "sweep/slurm_sweep.h"

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "data/design_json.h"
#include "distributed/data_parallel_checks.h"
#include "distributed/rank_zero.h"
#include "experiments/recorded_training.h"
#include "store/run_recording.h"
#include "store/run_store.h"
#include "store/sqlite_db.h"
#include "sweep/slurm_client.h"
#include "sweep/sweep_queue.h"
#include "util/error.h"
#include "util/file_io.h"
#include "util/host_name.h"

namespace fs = std::filesystem;

namespace lt {
namespace {

using json = nlohmann::ordered_json;

// Each run's latest Slurm submission, beside the queue's tables in the store.
const char* const kSlurmSchema = R"sql(
CREATE TABLE IF NOT EXISTS sweep_slurm_tasks(
  sweep_id TEXT NOT NULL,
  run_key TEXT NOT NULL,
  job_id TEXT NOT NULL,
  task INTEGER NOT NULL,
  state TEXT NOT NULL,
  slurm TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT '',
  submitted TEXT NOT NULL,
  updated TEXT NOT NULL,
  PRIMARY KEY(sweep_id, run_key));
)sql";

constexpr const char* kNow = "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')";

std::unique_ptr<SqliteDb> open_slurm_table(const std::string& store) {
  auto db = std::make_unique<SqliteDb>(store, false);
  db->exec(kSlurmSchema);
  return db;
}

std::map<std::string, SlurmRunState> read_states(SqliteDb& db, const std::string& sweep_id) {
  std::map<std::string, SlurmRunState> out;
  Statement s(db,
              "SELECT run_key, job_id, task, state, slurm, reason FROM sweep_slurm_tasks "
              "WHERE sweep_id = ?1");
  s.bind(1, sweep_id);
  while (s.step()) {
    out[s.text(0)] = {s.text(0), s.text(1), s.int64(2), s.text(3), s.text(4), s.text(5)};
  }
  return out;
}

void save_state(SqliteDb& db, const std::string& sweep_id, const SlurmRunState& r, bool submitted) {
  Statement s(db, (std::string("INSERT INTO sweep_slurm_tasks(sweep_id, run_key, job_id, task, "
                               "state, slurm, reason, submitted, updated) VALUES(?1, ?2, ?3, ?4, "
                               "?5, ?6, ?7, ") +
                   kNow + ", " + kNow +
                   ") ON CONFLICT(sweep_id, run_key) DO UPDATE SET job_id = ?3, task = ?4, "
                   "state = ?5, slurm = ?6, reason = ?7, updated = " +
                   kNow + (submitted ? std::string(", submitted = ") + kNow : std::string()))
                      .c_str());
  s.bind(1, sweep_id).bind(2, r.key).bind(3, r.job_id).bind(4, r.task).bind(5, r.state);
  s.bind(6, r.slurm).bind(7, r.reason).run();
}

fs::path queue_file(const std::string& sweep_dir) {
  return fs::path(sweep_dir) / "slurm" / "queue.json";
}

fs::path task_file(const std::string& sweep_dir, const std::string& key) {
  return fs::path(sweep_dir) / "slurm" / "tasks" / (key + ".json");
}

std::string utc_now() {
  const std::time_t t = std::time(nullptr);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return text;
}

// What the tasks need of the queue, so that they never open the store.
std::string queue_json(const std::string& sweep_id, const std::string& name,
                       const std::vector<QueuedRun>& runs,
                       const std::vector<QueuedVariant>& variants) {
  json r = json::array();
  for (const auto& q : runs) {
    r.push_back(json{{"position", q.position},
                     {"key", q.key},
                     {"variant", q.variant},
                     {"method", q.method},
                     {"seed", q.seed},
                     {"balanced", q.balanced},
                     {"ratio", q.ratio},
                     {"sample", q.sample},
                     {"run_dir", q.run_dir},
                     {"config", json::parse(q.config_json)},
                     {"probes", json::parse(q.probes_json)}});
  }
  json v = json::array();
  for (const auto& q : variants) {
    v.push_back(json{{"id", q.id},
                     {"twin_of", q.twin_of},
                     {"balanced_twin", q.balanced_twin},
                     {"ratio", q.ratio},
                     {"sample", q.sample},
                     {"design", json::parse(q.design_json)},
                     {"path", q.path}});
  }
  return json{{"format", "longtail-sweep-queue"},
              {"sweep_id", sweep_id},
              {"name", name},
              {"runs", r},
              {"variants", v}}
             .dump(2) +
         "\n";
}

json read_json_file(const fs::path& path, const std::string& what) {
  std::ifstream in(path);
  if (!in) throw_io("cannot read " + path.string() + " (" + what + ")");
  try {
    return json::parse(in);
  } catch (const json::exception& e) {
    throw_format(path.string() + " is not valid JSON (" + e.what() + "); " + what);
  }
}

// The queue's runs and variants as a dry run would register them, for a sweep not in the store:
// the same folders and files as SweepQueue::register_sweep gives them.
void planned_queue(const SweepPlan& plan, const SweepExpansion& x, const std::string& dir,
                   std::vector<QueuedRun>& runs, std::vector<QueuedVariant>& variants) {
  std::map<std::string, std::string> paths;
  for (const auto& v : x.variants) {
    const std::string path = (fs::path(dir) / "variants" / (v.id + ".json")).string();
    paths[v.id] = path;
    variants.push_back({v.id, v.twin_of, v.balanced_twin, v.ratio, v.sample,
                        design_to_json(v.design).dump(), path});
  }
  const std::string probes = probes_to_json(x.probes);
  int64_t position = 0;
  for (const auto& spec : x.runs) {
    RunConfig config = spec.config;
    config.variant = paths.at(spec.variant);
    QueuedRun q;
    q.sweep_id = x.sweep_id;
    q.key = spec.key;
    q.position = position++;
    q.variant = spec.variant;
    q.method = spec.method;
    q.seed = spec.seed;
    q.balanced = spec.balanced;
    q.ratio = spec.ratio;
    q.sample = spec.sample;
    q.config_json = config_to_json(config);
    q.probes_json = probes;
    q.run_dir = (fs::path(dir) / "runs" / (plan.name + "-" + spec.key)).string();
    q.state = "queued";
    runs.push_back(q);
  }
}

std::string task_name(const std::string& job_id, int64_t task) {
  return job_id + "_" + std::to_string(task);
}

// The processes of each run (one per GPU unless told otherwise) and their cores; refuses, before
// anything is queued, what a run's processes could not train together.
void resolve_processes_per_run(SlurmOptions& o, const SweepExpansion& x) {
  if (o.tasks_per_run < 0) throw_setting("--tasks-per-run must be positive");
  const int64_t gpus = o.gpus_per_run;
  if (o.tasks_per_run == 0) o.tasks_per_run = gpus > 1 ? gpus : 1;
  const int64_t n = o.tasks_per_run;
  if (gpus > 0 && n != gpus) {
    throw_setting("--tasks-per-run " + std::to_string(n) + " with --gpus-per-run " +
                  std::to_string(gpus) +
                  ": each process of a run takes one GPU of its own (NCCL cannot share one); "
                  "give --gpus-per-run " +
                  std::to_string(n) + " too, or leave --tasks-per-run out (one process per GPU)");
  }
  if (o.cpus_per_run == 0) o.cpus_per_run = (gpus > 0 ? 4 : 2) * n;
  if (o.cpus_per_run % n != 0) {
    throw_setting("--cpus-per-run " + std::to_string(o.cpus_per_run) +
                  " does not split among the " + std::to_string(n) +
                  " processes of a run (each gets cpus-per-run / tasks-per-run cores and "
                  "threads); give a multiple of " +
                  std::to_string(n));
  }
  if (n == 1) return;
  require_distributed(n);  // the tasks run this very longtail
  for (const auto& run : x.runs) {
    try {
      check_method_runs_data_parallel(run.config.method.name, n);
    } catch (const Error&) {
      throw_setting("run " + run.key + " cannot be trained by " + std::to_string(n) +
                    " processes (--tasks-per-run " + std::to_string(n) + "): method " +
                    run.config.method.name +
                    " does not run data-parallel; submit the plan with --tasks-per-run 1, or "
                    "without " +
                    run.config.method.name + " in its methods");
    }
  }
  for (const auto& run : x.runs) {
    try {
      check_batch_splits(run.config.batch_size, n);
    } catch (const Error& e) {
      throw_setting("run " + run.key + " (--tasks-per-run " + std::to_string(n) + "): " + e.what());
    }
  }
}

}  // namespace

std::string sweep_id_of(const std::string& sweep) {
  if (sweep.empty() || !fs::is_directory(sweep)) return sweep;
  const fs::path queue = queue_file(sweep);
  if (fs::exists(queue)) {
    return read_json_file(queue, "the sweep's queue for its Slurm tasks").at("sweep_id");
  }
  // A folder of `sweep run` (out/<sweep id>) holds plan.json.
  if (fs::exists(fs::path(sweep) / "plan.json")) {
    return fs::weakly_canonical(fs::absolute(sweep)).filename().string();
  }
  throw_setting("--sweep " + sweep +
                " is a folder but not a sweep's (no plan.json nor slurm/queue.json in it); give "
                "the sweep's folder or its id");
}

SlurmSubmission submit_sweep_to_slurm(const SweepPlan& plan, const SlurmSubmitOptions& o) {
  // An empty folder would put the runs in the current directory, where nobody looks.
  if (o.out.empty())
    throw_setting("no output folder: give --out (the CLI defaults it beside the run store)");
  if (o.device != "auto" && o.device != "cpu" && o.device != "cuda") {
    throw_setting(
        "--device must be auto, cpu or cuda for a Slurm sweep (a task uses the GPU "
        "Slurm gives it, as cuda:0)");
  }
  if (o.slurm.max_running < 0) throw_setting("--max-running must be 0 (no limit) or positive");
  if (o.slurm.gpus_per_run < -1) throw_setting("--gpus-per-run must be 0 or positive");
  if (o.slurm.cpus_per_run < 0) throw_setting("--cpus-per-run must be positive");
  if (o.longtail.empty() || !fs::path(o.longtail).is_absolute()) {
    throw_setting("the job script needs the absolute path of longtail, not \"" + o.longtail + "\"");
  }
  const SweepExpansion x = expand(plan);
  SlurmSubmission out;
  out.options = o.slurm;
  const bool gpu_plan =
      o.device == "cuda" || (o.device == "auto" && plan.pretrain_preset_name != "cpu" &&
                             plan.pretrain_preset_name != "smoke");
  if (out.options.gpus_per_run < 0) out.options.gpus_per_run = gpu_plan ? 1 : 0;
  resolve_processes_per_run(out.options, x);

  std::vector<QueuedRun> runs;
  std::vector<QueuedVariant> variants;
  std::map<std::string, SlurmRunState> states;
  std::string dir;
  const bool known = store_wanted(o.store) && fs::exists(o.store) &&
                     SweepQueue(o.store).find(x.sweep_id).has_value() &&
                     SweepQueue(o.store).find(x.sweep_id)->id == x.sweep_id;
  if (o.dry_run && !known) {
    std::error_code ec;
    dir = fs::weakly_canonical(fs::absolute(fs::path(o.out) / x.sweep_id), ec).string();
    planned_queue(plan, x, dir, runs, variants);
  } else {
    if (!store_wanted(o.store)) {
      throw_setting("a sweep keeps its queue in the run store: give --store a file (not none)");
    }
    if (known && !o.dry_run) collect_sweep(o.store, x.sweep_id);  // what Slurm finished since
    SweepQueue queue(o.store);
    const SweepRecord sweep =
        o.dry_run ? *queue.find(x.sweep_id)
                  : queue.register_sweep(plan, x, (fs::path(o.out) / x.sweep_id).string());
    dir = sweep.dir;
    runs = queue.runs(sweep.id);
    variants = queue.variants(sweep.id);
    states = read_states(*open_slurm_table(o.store), sweep.id);
  }
  out.sweep_id = x.sweep_id;
  out.sweep_dir = dir;
  out.runs = int64_t(runs.size());

  std::vector<int64_t> positions;
  std::vector<const QueuedRun*> chosen;
  for (const auto& run : runs) {
    if (run.state == "finished") {
      ++out.finished;
      continue;
    }
    const auto it = states.find(run.key);
    if (it != states.end() && (it->second.state == "pending" || it->second.state == "running")) {
      ++out.in_slurm;
      continue;
    }
    positions.push_back(run.position);
    chosen.push_back(&run);
  }
  out.run_count = int64_t(positions.size());

  std::error_code ec;
  fs::create_directories(fs::path(dir) / "slurm" / "tasks", ec);
  if (ec) throw_io("cannot create the sweep's folder " + dir + ": " + ec.message());
  write_file_atomically((fs::path(dir) / "plan.json").string(), plan_to_json(plan) + "\n");
  write_file_atomically(queue_file(dir).string(),
                        queue_json(x.sweep_id, plan.name, runs, variants));
  if (positions.empty()) return out;

  SlurmScriptInput input;
  input.sweep_id = x.sweep_id;
  input.sweep_name = plan.name;
  input.sweep_dir = dir;
  input.longtail = o.longtail;
  input.positions = positions;
  input.options = out.options;
  input.device = out.options.gpus_per_run > 0 ? "cuda:0" : "cpu";
  out.script_text = slurm_job_script(input);
  out.script = (fs::path(dir) / "slurm" / "sweep.sbatch").string();
  write_file_atomically(out.script, out.script_text);
  fs::permissions(out.script, fs::perms::owner_exec | fs::perms::group_exec, fs::perm_options::add,
                  ec);
  if (o.dry_run) return out;

  // A resubmitted run starts afresh in the queue (its checkpoint stays); its old task's file
  // would otherwise be read as this submission's.
  for (const QueuedRun* run : chosen) fs::remove(task_file(dir, run->key), ec);
  {
    SweepQueue queue(o.store);
    queue.set_request(x.sweep_id, "");  // submitting again is going on: a cancel is over
    for (const QueuedRun* run : chosen) {
      if (run->state != "queued") queue.record_outcome(x.sweep_id, run->key, "queued", "", "");
    }
  }
  out.job_id = sbatch_submit(out.script);
  write_file_atomically((fs::path(dir) / "slurm" / ("job-" + out.job_id + ".sbatch")).string(),
                        out.script_text);
  auto db = open_slurm_table(o.store);
  Transaction t(*db);
  for (const QueuedRun* run : chosen) {
    save_state(*db, x.sweep_id, {run->key, out.job_id, run->position, "pending", "PENDING", ""},
               true);
  }
  t.commit();
  return out;
}

RunOutcome exec_sweep_task(const std::string& sweep_dir, int64_t position,
                           const std::string& device, int64_t threads,
                           const std::function<bool()>& keep_going,
                           const std::function<void(const std::string&)>& given_log,
                           const JoinRun& join_run) {
  const json queue = read_json_file(queue_file(sweep_dir),
                                    "written by `longtail sweep submit`; submit the sweep again");
  QueuedRun run;
  bool found = false;
  for (const auto& r : queue.at("runs")) {
    if (r.at("position").get<int64_t>() != position) continue;
    run.sweep_id = queue.at("sweep_id");
    run.position = position;
    run.key = r.at("key");
    run.variant = r.at("variant");
    run.method = r.at("method");
    run.seed = r.at("seed");
    run.balanced = r.at("balanced");
    run.ratio = r.at("ratio");
    run.sample = r.at("sample");
    run.run_dir = r.at("run_dir");
    run.config_json = r.at("config").dump();
    run.probes_json = r.at("probes").dump();
    found = true;
  }
  if (!found) {
    throw_setting("--task " + std::to_string(position) + ": the sweep in " + sweep_dir + " has " +
                  std::to_string(queue.at("runs").size()) + " runs, numbered from 0");
  }
  std::vector<QueuedVariant> variants;
  for (const auto& v : queue.at("variants")) {
    variants.push_back({v.at("id"), v.at("twin_of"), v.at("balanced_twin"), v.at("ratio"),
                        v.at("sample"), v.at("design").dump(), v.at("path")});
  }
  std::shared_ptr<DataParallel> data_parallel;
  if (join_run) {
    data_parallel = join_run([&] {
      RunConfig config = config_from_json(run.config_json, "the queued config of " + run.key);
      config.device = device;
      config.threads = threads;
      return config;
    });
  }
  // The other ranks of a data-parallel run train and say nothing: the task's file and its log
  // lines are rank 0's.
  const bool writes = writes_run_files(data_parallel.get());
  const auto log = writes ? given_log : std::function<void(const std::string&)>();
  const char* job = std::getenv("SLURM_ARRAY_JOB_ID");
  if (job == nullptr) job = std::getenv("SLURM_JOB_ID");
  json record{{"key", run.key},         {"position", position},
              {"state", "running"},     {"message", ""},
              {"result", nullptr},      {"job_id", job ? job : ""},
              {"host", current_host()}, {"pid", int64_t(getpid())},
              {"started", utc_now()},   {"ended", ""}};
  // A requeued or resubmitted task finds its run's checkpoint: say so, in the log and the file.
  try {
    const json info = read_json_file(fs::path(run.run_dir) / "run.json", "");
    if (info.value("status", "") != "finished" && info.value("epochs_done", int64_t(0)) > 0) {
      record["resumed_from_epoch"] = info.value("epochs_done", int64_t(0));
      if (log) {
        log("sweep exec: " + run.key + " resumes from the checkpoint of epoch " +
            std::to_string(info.value("epochs_done", int64_t(0))));
      }
    }
  } catch (const Error&) {
    // No run yet (or a torn run.json): it starts afresh.
  }
  const std::string path = task_file(sweep_dir, run.key).string();
  std::error_code ec;
  if (writes) {
    fs::create_directories(fs::path(path).parent_path(), ec);
    write_file_atomically(path, record.dump(2) + "\n");
  }
  if (log) log("sweep exec: " + run.key + " (task " + std::to_string(position) + ") on " + device);

  ExecuteOptions options;
  options.store = "none";  // the store is the submitter's: collect brings the run there
  options.device = device;
  options.threads = threads;
  options.data_parallel = data_parallel.get();
  int64_t last_epoch = 0;
  const TrainCallback on_train = [&](const TrainProgress& p) {
    if (p.finished_epoch && log && p.epoch != last_epoch) {
      last_epoch = p.epoch;
      log("sweep exec: " + run.key + " epoch " + std::to_string(p.epoch) + "/" +
          std::to_string(p.epochs));
    }
    return keep_going ? keep_going() : true;
  };
  const auto on_stage = [&](const std::string& stage) {
    if (log) log("sweep exec: " + run.key + " " + stage);
    return keep_going ? keep_going() : true;
  };
  const RunOutcome outcome = execute_queued_run(run, variants, options, on_train, on_stage);
  record["state"] = outcome.state;
  record["message"] = outcome.message;
  record["result"] = outcome.result_json.empty() ? json() : json::parse(outcome.result_json);
  record["ended"] = utc_now();
  if (writes) write_file_atomically(path, record.dump(2) + "\n");
  return outcome;
}

bool sweep_in_slurm(const std::string& store, const std::string& sweep_id) {
  if (!store_wanted(store) || !fs::exists(store)) return false;
  auto db = open_slurm_table(store);
  Statement s(*db, "SELECT count(*) FROM sweep_slurm_tasks WHERE sweep_id = ?1");
  s.bind(1, sweep_id);
  return s.step() && s.int64(0) > 0;
}

CollectSummary collect_sweep(const std::string& store, const std::string& sweep_id) {
  SweepQueue queue(store);
  const auto sweep = queue.find(sweep_id);
  if (!sweep) throw_io("no sweep " + sweep_id + " in the run store " + store);
  CollectSummary out;
  out.sweep_id = sweep->id;
  auto db = open_slurm_table(store);
  std::map<std::string, SlurmRunState> states = read_states(*db, sweep->id);
  const std::vector<QueuedRun> runs = queue.runs(sweep->id);

  // A task submitted by hand (the script resubmitted with sbatch) names its job in its file.
  std::map<std::string, json> outcomes;
  for (const auto& run : runs) {
    const fs::path path = task_file(sweep->dir, run.key);
    if (!fs::exists(path)) continue;
    try {
      outcomes[run.key] = read_json_file(path, "");
    } catch (const Error&) {
      continue;  // being written: the next collect reads it
    }
    const json& o = outcomes[run.key];
    const std::string job = o.value("job_id", "");
    auto& known = states[run.key];
    if (!job.empty() && known.job_id != job) {
      known = {run.key, job, run.position, "running", "", ""};
    }
  }
  std::set<std::string> jobs;
  for (const auto& [key, s] : states) {
    if (!s.job_id.empty()) jobs.insert(s.job_id);
  }
  const auto live = slurm_task_states({jobs.begin(), jobs.end()}, &out.slurm_error);

  // No transaction around the loop: the queue and the run store write through connections of
  // their own, which one held here would block.
  RunStore runs_store(store);
  for (const auto& run : runs) {
    ++out.runs;
    auto known_it = states.find(run.key);
    if (known_it == states.end() || known_it->second.job_id.empty()) {
      if (run.state == "finished") ++out.finished;
      continue;
    }
    SlurmRunState& known = known_it->second;
    const std::string name = task_name(known.job_id, known.task);
    const auto now = live.find(name);
    if (now != live.end()) {
      known.state = now->second.state;
      known.slurm = now->second.slurm;
      known.reason = now->second.reason;
    }
    const std::string log = (fs::path(sweep->dir) / "slurm" / (name + ".out")).string();
    const std::string slurm_words = "Slurm: " + (known.slurm.empty() ? known.state : known.slurm) +
                                    (known.reason.empty() ? "" : ", " + known.reason) + ", task " +
                                    name + ", log " + log;
    const auto outcome_it = outcomes.find(run.key);
    const std::string outcome =
        outcome_it == outcomes.end() ? "" : outcome_it->second.value("state", "");

    if (run.state == "finished") {
      ++out.finished;
      if (known.state != "completed" && known.state != "running") known.state = "completed";
    } else if (outcome == "finished") {
      record_run_dir(runs_store, run.run_dir);
      queue.record_outcome(sweep->id, run.key, "finished", "",
                           outcome_it->second.at("result").dump());
      ++out.collected;
      ++out.finished;
      if (known.state != "running") known.state = "completed";
    } else if (outcome == "failed") {
      const std::string message =
          outcome_it->second.value("message", "") + " (" + slurm_words + ")";
      if (run.state != "failed" || run.message != message) {
        queue.record_outcome(sweep->id, run.key, "failed", message, "");
        ++out.failed;
        out.failures.push_back(run.key + ": " + message);
      }
      if (known.state != "running" && known.state != "pending") known.state = "failed";
    } else if (known.state == "failed" || known.state == "completed") {
      // The task ended without saying how its run ended: killed (time limit, memory, node).
      const std::string message = "its Slurm task ended without a result (" + slurm_words +
                                  "); longtail sweep submit runs it again from its checkpoint";
      if (run.state != "failed" || run.message != message) {
        queue.record_outcome(sweep->id, run.key, "failed", message, "");
        ++out.failed;
        out.failures.push_back(run.key + ": " + message);
      }
      known.state = "failed";
    } else if (known.state == "cancelled") {
      const std::string message = "cancelled in Slurm (task " + name +
                                  "); longtail sweep submit runs it again from its checkpoint";
      if (run.message != message) queue.record_outcome(sweep->id, run.key, "queued", message, "");
    } else if (known.state == "running" && fs::exists(fs::path(run.run_dir) / "run.json")) {
      // Its epochs so far, for `sweep status` (the run folder is the truth; recording is
      // idempotent, and the finished run is recorded again when collected).
      try {
        record_run_dir(runs_store, run.run_dir);
      } catch (const Error&) {
      }
    }
    save_state(*db, sweep->id, known, false);
  }
  return out;
}

std::map<std::string, SlurmRunState> slurm_run_states(const std::string& store,
                                                      const std::string& sweep_id) {
  if (!store_wanted(store) || !fs::exists(store)) return {};
  return read_states(*open_slurm_table(store), sweep_id);
}

std::vector<std::string> cancel_sweep_in_slurm(const std::string& store,
                                               const std::string& sweep_id) {
  collect_sweep(store, sweep_id);
  std::set<std::string> jobs;
  for (const auto& [key, s] : slurm_run_states(store, sweep_id)) {
    if (s.state == "pending" || s.state == "running") jobs.insert(s.job_id);
  }
  const std::vector<std::string> ids(jobs.begin(), jobs.end());
  slurm_cancel(ids);
  return ids;
}

}  // namespace lt
