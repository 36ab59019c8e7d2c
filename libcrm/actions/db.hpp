#pragma once
// Admin actions: crm init, crm db backup|check|migrate, crm config show.
#include <filesystem>
#include <string>
#include <vector>

#include "actions/context.hpp"
#include "util/json.hpp"

namespace crm::actions {

struct InitResult {
  std::filesystem::path path;
  bool created = false; // false: it existed already (and was brought up to date)
  int schema_version = 0;
};
InitResult init_store(Context& ctx);

void backup_store(Context& ctx, const std::filesystem::path& target);

struct CheckResult {
  std::vector<std::string> problems; // empty = healthy
  int schema_version = 0;
  std::int64_t customers = 0;
};
// SQLite integrity check and foreign-key check.
CheckResult check_store(Context& ctx);

struct MigrateResult {
  int from = 0, to = 0;
  std::vector<int> applied; // or, with dry_run, pending
};
MigrateResult migrate_store(Context& ctx, bool dry_run);

// Every setting with its value and origin (crm config show).
std::vector<util::Json> config_entries(const Context& ctx);

} // namespace crm::actions
