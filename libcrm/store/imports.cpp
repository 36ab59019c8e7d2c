#include "store/imports.hpp"

#include <fmt/format.h>

namespace crm::store {

namespace {

constexpr std::string_view batch_columns =
    "id, file, mode, at, os_user, command, first_created, last_created, created, updated, "
    "unchanged, rejected, audit_id, undone_at";

ImportBatch read_batch(const Statement& row) {
  ImportBatch b;
  b.id = row.get_int(0);
  b.file = row.get_text(1);
  b.mode = row.get_text(2);
  b.at = row.get_int(3);
  b.os_user = row.get_text(4);
  b.command = row.get_text(5);
  b.first_created = row.get_opt_int(6);
  b.last_created = row.get_opt_int(7);
  b.created = row.get_int(8);
  b.updated = row.get_int(9);
  b.unchanged = row.get_int(10);
  b.rejected = row.get_int(11);
  b.audit_id = row.get_opt_int(12);
  b.undone_at = row.get_opt_int(13);
  return b;
}

} // namespace

std::int64_t ImportRepository::begin(const ImportBatch& batch) {
  Statement q(db_, "INSERT INTO import_batches (file, mode, at, os_user, command) "
                   "VALUES (?, ?, ?, ?, ?)");
  q.bind_all(batch.file, batch.mode, batch.at, batch.os_user, batch.command).run();
  return db_.last_insert_rowid();
}

void ImportRepository::finish(const ImportBatch& batch) {
  Statement q(db_, "UPDATE import_batches SET first_created = ?, last_created = ?, created = ?, "
                   "updated = ?, unchanged = ?, rejected = ?, audit_id = ? WHERE id = ?");
  q.bind_all(batch.first_created, batch.last_created, batch.created, batch.updated, batch.unchanged,
             batch.rejected, batch.audit_id, batch.id)
      .run();
}

void ImportRepository::record_update(std::int64_t batch, domain::CustomerId customer,
                                     const std::string& before_json) {
  db_.cached("INSERT INTO import_updates (batch_id, customer_id, before_json) VALUES (?, ?, ?)")
      .bind_all(batch, customer, before_json)
      .run();
}

std::optional<ImportBatch> ImportRepository::find(std::int64_t id) {
  Statement q(db_, fmt::format("SELECT {} FROM import_batches WHERE id = ?", batch_columns));
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  return read_batch(q);
}

std::vector<ImportBatch> ImportRepository::list(std::int64_t limit) {
  Statement q(db_,
              fmt::format("SELECT {} FROM import_batches ORDER BY id DESC LIMIT ?", batch_columns));
  q.bind(1, limit);
  std::vector<ImportBatch> batches;
  while (q.step()) batches.push_back(read_batch(q));
  return batches;
}

std::vector<LaterChange> ImportRepository::later_changes(const ImportBatch& batch,
                                                         std::int64_t limit) {
  // The batch's customers: its created range and its journalled updates. A later change is
  // an audit entry about one of them after the batch's own entry (edit, tag, note, consent,
  // merge, forget, ...), or a later batch that is not undone and updated or created it. A
  // created customer with orders (added, imported or moved to it since) cannot be deleted:
  // its orders would go with it.
  Statement q(db_, R"sql(
    WITH mine(id) AS (
      SELECT c.id FROM customers c WHERE c.id BETWEEN ?1 AND ?2
      UNION SELECT customer_id FROM import_updates WHERE batch_id = ?3)
    SELECT o.customer_id, 'has ' || count(*) || ' order(s), e.g. order ' || min(o.id), 0
      FROM orders o WHERE o.customer_id BETWEEN ?1 AND ?2 GROUP BY o.customer_id
    UNION ALL
    SELECT m.id, 'audit entry ' || a.id || ' (' || a.entity || ' ' || a.action || ')', 1
      FROM mine m JOIN audit_log a ON a.customer_id = m.id AND a.id > ?4
    UNION ALL
    SELECT m.id, 'import batch ' || u.batch_id, 1
      FROM mine m JOIN import_updates u ON u.customer_id = m.id AND u.batch_id > ?3
      JOIN import_batches b ON b.id = u.batch_id AND b.undone_at IS NULL
    ORDER BY 1, 3, 2 LIMIT ?5)sql");
  q.bind_all(batch.first_created.value_or(0), batch.last_created.value_or(-1), batch.id,
             batch.audit_id.value_or(0), limit);
  std::vector<LaterChange> changes;
  while (q.step()) changes.push_back({q.get_int(0), q.get_text(1)});
  return changes;
}

std::int64_t ImportRepository::delete_created(const ImportBatch& batch) {
  if (!batch.first_created) return 0;
  Statement q(db_, "DELETE FROM customers WHERE id BETWEEN ? AND ?");
  q.bind_all(*batch.first_created, *batch.last_created).run();
  return db_.changes();
}

void ImportRepository::for_each_update(
    std::int64_t batch, const std::function<void(domain::CustomerId, const std::string&)>& visit) {
  Statement q(db_, "SELECT customer_id, before_json FROM import_updates WHERE batch_id = ? "
                   "ORDER BY customer_id");
  q.bind(1, batch);
  while (q.step()) visit(q.get_int(0), q.get_text(1));
}

void ImportRepository::mark_undone(std::int64_t batch, util::Timestamp at) {
  Statement q(db_, "UPDATE import_batches SET undone_at = ? WHERE id = ?");
  q.bind_all(at, batch).run();
}

void ImportRepository::for_each_live_phone(
    const std::function<void(domain::CustomerId, const std::string&)>& visit) {
  Statement q(db_, "SELECT id, phone FROM customers WHERE phone IS NOT NULL AND deleted_at IS "
                   "NULL ORDER BY id");
  while (q.step()) visit(q.get_int(0), q.get_text(1));
}

std::int64_t ImportRepository::count_customers() {
  Statement q(db_, "SELECT count(*) FROM customers");
  q.step();
  return q.get_int(0);
}

} // namespace crm::store
