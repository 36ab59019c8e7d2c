#include "settings/settings.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <stdexcept>
#include <utility>

#include <fmt/format.h>

// Debian ships toml++ as a compiled shared library (its CMake package adds these flags too):
// never let this file fall back to the header-only build.
#ifndef TOML_SHARED_LIB
#define TOML_SHARED_LIB 1
#endif
#ifndef TOML_HEADER_ONLY
#define TOML_HEADER_ONLY 0
#endif
#include <toml++/toml.h>

#include "util/error.hpp"
#include "util/strings.hpp"
#include "util/time.hpp"

namespace crm::settings {
namespace detail {
// Generated from config/crm.toml by cmake/EmbedFileScript.cmake.
extern const std::string_view default_config_data;
} // namespace detail

namespace {

namespace fs = std::filesystem;
using util::UsageError;

// Values with a fixed set or range. `choices` is the ", "-separated list for one_of.
enum class Check { one_of, time_zone, non_negative };
struct Rule {
  std::string_view key;
  Check check;
  std::string_view choices;
};
constexpr Rule rules[] = {
    {"store.busy_timeout_ms", Check::non_negative, ""},
    {"output.format", Check::one_of, "table, csv, tsv, json, ndjson"},
    {"output.timezone", Check::time_zone, ""},
    {"output.color", Check::one_of, "auto, always, never"},
    {"customer.default_status", Check::one_of, "lead, active, inactive"},
    {"customer.show_interactions", Check::non_negative, ""},
};

bool is_one_of(std::string_view value, std::string_view choices) {
  const auto list = util::split(choices, ',');
  return std::any_of(list.begin(), list.end(),
                     [&](const std::string& choice) { return util::trim(choice) == value; });
}

void check_rule(const Rule& rule, const std::string& value, std::string_view origin) {
  switch (rule.check) {
  case Check::one_of:
    if (is_one_of(value, rule.choices)) return;
    throw UsageError(fmt::format("{}: {} must be one of {}", origin, rule.key, rule.choices));
  case Check::non_negative:
    if (util::parse_int(value).value_or(-1) >= 0) return;
    throw UsageError(fmt::format("{}: {} must not be negative", origin, rule.key));
  case Check::time_zone:
    try {
      util::validate_timezone(value);
    } catch (const UsageError& e) {
      throw UsageError(fmt::format("{}: {}: {}", origin, rule.key, e.what()));
    }
  }
}

// Validates, then sets: a value that fails leaves the entry as it was.
void assign(Entry& entry, std::string value, std::string origin) {
  for (const auto& rule : rules) {
    if (rule.key == entry.key) check_rule(rule, value, origin);
  }
  entry.value = std::move(value);
  entry.origin = std::move(origin);
}

std::string_view with_article(std::string_view type) {
  if (type == "integer") return "an integer";
  if (type == "boolean") return "a boolean";
  return "a string";
}

// The text form of `text` read as `type`; nullopt when it is not one.
std::optional<std::string> parse_value(std::string_view type, std::string_view text) {
  if (type == "integer") {
    const auto number = util::parse_int(text);
    return number ? std::optional(std::to_string(*number)) : std::nullopt;
  }
  if (type == "boolean") {
    const auto word = util::to_lower_ascii(text);
    if (word == "true" || word == "yes" || word == "on" || word == "1") return "true";
    if (word == "false" || word == "no" || word == "off" || word == "0") return "false";
    return std::nullopt;
  }
  return std::string(text);
}

// One value of a parsed TOML document, named "section.key" (or just "key" at the top).
struct Leaf {
  std::string key;
  std::string type; // "string", "integer", "boolean", or "other"
  std::string value;
  toml::source_position where;
};

Leaf make_leaf(std::string key, const toml::key& name, const toml::node& node) {
  Leaf leaf{std::move(key), "other", "", name.source().begin};
  if (const auto* text = node.as_string()) {
    leaf.type = "string";
    leaf.value = text->get();
  } else if (const auto* number = node.as_integer()) {
    leaf.type = "integer";
    leaf.value = std::to_string(number->get());
  } else if (const auto* flag = node.as_boolean()) {
    leaf.type = "boolean";
    leaf.value = flag->get() ? "true" : "false";
  }
  return leaf;
}

// Every value of `root`, in document order. A table below a section is a leaf of type
// "other" (so it is an unknown key); empty top-level tables hold nothing and are skipped.
std::vector<Leaf> leaves_of(const toml::table& root) {
  std::vector<Leaf> leaves;
  for (const auto& [section, node] : root) {
    const auto* table = node.as_table();
    if (table == nullptr) {
      leaves.push_back(make_leaf(std::string(section.str()), section, node));
      continue;
    }
    for (const auto& [name, value] : *table) {
      leaves.push_back(make_leaf(fmt::format("{}.{}", section.str(), name.str()), name, value));
    }
  }
  std::stable_sort(leaves.begin(), leaves.end(), [](const Leaf& a, const Leaf& b) {
    return std::pair(a.where.line, a.where.column) < std::pair(b.where.line, b.where.column);
  });
  return leaves;
}

toml::table parse_toml(std::string_view text, std::string_view name) {
  try {
    return toml::parse(text, name);
  } catch (const toml::parse_error& e) {
    const auto& at = e.source().begin;
    throw UsageError(
        fmt::format("{}:{}:{}: invalid TOML: {}", name, at.line, at.column, e.description()));
  }
}

// The known keys with their default values, parsed once from the embedded config/crm.toml.
std::vector<Entry> parse_defaults() {
  std::vector<Entry> entries;
  try {
    for (auto& leaf :
         leaves_of(toml::parse(detail::default_config_data, std::string_view("config/crm.toml")))) {
      if (leaf.type == "other" || leaf.key.find('.') == std::string::npos) {
        throw std::logic_error("config/crm.toml: '" + leaf.key + "' is not a supported setting");
      }
      entries.push_back(Entry{leaf.key, leaf.type, "", ""});
      assign(entries.back(), leaf.value, "default");
    }
  } catch (const toml::parse_error& e) {
    throw std::logic_error("config/crm.toml: " + std::string(e.description()));
  } catch (const UsageError& e) {
    throw std::logic_error(std::string("config/crm.toml: ") + e.what());
  }
  return entries;
}

const std::vector<Entry>& defaults() {
  static const std::vector<Entry> entries = parse_defaults();
  return entries;
}

std::string read_config_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::string text;
  char buffer[4096];
  while (in) {
    in.read(buffer, sizeof buffer);
    text.append(buffer, static_cast<std::size_t>(in.gcount()));
  }
  if (!in.is_open() || in.bad()) {
    const int error = errno;
    throw UsageError(
        fmt::format("cannot read config file '{}': {}", file.string(), std::strerror(error)));
  }
  return text;
}

std::string env_variable(std::string key) {
  std::replace(key.begin(), key.end(), '.', '_');
  return "CRM_" + util::to_upper_ascii(key);
}

std::optional<fs::path> user_config_file(const std::function<const char*(const char*)>& getenv) {
  const char* xdg = getenv("XDG_CONFIG_HOME");
  if (xdg != nullptr && *xdg != '\0') return fs::path(xdg) / "crm" / "config.toml";
  const char* home = getenv("HOME");
  if (home != nullptr && *home != '\0') return fs::path(home) / ".config" / "crm" / "config.toml";
  return std::nullopt;
}

// The entry named `key`, or nullptr (for both const and mutable `entries`).
template <typename Entries> auto* find_entry(Entries& entries, std::string_view key) {
  const auto found =
      std::find_if(entries.begin(), entries.end(), [&](const Entry& e) { return e.key == key; });
  return found == entries.end() ? nullptr : &*found;
}

// Asking for a key as the wrong type is a bug in crm, not a user error.
const Entry& of_type(const Entry& entry, std::string_view type) {
  if (entry.type != type)
    throw std::logic_error("setting '" + entry.key + "' is no " + std::string(type));
  return entry;
}

bool file_exists(const fs::path& file) {
  std::error_code ignored;
  return fs::exists(file, ignored);
}

} // namespace

std::string_view default_config_text() { return detail::default_config_data; }

Settings::Settings() : entries_(defaults()) {}

void Settings::load_file(const std::filesystem::path& file) {
  load_text(read_config_file(file), file.string());
}

void Settings::load_text(std::string_view text, std::string_view name) {
  const auto leaves = leaves_of(parse_toml(text, name));
  Settings next = *this; // nothing changes unless the whole file is good
  for (const auto& leaf : leaves) {
    auto where = fmt::format("{}:{}", name, leaf.where.line);
    Entry& target = next.entry(leaf.key, where);
    if (leaf.type != target.type) {
      throw UsageError(
          fmt::format("{}: '{}' must be {}", where, leaf.key, with_article(target.type)));
    }
    assign(target, leaf.value, std::move(where));
  }
  *this = std::move(next);
}

void Settings::load_env(const std::function<const char*(const char*)>& getenv) {
  Settings next = *this;
  for (auto& target : next.entries_) {
    const auto variable = env_variable(target.key);
    const char* text = getenv(variable.c_str());
    if (text == nullptr || *text == '\0') continue; // empty counts as unset, as for CRM_CONFIG
    auto value = parse_value(target.type, text);
    if (!value) {
      throw UsageError(
          fmt::format("{}: expected {}, got '{}'", variable, with_article(target.type), text));
    }
    assign(target, std::move(*value), "env " + variable);
  }
  *this = std::move(next);
}

void Settings::apply_override(std::string_view assignment) {
  const auto parts = util::split_assignment(assignment);
  if (!parts) {
    throw UsageError(fmt::format("-c '{}': expected section.key=value", assignment));
  }
  Entry& target = entry(parts->first, "-c");
  auto value = parse_value(target.type, parts->second);
  if (!value) {
    throw UsageError(fmt::format("-c '{}': expected {}, got '{}'", assignment,
                                 with_article(target.type), parts->second));
  }
  assign(target, std::move(*value), "-c");
}

std::string Settings::get_string(std::string_view key) const {
  return of_type(entry(key), "string").value;
}

std::int64_t Settings::get_int(std::string_view key) const {
  return util::parse_int(of_type(entry(key), "integer").value).value();
}

bool Settings::get_bool(std::string_view key) const {
  return of_type(entry(key), "boolean").value == "true";
}

std::vector<Entry> Settings::entries() const { return entries_; }

Entry& Settings::entry(std::string_view key, std::string_view where) {
  if (auto* found = find_entry(entries_, key)) return *found;
  std::vector<std::string> keys;
  for (const auto& e : entries_) keys.push_back(e.key);
  const auto suggestion = util::nearest(key, keys);
  throw UsageError(fmt::format("{}: unknown key '{}'{}", where, key,
                               suggestion ? fmt::format("; did you mean '{}'?", *suggestion) : ""));
}

const Entry& Settings::entry(std::string_view key) const {
  if (const auto* found = find_entry(entries_, key)) return *found;
  throw std::logic_error("unknown setting '" + std::string(key) + "'");
}

Settings load(const LoadOptions& options) {
  const std::function<const char*(const char*)> getenv =
      options.getenv ? options.getenv : [](const char* name) { return std::getenv(name); };
  Settings settings;
  if (file_exists(options.system_file)) settings.load_file(options.system_file);
  if (const auto user = user_config_file(getenv); user && file_exists(*user))
    settings.load_file(*user);
  settings.load_env(getenv);
  if (options.config_file) {
    if (!file_exists(*options.config_file)) {
      throw UsageError(fmt::format("config file '{}' not found", options.config_file->string()));
    }
    settings.load_file(*options.config_file);
  }
  for (const auto& assignment : options.overrides) settings.apply_override(assignment);
  return settings;
}

std::vector<StringEntry> read_string_table(const std::filesystem::path& file,
                                           std::string_view section) {
  std::ifstream in(file, std::ios::binary);
  if (!in || std::filesystem::is_directory(file))
    throw UsageError(fmt::format("cannot read {}: {}", file.string(),
                                 std::filesystem::is_directory(file) ? "it is a directory"
                                                                     : std::strerror(errno)));
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string name = file.string();
  const toml::table root = parse_toml(text, name);
  std::vector<StringEntry> entries;
  for (const auto& [key, node] : root) {
    const auto line = node.source().begin.line;
    if (key.str() != section || !node.is_table())
      throw UsageError(fmt::format("{}:{}: unexpected '{}': this file holds one [{}] table", name,
                                   line, key.str(), section));
    for (const auto& [entry_key, value] : *node.as_table()) {
      const auto entry_line = static_cast<int>(value.source().begin.line);
      const auto* string = value.as_string();
      if (string == nullptr)
        throw UsageError(fmt::format("{}:{}: the value of '{}' must be a string", name, entry_line,
                                     entry_key.str()));
      entries.push_back({std::string(entry_key.str()), string->get(), entry_line});
    }
  }
  std::stable_sort(entries.begin(), entries.end(),
                   [](const StringEntry& a, const StringEntry& b) { return a.line < b.line; });
  return entries;
}

} // namespace crm::settings
