#include "store/sqlite_db.h"

#include <sqlite3.h>

#include "util/error.h"

namespace lt {

SqliteDb::SqliteDb(const std::string& path, bool create) : path_(path) {
  const int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    const std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close(db_);
    db_ = nullptr;
    throw_io("cannot open the run store " + path + ": " + message +
             (create ? "; check that its folder is writable, or pass another --store"
                     : "; check the path given by --store or LONGTAIL_STORE"));
  }
  sqlite3_extended_result_codes(db_, 1);
  // A GUI reading while a CLI run writes: wait for a lock rather than fail.
  sqlite3_busy_timeout(db_, busy_ms_);
}

void SqliteDb::set_busy_timeout(int milliseconds) {
  busy_ms_ = milliseconds;
  sqlite3_busy_timeout(db_, milliseconds);
}

SqliteDb::~SqliteDb() {
  sqlite3_close_v2(db_);
}

void SqliteDb::fail(int rc, const std::string& what) {
  const std::string message = sqlite3_errmsg(db_);
  const int primary = rc & 0xff;
  if (primary == SQLITE_NOTADB || primary == SQLITE_CORRUPT) {
    throw_format("the run store " + path_ + " is damaged or not a database (" + message +
                 "); move it away (a new one is made) or pass another --store");
  }
  if (primary == SQLITE_FULL) {
    throw_io("the disk holding the run store " + path_ +
             " is full; free space and run again "
             "(nothing recorded so far is lost)");
  }
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
    throw_io("the run store " + path_ + " stayed locked by another process for " +
             std::to_string((busy_ms_ + 999) / 1000) + " s (" + what + "); try again");
  }
  if (primary == SQLITE_READONLY || primary == SQLITE_CANTOPEN || primary == SQLITE_IOERR ||
      primary == SQLITE_PERM) {
    throw_io("cannot write the run store " + path_ + " (" + message +
             "); check its permissions and free space, or pass another --store");
  }
  throw_io("run store " + path_ + ": " + what + ": " + message);
}

void SqliteDb::exec(const std::string& sql) {
  char* error = nullptr;
  const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error);
  sqlite3_free(error);
  if (rc != SQLITE_OK) fail(rc, sql.substr(0, sql.find_first_of("(\n")));
}

int64_t SqliteDb::pragma_int(const std::string& name) {
  Statement s(*this, ("PRAGMA " + name).c_str());
  return s.step() ? s.int64(0) : 0;
}

int64_t SqliteDb::changes() {
  return sqlite3_changes64(db_);
}

Statement::Statement(SqliteDb& db, const char* sql) : db_(db) {
  const int rc = sqlite3_prepare_v2(db.handle(), sql, -1, &stmt_, nullptr);
  if (rc != SQLITE_OK) db.fail(rc, "preparing a query");
}

Statement::~Statement() {
  sqlite3_finalize(stmt_);
}

Statement& Statement::bind(int index, int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
  return *this;
}
Statement& Statement::bind(int index, double value) {
  sqlite3_bind_double(stmt_, index, value);
  return *this;
}
Statement& Statement::bind(int index, const std::string& value) {
  sqlite3_bind_text(stmt_, index, value.data(), int(value.size()), SQLITE_TRANSIENT);
  return *this;
}
Statement& Statement::bind(int index, std::optional<double> value) {
  return value ? bind(index, *value) : bind_null(index);
}
Statement& Statement::bind_null(int index) {
  sqlite3_bind_null(stmt_, index);
  return *this;
}

bool Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  sqlite3_reset(stmt_);
  db_.fail(rc, "running a query");
}

void Statement::run() {
  while (step()) {
  }
  reset();
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

bool Statement::is_null(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}
int64_t Statement::int64(int column) const {
  return sqlite3_column_int64(stmt_, column);
}
double Statement::real(int column) const {
  return sqlite3_column_double(stmt_, column);
}
std::string Statement::text(int column) const {
  const auto* p = sqlite3_column_text(stmt_, column);
  return p ? std::string(reinterpret_cast<const char*>(p), sqlite3_column_bytes(stmt_, column))
           : std::string();
}

Transaction::Transaction(SqliteDb& db) : db_(db) {
  db_.exec("BEGIN IMMEDIATE");
}

Transaction::~Transaction() {
  if (!done_) sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit() {
  db_.exec("COMMIT");
  done_ = true;
}

}  // namespace lt
