// The run store as its users rely on it: migrations keep old data, bad files are refused with a
// clear message, each epoch is held once, and a reader never blocks or breaks a writer.
#include "store/run_store.h"

#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <thread>

#include "store/run_labels.h"
#include "store/run_recording.h"
#include "test_support.h"
#include "util/error.h"
#include "util/host_name.h"

namespace {

using lt::RunStore;
using lt::StoredEpoch;
using lt::StoredRun;

StoredRun make_run(const std::string& dir, const std::string& status = "running") {
  StoredRun r;
  r.dir = dir;
  r.status = status;
  r.method = "simsiam";
  r.model = "resnet-small";
  r.created = "2026-11-25T10:00:00Z";
  return r;
}

std::vector<StoredEpoch> epochs_up_to(int64_t n, double loss_offset = 0) {
  std::vector<StoredEpoch> out;
  for (int64_t e = 1; e <= n; ++e)
    out.push_back({e, 1.0 / double(e) + loss_offset, 0.1, 100, {}, 1});
  return out;
}

void sqlite_exec(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* error = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
  EXPECT_EQ(rc, SQLITE_OK) << (error ? error : "");
  sqlite3_free(error);
  sqlite3_close(db);
}

TEST(RunStore, MakesANewStoreAtTheCurrentSchemaInWalMode) {
  lt::test::TempDir dir;
  const std::string path = dir.file("sub/folder/runs.sqlite");
  RunStore store(path);
  EXPECT_EQ(store.schema_version(), RunStore::kSchemaVersion);
  EXPECT_EQ(store.integrity_check(), "ok");
  EXPECT_TRUE(std::filesystem::exists(path));
  EXPECT_TRUE(std::filesystem::exists(path + "-wal"));
  EXPECT_TRUE(store.list_runs().empty());
}

TEST(RunStore, MigratesAVersionOneStoreKeepingItsRuns) {
  lt::test::TempDir dir;
  const std::string path = dir.file("old.sqlite");
  sqlite_exec(path,
              std::string(lt::kRunStoreSchemaV1) +
                  "PRAGMA user_version=1;"
                  "INSERT INTO runs(id, dir, status, method, epochs_done) "
                  "VALUES('old-run', '/runs/old-run', 'finished', 'supervised', 2);"
                  "INSERT INTO epochs(run_id, epoch, loss, lr) VALUES('old-run', 1, 2.5, 0.1);"
                  "INSERT INTO epochs(run_id, epoch, loss, lr) VALUES('old-run', 2, 2.0, 0.1);");
  RunStore store(path);
  EXPECT_EQ(store.schema_version(), RunStore::kSchemaVersion);
  const auto run = store.find_run("old-run");
  ASSERT_TRUE(run);
  EXPECT_EQ(run->method, "supervised");
  EXPECT_EQ(run->status, "finished");
  EXPECT_EQ(run->message, "");  // the column version 2 added
  EXPECT_EQ(store.epochs("old-run").size(), 2u);
  store.add_artifact("old-run", "encoder", "/tmp/encoder.pt");  // the table version 2 added
  EXPECT_EQ(store.artifacts("old-run").size(), 1u);
  EXPECT_TRUE(run->tags.empty());  // the table version 3 added
  store.set_labels("old-run", {"baseline", "paper"}, "first try");
  const auto labelled = store.find_run("old-run");
  EXPECT_EQ(labelled->tags, (std::vector<std::string>{"baseline", "paper"}));
  EXPECT_EQ(labelled->note, "first try");
  EXPECT_EQ(store.integrity_check(), "ok");
}

TEST(RunStore, TagsAndNoteLiveInTheRunFolderAndComeBackWithIt) {
  lt::test::TempDir dir;
  const std::string run_dir = dir.file("simsiam-s0");
  std::filesystem::create_directories(run_dir);
  lt::test::write_text(run_dir + "/run.json",
                       R"({"run_id": "simsiam-s0", "status": "finished", "method": "simsiam"})");
  RunStore store(dir.file("runs.sqlite"));
  const std::string id = lt::record_run_dir(store, run_dir);
  lt::save_run_labels(store, *store.find_run(id), {{"paper", "baseline", "paper"}, "for Fig. 1"});
  EXPECT_EQ(store.find_run(id)->tags, (std::vector<std::string>{"baseline", "paper"}));
  // Recording the folder again (as each epoch does) keeps them: the folder holds them.
  lt::record_run_dir(store, run_dir);
  EXPECT_EQ(store.find_run(id)->note, "for Fig. 1");
  // A copy of the folder, recorded into another store, brings its labels along.
  const std::string copy = dir.file("elsewhere/simsiam-s0");
  std::filesystem::create_directories(dir.file("elsewhere"));
  std::filesystem::copy(run_dir, copy, std::filesystem::copy_options::recursive);
  RunStore other(dir.file("other.sqlite"));
  const std::string copied = lt::record_run_dir(other, copy);
  EXPECT_EQ(other.find_run(copied)->tags, (std::vector<std::string>{"baseline", "paper"}));
  EXPECT_EQ(other.find_run(copied)->note, "for Fig. 1");
  EXPECT_LT_ERROR(lt::check_tag("two words"), lt::ErrorKind::kSetting, "space");
}

TEST(RunStore, RefusesAStoreFromANewerVersion) {
  lt::test::TempDir dir;
  const std::string path = dir.file("new.sqlite");
  { RunStore store(path); }
  sqlite_exec(path, "PRAGMA user_version=99");
  EXPECT_LT_ERROR(RunStore store(path), lt::ErrorKind::kFormat, "newer LongTail Lab");
}

TEST(RunStore, RefusesAFileThatIsNotADatabase) {
  lt::test::TempDir dir;
  const std::string path = dir.file("runs.sqlite");
  lt::test::write_text(path, std::string(4096, 'x'));
  EXPECT_LT_ERROR(RunStore store(path), lt::ErrorKind::kFormat, "not a database");
  // The file is left as it was: nothing of the user's is overwritten.
  EXPECT_EQ(lt::test::read_bytes(path).size(), 4096u);
}

TEST(RunStore, RefusesAnotherProgramsDatabase) {
  lt::test::TempDir dir;
  const std::string path = dir.file("other.sqlite");
  sqlite_exec(path, "CREATE TABLE customers(name TEXT)");
  EXPECT_LT_ERROR(RunStore store(path), lt::ErrorKind::kFormat, "not a LongTail Lab run store");
}

TEST(RunStore, AMissingStoreIsNotMadeByReaders) {
  lt::test::TempDir dir;
  EXPECT_LT_ERROR(RunStore store(dir.file("none.sqlite"), false), lt::ErrorKind::kIo,
                  "no run store");
  EXPECT_FALSE(std::filesystem::exists(dir.file("none.sqlite")));
}

TEST(RunStore, HoldsEachEpochOnceAndDropsEpochsAResumeRedoes) {
  lt::test::TempDir dir;
  RunStore store(dir.file("runs.sqlite"));
  const std::string id = store.upsert_run(make_run("/runs/a"));
  store.set_epochs(id, epochs_up_to(5));
  store.set_epochs(id, epochs_up_to(5));  // recorded again: still once each
  EXPECT_EQ(store.epochs(id).size(), 5u);
  // A resume from the checkpoint of epoch 3 re-runs 4 and 5 with other values.
  store.set_epochs(id, epochs_up_to(3));
  EXPECT_EQ(store.epochs(id).size(), 3u);
  store.set_epochs(id, epochs_up_to(4, 10));
  const auto epochs = store.epochs(id);
  ASSERT_EQ(epochs.size(), 4u);
  EXPECT_DOUBLE_EQ(epochs[3].loss, 0.25 + 10);
}

TEST(RunStore, GivesRunsWithTheSameFolderNameDistinctIds) {
  lt::test::TempDir dir;
  RunStore store(dir.file("runs.sqlite"));
  const std::string a = store.upsert_run(make_run("/one/simsiam-s0"));
  const std::string b = store.upsert_run(make_run("/two/simsiam-s0"));
  EXPECT_EQ(a, "simsiam-s0");
  EXPECT_EQ(b, "simsiam-s0-2");
  EXPECT_EQ(store.upsert_run(make_run("/one/simsiam-s0", "finished")), a);  // same dir, same id
  EXPECT_EQ(store.find_run("simsiam-s0-2")->dir, "/two/simsiam-s0");
  EXPECT_TRUE(store.remove_run(b));
  EXPECT_FALSE(store.find_run(b));
  EXPECT_EQ(store.list_runs().size(), 1u);
}

TEST(RunStore, ARunWhoseProcessDiedReadsAsInterrupted) {
  lt::test::TempDir dir;
  RunStore store(dir.file("runs.sqlite"));
  const pid_t child = fork();
  if (child == 0) _exit(0);
  waitpid(child, nullptr, 0);
  const std::string host = lt::current_host();
  StoredRun dead = make_run("/runs/dead");
  dead.pid = child;
  dead.host = host;
  StoredRun alive = make_run("/runs/alive");
  alive.pid = getpid();
  alive.host = host;
  store.upsert_run(dead);
  store.upsert_run(alive);
  EXPECT_EQ(store.find_run("dead")->status, "interrupted");
  EXPECT_EQ(store.find_run("alive")->status, "running");
}

TEST(RunStore, AReaderNeitherBlocksNorBreaksAWriter) {
  lt::test::TempDir dir;
  const std::string path = dir.file("runs.sqlite");
  RunStore writer(path);
  const std::string id = writer.upsert_run(make_run("/runs/live"));
  constexpr int64_t kEpochs = 200;
  std::atomic<bool> done{false};
  std::atomic<int64_t> reads{0};
  std::string reader_error;
  std::atomic<bool> reader_stopped{false};
  bool monotone = true;
  std::thread reader([&] {
    try {
      RunStore store(path);  // its own connection, as the GUI has
      size_t last = 0;
      while (!done) {
        const size_t seen = store.epochs(id).size();
        if (seen < last) monotone = false;
        last = seen;
        store.list_runs();
        ++reads;
      }
    } catch (const std::exception& e) {
      reader_error = e.what();
    }
    reader_stopped = true;
  });
  while (reads == 0 && !reader_stopped) std::this_thread::yield();  // the reader is in
  for (int64_t e = 1; e <= kEpochs; ++e) writer.set_epochs(id, epochs_up_to(e));
  done = true;
  reader.join();
  EXPECT_EQ(reader_error, "");
  EXPECT_TRUE(monotone);
  EXPECT_GT(reads.load(), 0);
  EXPECT_EQ(writer.epochs(id).size(), size_t(kEpochs));
  EXPECT_EQ(writer.integrity_check(), "ok");
}

TEST(RunRecording, RecordsARunDirectoryUpToADamagedMetricsLine) {
  lt::test::TempDir dir;
  const std::string run_dir = dir.file("runs/r1");
  lt::test::write_text(run_dir + "/run.json",
                       R"({"run_id": "r1", "status": "finished", "method": "supervised",
                           "model": "resnet-small", "source": "fashion-mnist",
                           "variant_hash": "abcd", "balanced_twin": true, "total_images": 740,
                           "counts": [74, 74], "seed": 3, "epochs_planned": 3,
                           "epochs_done": 3, "created": "2026-11-25T10:00:00Z"})");
  lt::test::write_text(run_dir + "/config.json", R"({"method": {"name": "supervised"}})");
  lt::test::write_text(run_dir + "/metrics.jsonl",
                       "{\"epoch\":1,\"loss\":2.0,\"lr\":0.1,\"images_per_s\":10,\"seconds\":1}\n"
                       "{\"epoch\":2,\"loss\":1.5,\"lr\":0.05,\"images_per_s\":10,"
                       "\"knn_accuracy\":0.5,\"seconds\":1}\n"
                       "{\"epoch\":3,\"loss\":1.");
  lt::test::write_text(run_dir + "/eval-id.json", R"({"data": "fashion-mnist", "top1": 0.8})");
  RunStore store(dir.file("runs.sqlite"));
  const std::string id = lt::record_run_dir(store, run_dir);
  EXPECT_EQ(id, "r1");
  const auto run = store.find_run(run_dir);  // by directory too
  ASSERT_TRUE(run);
  EXPECT_EQ(run->seed, 3);
  EXPECT_TRUE(run->balanced_twin);
  const auto epochs = store.epochs(id);
  ASSERT_EQ(epochs.size(), 2u);
  EXPECT_EQ(*epochs[1].knn_accuracy, 0.5);
  EXPECT_FALSE(epochs[0].knn_accuracy);
  const auto evals = store.evaluations(id);
  ASSERT_EQ(evals.size(), 1u);
  EXPECT_FLOAT_EQ(float(evals[0].top1), 0.8f);
  EXPECT_EQ(lt::resolve_run_dir("r1", store.path()), run->dir);
  EXPECT_LT_ERROR(lt::resolve_run_dir("r2", store.path()), lt::ErrorKind::kIo, "runs list");
}

}  // namespace
