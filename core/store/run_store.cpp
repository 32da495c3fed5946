#include "store/run_store.h"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <filesystem>

#include "store/default_folders.h"
#include "store/sqlite_db.h"
#include "util/error.h"
#include "util/host_name.h"

namespace lt {
namespace fs = std::filesystem;

namespace {

// PRAGMA application_id marks the file as ours ("LTLB").
constexpr int64_t kApplicationId = 0x4C544C42;

const char* const kMigrationV2 = R"sql(
ALTER TABLE runs ADD COLUMN message TEXT NOT NULL DEFAULT '';
ALTER TABLE runs ADD COLUMN pid INTEGER NOT NULL DEFAULT 0;
ALTER TABLE runs ADD COLUMN host TEXT NOT NULL DEFAULT '';
CREATE TABLE artifacts(
  run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  path TEXT NOT NULL,
  PRIMARY KEY(run_id, path));
)sql";

// Tags and a note: what the user says a run is for, so it can be found again.
const char* const kMigrationV3 = R"sql(
ALTER TABLE runs ADD COLUMN note TEXT NOT NULL DEFAULT '';
CREATE TABLE run_tags(
  run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  tag TEXT NOT NULL,
  PRIMARY KEY(run_id, tag));
CREATE INDEX run_tags_by_tag ON run_tags(tag);
)sql";

// A run left "running" by a process of this host that no longer exists was killed.
std::string effective_status(const StoredRun& run) {
  if (run.status != "running" || run.pid <= 0 || run.host != current_host()) return run.status;
  if (kill(static_cast<pid_t>(run.pid), 0) == -1 && errno == ESRCH) return "interrupted";
  return run.status;
}

constexpr const char* kRunColumns =
    "id, dir, status, method, model, source, variant_hash, device, libtorch, git_commit, "
    "config_json, message, created, updated, balanced_twin, seed, total_images, epochs_planned, "
    "epochs_done, pid, host, note, "
    "(SELECT group_concat(tag, char(31)) FROM run_tags WHERE run_tags.run_id = runs.id)";

StoredRun read_run(const Statement& s) {
  StoredRun r;
  int c = 0;
  for (std::string* field :
       {&r.id, &r.dir, &r.status, &r.method, &r.model, &r.source, &r.variant_hash, &r.device,
        &r.libtorch, &r.git_commit, &r.config_json, &r.message, &r.created, &r.updated}) {
    *field = s.text(c++);
  }
  r.balanced_twin = s.int64(c++) != 0;
  r.seed = s.int64(c++);
  r.total_images = s.int64(c++);
  r.epochs_planned = s.int64(c++);
  r.epochs_done = s.int64(c++);
  r.pid = s.int64(c++);
  r.host = s.text(c++);
  r.note = s.text(c++);
  // Tags come joined by the unit separator, which a tag cannot hold.
  const std::string joined = s.text(c++);
  for (size_t start = 0; !joined.empty() && start <= joined.size();) {
    const size_t end = std::min(joined.find('\x1f', start), joined.size());
    r.tags.push_back(joined.substr(start, end - start));
    start = end + 1;
  }
  std::sort(r.tags.begin(), r.tags.end());
  r.status = effective_status(r);
  return r;
}

}  // namespace

const char* const kRunStoreSchemaV1 = R"sql(
CREATE TABLE variants(
  hash TEXT PRIMARY KEY,
  source TEXT NOT NULL,
  balanced_twin INTEGER NOT NULL,
  total_images INTEGER NOT NULL,
  counts_json TEXT NOT NULL);
CREATE TABLE runs(
  id TEXT PRIMARY KEY,
  dir TEXT NOT NULL UNIQUE,
  status TEXT NOT NULL,
  method TEXT NOT NULL DEFAULT '',
  model TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL DEFAULT '',
  variant_hash TEXT NOT NULL DEFAULT '',
  device TEXT NOT NULL DEFAULT '',
  libtorch TEXT NOT NULL DEFAULT '',
  git_commit TEXT NOT NULL DEFAULT '',
  config_json TEXT NOT NULL DEFAULT '',
  created TEXT NOT NULL DEFAULT '',
  updated TEXT NOT NULL DEFAULT '',
  balanced_twin INTEGER NOT NULL DEFAULT 0,
  seed INTEGER NOT NULL DEFAULT 0,
  total_images INTEGER NOT NULL DEFAULT 0,
  epochs_planned INTEGER NOT NULL DEFAULT 0,
  epochs_done INTEGER NOT NULL DEFAULT 0);
CREATE TABLE epochs(
  run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  epoch INTEGER NOT NULL,
  loss REAL,
  lr REAL,
  images_per_s REAL,
  knn_accuracy REAL,
  seconds REAL,
  PRIMARY KEY(run_id, epoch));
CREATE TABLE evaluations(
  run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  probe TEXT NOT NULL,
  data TEXT NOT NULL,
  top1 REAL,
  result_json TEXT NOT NULL,
  created TEXT NOT NULL,
  PRIMARY KEY(run_id, probe));
)sql";

std::string RunStore::default_path() {
  if (const char* env = std::getenv("LONGTAIL_STORE"); env && *env) return env;
  return (fs::path(data_home()) / "runs.sqlite").string();
}

RunStore::RunStore(const std::string& path, bool create) : path_(path) {
  if (create) {
    std::error_code ec;
    const auto parent = fs::path(path).parent_path();
    if (!parent.empty()) fs::create_directories(parent, ec);
    if (ec) throw_io("cannot create the folder of the run store " + path + ": " + ec.message());
  } else if (!fs::exists(path)) {
    throw_io("there is no run store at " + path +
             "; runs are recorded there by longtail train, eval and quick (set it with --store "
             "or LONGTAIL_STORE)");
  }
  db_ = std::make_unique<SqliteDb>(path, create);
  // WAL lets readers (the GUI) go on while one writer (a run) commits.
  db_->exec("PRAGMA journal_mode=WAL");
  db_->exec("PRAGMA synchronous=NORMAL");
  db_->exec("PRAGMA foreign_keys=ON");
  migrate();
}

RunStore::~RunStore() = default;

void RunStore::set_busy_timeout(int milliseconds) {
  db_->set_busy_timeout(milliseconds);
}
RunStore::RunStore(RunStore&&) noexcept = default;

int RunStore::schema_version() const {
  return int(db_->pragma_int("user_version"));
}

void RunStore::migrate() {
  const int64_t application = db_->pragma_int("application_id");
  int64_t version = db_->pragma_int("user_version");
  if (version == kSchemaVersion && application == kApplicationId) return;
  Transaction t(*db_);
  version = db_->pragma_int("user_version");  // again, under the write lock
  if (application != 0 && application != kApplicationId) {
    throw_format(path_ +
                 " is a SQLite database of another program, not a LongTail Lab run "
                 "store; pass another --store");
  }
  if (version == 0) {
    Statement tables(*db_, "SELECT count(*) FROM sqlite_master");
    tables.step();
    if (tables.int64(0) != 0) {
      throw_format(path_ +
                   " is a SQLite database with tables of its own, not a LongTail Lab "
                   "run store; pass another --store");
    }
  }
  if (version > kSchemaVersion) {
    throw_format("the run store " + path_ + " has schema version " + std::to_string(version) +
                 ", made by a newer LongTail Lab (this one knows up to " +
                 std::to_string(kSchemaVersion) + "); update LongTail Lab or pass another --store");
  }
  if (version < 1) db_->exec(kRunStoreSchemaV1);
  if (version < 2) db_->exec(kMigrationV2);
  if (version < 3) db_->exec(kMigrationV3);
  db_->exec("PRAGMA user_version=" + std::to_string(kSchemaVersion));
  db_->exec("PRAGMA application_id=" + std::to_string(kApplicationId));
  t.commit();
}

void RunStore::upsert_variant_locked(const StoredVariant& v) {
  Statement s(*db_,
              "INSERT INTO variants(hash, source, balanced_twin, total_images, counts_json) "
              "VALUES(?1, ?2, ?3, ?4, ?5) ON CONFLICT(hash) DO UPDATE SET source = ?2, "
              "balanced_twin = ?3, total_images = ?4, counts_json = ?5");
  s.bind(1, v.hash).bind(2, v.source).bind(3, int64_t(v.balanced_twin));
  s.bind(4, v.total_images).bind(5, v.counts_json).run();
}

void RunStore::upsert_variant(const StoredVariant& v) {
  Transaction t(*db_);
  upsert_variant_locked(v);
  t.commit();
}

std::string RunStore::upsert_run_locked(const StoredRun& run) {
  std::string id;
  {
    Statement find(*db_, "SELECT id FROM runs WHERE dir = ?1");
    find.bind(1, run.dir);
    if (find.step()) id = find.text(0);
  }
  if (id.empty()) {
    const std::string base = run.id.empty() ? fs::path(run.dir).filename().string() : run.id;
    Statement taken(*db_, "SELECT 1 FROM runs WHERE id = ?1");
    id = base;
    for (int n = 2; taken.bind(1, id).step(); ++n) {
      taken.reset();
      id = base + "-" + std::to_string(n);
    }
    taken.reset();
    Statement insert(*db_, "INSERT INTO runs(id, dir, status) VALUES(?1, ?2, ?3)");
    insert.bind(1, id).bind(2, run.dir).bind(3, run.status).run();
  }
  Statement update(*db_,
                   "UPDATE runs SET status = ?2, method = ?3, model = ?4, source = ?5, "
                   "variant_hash = ?6, device = ?7, libtorch = ?8, git_commit = ?9, "
                   "config_json = ?10, message = ?11, created = ?12, updated = ?13, "
                   "balanced_twin = ?14, seed = ?15, total_images = ?16, epochs_planned = ?17, "
                   "epochs_done = ?18, pid = ?19, host = ?20 WHERE id = ?1");
  update.bind(1, id).bind(2, run.status).bind(3, run.method).bind(4, run.model);
  update.bind(5, run.source).bind(6, run.variant_hash).bind(7, run.device).bind(8, run.libtorch);
  update.bind(9, run.git_commit).bind(10, run.config_json).bind(11, run.message);
  update.bind(12, run.created).bind(13, run.updated).bind(14, int64_t(run.balanced_twin));
  update.bind(15, run.seed).bind(16, run.total_images).bind(17, run.epochs_planned);
  update.bind(18, run.epochs_done).bind(19, run.pid).bind(20, run.host).run();
  return id;
}

std::string RunStore::upsert_run(const StoredRun& run) {
  Transaction t(*db_);
  const std::string id = upsert_run_locked(run);
  t.commit();
  return id;
}

void RunStore::set_epochs_locked(const std::string& run_id,
                                 const std::vector<StoredEpoch>& epochs) {
  int64_t last = 0;
  for (const auto& e : epochs) last = std::max(last, e.epoch);
  Statement drop(*db_, "DELETE FROM epochs WHERE run_id = ?1 AND epoch > ?2");
  drop.bind(1, run_id).bind(2, last).run();
  Statement put(*db_,
                "INSERT INTO epochs(run_id, epoch, loss, lr, images_per_s, knn_accuracy, seconds) "
                "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(run_id, epoch) DO UPDATE SET "
                "loss = ?3, lr = ?4, images_per_s = ?5, knn_accuracy = ?6, seconds = ?7");
  for (const auto& e : epochs) {
    put.bind(1, run_id).bind(2, e.epoch).bind(3, e.loss).bind(4, e.lr).bind(5, e.images_per_s);
    put.bind(6, e.knn_accuracy).bind(7, e.seconds).run();
  }
}

void RunStore::set_epochs(const std::string& run_id, const std::vector<StoredEpoch>& epochs) {
  Transaction t(*db_);
  set_epochs_locked(run_id, epochs);
  t.commit();
}

void RunStore::upsert_evaluation_locked(const std::string& run_id, const StoredEvaluation& e) {
  Statement s(*db_,
              "INSERT INTO evaluations(run_id, probe, data, top1, result_json, created) "
              "VALUES(?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(run_id, probe) DO UPDATE SET "
              "data = ?3, top1 = ?4, result_json = ?5, created = ?6");
  s.bind(1, run_id).bind(2, e.probe).bind(3, e.data).bind(4, e.top1).bind(5, e.result_json);
  s.bind(6, e.created).run();
}

void RunStore::upsert_evaluation(const std::string& run_id, const StoredEvaluation& e) {
  Transaction t(*db_);
  upsert_evaluation_locked(run_id, e);
  t.commit();
}

void RunStore::add_artifact_locked(const std::string& run_id, const std::string& kind,
                                   const std::string& path) {
  Statement s(*db_,
              "INSERT INTO artifacts(run_id, kind, path) VALUES(?1, ?2, ?3) "
              "ON CONFLICT(run_id, path) DO UPDATE SET kind = ?2");
  s.bind(1, run_id).bind(2, kind).bind(3, path).run();
}

void RunStore::add_artifact(const std::string& run_id, const std::string& kind,
                            const std::string& path) {
  Transaction t(*db_);
  add_artifact_locked(run_id, kind, path);
  t.commit();
}

std::string RunStore::record(const RunSnapshot& snapshot) {
  Transaction t(*db_);
  if (snapshot.variant) upsert_variant_locked(*snapshot.variant);
  const std::string id = upsert_run_locked(snapshot.run);
  set_epochs_locked(id, snapshot.epochs);
  for (const auto& e : snapshot.evaluations) upsert_evaluation_locked(id, e);
  for (const auto& [kind, path] : snapshot.artifacts) add_artifact_locked(id, kind, path);
  if (snapshot.labels) set_labels_locked(id, snapshot.labels->first, snapshot.labels->second);
  t.commit();
  return id;
}

void RunStore::set_labels_locked(const std::string& run_id, const std::vector<std::string>& tags,
                                 const std::string& note) {
  Statement drop(*db_, "DELETE FROM run_tags WHERE run_id = ?1");
  drop.bind(1, run_id).run();
  Statement put(*db_, "INSERT OR IGNORE INTO run_tags(run_id, tag) VALUES(?1, ?2)");
  for (const auto& tag : tags) put.bind(1, run_id).bind(2, tag).run();
  Statement set_note(*db_, "UPDATE runs SET note = ?2 WHERE id = ?1");
  set_note.bind(1, run_id).bind(2, note).run();
}

void RunStore::set_labels(const std::string& run_id, const std::vector<std::string>& tags,
                          const std::string& note) {
  Transaction t(*db_);
  set_labels_locked(run_id, tags, note);
  t.commit();
}

bool RunStore::remove_run(const std::string& run_id) {
  Transaction t(*db_);
  Statement s(*db_, "DELETE FROM runs WHERE id = ?1");
  s.bind(1, run_id).run();
  const bool removed = db_->changes() > 0;
  t.commit();
  return removed;
}

std::vector<StoredRun> RunStore::list_runs() {
  Statement s(
      *db_,
      (std::string("SELECT ") + kRunColumns + " FROM runs ORDER BY created DESC, id DESC").c_str());
  std::vector<StoredRun> runs;
  while (s.step()) runs.push_back(read_run(s));
  return runs;
}

std::optional<StoredRun> RunStore::find_run(const std::string& id_or_dir) {
  Statement s(
      *db_,
      (std::string("SELECT ") + kRunColumns + " FROM runs WHERE id = ?1 OR dir = ?2").c_str());
  std::error_code ec;
  const auto absolute = fs::weakly_canonical(fs::absolute(id_or_dir), ec);
  s.bind(1, id_or_dir).bind(2, ec ? id_or_dir : absolute.string());
  if (s.step()) return read_run(s);
  return std::nullopt;
}

std::vector<StoredEpoch> RunStore::epochs(const std::string& run_id) {
  Statement s(*db_,
              "SELECT epoch, loss, lr, images_per_s, knn_accuracy, seconds FROM epochs "
              "WHERE run_id = ?1 ORDER BY epoch");
  s.bind(1, run_id);
  std::vector<StoredEpoch> out;
  while (s.step()) {
    StoredEpoch e;
    e.epoch = s.int64(0);
    e.loss = s.real(1);
    e.lr = s.real(2);
    e.images_per_s = s.real(3);
    if (!s.is_null(4)) e.knn_accuracy = s.real(4);
    e.seconds = s.real(5);
    out.push_back(e);
  }
  return out;
}

std::vector<StoredEvaluation> RunStore::evaluations(const std::string& run_id) {
  Statement s(*db_,
              "SELECT probe, data, top1, result_json, created FROM evaluations WHERE run_id = ?1 "
              "ORDER BY probe");
  s.bind(1, run_id);
  std::vector<StoredEvaluation> out;
  while (s.step()) out.push_back({s.text(0), s.text(1), s.real(2), s.text(3), s.text(4)});
  return out;
}

std::vector<std::pair<std::string, std::string>> RunStore::artifacts(const std::string& run_id) {
  Statement s(*db_, "SELECT kind, path FROM artifacts WHERE run_id = ?1 ORDER BY kind, path");
  s.bind(1, run_id);
  std::vector<std::pair<std::string, std::string>> out;
  while (s.step()) out.emplace_back(s.text(0), s.text(1));
  return out;
}

std::string RunStore::integrity_check() {
  Statement s(*db_, "PRAGMA integrity_check");
  std::string report;
  while (s.step()) report += (report.empty() ? "" : "\n") + s.text(0);
  return report;
}

}  // namespace lt
