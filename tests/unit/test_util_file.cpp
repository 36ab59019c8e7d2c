#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/stat.h>

#include "util/error.hpp"
#include "util/file.hpp"

namespace fs = std::filesystem;
using crm::util::AtomicFile;

namespace {

fs::path fresh_dir(const std::string& name) {
  const fs::path dir = fs::current_path() / ("atomic-" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::string read(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

int entries(const fs::path& dir) {
  return static_cast<int>(std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

} // namespace

TEST_CASE("util::AtomicFile: the target appears, mode 0600, only at commit") {
  const auto dir = fresh_dir("commit");
  const auto target = dir / "out.csv";
  {
    AtomicFile file(target, false);
    file.stream() << "a,b\r\n";
    CHECK_FALSE(fs::exists(target));
    CHECK(entries(dir) == 1); // the hidden temporary
    file.commit();
  }
  CHECK(read(target) == "a,b\r\n");
  CHECK(entries(dir) == 1);
  struct stat info {};
  REQUIRE(stat(target.c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);
}

TEST_CASE("util::AtomicFile: not committed, nothing is left") {
  const auto dir = fresh_dir("abandon");
  {
    AtomicFile file(dir / "out.csv", false);
    file.stream() << "half";
  }
  CHECK(entries(dir) == 0);
}

TEST_CASE(
    "util::AtomicFile: an existing file needs replace; a directory or no directory is refused") {
  const auto dir = fresh_dir("refuse");
  const auto target = dir / "out.csv";
  std::ofstream(target) << "old";
  CHECK_THROWS_WITH_AS(AtomicFile(target, false),
                       (target.string() + " exists: pass --force to replace it").c_str(),
                       crm::util::ConflictError);
  CHECK(read(target) == "old");
  {
    AtomicFile file(target, true);
    file.stream() << "new";
    file.commit();
  }
  CHECK(read(target) == "new");
  CHECK_THROWS_WITH_AS(AtomicFile(dir, true),
                       (dir.string() + " is a directory: give a file name").c_str(),
                       crm::util::UsageError);
  CHECK_THROWS_WITH_AS(AtomicFile(dir / "no" / "x.csv", true),
                       ("cannot write " + (dir / "no" / "x.csv").string() +
                        ": there is no directory " + (dir / "no").string())
                           .c_str(),
                       crm::util::UsageError);
  CHECK(entries(dir) == 1);
}
