// The sweep queue in the run store: registering twice adds nothing, claims by concurrent
// workers never overlap, a run held by a dead process is taken again (and failed after too many
// deaths), and the store's own tables stay as they were.
#include "sweep/sweep_queue.h"

#include <sys/wait.h>
#include <unistd.h>

#include <mutex>
#include <set>
#include <thread>

#include <ctime>
#include <stdexcept>

#include "store/run_store.h"
#include "store/sqlite_db.h"
#include "sweep/sweep_runner.h"
#include "sweep/sweep_status.h"
#include "test_support.h"

namespace {

lt::SweepPlan small_plan() {
  lt::SweepPlan plan = lt::preset_plan("fmnist-quick");
  plan.name = "queue-test";
  return plan;
}

// The small plan registered in a store of its own, as `sweep run` leaves it before any claim.
struct RegisteredSweep {
  lt::test::TempDir dir;
  const std::string store = dir.file("runs.sqlite");
  const lt::SweepPlan plan = small_plan();
  const lt::SweepExpansion x = lt::expand(plan);
  lt::SweepQueue queue{store};
  RegisteredSweep() { queue.register_sweep(plan, x, dir.file("sweep")); }
};

// A pid that existed on this host and does not any more.
int64_t dead_pid() {
  const pid_t child = fork();
  if (child == 0) _exit(0);
  int status = 0;
  waitpid(child, &status, 0);
  return child;
}

TEST(SweepQueue, RegisteringTwiceAddsNothingAndKeepsStates) {
  lt::test::TempDir dir;
  const std::string store = dir.file("runs.sqlite");
  const auto plan = small_plan();
  const auto x = lt::expand(plan);
  lt::SweepQueue queue(store);
  const auto first = queue.register_sweep(plan, x, dir.file("sweeps/a"));
  EXPECT_EQ(first.id, x.sweep_id);
  EXPECT_EQ(queue.runs(x.sweep_id).size(), 16u);
  EXPECT_EQ(queue.variants(x.sweep_id).size(), 8u);
  const auto claimed = queue.claim(x.sweep_id, "w");
  ASSERT_TRUE(claimed);
  EXPECT_EQ(claimed->key, x.runs[0].key);
  queue.finish(x.sweep_id, claimed->key, R"({"id": {"top1": 0.5, "per_probe_seed": [0.5]}})");

  // Again, even with another folder: the first folder stays, the finished run stays finished.
  const auto again = queue.register_sweep(plan, x, dir.file("sweeps/b"));
  EXPECT_EQ(again.dir, first.dir);
  const auto runs = queue.runs(x.sweep_id);
  EXPECT_EQ(runs.size(), 16u);
  EXPECT_EQ(runs[0].state, "finished");
  EXPECT_EQ(runs[1].state, "queued");
  // The run config points at the sweep's variant file, and the run dir is in the sweep's folder.
  const auto config = lt::config_from_json(runs[1].config_json, "queued");
  EXPECT_EQ(config.variant, first.dir + "/variants/" + x.runs[1].variant + ".json");
  EXPECT_EQ(runs[1].run_dir.rfind(first.dir + "/runs/queue-test-", 0), 0u) << runs[1].run_dir;
  EXPECT_EQ(lt::probes_from_json(runs[1].probes_json).size(), x.probes.size());

  // The run store is untouched by the queue's tables.
  lt::RunStore runs_store(store);
  EXPECT_EQ(runs_store.schema_version(), lt::RunStore::kSchemaVersion);
  EXPECT_EQ(runs_store.integrity_check(), "ok");
  EXPECT_TRUE(runs_store.list_runs().empty());
}

TEST(SweepQueue, ConcurrentWorkersNeverTakeTheSameRun) {
  lt::test::TempDir dir;
  const std::string store = dir.file("runs.sqlite");
  const auto plan = small_plan();
  const auto x = lt::expand(plan);
  lt::SweepQueue(store).register_sweep(plan, x, dir.file("sweep"));
  std::mutex m;
  std::multiset<std::string> taken;
  std::vector<std::thread> workers;
  for (int w = 0; w < 4; ++w) {
    workers.emplace_back([&, w] {
      lt::SweepQueue q(store);
      while (const auto run = q.claim(x.sweep_id, "worker " + std::to_string(w))) {
        std::lock_guard<std::mutex> lock(m);
        taken.insert(run->key);
      }
    });
  }
  for (auto& t : workers) t.join();
  EXPECT_EQ(taken.size(), 16u);
  EXPECT_EQ(std::set<std::string>(taken.begin(), taken.end()).size(), 16u);
  for (const auto& run : lt::SweepQueue(store).runs(x.sweep_id)) {
    EXPECT_EQ(run.state, "running");
    EXPECT_EQ(run.pid, getpid());
  }
}

TEST(SweepQueue, ARunOfADeadProcessIsTakenAgainThenFailedAfterTooManyDeaths) {
  RegisteredSweep sweep;
  const std::string& store = sweep.store;
  const auto& x = sweep.x;
  lt::SweepQueue& queue = sweep.queue;
  const std::string key = x.runs[0].key;
  const auto held_by_the_dead = [&] {
    lt::SqliteDb db(store, false);
    lt::Statement s(db, "UPDATE sweep_runs SET state = 'running', pid = ?1 WHERE run_key = ?2");
    s.bind(1, dead_pid()).bind(2, key).run();
  };
  // Held by a live process (this one, as another worker): not taken.
  ASSERT_EQ(queue.claim(x.sweep_id, "a")->key, key);
  EXPECT_NE(queue.claim(x.sweep_id, "b")->key, key);

  for (int death = 1; death <= 3; ++death) {
    held_by_the_dead();
    EXPECT_EQ(queue.runs(x.sweep_id)[0].state, "interrupted");
    const auto again = queue.claim(x.sweep_id, "c");
    ASSERT_TRUE(again);
    EXPECT_EQ(again->key, key) << "death " << death;
    EXPECT_EQ(again->interruptions, death);
  }
  held_by_the_dead();
  const auto next = queue.claim(x.sweep_id, "d");
  ASSERT_TRUE(next);
  EXPECT_NE(next->key, key);
  const auto failed = queue.runs(x.sweep_id)[0];
  EXPECT_EQ(failed.state, "failed");
  EXPECT_NE(failed.message.find("--retry-failed"), std::string::npos) << failed.message;

  EXPECT_EQ(queue.requeue_failed(x.sweep_id), 1);
  EXPECT_EQ(queue.runs(x.sweep_id)[0].state, "queued");
}

TEST(SweepQueue, RequestsAndLookUpByPrefix) {
  lt::test::TempDir dir;
  const std::string store = dir.file("runs.sqlite");
  const auto plan = small_plan();
  const auto x = lt::expand(plan);
  lt::SweepQueue queue(store);
  EXPECT_FALSE(queue.find(""));
  queue.register_sweep(plan, x, dir.file("sweep"));
  EXPECT_EQ(queue.find("")->id, x.sweep_id);
  EXPECT_EQ(queue.find("queue-te")->id, x.sweep_id);
  EXPECT_FALSE(queue.find("other"));
  queue.set_request(x.sweep_id, "pause");
  EXPECT_EQ(lt::SweepQueue(store).request(x.sweep_id), "pause");
  // Only the holder changes a run: another process's claim is left alone.
  const auto run = queue.claim(x.sweep_id, "w");
  {
    lt::SqliteDb db(store, false);
    lt::Statement s(db, "UPDATE sweep_runs SET pid = 1, pid_start = ?2 WHERE run_key = ?1");
    s.bind(1, run->key).bind(2, lt::process_start_time(1)).run();
  }
  queue.fail(x.sweep_id, run->key, "not mine");
  EXPECT_EQ(queue.runs(x.sweep_id)[0].state, "running");
}

// Sets the liveness of the claim on `key` as another claimant would have left it.
void set_claim(const std::string& store, const std::string& key, int64_t pid, int64_t pid_start,
               int64_t heartbeat) {
  lt::SqliteDb db(store, false);
  lt::Statement s(db,
                  "UPDATE sweep_runs SET state = 'running', pid = ?2, pid_start = ?3, "
                  "heartbeat = ?4 WHERE run_key = ?1");
  s.bind(1, key).bind(2, pid).bind(3, pid_start).bind(4, heartbeat).run();
}

TEST(SweepQueue, AClaimWhosePidNowBelongsToAnotherProcessIsTakenAgain) {
  RegisteredSweep sweep;
  const std::string& store = sweep.store;
  const auto& x = sweep.x;
  lt::SweepQueue& queue = sweep.queue;
  const std::string key = queue.claim(x.sweep_id, "a")->key;
  EXPECT_EQ(queue.runs(x.sweep_id)[0].pid_start, lt::process_start_time(getpid()));
  ASSERT_GT(lt::process_start_time(getpid()), 0);
  // Process 1 lives, but it is not the process that claimed the run (as after a reboot, or
  // when the pid was given to another program): the recorded start time differs.
  ASSERT_NE(lt::process_start_time(1), lt::process_start_time(getpid()));
  set_claim(store, key, 1, lt::process_start_time(getpid()), int64_t(std::time(nullptr)));
  EXPECT_EQ(queue.runs(x.sweep_id)[0].state, "interrupted");
  const auto again = queue.claim(x.sweep_id, "b");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->key, key);
  EXPECT_EQ(again->interruptions, 1);
}

TEST(SweepQueue, AClaimWhoseHeartbeatStoppedIsTakenAgainAndABeatKeepsItAlive) {
  RegisteredSweep sweep;
  const std::string& store = sweep.store;
  const auto& x = sweep.x;
  lt::SweepQueue& queue = sweep.queue;
  const std::string key = queue.claim(x.sweep_id, "a")->key;
  const int64_t now = int64_t(std::time(nullptr));
  EXPECT_GE(queue.runs(x.sweep_id)[0].heartbeat, now - 5);
  // A living process of this host with the right start time, silent for an hour (hung, or its
  // host's clock says so): dead.
  const int64_t an_hour_ago = now - 3600;
  set_claim(store, key, getpid(), lt::process_start_time(getpid()), an_hour_ago);
  EXPECT_EQ(queue.runs(x.sweep_id)[0].state, "interrupted");
  // The runner beats again: alive, not taken.
  queue.heartbeat(x.sweep_id);
  EXPECT_EQ(queue.runs(x.sweep_id)[0].state, "running");
  EXPECT_NE(queue.claim(x.sweep_id, "b")->key, key);
  // Silent again: taken.
  set_claim(store, key, getpid(), lt::process_start_time(getpid()), an_hour_ago);
  const auto again = queue.claim(x.sweep_id, "c");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->key, key);
}

TEST(SweepQueue, AWorkerThatThrowsInALivingProcessFailsItsRunWithTheReason) {
  lt::test::TempDir dir;
  const std::string store = dir.file("runs.sqlite");
  lt::SweepRunOptions options;
  options.store = store;
  options.out = dir.file("sweeps");
  // The GUI's callback throws as the first run starts: the process lives on.
  const auto throwing = [](const lt::SweepEvent& e) -> bool {
    if (e.what == "started") throw std::runtime_error("the window went away");
    return true;
  };
  EXPECT_THROW(lt::run_sweep(small_plan(), options, throwing), std::runtime_error);
  const auto x = lt::expand(small_plan());
  const auto runs = lt::SweepQueue(store).runs(x.sweep_id);
  ASSERT_FALSE(runs.empty());
  EXPECT_EQ(runs[0].state, "failed") << "a claim of a living process must not stay running";
  EXPECT_NE(runs[0].message.find("the window went away"), std::string::npos) << runs[0].message;
}

TEST(SweepStatus, ADamagedResultIsShownNotSwallowed) {
  RegisteredSweep sweep;
  const std::string& store = sweep.store;
  const auto& x = sweep.x;
  lt::SweepQueue& queue = sweep.queue;
  const auto run = queue.claim(x.sweep_id, "w");
  queue.finish(x.sweep_id, run->key, R"({"id": {"top1": 0.5, "per_probe_seed": [0.5]})");
  const auto status = lt::read_sweep_status(store, x.sweep_id);
  ASSERT_FALSE(status.runs.empty());
  EXPECT_EQ(status.runs[0].state, "finished");
  EXPECT_NE(status.runs[0].message.find("result is damaged"), std::string::npos)
      << status.runs[0].message;
}

}  // namespace
