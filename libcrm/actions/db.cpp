#include "actions/db.hpp"

#include <fmt/format.h>

#include "store/customers.hpp"
#include "store/migrations.hpp"

namespace crm::actions {

InitResult init_store(Context& ctx) {
  InitResult result;
  result.path = ctx.db_path();
  result.created = ctx.create_db();
  result.schema_version = ctx.db().schema_version();
  return result;
}

void backup_store(Context& ctx, const std::filesystem::path& target) { ctx.db().backup_to(target); }

CheckResult check_store(Context& ctx) {
  CheckResult result;
  auto& db = ctx.db();
  store::Statement integrity(db, "PRAGMA integrity_check");
  while (integrity.step()) {
    const std::string line = integrity.get_text(0);
    if (line != "ok") result.problems.push_back("integrity: " + line);
  }
  store::Statement foreign(db, "PRAGMA foreign_key_check");
  while (foreign.step()) {
    const std::string row = foreign.is_null(1) ? "" : fmt::format(" row {}", foreign.get_int(1));
    result.problems.push_back(fmt::format("foreign key: a {}{} refers to a missing {} row",
                                          foreign.get_text(0), row, foreign.get_text(2)));
  }
  result.schema_version = db.schema_version();
  result.customers = store::CustomerRepository(db).count({});
  return result;
}

MigrateResult migrate_store(Context& ctx, bool dry_run) {
  store::OpenOptions open;
  open.busy_timeout_ms = static_cast<int>(ctx.settings().get_int("store.busy_timeout_ms"));
  open.migrate = false;
  auto db = store::Database::open(ctx.db_path(), open);
  MigrateResult result;
  result.from = db.schema_version();
  result.applied = dry_run ? db.pending_migrations() : db.migrate();
  result.to = dry_run ? result.from : db.schema_version();
  return result;
}

std::vector<util::Json> config_entries(const Context& ctx) {
  std::vector<util::Json> rows;
  for (const auto& entry : ctx.settings().entries()) {
    rows.push_back(util::Json::object()
                       .set("key", entry.key)
                       .set("value", entry.value)
                       .set("type", entry.type)
                       .set("origin", entry.origin));
  }
  return rows;
}

} // namespace crm::actions
