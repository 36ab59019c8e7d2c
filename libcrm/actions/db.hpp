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
  std::int64_t metric_mismatches = 0; // customers whose stored metrics differ (listed: 100)
};
// SQLite integrity check, foreign-key check, and the stored customer metrics against the
// orders (one problem per customer whose metrics differ, naming the fields).
// quick: SQLite's quick_check instead of integrity_check (skips checking that each index
// matches its table: about 9x faster on a big store; the foreign-key and metrics checks run).
CheckResult check_store(Context& ctx, bool quick = false);

struct RecomputeResult {
  std::int64_t customers = 0;  // customers with orders (each has a metrics row)
  std::int64_t mismatched = 0; // dry run only: customers whose stored metrics differ
};
// `crm db recompute-metrics`: every customer's metrics from their orders (actions::
// recompute_metrics). A dry run only counts, writing nothing.
RecomputeResult recompute_store_metrics(Context& ctx, bool dry_run);

struct MigrateResult {
  int from = 0, to = 0;
  std::vector<int> applied; // or, with dry_run, pending
};
MigrateResult migrate_store(Context& ctx, bool dry_run);

// Every setting with its value and origin (crm config show).
std::vector<util::Json> config_entries(const Context& ctx);

} // namespace crm::actions
