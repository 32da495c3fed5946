#include "sweep/sweep_queue.h"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "data/design_json.h"
#include "store/run_store.h"
#include "store/sqlite_db.h"
#include "util/error.h"
#include "util/host_name.h"

namespace lt {
namespace fs = std::filesystem;

namespace {

using json = nlohmann::ordered_json;

// The queue's own tables beside the run store's, versioned on their own in sweep_meta so that
// the store's schema (and its migrations) stay as they are.
constexpr int kQueueSchemaVersion = 1;

const char* const kQueueSchema = R"sql(
CREATE TABLE IF NOT EXISTS sweep_meta(
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sweeps(
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  dir TEXT NOT NULL,
  plan_json TEXT NOT NULL,
  request TEXT NOT NULL DEFAULT '',
  created TEXT NOT NULL,
  updated TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sweep_variants(
  sweep_id TEXT NOT NULL REFERENCES sweeps(id) ON DELETE CASCADE,
  variant_id TEXT NOT NULL,
  twin_of TEXT NOT NULL,
  balanced_twin INTEGER NOT NULL,
  ratio REAL NOT NULL,
  sample REAL NOT NULL,
  design_json TEXT NOT NULL,
  path TEXT NOT NULL,
  PRIMARY KEY(sweep_id, variant_id));
CREATE TABLE IF NOT EXISTS sweep_runs(
  sweep_id TEXT NOT NULL REFERENCES sweeps(id) ON DELETE CASCADE,
  run_key TEXT NOT NULL,
  position INTEGER NOT NULL,
  variant_id TEXT NOT NULL,
  method TEXT NOT NULL,
  seed INTEGER NOT NULL,
  balanced INTEGER NOT NULL,
  ratio REAL NOT NULL,
  sample REAL NOT NULL,
  config_json TEXT NOT NULL,
  probes_json TEXT NOT NULL,
  run_dir TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'queued',
  message TEXT NOT NULL DEFAULT '',
  result_json TEXT NOT NULL DEFAULT '',
  pid INTEGER NOT NULL DEFAULT 0,
  host TEXT NOT NULL DEFAULT '',
  worker TEXT NOT NULL DEFAULT '',
  attempts INTEGER NOT NULL DEFAULT 0,
  interruptions INTEGER NOT NULL DEFAULT 0,
  updated TEXT NOT NULL DEFAULT '',
  PRIMARY KEY(sweep_id, run_key));
)sql";

// Liveness of a claim beyond its pid (added to queues made before, by ensure_liveness_columns):
// the claiming process's start time (/proc/PID/stat, clock ticks since boot), so a reused pid
// is not taken for the claimant, and the runner's heartbeat (Unix seconds).
const char* const kLivenessColumns[] = {"pid_start", "heartbeat"};

constexpr const char* kNowSeconds = "CAST(strftime('%s', 'now') AS INTEGER)";

constexpr const char* kNow = "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')";

constexpr const char* kRunColumns =
    "sweep_id, run_key, position, variant_id, method, seed, balanced, ratio, sample, config_json, "
    "probes_json, run_dir, state, message, result_json, pid, host, worker, attempts, "
    "interruptions, updated, pid_start, heartbeat";

QueuedRun read_run(const Statement& s) {
  QueuedRun r;
  r.sweep_id = s.text(0);
  r.key = s.text(1);
  r.position = s.int64(2);
  r.variant = s.text(3);
  r.method = s.text(4);
  r.seed = s.int64(5);
  r.balanced = s.int64(6) != 0;
  r.ratio = s.real(7);
  r.sample = s.real(8);
  r.config_json = s.text(9);
  r.probes_json = s.text(10);
  r.run_dir = s.text(11);
  r.state = s.text(12);
  r.message = s.text(13);
  r.result_json = s.text(14);
  r.pid = s.int64(15);
  r.host = s.text(16);
  r.worker = s.text(17);
  r.attempts = s.int64(18);
  r.interruptions = s.int64(19);
  r.updated = s.text(20);
  r.pid_start = s.int64(21);
  r.heartbeat = s.int64(22);
  if ((r.state == "running" || r.state == "evaluating") &&
      claim_is_dead(ClaimLiveness{r.pid, r.host, r.pid_start, r.heartbeat})) {
    r.state = "interrupted";
  }
  return r;
}

SweepRecord read_sweep(const Statement& s) {
  return {s.text(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5), s.text(6)};
}

constexpr const char* kSweepColumns = "id, name, dir, plan_json, request, created, updated";

}  // namespace

bool claim_is_dead(int64_t pid, const std::string& host) {
  if (pid <= 0) return true;
  if (host != current_host()) return false;
  return kill(static_cast<pid_t>(pid), 0) == -1 && errno == ESRCH;
}

int64_t process_start_time(int64_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // The command name (field 2) may hold spaces and parentheses: count fields after the last ')'.
  const auto close = text.rfind(')');
  if (close == std::string::npos) return 0;
  std::istringstream fields(text.substr(close + 1));
  std::string field;
  for (int index = 3; fields >> field; ++index) {
    if (index == 22) {
      try {
        return std::stoll(field);
      } catch (const std::exception&) {
        return 0;
      }
    }
  }
  return 0;
}

bool claim_is_dead(const ClaimLiveness& claim, int64_t heartbeat_timeout_s) {
  if (claim.heartbeat > 0 && int64_t(std::time(nullptr)) - claim.heartbeat > heartbeat_timeout_s) {
    return true;  // its runner stopped beating: hung, rebooted, or on a host we cannot see
  }
  if (claim_is_dead(claim.pid, claim.host)) return true;
  // A living pid of this host that started at another time is another process (pid reuse).
  if (claim.pid_start > 0 && claim.host == current_host()) {
    return process_start_time(claim.pid) != claim.pid_start;
  }
  return false;
}

std::string probes_to_json(const std::vector<EvalRequest>& probes) {
  json out = json::array();
  for (const auto& p : probes) {
    out.push_back(json{{"probe", p.probe},
                       {"mode", p.mode},
                       {"target", p.target},
                       {"train_per_class", p.train_per_class},
                       {"test_per_class", p.test_per_class},
                       {"options",
                        {{"epochs", p.options.epochs},
                         {"batch_size", p.options.batch_size},
                         {"lr", p.options.lr},
                         {"momentum", p.options.momentum},
                         {"weight_decay", p.options.weight_decay},
                         {"milestones", p.options.milestones},
                         {"standardize", p.options.standardize},
                         {"seed", p.options.seed}}}});
  }
  return out.dump();
}

std::vector<EvalRequest> probes_from_json(const std::string& text) {
  std::vector<EvalRequest> out;
  try {
    for (const auto& j : nlohmann::json::parse(text)) {
      EvalRequest p;
      p.probe = j.at("probe").get<std::string>();
      p.mode = j.at("mode").get<std::string>();
      p.target = j.at("target").get<std::string>();
      p.train_per_class = j.at("train_per_class").get<int64_t>();
      p.test_per_class = j.at("test_per_class").get<int64_t>();
      const auto& o = j.at("options");
      p.options.epochs = o.at("epochs").get<int64_t>();
      p.options.batch_size = o.at("batch_size").get<int64_t>();
      p.options.lr = o.at("lr").get<double>();
      p.options.momentum = o.at("momentum").get<double>();
      p.options.weight_decay = o.at("weight_decay").get<double>();
      p.options.milestones = o.at("milestones").get<std::vector<double>>();
      p.options.standardize = o.at("standardize").get<bool>();
      p.options.seed = o.at("seed").get<uint64_t>();
      out.push_back(p);
    }
  } catch (const nlohmann::json::exception& e) {
    throw_format(std::string("the probes of a queued run are damaged (") + e.what() +
                 "); register the sweep again");
  }
  return out;
}

namespace {

// Queues made before claims recorded their liveness get the columns (older runners ignore them).
void ensure_liveness_columns(SqliteDb& db) {
  const auto missing = [&] {
    std::vector<std::string> out;
    for (const char* column : kLivenessColumns) {
      Statement s(db, "SELECT count(*) FROM pragma_table_info('sweep_runs') WHERE name = ?1");
      s.bind(1, std::string(column));
      if (s.step() && s.int64(0) == 0) out.push_back(column);
    }
    return out;
  };
  if (missing().empty()) return;
  Transaction t(db);
  for (const auto& column : missing()) {
    db.exec("ALTER TABLE sweep_runs ADD COLUMN " + column + " INTEGER NOT NULL DEFAULT 0");
  }
  t.commit();
}

}  // namespace

SweepQueue::SweepQueue(const std::string& store_path) : store_path_(store_path) {
  // The run store first: it makes the file, applies its migrations and checks it is ours.
  { RunStore store(store_path); }
  db_ = std::make_unique<SqliteDb>(store_path, false);
  db_->exec("PRAGMA foreign_keys=ON");
  db_->exec("PRAGMA synchronous=NORMAL");
  // Readers (a GUI polling the status) take no write lock once the tables are there.
  const auto version = [&]() -> int64_t {
    Statement exists(*db_, "SELECT count(*) FROM sqlite_master WHERE name = 'sweep_meta'");
    if (!exists.step() || exists.int64(0) == 0) return 0;
    Statement s(*db_, "SELECT value FROM sweep_meta WHERE name = 'schema_version'");
    return s.step() ? std::stoll(s.text(0)) : 0;
  };
  int64_t found = version();
  if (found < kQueueSchemaVersion) {
    Transaction t(*db_);
    db_->exec(kQueueSchema);
    found = version();
    if (found < kQueueSchemaVersion) {
      Statement s(*db_,
                  "INSERT INTO sweep_meta(name, value) VALUES('schema_version', ?1) "
                  "ON CONFLICT(name) DO UPDATE SET value = ?1");
      s.bind(1, std::to_string(kQueueSchemaVersion)).run();
      found = kQueueSchemaVersion;
    }
    t.commit();
  }
  if (found > kQueueSchemaVersion) {
    throw_format("the sweep queue in " + store_path + " has version " + std::to_string(found) +
                 ", made by a newer LongTail Lab; update LongTail Lab or pass another --store");
  }
  ensure_liveness_columns(*db_);
}

SweepQueue::~SweepQueue() = default;

SweepRecord SweepQueue::register_sweep(const SweepPlan& plan, const SweepExpansion& x,
                                       const std::string& dir_given) {
  std::error_code ec;
  const std::string dir = fs::weakly_canonical(fs::absolute(dir_given), ec).string();
  Transaction t(*db_);
  {
    Statement s(*db_, (std::string("INSERT INTO sweeps(id, name, dir, plan_json, created, updated) "
                                   "VALUES(?1, ?2, ?3, ?4, ") +
                       kNow + ", " + kNow + ") ON CONFLICT(id) DO UPDATE SET updated = " + kNow)
                          .c_str());
    s.bind(1, x.sweep_id).bind(2, plan.name).bind(3, ec ? dir_given : dir);
    s.bind(4, plan_to_json(plan)).run();
  }
  std::string kept_dir;
  {
    Statement s(*db_, "SELECT dir FROM sweeps WHERE id = ?1");
    s.bind(1, x.sweep_id);
    if (s.step()) kept_dir = s.text(0);
  }
  const fs::path root(kept_dir);
  std::map<std::string, std::string> variant_paths;
  {
    Statement s(*db_,
                "INSERT INTO sweep_variants(sweep_id, variant_id, twin_of, balanced_twin, ratio, "
                "sample, design_json, path) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
                "ON CONFLICT DO NOTHING");
    for (const auto& v : x.variants) {
      const std::string path = (root / "variants" / (v.id + ".json")).string();
      variant_paths[v.id] = path;
      const std::string design = design_to_json(v.design).dump();
      s.bind(1, x.sweep_id).bind(2, v.id).bind(3, v.twin_of).bind(4, int64_t(v.balanced_twin));
      s.bind(5, v.ratio).bind(6, v.sample).bind(7, design).bind(8, path).run();
    }
  }
  {
    const std::string probes = probes_to_json(x.probes);
    Statement s(*db_,
                "INSERT INTO sweep_runs(sweep_id, run_key, position, variant_id, method, seed, "
                "balanced, ratio, sample, config_json, probes_json, run_dir, updated) "
                "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) "
                "ON CONFLICT DO NOTHING");
    int64_t position = 0;
    for (const auto& run : x.runs) {
      RunConfig config = run.config;
      config.variant = variant_paths.at(run.variant);
      // The store names a run by its folder: the plan's name keeps sweeps apart there.
      const std::string run_dir = (root / "runs" / (plan.name + "-" + run.key)).string();
      s.bind(1, x.sweep_id).bind(2, run.key).bind(3, position++).bind(4, run.variant);
      s.bind(5, run.method).bind(6, run.seed).bind(7, int64_t(run.balanced)).bind(8, run.ratio);
      s.bind(9, run.sample).bind(10, config_to_json(config)).bind(11, probes).bind(12, run_dir);
      s.bind(13, std::string()).run();
    }
  }
  t.commit();
  return *find(x.sweep_id);
}

std::vector<SweepRecord> SweepQueue::sweeps() {
  Statement s(*db_, (std::string("SELECT ") + kSweepColumns +
                     " FROM sweeps ORDER BY updated DESC, rowid DESC")
                        .c_str());
  std::vector<SweepRecord> out;
  while (s.step()) out.push_back(read_sweep(s));
  return out;
}

std::optional<SweepRecord> SweepQueue::find(const std::string& id) {
  if (id.empty()) {
    const auto all = sweeps();
    if (all.empty()) return std::nullopt;
    return all.front();
  }
  {
    Statement s(*db_,
                (std::string("SELECT ") + kSweepColumns + " FROM sweeps WHERE id = ?1").c_str());
    s.bind(1, id);
    if (s.step()) return read_sweep(s);
  }
  std::vector<SweepRecord> matches;
  for (auto& sweep : sweeps()) {
    if (sweep.id.rfind(id, 0) == 0) matches.push_back(sweep);
  }
  if (matches.size() > 1) {
    std::string ids;
    for (const auto& m : matches) ids += (ids.empty() ? "" : ", ") + m.id;
    throw_setting("--sweep " + id + " names several sweeps (" + ids + "); give more of the id");
  }
  if (matches.empty()) return std::nullopt;
  return matches.front();
}

void SweepQueue::set_request(const std::string& sweep_id, const std::string& request) {
  Transaction t(*db_);
  Statement s(*db_,
              (std::string("UPDATE sweeps SET request = ?2, updated = ") + kNow + " WHERE id = ?1")
                  .c_str());
  s.bind(1, sweep_id).bind(2, request).run();
  t.commit();
}

std::string SweepQueue::request(const std::string& sweep_id) {
  Statement s(*db_, "SELECT request FROM sweeps WHERE id = ?1");
  s.bind(1, sweep_id);
  return s.step() ? s.text(0) : std::string();
}

std::optional<QueuedRun> SweepQueue::claim(const std::string& sweep_id, const std::string& worker,
                                           int64_t max_interruptions) {
  Transaction t(*db_);
  std::optional<std::string> chosen;
  int64_t interruptions = 0;
  {
    Statement s(*db_,
                "SELECT run_key, state, pid, host, interruptions, pid_start, heartbeat "
                "FROM sweep_runs "
                "WHERE sweep_id = ?1 AND state IN ('queued', 'running', 'evaluating') "
                "ORDER BY position");
    s.bind(1, sweep_id);
    std::vector<std::string> too_often;
    while (s.step()) {
      const std::string state = s.text(1);
      if (state == "queued") {
        chosen = s.text(0);
        interruptions = s.int64(4);
        break;
      }
      if (!claim_is_dead(ClaimLiveness{s.int64(2), s.text(3), s.int64(5), s.int64(6)},
                         heartbeat_timeout_s_)) {
        continue;
      }
      if (s.int64(4) + 1 > max_interruptions) {
        too_often.push_back(s.text(0));
        continue;
      }
      chosen = s.text(0);
      interruptions = s.int64(4) + 1;
      break;
    }
    s.reset();
    Statement fail(*db_, (std::string("UPDATE sweep_runs SET state = 'failed', message = ?3, "
                                      "interruptions = interruptions + 1, updated = ") +
                          kNow + " WHERE sweep_id = ?1 AND run_key = ?2")
                             .c_str());
    for (const auto& key : too_often) {
      fail.bind(1, sweep_id).bind(2, key);
      fail.bind(3, "its process died " + std::to_string(max_interruptions + 1) +
                       " times while running it (killed, or out of memory?); run the sweep "
                       "again with --retry-failed to try once more")
          .run();
    }
  }
  if (!chosen) {
    t.commit();
    return std::nullopt;
  }
  {
    Statement s(*db_,
                (std::string("UPDATE sweep_runs SET state = 'running', pid = ?3, host = ?4, "
                             "worker = ?5, attempts = attempts + 1, interruptions = ?6, "
                             "message = '', pid_start = ?7, heartbeat = ") +
                 kNowSeconds + ", updated = " + kNow + " WHERE sweep_id = ?1 AND run_key = ?2")
                    .c_str());
    s.bind(1, sweep_id).bind(2, *chosen).bind(3, int64_t(getpid())).bind(4, current_host());
    s.bind(5, worker).bind(6, interruptions).bind(7, process_start_time(getpid())).run();
  }
  QueuedRun run;
  {
    Statement s(*db_, (std::string("SELECT ") + kRunColumns +
                       " FROM sweep_runs WHERE sweep_id = ?1 AND run_key = ?2")
                          .c_str());
    s.bind(1, sweep_id).bind(2, *chosen);
    s.step();
    run = read_run(s);
  }
  t.commit();
  return run;
}

namespace {

// An update of a run this process holds; a run taken over by another process is left alone.
void update_held(SqliteDb& db, const std::string& sweep_id, const std::string& key,
                 const std::string& assignments, const std::vector<std::string>& values) {
  Transaction t(db);
  Statement s(db, ("UPDATE sweep_runs SET " + assignments + ", updated = " + kNow +
                   " WHERE sweep_id = ?1 AND run_key = ?2 AND pid = ?3 AND host = ?4")
                      .c_str());
  s.bind(1, sweep_id).bind(2, key).bind(3, int64_t(getpid())).bind(4, current_host());
  for (size_t i = 0; i < values.size(); ++i) s.bind(int(5 + i), values[i]);
  s.run();
  t.commit();
}

}  // namespace

void SweepQueue::set_state(const std::string& sweep_id, const std::string& key,
                           const std::string& state) {
  update_held(*db_, sweep_id, key, "state = ?5", {state});
}

void SweepQueue::finish(const std::string& sweep_id, const std::string& key,
                        const std::string& result_json) {
  update_held(*db_, sweep_id, key, "state = 'finished', message = '', result_json = ?5",
              {result_json});
}

void SweepQueue::fail(const std::string& sweep_id, const std::string& key,
                      const std::string& message) {
  update_held(*db_, sweep_id, key, "state = 'failed', message = ?5", {message});
}

void SweepQueue::release(const std::string& sweep_id, const std::string& key) {
  update_held(*db_, sweep_id, key, "state = 'queued', pid = 0, host = '', worker = ''", {});
}

void SweepQueue::heartbeat(const std::string& sweep_id) {
  Transaction t(*db_);
  Statement s(*db_, (std::string("UPDATE sweep_runs SET heartbeat = ") + kNowSeconds +
                     " WHERE sweep_id = ?1 AND pid = ?2 AND host = ?3 "
                     "AND state IN ('running', 'evaluating')")
                        .c_str());
  s.bind(1, sweep_id).bind(2, int64_t(getpid())).bind(3, current_host()).run();
  t.commit();
}

void SweepQueue::record_outcome(const std::string& sweep_id, const std::string& key,
                                const std::string& state, const std::string& message,
                                const std::string& result_json) {
  Transaction t(*db_);
  Statement s(*db_,
              (std::string("UPDATE sweep_runs SET state = ?3, message = ?4, result_json = ?5, "
                           "pid = 0, host = '', worker = '', updated = ") +
               kNow + " WHERE sweep_id = ?1 AND run_key = ?2")
                  .c_str());
  s.bind(1, sweep_id).bind(2, key).bind(3, state).bind(4, message).bind(5, result_json).run();
  t.commit();
}

int64_t SweepQueue::requeue_failed(const std::string& sweep_id) {
  Transaction t(*db_);
  Statement s(*db_, (std::string("UPDATE sweep_runs SET state = 'queued', pid = 0, host = '', "
                                 "worker = '', interruptions = 0, updated = ") +
                     kNow + " WHERE sweep_id = ?1 AND state = 'failed'")
                        .c_str());
  s.bind(1, sweep_id).run();
  const int64_t changed = db_->changes();
  t.commit();
  return changed;
}

std::vector<QueuedRun> SweepQueue::runs(const std::string& sweep_id) {
  Statement s(*db_, (std::string("SELECT ") + kRunColumns +
                     " FROM sweep_runs WHERE sweep_id = ?1 ORDER BY position")
                        .c_str());
  s.bind(1, sweep_id);
  std::vector<QueuedRun> out;
  while (s.step()) out.push_back(read_run(s));
  return out;
}

std::vector<QueuedVariant> SweepQueue::variants(const std::string& sweep_id) {
  Statement s(*db_,
              "SELECT variant_id, twin_of, balanced_twin, ratio, sample, design_json, path "
              "FROM sweep_variants WHERE sweep_id = ?1 ORDER BY rowid");
  s.bind(1, sweep_id);
  std::vector<QueuedVariant> out;
  while (s.step()) {
    out.push_back(
        {s.text(0), s.text(1), s.int64(2) != 0, s.real(3), s.real(4), s.text(5), s.text(6)});
  }
  return out;
}

}  // namespace lt
