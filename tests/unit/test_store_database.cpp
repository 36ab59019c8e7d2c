#include <doctest/doctest.h>

#include <fstream>
#include <sys/stat.h>

#include "store/customers.hpp"
#include "store/database.hpp"
#include "store/migrations.hpp"
#include "util/error.hpp"

using namespace crm;
namespace fs = std::filesystem;

namespace {

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

// Each test case gets its own directory: the cases may also run in one process.
std::string fresh_dir() {
  static int counter = 0;
  const std::string dir = "case-" + std::to_string(++counter);
  fs::create_directory(dir);
  return dir + "/";
}

store::OpenOptions creating() {
  store::OpenOptions options;
  options.create = true;
  return options;
}

} // namespace

TEST_CASE("a missing store is an error that says to run crm init") {
  CHECK_THROWS_WITH_AS(store::Database::open("missing.db", {}),
                       "no store at missing.db: run 'crm init' to create one, or pass --db PATH",
                       util::StoreError);
  CHECK_FALSE(fs::exists("missing.db"));
}

TEST_CASE("crm init creates a private file and its directory, with the latest schema") {
  auto db = store::Database::open("dir/sub/crm.db", creating());
  CHECK(db.schema_version() == store::latest_schema_version());
  struct stat info {};
  REQUIRE(stat("dir/sub/crm.db", &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);
  REQUIRE(stat("dir/sub", &info) == 0);
  CHECK((info.st_mode & 0777) == 0700);
  store::Statement mode(db, "PRAGMA journal_mode");
  REQUIRE(mode.step());
  CHECK(mode.get_text(0) == "wal");
  store::Statement keys(db, "PRAGMA foreign_keys");
  REQUIRE(keys.step());
  CHECK(keys.get_int(0) == 1);
}

TEST_CASE("a file that is not SQLite is refused and left untouched") {
  const std::string d = fresh_dir();
  {
    std::ofstream(d + "notes.txt")
        << "this is not a database, just some text that is long enough\n";
  }
  const std::string before = read_file(d + "notes.txt");
  CHECK_THROWS_WITH_AS(store::Database::open(d + "notes.txt", {}),
                       (d + "notes.txt is not a SQLite database (is --db pointing at the right "
                            "file?); it was not changed")
                           .c_str(),
                       util::StoreError);
  CHECK(read_file(d + "notes.txt") == before);
  CHECK_FALSE(fs::exists(d + "notes.txt-wal"));
}

TEST_CASE("a SQLite database of another program is refused and left untouched") {
  const std::string d = fresh_dir();
  {
    auto db = store::Database::open(d + "crm.db", creating());
    db.exec("PRAGMA application_id=12345; PRAGMA journal_mode=DELETE");
  }
  const std::string before = read_file(d + "crm.db");
  CHECK_THROWS_WITH_AS(
      store::Database::open(d + "crm.db", {}),
      (d + "crm.db is a SQLite database but not a crm store; it was not changed").c_str(),
      util::StoreError);
  CHECK(read_file(d + "crm.db") == before);
}

TEST_CASE("a store written by a newer crm is refused, saying so") {
  const std::string d = fresh_dir();
  {
    auto db = store::Database::open(d + "crm.db", creating());
    db.exec("PRAGMA user_version=999");
  }
  CHECK_THROWS_WITH_AS(store::Database::open(d + "crm.db", {}),
                       (d + "crm.db was written by a newer crm (schema 999, this crm knows up to " +
                        std::to_string(store::latest_schema_version()) + "): upgrade crm")
                           .c_str(),
                       util::StoreError);
}

TEST_CASE("a writer waiting past the busy timeout gets a temporary error (exit 75)") {
  const std::string d = fresh_dir();
  store::Database::open(d + "crm.db", creating());
  store::OpenOptions quick;
  quick.busy_timeout_ms = 50;
  auto holder = store::Database::open(d + "crm.db", quick);
  store::Transaction held(holder);
  auto waiter = store::Database::open(d + "crm.db", quick);
  CHECK_THROWS_AS(store::Transaction{waiter}, util::TemporaryError);
}

TEST_CASE("a transaction that is not committed leaves nothing behind") {
  auto db = store::Database::open_memory();
  {
    store::Transaction transaction(db);
    domain::Customer c;
    c.email = "a@example.com";
    store::CustomerRepository(db).insert(c);
  }
  CHECK(store::CustomerRepository(db).count({}) == 0);
}

TEST_CASE("backup writes a private copy and refuses to overwrite") {
  const std::string d = fresh_dir();
  auto db = store::Database::open(d + "crm.db", creating());
  domain::Customer c;
  c.email = "a@example.com";
  store::CustomerRepository(db).insert(c);
  db.backup_to(d + "copy.db");
  struct stat info {};
  REQUIRE(stat((d + "copy.db").c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);
  auto copy = store::Database::open(d + "copy.db", {});
  CHECK(store::CustomerRepository(copy).count({}) == 1);
  CHECK_THROWS_AS(db.backup_to(d + "copy.db"), util::ConflictError);
}

TEST_CASE("migrations are numbered from 1 without gaps") {
  int expected = 1;
  for (const auto& migration : store::migrations()) CHECK(migration.version == expected++);
}
