#include "store/order_imports.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace crm::store {

namespace {

constexpr std::string_view batch_columns =
    "id, file, items_file, at, os_user, command, first_order, last_order, first_customer, "
    "last_customer, created, updated, unchanged, rejected, audit_id, undone_at";

OrderImportBatch read_batch(const Statement& row) {
  OrderImportBatch b;
  b.id = row.get_int(0);
  b.file = row.get_text(1);
  b.items_file = row.get_opt_text(2);
  b.at = row.get_int(3);
  b.os_user = row.get_text(4);
  b.command = row.get_text(5);
  b.first_order = row.get_opt_int(6);
  b.last_order = row.get_opt_int(7);
  b.first_customer = row.get_opt_int(8);
  b.last_customer = row.get_opt_int(9);
  b.created = row.get_int(10);
  b.updated = row.get_int(11);
  b.unchanged = row.get_int(12);
  b.rejected = row.get_int(13);
  b.audit_id = row.get_opt_int(14);
  b.undone_at = row.get_opt_int(15);
  return b;
}

} // namespace

std::int64_t OrderImportRepository::begin(const OrderImportBatch& batch) {
  Statement q(db_, "INSERT INTO order_import_batches (file, items_file, at, os_user, command) "
                   "VALUES (?, ?, ?, ?, ?)");
  q.bind_all(batch.file, batch.items_file, batch.at, batch.os_user, batch.command).run();
  return db_.last_insert_rowid();
}

void OrderImportRepository::finish(const OrderImportBatch& batch) {
  Statement q(db_, "UPDATE order_import_batches SET first_order = ?, last_order = ?, "
                   "first_customer = ?, last_customer = ?, created = ?, updated = ?, "
                   "unchanged = ?, rejected = ?, audit_id = ? WHERE id = ?");
  q.bind_all(batch.first_order, batch.last_order, batch.first_customer, batch.last_customer,
             batch.created, batch.updated, batch.unchanged, batch.rejected, batch.audit_id,
             batch.id)
      .run();
}

void OrderImportRepository::record_update(std::int64_t batch, domain::OrderId order,
                                          const std::string& before_json) {
  db_.cached("INSERT INTO order_import_updates (batch_id, order_id, before_json) VALUES (?, ?, ?)")
      .bind_all(batch, order, before_json)
      .run();
}

std::optional<OrderImportBatch> OrderImportRepository::find(std::int64_t id) {
  Statement q(db_, fmt::format("SELECT {} FROM order_import_batches WHERE id = ?", batch_columns));
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  return read_batch(q);
}

std::vector<OrderImportBatch> OrderImportRepository::list(std::int64_t limit) {
  Statement q(db_, fmt::format("SELECT {} FROM order_import_batches ORDER BY id DESC LIMIT ?",
                               batch_columns));
  q.bind(1, limit);
  std::vector<OrderImportBatch> batches;
  while (q.step()) batches.push_back(read_batch(q));
  return batches;
}

std::vector<OrderLaterChange> OrderImportRepository::later_changes(const OrderImportBatch& batch,
                                                                   std::int64_t limit) {
  // The batch's orders: its created range (with its batch_id) and its journalled updates.
  // A later change is an event on one of them that the batch did not write and that came
  // after the batch's first event (events before it are the updated orders' history), or an
  // audit entry about one of them after the batch's own. Both read only the batch's orders
  // (rowid range, primary keys) and the audit entries after the batch (rowid range).
  Statement q(db_, R"sql(
    WITH mine(id) AS (
      SELECT id FROM orders WHERE id BETWEEN ?1 AND ?2 AND batch_id = ?3
      UNION SELECT order_id FROM order_import_updates WHERE batch_id = ?3),
    since(id) AS (SELECT coalesce(min(id), 0) FROM order_events WHERE batch_id = ?3)
    SELECT e.order_id, 'event ' || e.id || ' (' || e.kind || ')'
      FROM mine m JOIN order_events e ON e.order_id = m.id
     WHERE e.batch_id IS NOT ?3 AND e.id > (SELECT id FROM since)
    UNION ALL
    SELECT a.entity_id, 'audit entry ' || a.id || ' (' || a.entity || ' ' || a.action || ')'
      FROM audit_log a
     WHERE a.id > ?4 AND a.entity = 'order' AND a.entity_id IN (SELECT id FROM mine)
    ORDER BY 1, 2 LIMIT ?5)sql");
  q.bind_all(batch.first_order.value_or(0), batch.last_order.value_or(-1), batch.id,
             batch.audit_id.value_or(0), limit);
  std::vector<OrderLaterChange> changes;
  while (q.step()) changes.push_back({q.get_int(0), q.get_text(1)});
  return changes;
}

void OrderImportRepository::for_each_update(
    std::int64_t batch, const std::function<void(domain::OrderId, const std::string&)>& visit) {
  Statement q(db_, "SELECT order_id, before_json FROM order_import_updates WHERE batch_id = ? "
                   "ORDER BY order_id");
  q.bind(1, batch);
  while (q.step()) visit(q.get_int(0), q.get_text(1));
}

void OrderImportRepository::delete_events(std::int64_t batch) {
  // Through the updated orders (order_events has no index on batch_id).
  Statement q(db_, "DELETE FROM order_events WHERE batch_id = ?1 AND order_id IN "
                   "(SELECT order_id FROM order_import_updates WHERE batch_id = ?1)");
  q.bind(1, batch).run();
}

RemovedOrders OrderImportRepository::delete_created_orders(const OrderImportBatch& batch) {
  RemovedOrders removed;
  if (!batch.first_order) return removed;
  Statement owners(db_, "SELECT DISTINCT customer_id FROM orders WHERE id BETWEEN ?1 AND ?2 "
                        "AND batch_id = ?3 ORDER BY 1");
  owners.bind_all(*batch.first_order, *batch.last_order, batch.id);
  while (owners.step()) removed.customers.push_back(owners.get_int(0));
  Statement q(db_, "DELETE FROM orders WHERE id BETWEEN ?1 AND ?2 AND batch_id = ?3");
  q.bind_all(*batch.first_order, *batch.last_order, batch.id).run();
  removed.orders = db_.changes();
  return removed;
}

std::int64_t OrderImportRepository::delete_created_customers(const OrderImportBatch& batch) {
  if (!batch.first_customer) return 0;
  Statement q(db_, R"sql(
    DELETE FROM customers WHERE id BETWEEN ?1 AND ?2
       AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = customers.id)
       AND NOT EXISTS (SELECT 1 FROM interactions i WHERE i.customer_id = customers.id)
       AND NOT EXISTS (SELECT 1 FROM followups f WHERE f.customer_id = customers.id)
       AND NOT EXISTS (SELECT 1 FROM import_updates u WHERE u.customer_id = customers.id)
       AND NOT EXISTS (SELECT 1 FROM audit_log a
                        WHERE a.customer_id = customers.id AND a.id > ?3))sql");
  q.bind_all(*batch.first_customer, *batch.last_customer, batch.audit_id.value_or(0)).run();
  return db_.changes();
}

void OrderImportRepository::mark_undone(std::int64_t batch, util::Timestamp at) {
  Statement q(db_, "UPDATE order_import_batches SET undone_at = ? WHERE id = ?");
  q.bind_all(at, batch).run();
}

std::optional<CustomerKeyMatch>
OrderImportRepository::customer_by_external_id(std::string_view external_id) {
  auto& q = db_.cached("SELECT id, deleted_at IS NOT NULL FROM customers WHERE external_id = ?");
  q.bind(1, external_id);
  if (!q.step()) return std::nullopt;
  return CustomerKeyMatch{q.get_int(0), q.get_int(1) != 0};
}

std::optional<CustomerKeyMatch>
OrderImportRepository::live_customer_by_email_key(std::string_view key) {
  auto& q = db_.cached("SELECT id FROM customers WHERE email_key = ? AND deleted_at IS NULL");
  q.bind(1, key);
  if (!q.step()) return std::nullopt;
  return CustomerKeyMatch{q.get_int(0), false};
}

std::optional<domain::CustomerId> OrderImportRepository::merged_into(domain::CustomerId id) {
  auto& q = db_.cached("SELECT m.keep_id, c.deleted_at IS NOT NULL FROM merges m JOIN customers c "
                       "ON c.id = m.keep_id WHERE m.other_id = ? AND m.undone_at IS NULL "
                       "ORDER BY m.id DESC LIMIT 1");
  for (int hops = 0; hops < 100; ++hops) { // a chain of merges; never a cycle of live merges
    q.reset();
    q.bind(1, id);
    if (!q.step()) return std::nullopt;
    id = q.get_int(0);
    if (q.get_int(1) == 0) return id;
  }
  return std::nullopt;
}

bool OrderImportRepository::has_orders() {
  Statement q(db_, "SELECT EXISTS (SELECT 1 FROM orders)");
  q.step();
  return q.get_int(0) != 0;
}

std::optional<std::pair<domain::OrderId, std::optional<std::int64_t>>>
OrderImportRepository::order_by_external_id(std::string_view external_id) {
  auto& q = db_.cached("SELECT id, batch_id FROM orders WHERE external_id = ?");
  q.bind(1, external_id);
  if (!q.step()) return std::nullopt;
  return std::pair{q.get_int(0), q.get_opt_int(1)};
}

std::pair<domain::OptText, domain::OptText>
OrderImportRepository::customer_keys(domain::CustomerId customer) {
  auto& q = db_.cached("SELECT external_id, email FROM customers WHERE id = ?");
  q.bind(1, customer);
  if (!q.step()) return {};
  return {q.get_opt_text(0), q.get_opt_text(1)};
}

namespace {

// Keeps in `times` the latest time of each timed status.
void note_time(std::array<std::optional<util::Timestamp>, 5>& times, const std::string& kind,
               util::Timestamp at) {
  const auto it = std::find(timed_statuses.begin(), timed_statuses.end(), kind);
  if (it == timed_statuses.end()) return;
  auto& slot = times[static_cast<std::size_t>(it - timed_statuses.begin())];
  if (!slot || *slot < at) slot = at;
}

} // namespace

std::array<std::optional<util::Timestamp>, 5>
OrderImportRepository::status_times(domain::OrderId order) {
  auto& q = db_.cached("SELECT kind, at FROM order_events WHERE order_id = ?");
  q.bind(1, order);
  std::array<std::optional<util::Timestamp>, 5> times;
  while (q.step()) note_time(times, q.get_text(0), q.get_int(1));
  return times;
}

StatusTimesScan::StatusTimesScan(Database& db)
    : query_(db, "SELECT order_id, kind, at FROM order_events ORDER BY order_id") {
  more_ = query_.step();
}

std::array<std::optional<util::Timestamp>, 5> StatusTimesScan::times(domain::OrderId order) {
  std::array<std::optional<util::Timestamp>, 5> times;
  while (more_ && query_.get_int(0) < order) more_ = query_.step();
  for (; more_ && query_.get_int(0) == order; more_ = query_.step())
    note_time(times, query_.get_text(1), query_.get_int(2));
  return times;
}

void OrderImportRepository::items(domain::OrderId order, std::vector<domain::OrderItem>& items) {
  auto& q = db_.cached("SELECT line, sku, name, quantity, unit_price FROM order_items "
                       "WHERE order_id = ? ORDER BY line");
  q.bind(1, order);
  std::size_t n = 0;
  while (q.step()) {
    if (n == items.size()) items.emplace_back();
    auto& item = items[n++];
    item.line = static_cast<int>(q.get_int(0));
    item.sku = q.get_text(1);
    item.name = q.get_opt_text(2);
    item.quantity = q.get_int(3);
    item.unit_price = q.get_int(4);
  }
  items.resize(n);
}

} // namespace crm::store
