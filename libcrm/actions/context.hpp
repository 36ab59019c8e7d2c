#pragma once
// What every action needs: settings, the store (opened on first use), "now", who is acting.
#include <filesystem>
#include <optional>
#include <string>

#include "settings/settings.hpp"
#include "store/database.hpp"
#include "util/json.hpp"
#include "util/time.hpp"

namespace crm::actions {

struct ContextOptions {
  settings::Settings settings;
  std::optional<std::filesystem::path> db_path; // --db, else CRM_DB, else store.path, else XDG
  std::optional<std::string> now;               // --now / CRM_NOW
  std::string now_origin = "--now";             // named in the error when `now` is bad
  std::string command_line;                     // recorded in the audit log
};

class Context {
public:
  // Resolves the store path, parses --now, picks the acting user. Throws UsageError.
  explicit Context(ContextOptions options);

  [[nodiscard]] const settings::Settings& settings() const noexcept { return settings_; }
  [[nodiscard]] const std::filesystem::path& db_path() const noexcept { return db_path_; }
  // Where db_path() came from: "--db", "env CRM_DB", "store.path" or "default".
  [[nodiscard]] const std::string& db_path_origin() const noexcept { return db_path_origin_; }
  [[nodiscard]] util::Timestamp now() const noexcept { return now_; }
  [[nodiscard]] const std::string& timezone() const noexcept { return timezone_; }
  [[nodiscard]] const std::string& user() const noexcept { return user_; }
  [[nodiscard]] const std::string& command_line() const noexcept { return command_line_; }

  // The store; opened (and migrated) on first use. Throws StoreError when it does not exist.
  store::Database& db();
  // Creates the store (crm init); returns true when it was new.
  bool create_db();

  // Times in data are ISO 8601 UTC strings; tables show them in output.timezone (cli does).
  [[nodiscard]] util::Json time_json(std::optional<util::Timestamp> t) const;
  // Parses a user-given time relative to now() in the configured time zone.
  [[nodiscard]] util::Timestamp parse_time(std::string_view text) const;
  // parse_time for an option's value: the error names the option ("--at: invalid time ...").
  [[nodiscard]] util::Timestamp parse_time_option(std::string_view option,
                                                  std::string_view text) const;
  [[nodiscard]] std::string parse_date(std::string_view text) const;
  [[nodiscard]] std::string today() const;

private:
  settings::Settings settings_;
  std::filesystem::path db_path_;
  std::string db_path_origin_;
  util::Timestamp now_;
  std::string timezone_;
  std::string user_;
  std::string command_line_;
  std::optional<store::Database> db_;
};

// The default store path: $XDG_DATA_HOME/crm/crm.db, else ~/.local/share/crm/crm.db.
std::filesystem::path default_db_path();

} // namespace crm::actions
