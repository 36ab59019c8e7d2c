#include "actions/db.hpp"

#include <fmt/format.h>

#include <limits>

#include "actions/order.hpp"
#include "store/customers.hpp"
#include "store/migrations.hpp"
#include "store/orders.hpp"
#include "util/strings.hpp"

namespace crm::actions {

namespace {

constexpr std::int64_t listed_mismatches = 100;

// "revenue stored 0.01, actual 26.00; orders stored 3, actual 2": the fields that differ.
std::string mismatch_text(const store::MetricsMismatch& m, const domain::Currency* currency) {
  const auto money = [currency](std::int64_t minor) {
    return currency != nullptr ? domain::format_amount(minor, *currency) : std::to_string(minor);
  };
  const auto time = [](std::optional<util::Timestamp> t) {
    return t ? util::format_iso_utc(*t) : std::string("none");
  };
  std::vector<std::string> fields;
  const auto add = [&fields](std::string_view name, const std::string& stored,
                             const std::string& actual) {
    if (stored != actual)
      fields.push_back(fmt::format("{} stored {}, actual {}", name, stored, actual));
  };
  add("orders", std::to_string(m.stored.orders), std::to_string(m.actual.orders));
  add("revenue", money(m.stored.revenue), money(m.actual.revenue));
  add("first_order", time(m.stored.first_order), time(m.actual.first_order));
  add("last_order", time(m.stored.last_order), time(m.actual.last_order));
  if (fields.empty()) fields.emplace_back("row stored without orders"); // cannot happen
  return fmt::format("metrics: customer {}: {}", m.customer_id, util::join(fields, "; "));
}

} // namespace

InitResult init_store(Context& ctx) {
  InitResult result;
  result.path = ctx.db_path();
  result.created = ctx.create_db();
  result.schema_version = ctx.db().schema_version();
  return result;
}

void backup_store(Context& ctx, const std::filesystem::path& target) { ctx.db().backup_to(target); }

CheckResult check_store(Context& ctx, bool quick) {
  CheckResult result;
  auto& db = ctx.db();
  store::Statement integrity(db, quick ? "PRAGMA quick_check" : "PRAGMA integrity_check");
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
  const auto mismatches = store::OrderRepository(db).check_metrics(listed_mismatches + 1);
  const auto* currency = &metrics_currency(ctx);
  for (std::size_t i = 0; i < mismatches.size(); ++i) {
    if (static_cast<std::int64_t>(i) == listed_mismatches) {
      result.problems.emplace_back(fmt::format(
          "metrics: more customers differ (only the first {} are listed)", listed_mismatches));
      break;
    }
    result.problems.push_back(mismatch_text(mismatches[i], currency));
  }
  result.metric_mismatches = static_cast<std::int64_t>(mismatches.size());
  result.schema_version = db.schema_version();
  result.customers = store::CustomerRepository(db).count({});
  return result;
}

RecomputeResult recompute_store_metrics(Context& ctx, bool dry_run) {
  RecomputeResult result;
  if (!dry_run) {
    result.customers = recompute_metrics(ctx);
    return result;
  }
  store::OrderRepository orders(ctx.db());
  result.mismatched = static_cast<std::int64_t>(
      orders.check_metrics(std::numeric_limits<std::int64_t>::max()).size());
  store::Transaction transaction(ctx.db());
  result.customers = orders.recompute_all_metrics();
  transaction.rollback(); // the count alone
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
