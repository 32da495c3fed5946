// A thin RAII layer over SQLite's C API: a connection and its prepared statements. Every query
// of the project goes through Statement (bound parameters, never text pasted into SQL), and
// every SQLite failure becomes an lt::Error naming the database file.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

struct sqlite3;
struct sqlite3_stmt;

namespace lt {

class SqliteDb;

class Statement {
 public:
  Statement(SqliteDb& db, const char* sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Parameters are 1-based, as in SQLite. A std::nullopt binds NULL.
  Statement& bind(int index, int64_t value);
  Statement& bind(int index, double value);
  Statement& bind(int index, const std::string& value);
  Statement& bind(int index, std::optional<double> value);
  Statement& bind_null(int index);

  bool step();  // true while a row is ready
  void run();   // steps to the end (INSERT, UPDATE, DELETE)
  void reset();

  bool is_null(int column) const;
  int64_t int64(int column) const;
  double real(int column) const;
  std::string text(int column) const;

 private:
  SqliteDb& db_;
  sqlite3_stmt* stmt_ = nullptr;
};

class SqliteDb {
 public:
  // `create`: make the file when missing; otherwise a missing file is a kIo error.
  SqliteDb(const std::string& path, bool create);
  ~SqliteDb();
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;

  void exec(const std::string& sql);  // statements without parameters (DDL, PRAGMA)
  int64_t pragma_int(const std::string& name);
  int64_t changes();  // rows changed by the last INSERT, UPDATE or DELETE
  // How long a statement waits for another connection's lock before it fails (default 10 s).
  void set_busy_timeout(int milliseconds);
  const std::string& path() const { return path_; }
  sqlite3* handle() { return db_; }

  // Throws a kIo (or kFormat for a file that is not a database) error for SQLite code `rc`.
  [[noreturn]] void fail(int rc, const std::string& what);

 private:
  sqlite3* db_ = nullptr;
  std::string path_;
  int busy_ms_ = 10000;
};

// BEGIN IMMEDIATE ... COMMIT, rolled back when left by an exception. IMMEDIATE takes the write
// lock at the start, so two writers wait on the busy timeout instead of failing mid-way.
class Transaction {
 public:
  explicit Transaction(SqliteDb& db);
  ~Transaction();
  void commit();

 private:
  SqliteDb& db_;
  bool done_ = false;
};

}  // namespace lt
