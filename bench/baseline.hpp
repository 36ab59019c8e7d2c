#pragma once
// What the two bench baselines share (crm-bench-import-baseline and
// crm-bench-order-import-baseline): an SQLite connection with crm's settings and a bare CSV
// line splitter. Deliberately minimal: the baselines measure SQLite, not crm's store module.
#include <sqlite3.h>

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace crm::bench {

// The store opened read-write with crm's connection settings (WAL, foreign keys on,
// synchronous=NORMAL).
class Sqlite {
public:
  explicit Sqlite(const std::string& path) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK)
      fail("cannot open " + path);
    exec("PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL");
  }
  ~Sqlite() { sqlite3_close(db_); }
  Sqlite(const Sqlite&) = delete;
  Sqlite& operator=(const Sqlite&) = delete;

  void exec(const std::string& sql) {
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) fail(sql);
  }
  [[noreturn]] void fail(const std::string& what) const {
    throw std::runtime_error(what + ": " + sqlite3_errmsg(db_));
  }
  sqlite3* handle() { return db_; }

private:
  sqlite3* db_ = nullptr;
};

// The fields of a line of the generated CSV files (which never quote).
inline std::vector<std::string_view> split(std::string_view line) {
  std::vector<std::string_view> fields;
  for (std::size_t start = 0;;) {
    const std::size_t comma = line.find(',', start);
    fields.push_back(line.substr(start, comma - start));
    if (comma == std::string_view::npos) return fields;
    start = comma + 1;
  }
}

inline std::string_view chomp(std::string_view line) {
  return !line.empty() && line.back() == '\r' ? line.substr(0, line.size() - 1) : line;
}

} // namespace crm::bench
