#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "settings/settings.hpp"
#include "util/error.hpp"
#include "util/time.hpp"

using namespace crm;
namespace fs = std::filesystem;

namespace {

using Getenv = std::function<const char*(const char*)>;

Getenv environment(std::map<std::string, std::string> variables) {
  return [variables = std::move(variables)](const char* name) -> const char* {
    const auto found = variables.find(name);
    return found == variables.end() ? nullptr : found->second.c_str();
  };
}

void write_file(const fs::path& path, const std::string& text) {
  if (path.has_parent_path()) fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

// "key type value @origin", one per entry, so a whole configuration compares in one CHECK.
std::vector<std::string> describe(const settings::Settings& s) {
  std::vector<std::string> lines;
  for (const auto& e : s.entries()) {
    lines.push_back(e.key + " " + e.type + " '" + e.value + "' @" + e.origin);
  }
  return lines;
}

std::string origin_of(const settings::Settings& s, const std::string& key) {
  for (const auto& e : s.entries()) {
    if (e.key == key) return e.origin;
  }
  return "(missing)";
}

settings::Settings loaded(std::string_view text, std::string_view name = "f.toml") {
  settings::Settings s;
  s.load_text(text, name);
  return s;
}

// Options that never look at the real /etc, $HOME or environment.
settings::LoadOptions isolated(std::map<std::string, std::string> variables = {}) {
  settings::LoadOptions options;
  options.system_file = fs::current_path() / "no-such-system.toml";
  options.getenv = environment(std::move(variables));
  return options;
}

} // namespace

TEST_CASE("settings: the defaults are every key of config/crm.toml, in order, with its type") {
  const settings::Settings s;
  CHECK(describe(s) == std::vector<std::string>{
                           "store.path string '' @default",
                           "store.busy_timeout_ms integer '5000' @default",
                           "output.format string 'table' @default",
                           "output.timezone string 'UTC' @default",
                           "output.color string 'auto' @default",
                           "customer.default_status string 'lead' @default",
                           "customer.show_interactions integer '10' @default",
                           "customer.show_orders integer '10' @default",
                           "money.currency string 'CNY' @default",
                           "money.rates string '' @default",
                           "audit.user string '' @default",
                       });
  CHECK(s.get_string("output.format") == "table");
  CHECK(s.get_int("store.busy_timeout_ms") == 5000);
  CHECK(s.get_int("customer.show_interactions") == 10);
  CHECK(s.get_string("store.path").empty());
}

TEST_CASE("settings: the default file parses as a config file and changes no value") {
  const settings::Settings defaults;
  const auto s = loaded(settings::default_config_text(), "crm.toml");
  const auto before = defaults.entries();
  const auto after = s.entries();
  REQUIRE(after.size() == before.size());
  for (std::size_t i = 0; i < after.size(); ++i) {
    CAPTURE(after[i].key);
    CHECK(after[i].value == before[i].value);
    CHECK(after[i].origin.rfind("crm.toml:", 0) == 0);
  }
  CHECK(origin_of(s, "store.path") == "crm.toml:13");
}

// crm-config(5) documents each key by the comment above it in config/crm.toml.
TEST_CASE("settings: every key in config/crm.toml has a comment line right above it") {
  std::istringstream in{std::string(settings::default_config_text())};
  std::vector<std::string> keys;
  std::string section;
  std::string previous;
  for (std::string line; std::getline(in, line); previous = line) {
    if (line.rfind('[', 0) == 0) section = line.substr(1, line.find(']') - 1);
    const auto equals = line.find(" = ");
    if (line.empty() || line[0] == '#' || line[0] == '[' || equals == std::string::npos) continue;
    keys.push_back(section + "." + line.substr(0, equals));
    CAPTURE(keys.back());
    CHECK(previous.rfind("# ", 0) == 0);
  }
  std::vector<std::string> known;
  for (const auto& e : settings::Settings().entries()) known.push_back(e.key);
  CHECK(keys == known);
}

TEST_CASE("settings: get_* on an unknown key or the wrong type is a programming error") {
  const settings::Settings s;
  CHECK_THROWS_AS((void)s.get_string("output.nope"), std::logic_error);
  CHECK_THROWS_AS((void)s.get_int("nope"), std::logic_error);
  CHECK_THROWS_AS((void)s.get_bool("output.color"), std::logic_error);
  CHECK_THROWS_AS((void)s.get_int("output.format"), std::logic_error);
  CHECK_THROWS_AS((void)s.get_string("store.busy_timeout_ms"), std::logic_error);
  // not a user error: main must not turn it into exit code 2
  CHECK_THROWS_WITH((void)s.get_string("output.nope"), "unknown setting 'output.nope'");
}

TEST_CASE("settings: a file sets values with FILE:LINE origins") {
  const auto s = loaded("# mine\n[output]\nformat = \"json\"\ncolor = 'never'\n\n"
                        "[store]\nbusy_timeout_ms = 0\npath = \"/srv/crm.db\"\n");
  CHECK(describe(s) == std::vector<std::string>{
                           "store.path string '/srv/crm.db' @f.toml:8",
                           "store.busy_timeout_ms integer '0' @f.toml:7",
                           "output.format string 'json' @f.toml:3",
                           "output.timezone string 'UTC' @default",
                           "output.color string 'never' @f.toml:4",
                           "customer.default_status string 'lead' @default",
                           "customer.show_interactions integer '10' @default",
                           "customer.show_orders integer '10' @default",
                           "money.currency string 'CNY' @default",
                           "money.rates string '' @default",
                           "audit.user string '' @default",
                       });
  CHECK(s.get_int("store.busy_timeout_ms") == 0);
}

TEST_CASE("settings: dotted keys, inline tables and empty files are ordinary TOML") {
  const auto s = loaded("output.format = \"csv\"\ncustomer = { show_interactions = 3 }\n");
  CHECK(s.get_string("output.format") == "csv");
  CHECK(origin_of(s, "output.format") == "f.toml:1");
  CHECK(s.get_int("customer.show_interactions") == 3);
  CHECK(origin_of(s, "customer.show_interactions") == "f.toml:2");
  CHECK(describe(loaded("")) == describe(settings::Settings()));
  CHECK(describe(loaded("[audit]\n")) == describe(settings::Settings()));
}

TEST_CASE("settings: unknown keys in a file are errors with the line and a suggestion") {
  CHECK_THROWS_WITH_AS(loaded("[output]\n\nfromat = \"json\"\n"),
                       "f.toml:3: unknown key 'output.fromat'; did you mean 'output.format'?",
                       util::UsageError);
  CHECK_THROWS_WITH_AS(loaded("[ouptut]\nformat = \"json\"\n"),
                       "f.toml:2: unknown key 'ouptut.format'; did you mean 'output.format'?",
                       util::UsageError);
  CHECK_THROWS_WITH_AS(loaded("[store]\npath = ''\nwibble = 1\n"),
                       "f.toml:3: unknown key 'store.wibble'", util::UsageError);
  // the first problem in the file is the one reported
  CHECK_THROWS_WITH(loaded("[zz]\nb = 1\n[output]\nformat = 1\n"), "f.toml:2: unknown key 'zz.b'");
}

TEST_CASE("settings: top-level values and tables deeper than section.key are unknown keys") {
  CHECK_THROWS_WITH_AS(loaded("format = \"json\"\n"), "f.toml:1: unknown key 'format'",
                       util::UsageError);
  CHECK_THROWS_WITH_AS(loaded("\n[store.sub]\nx = 1\n"), "f.toml:2: unknown key 'store.sub'",
                       util::UsageError);
  CHECK_THROWS_WITH_AS(loaded("[store]\nsub.x = 1\n"), "f.toml:2: unknown key 'store.sub'",
                       util::UsageError);
  CHECK_THROWS_WITH_AS(loaded("[[store]]\npath = \"x\"\n"), "f.toml:1: unknown key 'store'",
                       util::UsageError);
}

TEST_CASE("settings: a value of the wrong type names the key and the type it needs") {
  CHECK_THROWS_WITH_AS(loaded("[output]\nformat = 1\n"),
                       "f.toml:2: 'output.format' must be a string", util::UsageError);
  CHECK_THROWS_WITH(loaded("[output]\nformat = true\n"),
                    "f.toml:2: 'output.format' must be a string");
  CHECK_THROWS_WITH(loaded("[output]\nformat = [\"json\"]\n"),
                    "f.toml:2: 'output.format' must be a string");
  CHECK_THROWS_WITH(loaded("[output]\nformat = { x = 1 }\n"),
                    "f.toml:2: 'output.format' must be a string");
  CHECK_THROWS_WITH_AS(loaded("[store]\nbusy_timeout_ms = \"5000\"\n"),
                       "f.toml:2: 'store.busy_timeout_ms' must be an integer", util::UsageError);
  CHECK_THROWS_WITH(loaded("[store]\nbusy_timeout_ms = 1.5\n"),
                    "f.toml:2: 'store.busy_timeout_ms' must be an integer");
}

TEST_CASE("settings: TOML syntax errors give line and column") {
  CHECK_THROWS_WITH_AS(loaded("[output\n"),
                       "f.toml:1:8: invalid TOML: Error while parsing table header: expected ']', "
                       "saw '\\n'",
                       util::UsageError);
  CHECK_THROWS_WITH_AS(loaded("[output]\nformat = \"json\"\nformat = \"csv\"\n"),
                       "f.toml:3:10: invalid TOML: Error while parsing key-value pair: cannot "
                       "redefine existing string 'format'",
                       util::UsageError);
}

TEST_CASE("settings: values with a fixed set or range are checked, naming the origin") {
  CHECK_THROWS_WITH_AS(loaded("[output]\nformat = \"xml\"\n"),
                       "f.toml:2: output.format must be one of table, csv, tsv, json, ndjson",
                       util::UsageError);
  CHECK_THROWS_WITH(loaded("[output]\ncolor = \"yes\"\n"),
                    "f.toml:2: output.color must be one of auto, always, never");
  CHECK_THROWS_WITH(loaded("[customer]\ndefault_status = \"Lead\"\n"),
                    "f.toml:2: customer.default_status must be one of lead, active, inactive");
  CHECK_THROWS_WITH(loaded("[store]\nbusy_timeout_ms = -1\n"),
                    "f.toml:2: store.busy_timeout_ms must not be negative");
  CHECK_THROWS_WITH(loaded("[customer]\nshow_interactions = -5\n"),
                    "f.toml:2: customer.show_interactions must not be negative");
  std::string zone_error;
  try {
    util::validate_timezone("Mars/Olympus_Mons");
  } catch (const util::UsageError& e) {
    zone_error = e.what();
  }
  REQUIRE_FALSE(zone_error.empty());
  CHECK_THROWS_WITH_AS(loaded("[output]\ntimezone = \"Mars/Olympus_Mons\"\n"),
                       ("f.toml:2: output.timezone: " + zone_error).c_str(), util::UsageError);
  for (const char* format : {"table", "csv", "tsv", "json", "ndjson"}) {
    CHECK(loaded(std::string("output.format = \"") + format + "\"").get_string("output.format") ==
          format);
  }
  CHECK(loaded("output.timezone = \"Asia/Shanghai\"").get_string("output.timezone") ==
        "Asia/Shanghai");
  CHECK(loaded("output.timezone = \"+08:00\"").get_string("output.timezone") == "+08:00");
}

TEST_CASE("settings: a file with any error changes nothing") {
  settings::Settings s;
  CHECK_THROWS(s.load_text("[output]\nformat = \"csv\"\ncolor = \"pink\"\n", "f.toml"));
  CHECK_THROWS(s.load_text("[output]\nformat = \"csv\"\nbogus = 1\n", "f.toml"));
  CHECK(describe(s) == describe(settings::Settings()));
}

TEST_CASE("settings: load_file reads a file and names it - unreadable files are errors") {
  write_file("dir one/my.toml", "[audit]\nuser = \"\xE6\x9D\x8E\xE5\xA8\x9C\"\n"); // 李娜
  settings::Settings s;
  s.load_file("dir one/my.toml");
  CHECK(s.get_string("audit.user") == "\xE6\x9D\x8E\xE5\xA8\x9C");
  CHECK(origin_of(s, "audit.user") == "dir one/my.toml:2");
  CHECK_THROWS_WITH_AS(s.load_file("absent.toml"),
                       "cannot read config file 'absent.toml': No such file or directory",
                       util::UsageError);
  fs::create_directories("a-directory.toml");
  CHECK_THROWS_WITH_AS(s.load_file("a-directory.toml"),
                       "cannot read config file 'a-directory.toml': Is a directory",
                       util::UsageError);
  write_file("bad.toml", "[audit]\nuser = 1\n");
  CHECK_THROWS_WITH(s.load_file("bad.toml"), "bad.toml:2: 'audit.user' must be a string");
}

TEST_CASE("settings: CRM_<SECTION>_<KEY> variables, one per known key") {
  std::vector<std::string> asked;
  settings::Settings s;
  s.load_env([&asked](const char* name) -> const char* {
    asked.emplace_back(name);
    if (asked.back() == "CRM_OUTPUT_FORMAT") return "ndjson";
    if (asked.back() == "CRM_STORE_BUSY_TIMEOUT_MS") return "+250";
    if (asked.back() == "CRM_AUDIT_USER") return "";
    return nullptr;
  });
  CHECK(asked == std::vector<std::string>{
                     "CRM_STORE_PATH", "CRM_STORE_BUSY_TIMEOUT_MS", "CRM_OUTPUT_FORMAT",
                     "CRM_OUTPUT_TIMEZONE", "CRM_OUTPUT_COLOR", "CRM_CUSTOMER_DEFAULT_STATUS",
                     "CRM_CUSTOMER_SHOW_INTERACTIONS", "CRM_CUSTOMER_SHOW_ORDERS",
                     "CRM_MONEY_CURRENCY", "CRM_MONEY_RATES", "CRM_AUDIT_USER"});
  CHECK(s.get_string("output.format") == "ndjson");
  CHECK(origin_of(s, "output.format") == "env CRM_OUTPUT_FORMAT");
  CHECK(s.get_int("store.busy_timeout_ms") == 250);
  CHECK(describe(s)[1] == "store.busy_timeout_ms integer '250' @env CRM_STORE_BUSY_TIMEOUT_MS");
  CHECK(origin_of(s, "audit.user") == "default"); // empty counts as unset
}

TEST_CASE("settings: a bad environment value names the variable and changes nothing") {
  settings::Settings s;
  CHECK_THROWS_WITH_AS(
      s.load_env(environment({{"CRM_OUTPUT_FORMAT", "csv"}, {"CRM_STORE_BUSY_TIMEOUT_MS", "abc"}})),
      "CRM_STORE_BUSY_TIMEOUT_MS: expected an integer, got 'abc'", util::UsageError);
  CHECK_THROWS_WITH(s.load_env(environment({{"CRM_CUSTOMER_SHOW_INTERACTIONS", "5 "}})),
                    "CRM_CUSTOMER_SHOW_INTERACTIONS: expected an integer, got '5 '");
  CHECK_THROWS_WITH_AS(s.load_env(environment({{"CRM_OUTPUT_FORMAT", "xml"}})),
                       "env CRM_OUTPUT_FORMAT: output.format must be one of table, csv, tsv, "
                       "json, ndjson",
                       util::UsageError);
  CHECK_THROWS_WITH(s.load_env(environment({{"CRM_STORE_BUSY_TIMEOUT_MS", "-1"}})),
                    "env CRM_STORE_BUSY_TIMEOUT_MS: store.busy_timeout_ms must not be negative");
  CHECK(describe(s) == describe(settings::Settings()));
  s.load_env(environment({{"CRM_OUTPUT_FORMATS", "xml"}, {"CRM_store_path", "x"}}));
  CHECK(describe(s) == describe(settings::Settings()));
}

TEST_CASE("settings: -c section.key=value overrides, read as the key's type") {
  settings::Settings s;
  s.apply_override("output.format=json");
  s.apply_override("store.busy_timeout_ms=007");
  s.apply_override("audit.user=a=b c");
  s.apply_override("store.path=");
  CHECK(s.get_string("output.format") == "json");
  CHECK(origin_of(s, "output.format") == "-c");
  CHECK(s.get_int("store.busy_timeout_ms") == 7);
  CHECK(describe(s)[1] == "store.busy_timeout_ms integer '7' @-c");
  CHECK(s.get_string("audit.user") == "a=b c");
  CHECK(origin_of(s, "store.path") == "-c");
  s.apply_override("output.format=csv"); // the last one wins
  CHECK(s.get_string("output.format") == "csv");
}

TEST_CASE("settings: bad -c options say what is wrong") {
  settings::Settings s;
  CHECK_THROWS_WITH_AS(s.apply_override("output.format"),
                       "-c 'output.format': expected section.key=value", util::UsageError);
  CHECK_THROWS_WITH(s.apply_override("=json"), "-c '=json': expected section.key=value");
  CHECK_THROWS_WITH_AS(s.apply_override("output.fromat=json"),
                       "-c: unknown key 'output.fromat'; did you mean 'output.format'?",
                       util::UsageError);
  CHECK_THROWS_WITH(s.apply_override("nothing.like.it=1"), "-c: unknown key 'nothing.like.it'");
  CHECK_THROWS_WITH_AS(s.apply_override("store.busy_timeout_ms=abc"),
                       "-c 'store.busy_timeout_ms=abc': expected an integer, got 'abc'",
                       util::UsageError);
  CHECK_THROWS_WITH(s.apply_override("store.busy_timeout_ms="),
                    "-c 'store.busy_timeout_ms=': expected an integer, got ''");
  CHECK_THROWS_WITH_AS(s.apply_override("output.color=sometimes"),
                       "-c: output.color must be one of auto, always, never", util::UsageError);
  CHECK_THROWS_WITH(s.apply_override("customer.show_interactions=-1"),
                    "-c: customer.show_interactions must not be negative");
  CHECK(describe(s) == describe(settings::Settings()));
}

TEST_CASE("settings: load layers defaults, system, user, env, --config, -c - later wins") {
  write_file("layers/system.toml", "[output]\nformat = \"csv\"\ncolor = \"never\"\n"
                                   "[audit]\nuser = \"system\"\n");
  write_file("layers/xdg/crm/config.toml", "[output]\nformat = \"tsv\"\n"
                                           "[customer]\nshow_interactions = 3\n");
  write_file("layers/extra.toml", "[output]\nformat = \"ndjson\"\n[store]\npath = \"x.db\"\n");
  auto options = isolated({{"XDG_CONFIG_HOME", (fs::current_path() / "layers/xdg").string()},
                           {"CRM_OUTPUT_FORMAT", "json"},
                           {"CRM_STORE_BUSY_TIMEOUT_MS", "100"}});
  options.system_file = "layers/system.toml";
  options.config_file = "layers/extra.toml";
  options.overrides = {"output.format=json", "customer.default_status=active",
                       "output.format=table"};
  const auto user_file = (fs::current_path() / "layers/xdg/crm/config.toml").string();
  CHECK(describe(settings::load(options)) ==
        std::vector<std::string>{
            "store.path string 'x.db' @layers/extra.toml:4",
            "store.busy_timeout_ms integer '100' @env CRM_STORE_BUSY_TIMEOUT_MS",
            "output.format string 'table' @-c",
            "output.timezone string 'UTC' @default",
            "output.color string 'never' @layers/system.toml:3",
            "customer.default_status string 'active' @-c",
            "customer.show_interactions integer '3' @" + user_file + ":4",
            "customer.show_orders integer '10' @default",
            "money.currency string 'CNY' @default",
            "money.rates string '' @default",
            "audit.user string 'system' @layers/system.toml:5",
        });
  // peel the layers off from the top: output.format comes from the next one down each time
  options.overrides.clear();
  CHECK(origin_of(settings::load(options), "output.format") == "layers/extra.toml:2");
  options.config_file.reset();
  CHECK(origin_of(settings::load(options), "output.format") == "env CRM_OUTPUT_FORMAT");
  options.getenv = environment({{"XDG_CONFIG_HOME", (fs::current_path() / "layers/xdg").string()}});
  CHECK(origin_of(settings::load(options), "output.format") == user_file + ":2");
  options.getenv = environment({});
  CHECK(origin_of(settings::load(options), "output.format") == "layers/system.toml:2");
  options.system_file = "layers/none.toml";
  CHECK(describe(settings::load(options)) == describe(settings::Settings()));
}

TEST_CASE("settings: the user file is under $HOME/.config when XDG_CONFIG_HOME is unset or empty") {
  write_file("home/.config/crm/config.toml", "[audit]\nuser = \"home\"\n");
  const auto home = (fs::current_path() / "home").string();
  for (const auto& variables : std::vector<std::map<std::string, std::string>>{
           {{"HOME", home}}, {{"HOME", home}, {"XDG_CONFIG_HOME", ""}}}) {
    const auto s = settings::load(isolated(variables));
    CHECK(s.get_string("audit.user") == "home");
    CHECK(origin_of(s, "audit.user") == home + "/.config/crm/config.toml:2");
  }
  CHECK(describe(settings::load(isolated({{"HOME", ""}}))) == describe(settings::Settings()));
  CHECK(describe(settings::load(isolated())) == describe(settings::Settings()));
}

TEST_CASE("settings: load errors: a missing --config file, an unreadable or bad optional file") {
  auto options = isolated();
  options.config_file = "missing.toml";
  CHECK_THROWS_WITH_AS(settings::load(options), "config file 'missing.toml' not found",
                       util::UsageError);
  fs::create_directories("system-is-a-dir.toml");
  options = isolated();
  options.system_file = "system-is-a-dir.toml";
  CHECK_THROWS_WITH_AS(settings::load(options),
                       "cannot read config file 'system-is-a-dir.toml': Is a directory",
                       util::UsageError);
  write_file("xdg-bad/crm/config.toml", "[output]\nformat = \"html\"\n");
  const auto xdg = (fs::current_path() / "xdg-bad").string();
  CHECK_THROWS_WITH(settings::load(isolated({{"XDG_CONFIG_HOME", xdg}})),
                    (xdg + "/crm/config.toml:2: output.format must be one of table, csv, tsv, "
                           "json, ndjson")
                        .c_str());
  options = isolated();
  options.overrides = {"output.format=json", "output"};
  CHECK_THROWS_WITH(settings::load(options), "-c 'output': expected section.key=value");
}
