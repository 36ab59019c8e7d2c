// crm-bench-import-baseline: the yardstick of DESIGN.md §8 ("importing is within 1.5x of a
// raw prepared-insert loop into SQLite"): a minimal loop that inserts the rows of a
// crm-bench-gen-csv file into the customers table of a store made by `crm init`.
//
//   crm-bench-import-baseline --db STORE --csv FILE
//
// One prepared INSERT, reused, in one transaction; the same connection settings as crm's
// store (WAL, synchronous=NORMAL, foreign keys on). Lines are split on commas (the generated
// file has no quoted fields); email_key is the lower-cased email, created_at = updated_at =
// now. No validation, no uniqueness check beyond the store's own indexes, no search text,
// no audit: the least any importer must do. Reports "crm-bench-import-baseline: rows=N
// seconds=S rows_per_s=R" on stderr.
#include <chrono>
#include <cstdint>
#include <ctime>
#include <fstream>
#include <iostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <sqlite3.h>

#include "baseline.hpp"

namespace {

using crm::bench::chomp;
using crm::bench::split;
using crm::bench::Sqlite;

std::string lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::int64_t import(Sqlite& db, std::istream& in) {
  std::string line;
  if (!std::getline(in, line)) throw std::runtime_error("empty CSV");
  // The header names, in file order, become the column names of the INSERT.
  const auto header = split(chomp(line));
  std::string sql = "INSERT INTO customers (";
  std::size_t email = header.size();
  for (std::size_t i = 0; i < header.size(); ++i) {
    sql += std::string(header[i]) + ", ";
    if (header[i] == "email") email = i;
  }
  sql += "email_key, created_at, updated_at) VALUES (";
  for (std::size_t i = 0; i < header.size(); ++i) sql += "?, ";
  sql += "?, ?, ?)";
  sqlite3_stmt* insert = nullptr;
  if (sqlite3_prepare_v2(db.handle(), sql.c_str(), -1, &insert, nullptr) != SQLITE_OK) db.fail(sql);
  const auto now = static_cast<sqlite3_int64>(std::time(nullptr));
  const int n = static_cast<int>(header.size());
  std::int64_t rows = 0;
  db.exec("BEGIN IMMEDIATE");
  while (std::getline(in, line)) {
    const auto fields = split(chomp(line));
    if (fields.size() != header.size()) throw std::runtime_error("bad line " + line);
    for (int i = 0; i < n; ++i) {
      const auto& field = fields[static_cast<std::size_t>(i)];
      if (field.empty())
        sqlite3_bind_null(insert, i + 1);
      else
        sqlite3_bind_text(insert, i + 1, field.data(), static_cast<int>(field.size()),
                          SQLITE_STATIC);
    }
    const std::string key = email < fields.size() ? lower(fields[email]) : std::string();
    if (key.empty())
      sqlite3_bind_null(insert, n + 1);
    else
      sqlite3_bind_text(insert, n + 1, key.data(), static_cast<int>(key.size()), SQLITE_STATIC);
    sqlite3_bind_int64(insert, n + 2, now);
    sqlite3_bind_int64(insert, n + 3, now);
    if (sqlite3_step(insert) != SQLITE_DONE) db.fail("insert, line " + std::to_string(rows + 2));
    sqlite3_reset(insert);
    ++rows;
  }
  sqlite3_finalize(insert);
  db.exec("COMMIT");
  return rows;
}

} // namespace

int main(int argc, char** argv) {
  const std::string_view usage = "usage: crm-bench-import-baseline --db STORE --csv FILE";
  std::string db_path, csv_path;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string_view arg = argv[i];
    if (arg == "--db") db_path = argv[i + 1];
    if (arg == "--csv") csv_path = argv[i + 1];
  }
  if (db_path.empty() || csv_path.empty() || argc != 5) {
    std::cerr << usage << '\n';
    return 2;
  }
  try {
    const auto start = std::chrono::steady_clock::now();
    std::ifstream in(csv_path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + csv_path);
    Sqlite db(db_path);
    const std::int64_t rows = import(db, in);
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    std::cerr << "crm-bench-import-baseline: rows=" << rows << " seconds=" << elapsed.count()
              << " rows_per_s="
              << static_cast<std::int64_t>(static_cast<double>(rows) / elapsed.count()) << '\n';
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "crm-bench-import-baseline: " << e.what() << '\n';
    return 1;
  }
}
