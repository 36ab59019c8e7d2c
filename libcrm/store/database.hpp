#pragma once
// RAII access to the SQLite store. <sqlite3.h> stays out of headers: only store/*.cpp see it.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace crm::store {

class Statement;

// A value to bind where the SQL text is built at run time (filters, segment expressions).
using SqlValue = std::variant<std::int64_t, std::string>;

struct OpenOptions {
  int busy_timeout_ms = 5000;
  bool create = false; // crm init: create the file (mode 0600) and its directory (0700)
  bool migrate = true; // bring an older schema up to date (in one transaction)
};

class Database {
public:
  // Opens (or creates) the store at `path`. Throws util::StoreError when the file is missing
  // (saying to run crm init), is not SQLite, is not a crm store, or was written by a newer crm;
  // nothing is written to a file that is not a crm store.
  static Database open(const std::filesystem::path& path, const OpenOptions& options);
  // An in-memory store with the current schema (tests).
  static Database open_memory();

  Database(Database&& other) noexcept;
  Database& operator=(Database&& other) noexcept;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  ~Database();

  void exec(std::string_view sql);
  Statement prepare(std::string_view sql);
  // A statement prepared once and kept for the life of the connection (hot paths: bulk
  // writes, lookups); returned reset, with its bindings cleared. Not for a query whose rows
  // are still being read while the same SQL may be asked for again (that resets it).
  Statement& cached(std::string_view sql);
  [[nodiscard]] std::int64_t last_insert_rowid() const;
  [[nodiscard]] int changes() const;
  [[nodiscard]] int schema_version();
  [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }
  [[nodiscard]] bool read_only() const;

  // Applies pending migrations in one transaction; returns the versions applied.
  std::vector<int> migrate();
  // The migrations this store lacks (for crm db migrate --dry-run).
  std::vector<int> pending_migrations();
  // Online backup into `target` (created mode 0600; must not exist).
  void backup_to(const std::filesystem::path& target);

  // Throws the util:: error matching SQLite result `code` (busy -> TemporaryError, ...).
  [[noreturn]] void raise(int code, std::string_view context) const;
  [[nodiscard]] sqlite3* handle() const noexcept { return db_; }

private:
  Database(sqlite3* db, std::filesystem::path path, int busy_timeout_ms);
  void check_identity(bool allow_empty);
  void adopt_cache(); // after a move: the cached statements point at this object
  sqlite3* db_ = nullptr;
  std::filesystem::path path_;
  int busy_timeout_ms_ = 0;
  std::unordered_map<std::string, std::unique_ptr<Statement>> cache_;
};

class Statement {
public:
  Statement(Database& db, std::string_view sql);
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&&) = delete;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // Parameters are 1-based, as in SQLite. Binding always copies text.
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, double value);
  Statement& bind(int index, std::string_view value);
  Statement& bind(int index, const std::string& value) {
    return bind(index, std::string_view(value));
  }
  Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
  Statement& bind(int index, std::nullptr_t);
  Statement& bind(int index, const std::optional<std::string>& value);
  Statement& bind(int index, const std::optional<std::int64_t>& value);
  Statement& bind(int index, const SqlValue& value) {
    return std::visit([&](const auto& v) -> Statement& { return bind(index, v); }, value);
  }
  template <typename... Args> Statement& bind_all(const Args&... args) {
    int index = 0;
    (bind(++index, args), ...);
    return *this;
  }

  // Runs to the next row: true when a row is available.
  bool step();
  // Runs a statement that returns no rows.
  void run() {
    while (step()) {
    }
  }
  void reset();

  [[nodiscard]] bool is_null(int column) const;
  [[nodiscard]] std::int64_t get_int(int column) const;
  [[nodiscard]] double get_double(int column) const;
  [[nodiscard]] std::string get_text(int column) const;
  [[nodiscard]] std::optional<std::string> get_opt_text(int column) const;
  [[nodiscard]] std::optional<std::int64_t> get_opt_int(int column) const;
  [[nodiscard]] int column_count() const;
  [[nodiscard]] std::string column_name(int column) const;

private:
  friend class Database;
  Database* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

// BEGIN IMMEDIATE (a writer takes the lock up front, so a busy store fails fast with 75
// rather than midway); rolls back unless commit() was called.
class Transaction {
public:
  explicit Transaction(Database& db);
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();
  void commit();
  void rollback(); // now rather than at destruction (a dry run, a rejected import)

private:
  Database& db_;
  bool done_ = false;
};

// The SQLite library version, for crm --version.
std::string sqlite_version();
// Requests that the running statement stop (from a signal handler): it fails with
// util::InterruptedError, and no transaction commits after this: each rolls back.
void interrupt_current();
bool interrupted();

} // namespace crm::store
