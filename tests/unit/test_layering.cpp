// The module graph of ARCHITECTURE.md, enforced: a module includes only its own headers and
// those of the modules below it; only store sees SQLite, only settings toml++, only cli CLI11.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <regex>
#include <set>
#include <string>

namespace fs = std::filesystem;

namespace {

const std::map<std::string, std::set<std::string>> allowed = {
    {"util", {"util"}},
    {"csv", {"csv", "util"}},
    {"domain", {"domain", "util"}},
    {"segment", {"segment", "domain", "util"}},
    {"settings", {"settings", "util"}},
    {"store", {"store", "segment", "domain", "util"}},
    {"render", {"render", "util"}},
    {"mail", {"mail", "domain", "util"}},
    {"actions",
     {"actions", "store", "segment", "mail", "settings", "render", "csv", "domain", "util"}},
};

const std::map<std::string, std::string> external_owner = {{"sqlite3.h", "store"},
                                                           {"toml++/", "settings"},
                                                           {"CLI/", "cli"},
                                                           {"utf8proc.h", "util"},
                                                           // util's internal headers
                                                           {"util/timezone.hpp", "util"},
                                                           {"util/calendar.hpp", "util"},
                                                           {"util/json_escape.hpp", "util"}};

std::vector<std::string> violations_in(const fs::path& file, const std::string& module) {
  std::vector<std::string> found;
  std::ifstream in(file);
  const std::regex include(R"re(^\s*#\s*include\s*([<"])([^>"]+)[>"])re");
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    std::smatch m;
    if (!std::regex_search(line, m, include)) continue;
    const std::string target = m[2];
    const auto where = file.filename().string() + ":" + std::to_string(number) + ": " + target;
    for (const auto& [prefix, owner] : external_owner) {
      if (target.rfind(prefix, 0) == 0 && owner != module) found.push_back(where);
    }
    const auto slash = target.find('/');
    if (m[1] == "\"" && slash != std::string::npos && module != "cli") {
      const std::string used = target.substr(0, slash);
      if (allowed.count(used) != 0 && allowed.at(module).count(used) == 0) found.push_back(where);
    }
  }
  return found;
}

std::vector<std::string> violations(const fs::path& dir, const std::string& module) {
  std::vector<std::string> found;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    const auto ext = entry.path().extension();
    if (ext != ".cpp" && ext != ".hpp") continue;
    for (auto& v : violations_in(entry.path(), module)) found.push_back(std::move(v));
  }
  return found;
}

} // namespace

TEST_CASE("each libcrm module includes only what the architecture allows") {
  const fs::path root = CRM_SOURCE_DIR;
  for (const auto& [module, uses] : allowed) {
    CAPTURE(module);
    REQUIRE(fs::exists(root / "libcrm" / module));
    CHECK(violations(root / "libcrm" / module, module) == std::vector<std::string>{});
  }
  CHECK(violations(root / "cli", "cli") == std::vector<std::string>{});
}

TEST_CASE("the layering check itself catches a forbidden include") {
  {
    std::ofstream("bad.cpp") << "#include \"store/database.hpp\"\n#include <sqlite3.h>\n"
                             << "#include \"util/calendar.hpp\"\n";
  }
  CHECK(violations_in("bad.cpp", "domain").size() == 3);
  CHECK(violations_in("bad.cpp", "store").size() == 1); // util/calendar.hpp is util's own
}

TEST_CASE("no test case name holds a semicolon (CTest would split it and run no test)") {
  // doctest_discover_tests makes one CTest test per case, named after it; CMake reads a ';'
  // in that name as a list separator, and the test then selects no case and "passes".
  const fs::path root = CRM_SOURCE_DIR;
  const std::regex test_case(R"re(TEST_CASE\("((?:[^"\\]|\\.)*)"\))re");
  std::vector<std::string> bad;
  for (const auto& entry : fs::directory_iterator(root / "tests" / "unit")) {
    std::ifstream in(entry.path());
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    for (std::sregex_iterator m(text.begin(), text.end(), test_case), end; m != end; ++m)
      if ((*m)[1].str().find(';') != std::string::npos) bad.push_back((*m)[1].str());
  }
  CHECK(bad == std::vector<std::string>{});
}
