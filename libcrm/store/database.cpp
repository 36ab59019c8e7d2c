#include "store/database.hpp"

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

#include <fmt/format.h>

#include "store/migrations.hpp"
#include "util/error.hpp"

namespace crm::store {

namespace {

// "CRM1": marks a SQLite file as a crm store (PRAGMA application_id).
constexpr std::int64_t application_id = 0x43524D31;

std::atomic<sqlite3*> current_db{nullptr};
std::atomic<bool> interrupt_requested{false};

// Every directory crm creates is 0700.
void create_private_directories(const std::filesystem::path& dir) {
  if (dir.empty() || std::filesystem::exists(dir)) return;
  create_private_directories(dir.parent_path());
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST)
    throw util::StoreError(
        fmt::format("cannot create directory {}: {}", dir.string(), std::strerror(errno)));
}

// Creates `path` mode 0600 if it does not exist; an existing empty file (about to become a
// store) is made 0600 too.
void create_private_file(const std::filesystem::path& path) {
  create_private_directories(path.parent_path());
  const int fd = ::open(path.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0 && errno != EEXIST)
    throw util::StoreError(
        fmt::format("cannot create {}: {}", path.string(), std::strerror(errno)));
  if (fd >= 0) ::close(fd);
  std::error_code ec;
  if (std::filesystem::file_size(path, ec) == 0 && !ec) ::chmod(path.c_str(), 0600);
}

} // namespace

Database::Database(sqlite3* db, std::filesystem::path path, int busy_timeout_ms)
    : db_(db), path_(std::move(path)), busy_timeout_ms_(busy_timeout_ms) {
  current_db.store(db_);
}

Database::Database(Database&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), path_(std::move(other.path_)),
      busy_timeout_ms_(other.busy_timeout_ms_), cache_(std::move(other.cache_)) {
  adopt_cache();
}

Database& Database::operator=(Database&& other) noexcept {
  if (this != &other) {
    cache_.clear();
    if (db_ != nullptr) sqlite3_close_v2(db_);
    db_ = std::exchange(other.db_, nullptr);
    path_ = std::move(other.path_);
    busy_timeout_ms_ = other.busy_timeout_ms_;
    cache_ = std::move(other.cache_);
    adopt_cache();
  }
  return *this;
}

void Database::adopt_cache() {
  for (auto& [sql, statement] : cache_) statement->db_ = this;
}

Statement& Database::cached(std::string_view sql) {
  auto it = cache_.find(std::string(sql));
  if (it == cache_.end())
    it = cache_.emplace(std::string(sql), std::make_unique<Statement>(*this, sql)).first;
  it->second->reset();
  return *it->second;
}

Database::~Database() {
  cache_.clear(); // statements are finalized before the connection closes
  if (db_ == nullptr) return;
  sqlite3* expected = db_;
  current_db.compare_exchange_strong(expected, nullptr);
  sqlite3_close_v2(db_);
}

Database Database::open(const std::filesystem::path& path, const OpenOptions& options) {
  if (options.create) {
    create_private_file(path);
  } else if (!std::filesystem::exists(path)) {
    throw util::StoreError(fmt::format(
        "no store at {}: run 'crm init' to create one, or pass --db PATH", path.string()));
  }
  sqlite3* raw = nullptr;
  const int rc =
      sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
  Database db(raw, path, options.busy_timeout_ms);
  if (rc != SQLITE_OK) db.raise(rc, "cannot open the store");
  sqlite3_busy_timeout(raw, options.busy_timeout_ms);
  sqlite3_extended_result_codes(raw, 1);
  db.check_identity(options.create);
  if (!db.read_only()) db.exec("PRAGMA journal_mode=WAL");
  db.exec("PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL");
  if (options.migrate || options.create) db.migrate();
  return db;
}

Database Database::open_memory() {
  sqlite3* raw = nullptr;
  sqlite3_open_v2(":memory:", &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  Database db(raw, ":memory:", 0);
  db.exec("PRAGMA foreign_keys=ON");
  db.migrate();
  return db;
}

void Database::check_identity(bool allow_empty) {
  sqlite3_stmt* stmt = nullptr;
  // The first read tells a SQLite file from anything else, without writing to it.
  int rc = sqlite3_prepare_v2(db_, "SELECT count(*) FROM sqlite_master", -1, &stmt, nullptr);
  if (rc == SQLITE_OK) rc = sqlite3_step(stmt);
  const std::int64_t objects = rc == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
  sqlite3_finalize(stmt);
  if ((rc & 0xFF) == SQLITE_NOTADB)
    throw util::StoreError(fmt::format(
        "{} is not a SQLite database (is --db pointing at the right file?); it was not changed",
        path_.string()));
  if (rc != SQLITE_ROW) raise(rc, "cannot read the store");
  Statement query(*this, "PRAGMA application_id");
  query.step();
  const std::int64_t app_id = query.get_int(0);
  if (app_id == application_id) {
    const int version = schema_version();
    if (version > latest_schema_version())
      throw util::StoreError(fmt::format(
          "{} was written by a newer crm (schema {}, this crm knows up to {}): upgrade crm",
          path_.string(), version, latest_schema_version()));
    return;
  }
  if (objects == 0 && app_id == 0) {
    if (allow_empty) return;
    throw util::StoreError(
        fmt::format("{} is an empty database, not a crm store: run 'crm init --db {}'",
                    path_.string(), path_.string()));
  }
  throw util::StoreError(fmt::format(
      "{} is a SQLite database but not a crm store; it was not changed", path_.string()));
}

std::vector<int> Database::pending_migrations() {
  std::vector<int> pending;
  const int version = schema_version();
  for (const auto& migration : migrations()) {
    if (migration.version > version) pending.push_back(migration.version);
  }
  return pending;
}

std::vector<int> Database::migrate() {
  const auto pending = pending_migrations();
  if (pending.empty()) return pending;
  Transaction transaction(*this);
  exec(fmt::format("PRAGMA application_id={}", application_id));
  for (const auto& migration : migrations()) {
    if (migration.version <= schema_version()) continue;
    exec(migration.sql);
    exec(fmt::format("PRAGMA user_version={}", migration.version));
  }
  transaction.commit();
  return pending;
}

void Database::exec(std::string_view sql) {
  const std::string text(sql);
  char* message = nullptr;
  const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message);
  sqlite3_free(message);
  if (rc != SQLITE_OK) raise(rc, "statement failed");
}

Statement Database::prepare(std::string_view sql) { return Statement(*this, sql); }

std::int64_t Database::last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }
int Database::changes() const { return sqlite3_changes(db_); }
bool Database::read_only() const { return sqlite3_db_readonly(db_, "main") == 1; }

int Database::schema_version() {
  Statement query(*this, "PRAGMA user_version");
  query.step();
  return static_cast<int>(query.get_int(0));
}

void Database::backup_to(const std::filesystem::path& target) {
  if (std::filesystem::exists(target))
    throw util::ConflictError(
        fmt::format("{} already exists: choose a new file name", target.string()));
  create_private_file(target);
  sqlite3* dest = nullptr;
  int rc = sqlite3_open_v2(target.c_str(), &dest, SQLITE_OPEN_READWRITE, nullptr);
  sqlite3_backup* backup =
      rc == SQLITE_OK ? sqlite3_backup_init(dest, "main", db_, "main") : nullptr;
  if (backup != nullptr) {
    do {
      rc = sqlite3_backup_step(backup, 1024);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(50);
    } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    sqlite3_backup_finish(backup);
  }
  const std::string message = sqlite3_errmsg(dest);
  rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
  sqlite3_close_v2(dest);
  if (rc != SQLITE_OK) {
    std::filesystem::remove(target);
    throw util::StoreError(fmt::format("backup to {} failed: {}", target.string(), message));
  }
}

void Database::raise(int code, std::string_view context) const {
  const std::string detail = db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(code);
  switch (code & 0xFF) {
  case SQLITE_BUSY:
  case SQLITE_LOCKED:
    throw util::TemporaryError(
        fmt::format("the store {} is locked by another writer (waited {} ms): try again later",
                    path_.string(), busy_timeout_ms_));
  case SQLITE_READONLY:
    throw util::StoreError(fmt::format("the store {} is read-only: {}", path_.string(), detail));
  case SQLITE_INTERRUPT:
    throw util::InterruptedError();
  case SQLITE_NOTADB:
    throw util::StoreError(fmt::format("{} is not a SQLite database", path_.string()));
  case SQLITE_FULL:
    throw util::StoreError(fmt::format("the disk holding {} is full", path_.string()));
  case SQLITE_CONSTRAINT: // a unique key taken: callers that check first never see it
    throw util::ConflictError(fmt::format("{}: {}", context, detail));
  default:
    if (detail == "integer overflow") // sum() of amounts (a customer's revenue) beyond int64
      throw util::UsageError("amount out of range: a sum of amounts does not fit in 64 bits");
    // A segment expression whose SQL is beyond SQLite's parser (segment::resolve refuses
    // the likely ones first): the user's to simplify, not a store failure.
    if (detail == "parser stack overflow" || detail.rfind("Expression tree is too large", 0) == 0)
      throw util::UsageError(fmt::format(
          "the expression is too complex for SQLite ({}): use fewer nested parentheses, "
          "not and segment references",
          detail));
    throw util::StoreError(fmt::format("{}: {} ({})", context, detail, path_.string()));
  }
}

std::string sqlite_version() { return sqlite3_libversion(); }

void interrupt_current() {
  interrupt_requested.store(true);
  if (sqlite3* db = current_db.load(); db != nullptr) sqlite3_interrupt(db);
}

bool interrupted() { return interrupt_requested.load(); }

// --- Statement --------------------------------------------------------------------------

Statement::Statement(Database& db, std::string_view sql) : db_(&db) {
  const int rc =
      sqlite3_prepare_v2(db.handle(), sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr);
  if (rc != SQLITE_OK) db.raise(rc, fmt::format("cannot prepare '{}'", sql.substr(0, 60)));
}

Statement::Statement(Statement&& other) noexcept
    : db_(other.db_), stmt_(std::exchange(other.stmt_, nullptr)) {}

Statement::~Statement() { sqlite3_finalize(stmt_); }

namespace {
void check_bind(Database& db, int rc) {
  if (rc != SQLITE_OK) db.raise(rc, "cannot bind a parameter");
}
} // namespace

Statement& Statement::bind(int index, std::int64_t value) {
  check_bind(*db_, sqlite3_bind_int64(stmt_, index, value));
  return *this;
}
Statement& Statement::bind(int index, double value) {
  check_bind(*db_, sqlite3_bind_double(stmt_, index, value));
  return *this;
}
Statement& Statement::bind(int index, std::string_view value) {
  check_bind(*db_, sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT,
                                       SQLITE_UTF8));
  return *this;
}
Statement& Statement::bind(int index, std::nullptr_t) {
  check_bind(*db_, sqlite3_bind_null(stmt_, index));
  return *this;
}
Statement& Statement::bind(int index, const std::optional<std::string>& value) {
  return value ? bind(index, std::string_view(*value)) : bind(index, nullptr);
}
Statement& Statement::bind(int index, const std::optional<std::int64_t>& value) {
  return value ? bind(index, *value) : bind(index, nullptr);
}

bool Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  db_->raise(rc, "query failed");
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

bool Statement::is_null(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}
std::int64_t Statement::get_int(int column) const { return sqlite3_column_int64(stmt_, column); }
double Statement::get_double(int column) const { return sqlite3_column_double(stmt_, column); }
std::string Statement::get_text(int column) const {
  const auto* text = sqlite3_column_text(stmt_, column);
  const int size = sqlite3_column_bytes(stmt_, column);
  return text == nullptr
             ? std::string()
             : std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(size));
}
std::optional<std::string> Statement::get_opt_text(int column) const {
  if (is_null(column)) return std::nullopt;
  return get_text(column);
}
std::optional<std::int64_t> Statement::get_opt_int(int column) const {
  if (is_null(column)) return std::nullopt;
  return get_int(column);
}
int Statement::column_count() const { return sqlite3_column_count(stmt_); }
std::string Statement::column_name(int column) const { return sqlite3_column_name(stmt_, column); }

// --- Transaction ------------------------------------------------------------------------

Transaction::Transaction(Database& db) : db_(db) {
  if (interrupted()) throw util::InterruptedError();
  db_.exec("BEGIN IMMEDIATE");
}

Transaction::~Transaction() {
  if (!done_) sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::rollback() {
  if (done_) return;
  done_ = true;
  db_.exec("ROLLBACK");
}

void Transaction::commit() {
  if (interrupted()) throw util::InterruptedError(); // Ctrl-C before the commit: roll back
  db_.exec("COMMIT");
  done_ = true;
}

} // namespace crm::store
