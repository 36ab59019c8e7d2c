#pragma once
// The audit log: who (OS user), which command, when, what changed (before/after as JSON).
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"
#include "util/time.hpp"

namespace crm::store {

struct AuditEntry {
  std::int64_t id = 0;
  util::Timestamp at = 0;
  std::string user;
  std::string command;
  std::string entity; // "customer", "followup", ...
  std::optional<std::int64_t> entity_id;
  std::optional<std::int64_t> customer_id; // the customer the change is about, if any
  std::string action; // "create", "update", "delete", "restore", "purge", "consent", ...
  std::optional<std::string> before_json, after_json;
};

struct AuditQuery {
  std::optional<std::int64_t> customer_id;
  std::optional<util::Timestamp> since;
  std::optional<std::int64_t> limit;
};

class AuditRepository {
public:
  explicit AuditRepository(Database& db) : db_(db) {}
  void record(const AuditEntry& entry);
  // Oldest first.
  std::vector<AuditEntry> list(const AuditQuery& query);

private:
  Database& db_;
};

} // namespace crm::store
