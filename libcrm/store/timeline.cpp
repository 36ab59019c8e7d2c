#include "store/timeline.hpp"

namespace crm::store {

namespace {

domain::Consent read_consent(const Statement& row) {
  return {row.get_text(0), row.get_text(1), row.get_text(2),
          row.get_int(3),  row.get_int(4),  row.get_text(5)};
}

domain::Followup read_followup(const Statement& row) {
  return {row.get_int(0),  row.get_int(1), row.get_text(2),   row.get_text(3),
          row.get_text(4), row.get_int(5), row.get_opt_int(6)};
}

constexpr std::string_view followup_columns =
    "f.id, f.customer_id, f.due, f.owner, f.text, f.created_at, f.done_at";

} // namespace

void ConsentRepository::record(domain::CustomerId customer, const domain::Consent& c) {
  auto& upsert = db_.cached(
      "INSERT INTO consents (customer_id, channel, state, source, at, recorded_at, recorded_by) "
      "VALUES (?,?,?,?,?,?,?) ON CONFLICT (customer_id, channel) DO UPDATE SET "
      "state=excluded.state, source=excluded.source, at=excluded.at, "
      "recorded_at=excluded.recorded_at, recorded_by=excluded.recorded_by "
      "WHERE excluded.at >= consents.at"); // a backdated record joins the history only
  upsert.bind_all(customer, c.channel, c.state, c.source, c.at, c.recorded_at, c.recorded_by).run();
  auto& event = db_.cached("INSERT INTO consent_events (customer_id, channel, state, source, at, "
                           "recorded_at, recorded_by) VALUES (?,?,?,?,?,?,?)");
  event.bind_all(customer, c.channel, c.state, c.source, c.at, c.recorded_at, c.recorded_by).run();
}

std::vector<domain::Consent> ConsentRepository::current(domain::CustomerId customer) {
  Statement q(db_, "SELECT channel, state, source, at, recorded_at, recorded_by FROM consents "
                   "WHERE customer_id = ? ORDER BY channel");
  q.bind(1, customer);
  std::vector<domain::Consent> result;
  while (q.step()) result.push_back(read_consent(q));
  return result;
}

std::vector<domain::Consent> ConsentRepository::history(domain::CustomerId customer) {
  Statement q(db_, "SELECT channel, state, source, at, recorded_at, recorded_by FROM "
                   "consent_events WHERE customer_id = ? ORDER BY at DESC, id DESC");
  q.bind(1, customer);
  std::vector<domain::Consent> result;
  while (q.step()) result.push_back(read_consent(q));
  return result;
}

std::int64_t InteractionRepository::insert(const domain::Interaction& i) {
  Statement q(db_, "INSERT INTO interactions (customer_id, kind, channel, direction, author, "
                   "text, at) VALUES (?,?,?,?,?,?,?)");
  q.bind_all(i.customer_id, i.kind, i.channel, i.direction, i.author, i.text, i.at).run();
  return db_.last_insert_rowid();
}

std::vector<domain::Interaction>
InteractionRepository::for_customer(domain::CustomerId customer, std::optional<std::string> kind,
                                    std::optional<std::int64_t> limit) {
  Statement q(db_, "SELECT id, customer_id, kind, channel, direction, author, text, at "
                   "FROM interactions WHERE customer_id = ? AND (?2 IS NULL OR kind = ?2) "
                   "ORDER BY at DESC, id DESC LIMIT ?");
  q.bind(1, customer).bind(2, kind).bind(3, limit.value_or(-1));
  std::vector<domain::Interaction> result;
  while (q.step()) {
    result.push_back({q.get_int(0), q.get_int(1), q.get_text(2), q.get_opt_text(3),
                      q.get_opt_text(4), q.get_text(5), q.get_text(6), q.get_int(7)});
  }
  return result;
}

std::int64_t FollowupRepository::insert(const domain::Followup& f) {
  Statement q(db_, "INSERT INTO followups (customer_id, due, owner, text, created_at, done_at) "
                   "VALUES (?,?,?,?,?,?)");
  q.bind_all(f.customer_id, f.due, f.owner, f.text, f.created_at, f.done_at).run();
  return db_.last_insert_rowid();
}

std::optional<domain::Followup> FollowupRepository::find(std::int64_t id) {
  Statement q(db_, std::string("SELECT ") + std::string(followup_columns) +
                       " FROM followups f WHERE f.id = ?");
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  return read_followup(q);
}

void FollowupRepository::mark_done(std::int64_t id, util::Timestamp at) {
  Statement q(db_, "UPDATE followups SET done_at = ? WHERE id = ?");
  q.bind_all(at, id).run();
}

std::vector<domain::Followup> FollowupRepository::list(const FollowupQuery& query) {
  Statement q(db_, std::string("SELECT ") + std::string(followup_columns) +
                       " FROM followups f JOIN customers c ON c.id = f.customer_id "
                       "WHERE c.deleted_at IS NULL AND (?1 IS NULL OR f.customer_id = ?1) "
                       "AND (?2 IS NULL OR f.owner = ?2) AND (?3 IS NULL OR f.due >= ?3) "
                       "AND (?4 IS NULL OR f.due <= ?4) AND (?5 OR f.done_at IS NULL) "
                       "ORDER BY f.due, f.id");
  q.bind(1, query.customer).bind(2, query.owner).bind(3, query.due_from).bind(4, query.due_to);
  q.bind(5, query.include_done ? 1 : 0);
  std::vector<domain::Followup> result;
  while (q.step()) result.push_back(read_followup(q));
  return result;
}

} // namespace crm::store
