#pragma once
// What happened around a customer: consent (current and history), interactions, follow-ups.
#include <optional>
#include <string>
#include <vector>

#include "domain/customer.hpp"
#include "store/database.hpp"

namespace crm::store {

class ConsentRepository {
public:
  explicit ConsentRepository(Database& db) : db_(db) {}
  // Appends to the history; becomes the current state of consent.channel unless the current
  // one is more recent (by `at`).
  void record(domain::CustomerId customer, const domain::Consent& consent);
  std::vector<domain::Consent> current(domain::CustomerId customer);
  std::vector<domain::Consent> history(domain::CustomerId customer);

private:
  Database& db_;
};

class InteractionRepository {
public:
  explicit InteractionRepository(Database& db) : db_(db) {}
  std::int64_t insert(const domain::Interaction& interaction);
  // Newest first.
  std::vector<domain::Interaction> for_customer(domain::CustomerId customer,
                                                std::optional<std::string> kind,
                                                std::optional<std::int64_t> limit);

private:
  Database& db_;
};

struct FollowupQuery {
  std::optional<domain::CustomerId> customer;
  std::optional<std::string> owner;
  std::optional<std::string> due_from, due_to; // inclusive YYYY-MM-DD
  bool include_done = false;
};

class FollowupRepository {
public:
  explicit FollowupRepository(Database& db) : db_(db) {}
  std::int64_t insert(const domain::Followup& followup);
  std::optional<domain::Followup> find(std::int64_t id);
  void mark_done(std::int64_t id, util::Timestamp at);
  // Ordered by due date, then id. Follow-ups of soft-deleted customers are left out.
  std::vector<domain::Followup> list(const FollowupQuery& query);

private:
  Database& db_;
};

} // namespace crm::store
