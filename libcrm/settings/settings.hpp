#pragma once
// Layered configuration with origins. The known keys, their types and defaults are those
// of the shipped config/crm.toml, embedded in the binary (the single source). Layers, later
// wins: defaults, /etc/crm/config.toml, $XDG_CONFIG_HOME/crm/config.toml, CRM_* environment,
// --config FILE, -c section.key=value.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace crm::settings {

// The text of config/crm.toml as shipped.
std::string_view default_config_text();

struct Entry {
  std::string key;    // "section.key"
  std::string type;   // "string" | "integer" | "boolean"
  std::string value;  // text form: strings as-is, integers in base 10, "true"/"false"
  std::string origin; // "default", "/etc/crm/config.toml:12", "env CRM_STORE_PATH", "-c"
};

class Settings {
public:
  // The defaults only.
  Settings();

  // Merges a TOML file. Unknown keys, wrong types and bad TOML throw util::UsageError
  // "FILE:LINE: ..." (for TOML syntax errors also the column).
  void load_file(const std::filesystem::path& file);
  // Merges TOML text (`name` stands for the file in messages and origins).
  void load_text(std::string_view text, std::string_view name);
  // Merges CRM_<SECTION>_<KEY> variables (e.g. CRM_OUTPUT_FORMAT) found through `getenv`.
  // A value of the wrong type throws UsageError naming the variable.
  void load_env(const std::function<const char*(const char*)>& getenv);
  // Applies "section.key=value" (a -c option). The value is read as the key's type
  // (booleans: true/false/yes/no/1/0). Unknown key or bad value throws UsageError, with a
  // suggestion of the nearest key when there is one.
  void apply_override(std::string_view assignment);

  [[nodiscard]] std::string get_string(std::string_view key) const;
  [[nodiscard]] std::int64_t get_int(std::string_view key) const;
  [[nodiscard]] bool get_bool(std::string_view key) const;
  // Every key, in the order of config/crm.toml.
  [[nodiscard]] std::vector<Entry> entries() const;

private:
  std::vector<Entry> entries_;
  Entry& entry(std::string_view key, std::string_view where);
  [[nodiscard]] const Entry& entry(std::string_view key) const;
};

struct LoadOptions {
  std::optional<std::filesystem::path> config_file; // --config / CRM_CONFIG (must exist)
  std::vector<std::string> overrides;               // -c, in order
  std::filesystem::path system_file = "/etc/crm/config.toml";
  std::function<const char*(const char*)> getenv; // for XDG_CONFIG_HOME, HOME, CRM_*
};

// Builds the layered settings; optional files that do not exist are skipped.
Settings load(const LoadOptions& options);

// A TOML file holding one table of string values, such as an import's --map-file:
//   [columns]
//   "E-Mail-Adresse" = "email"
// Returns the entries of `section` in file order. A missing or unreadable file, invalid TOML,
// another top-level key or a value that is not a string throws UsageError ("FILE:LINE: ...").
struct StringEntry {
  std::string key, value;
  int line = 0;
};
std::vector<StringEntry> read_string_table(const std::filesystem::path& file,
                                           std::string_view section);

} // namespace crm::settings
