// The run store: one SQLite database that indexes every run of this user (its config, status,
// provenance, per-epoch metrics, evaluations and files), so runs can be listed, compared and
// found by id from the CLI and the GUI. The run directories stay the source of truth: the store
// is brought up to date from them (store/run_recording.h) and can always be rebuilt.
//
// WAL journal, prepared statements only, a busy timeout, and a schema version (PRAGMA
// user_version) with migrations applied on open: readers never block the writer, and a kill -9
// at any moment leaves a consistent database.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace lt {

class SqliteDb;

struct StoredRun {
  std::string id;      // the run directory's name, made unique in the store
  std::string dir;     // absolute path of the run directory
  std::string status;  // running, finished, cancelled, diverged; interrupted when the process
                       // that was running it on this host is gone
  std::string method, model, source, variant_hash, device, libtorch, git_commit;
  std::string config_json;  // the resolved config, as written to config.json
  std::string message;      // why a run stopped, and what to do
  std::string created, updated;
  bool balanced_twin = false;
  int64_t seed = 0;
  int64_t total_images = 0;
  int64_t epochs_planned = 0;
  int64_t epochs_done = 0;
  int64_t pid = 0;  // the process recording it while it ran (0: unknown)
  std::string host;
  std::vector<std::string> tags;  // the user's labels, sorted (run_labels.h keeps them)
  std::string note;               // the user's free text
};

struct StoredEpoch {
  int64_t epoch = 0;
  double loss = 0;
  double lr = 0;
  double images_per_s = 0;
  std::optional<double> knn_accuracy;
  double seconds = 0;
};

struct StoredEvaluation {
  std::string probe;  // id or ood
  std::string data;   // the data set probed
  double top1 = 0;
  std::string result_json;  // the whole eval-*.json
  std::string created;
};

struct StoredVariant {
  std::string hash;
  std::string source;
  bool balanced_twin = false;
  int64_t total_images = 0;
  std::string counts_json;
};

class RunStore {
 public:
  static constexpr int kSchemaVersion = 3;

  // LONGTAIL_STORE, else $XDG_DATA_HOME/longtail/runs.sqlite, else
  // ~/.local/share/longtail/runs.sqlite.
  static std::string default_path();

  // Opens (and with `create`, makes) the store, applying migrations. Throws a kFormat error for
  // a file that is not a run store or one from a newer LongTail Lab, kIo when it cannot be
  // opened.
  RunStore(const std::string& path, bool create = true);
  ~RunStore();
  // How long a write waits for another process's lock before it fails (default 10 s).
  void set_busy_timeout(int milliseconds);
  RunStore(RunStore&&) noexcept;

  const std::string& path() const { return path_; }
  int schema_version() const;

  // Writes: each is one transaction.
  void upsert_variant(const StoredVariant& variant);
  // Inserts or updates the run found by `dir`; returns its id (new runs get the directory's
  // name, with -2, -3 ... when another run holds that id).
  std::string upsert_run(const StoredRun& run);
  // Makes the run's epochs exactly `epochs`: later ones recorded before (from a part of a run
  // that a resume re-runs) are dropped, and each epoch is held once.
  void set_epochs(const std::string& run_id, const std::vector<StoredEpoch>& epochs);
  void upsert_evaluation(const std::string& run_id, const StoredEvaluation& evaluation);
  void add_artifact(const std::string& run_id, const std::string& kind, const std::string& path);
  bool remove_run(const std::string& run_id);
  // Replaces the run's tags and note (store only: store/run_labels.h writes the folder too).
  void set_labels(const std::string& run_id, const std::vector<std::string>& tags,
                  const std::string& note);

  // All of a run's records in one transaction (what recording a run directory does).
  struct RunSnapshot {
    StoredRun run;
    std::optional<StoredVariant> variant;
    std::vector<StoredEpoch> epochs;
    std::vector<StoredEvaluation> evaluations;
    std::vector<std::pair<std::string, std::string>> artifacts;  // kind, path
    // The run folder's labels.json when it has one; without it the store's labels stay.
    std::optional<std::pair<std::vector<std::string>, std::string>> labels;  // tags, note
  };
  std::string record(const RunSnapshot& snapshot);

  // Reads.
  std::vector<StoredRun> list_runs();  // newest first
  std::optional<StoredRun> find_run(const std::string& id_or_dir);
  std::vector<StoredEpoch> epochs(const std::string& run_id);
  std::vector<StoredEvaluation> evaluations(const std::string& run_id);
  std::vector<std::pair<std::string, std::string>> artifacts(const std::string& run_id);

  // PRAGMA integrity_check: "ok" or SQLite's list of problems.
  std::string integrity_check();

 private:
  void migrate();
  std::string upsert_run_locked(const StoredRun& run);
  void upsert_variant_locked(const StoredVariant& variant);
  void set_epochs_locked(const std::string& run_id, const std::vector<StoredEpoch>& epochs);
  void upsert_evaluation_locked(const std::string& run_id, const StoredEvaluation& evaluation);
  void add_artifact_locked(const std::string& run_id, const std::string& kind,
                           const std::string& path);
  void set_labels_locked(const std::string& run_id, const std::vector<std::string>& tags,
                         const std::string& note);

  std::string path_;
  std::unique_ptr<SqliteDb> db_;
};

// The SQL of schema version 1, kept so tests can make a store of that version and check that
// opening it migrates the data.
extern const char* const kRunStoreSchemaV1;

}  // namespace lt
