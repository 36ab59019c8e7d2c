#include "store/audit.hpp"

namespace crm::store {

void AuditRepository::record(const AuditEntry& e) {
  Statement q(db_, "INSERT INTO audit_log (at, os_user, command, entity, entity_id, customer_id, "
                   "action, before_json, after_json) VALUES (?,?,?,?,?,?,?,?,?)");
  q.bind_all(e.at, e.user, e.command, e.entity, e.entity_id, e.customer_id, e.action, e.before_json,
             e.after_json);
  q.run();
}

std::vector<AuditEntry> AuditRepository::list(const AuditQuery& query) {
  // The newest `limit` entries, shown oldest first.
  Statement q(db_, "SELECT * FROM (SELECT id, at, os_user, command, entity, entity_id, "
                   "customer_id, action, before_json, after_json FROM audit_log "
                   "WHERE (?1 IS NULL OR customer_id = ?1) AND (?2 IS NULL OR at >= ?2) "
                   "ORDER BY id DESC LIMIT ?3) ORDER BY id");
  q.bind(1, query.customer_id).bind(2, query.since).bind(3, query.limit.value_or(-1));
  std::vector<AuditEntry> result;
  while (q.step()) {
    result.push_back({q.get_int(0), q.get_int(1), q.get_text(2), q.get_text(3), q.get_text(4),
                      q.get_opt_int(5), q.get_opt_int(6), q.get_text(7), q.get_opt_text(8),
                      q.get_opt_text(9)});
  }
  return result;
}

} // namespace crm::store
