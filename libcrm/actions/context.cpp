#include "actions/context.hpp"

#include <cstdlib>
#include <pwd.h>
#include <tuple>
#include <unistd.h>

#include <fmt/format.h>

#include "util/error.hpp"

namespace crm::actions {

namespace {

std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? std::string() : std::string(value);
}

std::string os_user() {
  if (const passwd* entry = getpwuid(geteuid()); entry != nullptr) return entry->pw_name;
  if (auto user = env("USER"); !user.empty()) return user;
  return fmt::format("uid {}", geteuid());
}

std::pair<std::filesystem::path, std::string> resolve_db_path(const ContextOptions& options,
                                                              const settings::Settings& settings) {
  if (options.db_path) return {*options.db_path, "--db"};
  if (auto path = env("CRM_DB"); !path.empty()) return {path, "env CRM_DB"};
  if (auto path = settings.get_string("store.path"); !path.empty()) return {path, "store.path"};
  return {default_db_path(), "default"};
}

} // namespace

std::filesystem::path default_db_path() {
  if (auto data = env("XDG_DATA_HOME"); !data.empty())
    return std::filesystem::path(data) / "crm" / "crm.db";
  auto home = env("HOME");
  if (home.empty()) throw util::UsageError("neither XDG_DATA_HOME nor HOME is set: pass --db PATH");
  return std::filesystem::path(home) / ".local" / "share" / "crm" / "crm.db";
}

Context::Context(ContextOptions options)
    : settings_(std::move(options.settings)), now_(util::system_now()),
      timezone_(settings_.get_string("output.timezone")),
      command_line_(std::move(options.command_line)) {
  if (options.now) {
    try {
      now_ = util::parse_time(*options.now, util::system_now(), timezone_);
    } catch (const util::UsageError& e) {
      throw util::UsageError(fmt::format("{}: {}", options.now_origin, e.what()));
    }
  }
  std::tie(db_path_, db_path_origin_) = resolve_db_path(options, settings_);
  user_ = settings_.get_string("audit.user");
  if (user_.empty()) user_ = os_user();
}

store::Database& Context::db() {
  if (!db_) {
    store::OpenOptions open;
    open.busy_timeout_ms = static_cast<int>(settings_.get_int("store.busy_timeout_ms"));
    db_.emplace(store::Database::open(db_path_, open));
  }
  return *db_;
}

bool Context::create_db() {
  const bool existed = std::filesystem::exists(db_path_);
  store::OpenOptions open;
  open.busy_timeout_ms = static_cast<int>(settings_.get_int("store.busy_timeout_ms"));
  open.create = true;
  db_.emplace(store::Database::open(db_path_, open));
  return !existed;
}

util::Json Context::time_json(std::optional<util::Timestamp> t) const {
  if (!t) return nullptr;
  return util::format_iso_utc(*t);
}

util::Timestamp Context::parse_time(std::string_view text) const {
  return util::parse_time(text, now_, timezone_);
}

util::Timestamp Context::parse_time_option(std::string_view option, std::string_view text) const {
  try {
    return parse_time(text);
  } catch (const util::UsageError& e) {
    throw util::UsageError(fmt::format("{}: {}", option, e.what()));
  }
}

std::string Context::parse_date(std::string_view text) const {
  return util::parse_date(text, now_, timezone_);
}

std::string Context::today() const { return util::local_date(now_, timezone_); }

} // namespace crm::actions
