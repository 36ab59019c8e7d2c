#include "store/suppressions.hpp"

#include <array>

#include <fmt/format.h>

#include "util/error.hpp"
#include "util/sha256.hpp"

namespace crm::store {

namespace {

constexpr std::array<std::string_view, 2> channels = {"email", "phone"};
constexpr std::array<std::string_view, 5> reasons = {"forgotten", "unsubscribed", "bounced",
                                                     "complained", "manual"};

template <std::size_t N>
void check_one_of(std::string_view what, std::string_view value,
                  const std::array<std::string_view, N>& allowed) {
  for (const auto item : allowed) {
    if (item == value) return;
  }
  std::string list;
  for (const auto item : allowed) list += (list.empty() ? "" : ", ") + std::string(item);
  throw util::UsageError(
      fmt::format("invalid suppression {} '{}': use one of {}", what, value, list));
}

Suppression read_suppression(const Statement& row) {
  return {row.get_text(0), row.get_text(1), row.get_text(2), row.get_int(3)};
}

// '"key"' as it appears inside a JSON document, for instr() over lower-cased JSON.
std::optional<std::string> quoted(const std::optional<std::string>& key) {
  if (!key || key->empty()) return std::nullopt;
  return '"' + *key + '"';
}

} // namespace

std::string SuppressionRepository::key_hash(std::string_view channel, std::string_view key) {
  return util::sha256_hex(fmt::format("crm-suppression-v1:{}:{}", channel, key));
}

void SuppressionRepository::add(std::string_view channel, std::string_view key,
                                std::string_view reason, util::Timestamp at) {
  check_one_of("channel", channel, channels);
  check_one_of("reason", reason, reasons);
  if (key.empty()) return;
  db_.cached("INSERT INTO suppressions (channel, key_hash, reason, at) VALUES (?,?,?,?) "
             "ON CONFLICT (channel, key_hash) DO UPDATE SET reason = excluded.reason, "
             "at = excluded.at WHERE excluded.reason = 'forgotten' "
             "AND suppressions.reason != 'forgotten'")
      .bind_all(channel, key_hash(channel, key), reason, at)
      .run();
}

std::optional<Suppression> SuppressionRepository::find(std::string_view channel,
                                                       std::string_view key) {
  check_one_of("channel", channel, channels);
  if (key.empty()) return std::nullopt;
  auto& q = db_.cached(
      "SELECT channel, key_hash, reason, at FROM suppressions WHERE channel = ? AND key_hash = ?");
  q.bind_all(channel, key_hash(channel, key));
  if (!q.step()) return std::nullopt;
  return read_suppression(q);
}

std::optional<std::string> SuppressionRepository::reason_for(std::string_view channel,
                                                             std::string_view key) {
  auto found = find(channel, key);
  if (!found) return std::nullopt;
  return std::move(found->reason);
}

std::vector<Suppression> SuppressionRepository::list(std::optional<std::string_view> reason) {
  if (reason) check_one_of("reason", *reason, reasons);
  Statement q(db_, "SELECT channel, key_hash, reason, at FROM suppressions "
                   "WHERE ?1 IS NULL OR reason = ?1 ORDER BY at, channel, key_hash");
  if (reason) q.bind(1, *reason);
  std::vector<Suppression> result;
  while (q.step()) result.push_back(read_suppression(q));
  return result;
}

std::int64_t SuppressionRepository::count(std::optional<std::string_view> reason) {
  if (reason) check_one_of("reason", *reason, reasons);
  Statement q(db_, "SELECT count(*) FROM suppressions WHERE ?1 IS NULL OR reason = ?1");
  if (reason) q.bind(1, *reason);
  q.step();
  return q.get_int(0);
}

std::vector<domain::Followup> PersonalDataRepository::followups(domain::CustomerId id) {
  Statement q(db_, "SELECT id, customer_id, due, owner, text, created_at, done_at FROM followups "
                   "WHERE customer_id = ? ORDER BY due, id");
  q.bind(1, id);
  std::vector<domain::Followup> result;
  while (q.step()) {
    result.push_back({q.get_int(0), q.get_int(1), q.get_text(2), q.get_text(3), q.get_text(4),
                      q.get_int(5), q.get_opt_int(6)});
  }
  return result;
}

std::vector<ImportTrace> PersonalDataRepository::imports(domain::CustomerId id) {
  // Created customers are not listed per row: a batch allocates their ids consecutively.
  Statement q(db_, "SELECT b.id, b.file, b.mode, b.os_user, b.at, 'updated', u.before_json, "
                   "b.undone_at FROM import_updates u JOIN import_batches b ON b.id = u.batch_id "
                   "WHERE u.customer_id = ?1 "
                   "UNION ALL SELECT id, file, mode, os_user, at, 'created', NULL, undone_at "
                   "FROM import_batches WHERE ?1 BETWEEN first_created AND last_created "
                   "ORDER BY 1, 6");
  q.bind(1, id);
  std::vector<ImportTrace> result;
  while (q.step()) {
    result.push_back({q.get_int(0), q.get_text(1), q.get_text(2), q.get_text(3), q.get_int(4),
                      q.get_text(5), q.get_opt_text(6), q.get_opt_int(7)});
  }
  return result;
}

std::vector<MergeTrace> PersonalDataRepository::merges(domain::CustomerId id) {
  Statement q(db_, "SELECT id, keep_id, other_id, at, os_user, journal_json, undone_at "
                   "FROM merges WHERE keep_id = ?1 OR other_id = ?1 ORDER BY id");
  q.bind(1, id);
  std::vector<MergeTrace> result;
  while (q.step()) {
    result.push_back({q.get_int(0), q.get_int(1), q.get_int(2), q.get_int(3), q.get_text(4),
                      q.get_text(5), q.get_opt_int(6)});
  }
  return result;
}

std::optional<domain::CustomerId>
PersonalDataRepository::other_with_email(domain::CustomerId id, std::string_view email_key) {
  Statement q(db_, "SELECT id FROM customers WHERE email_key = ? AND id != ? ORDER BY id");
  q.bind_all(email_key, id);
  if (!q.step()) return std::nullopt;
  return q.get_int(0);
}

ErasedCounts erase_traces(Database& db, domain::CustomerId id,
                          const std::optional<std::string>& email_key, std::string_view why) {
  const std::string note = fmt::format("(erased by {})", why);
  const auto key = email_key && !email_key->empty() ? email_key : std::nullopt;
  ErasedCounts counts;
  Statement audit(db, "UPDATE audit_log SET before_json = NULL, after_json = NULL, command = ?3 "
                      "WHERE customer_id = ?1 OR (entity = 'customer' AND entity_id = ?1) "
                      "OR instr(lower(coalesce(before_json, '')), ?2) > 0 "
                      "OR instr(lower(coalesce(after_json, '')), ?2) > 0 "
                      "OR instr(lower(command), ?4) > 0");
  audit.bind_all(id, quoted(key), note, key).run();
  counts.audit_entries = db.changes();
  Statement imports(db, "DELETE FROM import_updates WHERE customer_id = ?1 "
                        "OR instr(lower(before_json), ?2) > 0");
  imports.bind_all(id, quoted(key)).run();
  counts.import_records = db.changes();
  Statement merges(db, "UPDATE merges SET journal_json = json_object('erased', ?3), command = ?4 "
                       "WHERE keep_id = ?1 OR other_id = ?1 OR instr(lower(journal_json), ?2) > 0 "
                       "OR instr(lower(command), ?5) > 0");
  merges.bind_all(id, quoted(key), why, note, key).run();
  counts.merges = db.changes();
  return counts;
}

ErasedCounts PersonalDataRepository::forget(domain::CustomerId id,
                                            const std::optional<std::string>& email_key,
                                            util::Timestamp now) {
  db_.exec("PRAGMA secure_delete = ON");
  const auto run = [this, id](std::string_view sql) {
    Statement q(db_, sql);
    q.bind(1, id).run();
    return static_cast<std::int64_t>(db_.changes());
  };
  ErasedCounts counts = erase_traces(db_, id, email_key, "forget");
  counts.consent_records = run("DELETE FROM consents WHERE customer_id = ?") +
                           run("DELETE FROM consent_events WHERE customer_id = ?");
  counts.interactions = run("UPDATE interactions SET text = '' WHERE customer_id = ?");
  counts.followups = run("DELETE FROM followups WHERE customer_id = ?");
  run("UPDATE customer_search SET text = '' WHERE customer_id = ?");
  // Orders are the shop's records (and the metrics count them): kept, but a tracking number
  // or a note may lead to the person.
  run("UPDATE order_events SET note = NULL, tracking = NULL WHERE order_id IN "
      "(SELECT id FROM orders WHERE customer_id = ?) AND (note IS NOT NULL OR tracking IS NOT "
      "NULL)");
  counts.orders = run("UPDATE orders SET tracking = NULL WHERE customer_id = ?");
  // What an order import journalled before moving an order on (for its undo).
  run("UPDATE order_import_updates SET before_json = json_set(before_json, '$.tracking', "
      "NULL) WHERE order_id IN (SELECT id FROM orders WHERE customer_id = ?) AND "
      "json_extract(before_json, '$.tracking') IS NOT NULL");
  Statement mark(db_, "UPDATE customers SET forgotten_at = ?2 WHERE id = ?1");
  mark.bind_all(id, now).run();
  return counts;
}

void PersonalDataRepository::flush_erased() {
  try {
    db_.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  } catch (const util::TemporaryError&) {
    // Another connection reads the log: the next checkpoint takes the old pages away.
  }
}

} // namespace crm::store
