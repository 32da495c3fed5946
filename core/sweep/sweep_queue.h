// The queue of a sweep, kept in the run store's SQLite file (tables of its own, made here, so the
// store's schema is untouched): the sweep, its variants and its runs, each run with its state.
// Whoever executes runs (the local runner, later a cluster back-end) takes them from here:
// claim() is one BEGIN IMMEDIATE transaction, so workers never take the same run, and a run
// claimed by a process of this host that has died is taken again (it resumes from its checkpoint).
//
// One SweepQueue per thread (one SQLite connection each); any number of processes may share the
// file. Run states: queued, running, evaluating, finished, failed. A run whose claiming process
// is gone reads as "interrupted" and is claimable again.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sweep/sweep_plan.h"

namespace lt {

class SqliteDb;

// A runner beats every kHeartbeatEveryS; a claim silent for kClaimHeartbeatTimeoutS is dead.
constexpr int64_t kHeartbeatEveryS = 30;
constexpr int64_t kClaimHeartbeatTimeoutS = 600;

// What says whether a claim's process still runs it.
struct ClaimLiveness {
  int64_t pid = 0;
  std::string host;
  int64_t pid_start = 0;  // 0: not recorded (a claim of an older version)
  int64_t heartbeat = 0;  // 0: none yet
};

struct SweepRecord {
  std::string id;
  std::string name;
  std::string dir;        // where its variants and runs live (absolute)
  std::string plan_json;  // the plan it was registered with
  std::string request;    // "", "pause" or "cancel": what its runners are asked to do
  std::string created, updated;
};

// One run as the queue holds it: everything an executor needs, so it can run anywhere the data
// and the folder are.
struct QueuedRun {
  std::string sweep_id;
  std::string key;
  int64_t position = 0;  // in the expansion's order
  std::string variant;   // the variant's id
  std::string method;
  int64_t seed = 0;
  bool balanced = false;
  double ratio = 0, sample = 0;
  std::string config_json;  // the run config, its `variant` the variant file
  std::string probes_json;  // the EvalRequests (sweep_queue's probes_to_json)
  std::string run_dir;
  std::string state;  // queued, running, evaluating, finished, failed, interrupted
  std::string message;
  std::string result_json;  // finished: {"id": {"top1": mean, "per_probe_seed": [...]}, ...}
  int64_t pid = 0;
  std::string host, worker;
  int64_t attempts = 0;
  int64_t interruptions = 0;  // claims whose process died
  std::string updated;
  int64_t pid_start = 0;  // the claimant's start time (/proc/PID/stat field 22); 0: unknown
  int64_t heartbeat = 0;  // Unix seconds of the runner's last heartbeat; 0: none yet
};

struct QueuedVariant {
  std::string id;
  std::string twin_of;  // its imbalanced variant's id (twins only)
  bool balanced_twin = false;
  double ratio = 0, sample = 0;
  std::string design_json;
  std::string path;  // the variant file, written by whoever first needs it
};

class SweepQueue {
 public:
  // Opens the queue in the run store at `store_path`, making the store and the tables if needed.
  explicit SweepQueue(const std::string& store_path);
  ~SweepQueue();
  SweepQueue(const SweepQueue&) = delete;
  SweepQueue& operator=(const SweepQueue&) = delete;

  const std::string& store_path() const { return store_path_; }

  // Adds the sweep with its variants and runs, under `dir`, unless it is there already; what is
  // there keeps its state (and its folder). Returns the sweep as recorded.
  SweepRecord register_sweep(const SweepPlan& plan, const SweepExpansion& expansion,
                             const std::string& dir);
  std::vector<SweepRecord> sweeps();  // most recently updated first
  // By id, or by a prefix naming one sweep; the latest sweep for "".
  std::optional<SweepRecord> find(const std::string& id_or_prefix);

  // Pause, cancel, or go on (""); runners poll it.
  void set_request(const std::string& sweep_id, const std::string& request);
  std::string request(const std::string& sweep_id);

  // Takes the next run for `worker` of this process: the first queued run, or one whose
  // process on this host died (more than `max_interruptions` times: it is marked failed instead,
  // since it probably kills its process). std::nullopt when nothing is left to take.
  std::optional<QueuedRun> claim(const std::string& sweep_id, const std::string& worker,
                                 int64_t max_interruptions = 3);
  // Changes of a run held by this process (ignored when it is held by another).
  void set_state(const std::string& sweep_id, const std::string& key, const std::string& state);
  void finish(const std::string& sweep_id, const std::string& key, const std::string& result_json);
  void fail(const std::string& sweep_id, const std::string& key, const std::string& message);
  void release(const std::string& sweep_id, const std::string& key);  // back to the queue
  // The runner's heartbeat for every run of `sweep_id` this process holds; a claim whose
  // heartbeat is older than the timeout is taken again (see claim_is_dead).
  void heartbeat(const std::string& sweep_id);
  void set_heartbeat_timeout(int64_t seconds) { heartbeat_timeout_s_ = seconds; }
  // What an executor elsewhere (a Slurm task) made of a run, whoever held it: its state
  // (queued, finished or failed), message and result.
  void record_outcome(const std::string& sweep_id, const std::string& key, const std::string& state,
                      const std::string& message, const std::string& result_json);
  // Failed runs go back to the queue; returns how many.
  int64_t requeue_failed(const std::string& sweep_id);

  std::vector<QueuedRun> runs(const std::string& sweep_id);
  std::vector<QueuedVariant> variants(const std::string& sweep_id);

 private:
  std::string store_path_;
  std::unique_ptr<SqliteDb> db_;
  int64_t heartbeat_timeout_s_ = kClaimHeartbeatTimeoutS;
};

// The probes of a run as JSON, and back (what the queue stores for an executor).
std::string probes_to_json(const std::vector<EvalRequest>& probes);
std::vector<EvalRequest> probes_from_json(const std::string& text);

// Whether the process `pid` of this host (`host`) is gone; false for another host.
bool claim_is_dead(int64_t pid, const std::string& host);
// Whether a claim is dead: its heartbeat is older than the timeout, its process is gone, or its
// pid now belongs to a process that started at another time (pid reuse, a reboot).
bool claim_is_dead(const ClaimLiveness& claim,
                   int64_t heartbeat_timeout_s = kClaimHeartbeatTimeoutS);
// A process's start time in clock ticks since boot (/proc/PID/stat field 22); 0 if unknown.
int64_t process_start_time(int64_t pid);

}  // namespace lt
