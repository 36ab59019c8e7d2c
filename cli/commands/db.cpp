// crm db backup|check|migrate|audit.
#include <iostream>

#include <fmt/format.h>

#include "actions/db.hpp"
#include "actions/timeline.hpp"
#include "app.hpp"
#include "util/error.hpp"

namespace crm::cli {

namespace {

void add_backup(CLI::App* db, Cli& cli) {
  auto* backup = db->add_subcommand("backup", "Copy the store to FILE with SQLite's online backup");
  backup->footer("Example: crm db backup /var/backups/crm-$(date +%F).db");
  auto file = std::make_shared<std::string>();
  backup->add_option("FILE", *file, "New file to write (must not exist)")->required();
  on_run(backup, cli, [file](Runner& r) {
    actions::backup_store(r.ctx(), *file);
    r.note(fmt::format("backed up {} to {}", r.ctx().db_path().string(), *file));
    return 0;
  });
}

void add_check(CLI::App* db, Cli& cli) {
  auto* check =
      db->add_subcommand("check", "Check the store's integrity, foreign keys and customer metrics");
  check->footer("Exit status 1 when a problem is found.\nExamples: crm db check\n"
                "  crm db check --quick   # nightly: skips SQLite's index-vs-table check");
  auto quick = std::make_shared<bool>(false);
  check->add_flag("--quick", *quick,
                  "SQLite's quick_check instead of the full integrity check (much faster on a "
                  "big store; does not verify that indexes match their tables)");
  on_run(check, cli, [quick](Runner& r) {
    const auto result = actions::check_store(r.ctx(), *quick);
    for (const auto& problem : result.problems) std::cout << problem << '\n';
    if (result.metric_mismatches > 0)
      r.note("crm db recompute-metrics rebuilds the metrics from the orders");
    if (!result.problems.empty())
      throw util::StoreError(fmt::format("{} problem(s) found in {}", result.problems.size(),
                                         r.ctx().db_path().string()));
    r.note(fmt::format("ok: {} (schema {}, {} customers)", r.ctx().db_path().string(),
                       result.schema_version, result.customers));
    return 0;
  });
}

void add_recompute_metrics(CLI::App* db, Cli& cli) {
  auto* recompute = db->add_subcommand("recompute-metrics",
                                       "Rebuild every customer's order metrics from the orders");
  recompute->footer("Order commands keep the metrics up to date; this repairs what crm db check "
                    "reports.\nExample: crm db recompute-metrics --dry-run");
  auto dry_run = std::make_shared<bool>(false);
  recompute->add_flag("--dry-run", *dry_run,
                      "Count the customers whose stored metrics differ, change nothing");
  on_run(recompute, cli, [dry_run](Runner& r) {
    const auto result = actions::recompute_store_metrics(r.ctx(), *dry_run);
    if (*dry_run)
      r.note(fmt::format("dry run: {} customer(s) with orders; the stored metrics of {} differ "
                         "from their orders; nothing was written",
                         result.customers, result.mismatched));
    else
      r.note(fmt::format("recomputed the metrics of {} customer(s) with orders", result.customers));
    return 0;
  });
}

void add_migrate(CLI::App* db, Cli& cli) {
  auto* migrate =
      db->add_subcommand("migrate", "Bring the store's schema up to date (in one transaction)");
  migrate->footer("Commands migrate an older store on their own; this does it explicitly.\n"
                  "Example: crm db migrate --dry-run");
  auto dry_run = std::make_shared<bool>(false);
  migrate->add_flag("--dry-run", *dry_run, "Show the pending migrations, change nothing");
  on_run(migrate, cli, [dry_run](Runner& r) {
    const auto result = actions::migrate_store(r.ctx(), *dry_run);
    for (const int version : result.applied)
      std::cout << (*dry_run ? "pending " : "applied ") << version << '\n';
    r.note(result.applied.empty() ? fmt::format("schema {} is up to date", result.from)
                                  : fmt::format("schema {} -> {}", result.from,
                                                *dry_run ? result.applied.back() : result.to));
    return 0;
  });
}

void add_audit(CLI::App* db, Cli& cli) {
  auto* audit = db->add_subcommand("audit", "Show the audit log: who changed what, when");
  audit->footer("Example: crm db audit --customer alice@example.com --since -7d");
  auto input = std::make_shared<actions::ListAudit>();
  audit->add_option("--customer", input->customer, "Only changes to this customer (REF)");
  audit->add_option("--since", input->since, "Only changes at or after TIME");
  audit->add_option("--limit", input->limit, "Only the newest N entries");
  on_run(audit, cli, [input](Runner& r) {
    render::Table table;
    table.columns = {{"id", "ID", true},
                     {"at", "AT"},
                     {"user", "USER"},
                     {"entity", "ENTITY"},
                     {"entity_id", "ENTITY_ID", true},
                     {"customer_id", "CUSTOMER", true},
                     {"action", "ACTION"},
                     {"command", "COMMAND", false, true, 60},
                     {"before", "", false, false},
                     {"after", "", false, false}};
    table.rows = actions::list_audit(r.ctx(), *input);
    r.print_table(std::move(table));
    return 0;
  });
}

} // namespace

void add_db_commands(CLI::App& app, Cli& cli) {
  auto* db = app.add_subcommand(
      "db", "Store administration: backup, check, migrate, recompute-metrics, audit");
  db->require_subcommand(1);
  add_backup(db, cli);
  add_check(db, cli);
  add_migrate(db, cli);
  add_recompute_metrics(db, cli);
  add_audit(db, cli);
}

} // namespace crm::cli
