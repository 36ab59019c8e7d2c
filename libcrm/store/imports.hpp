#pragma once
// Import batches: what each `crm customer import` wrote, so that --undo can revert it.
//
// A batch's created customers are the consecutive ids first_created..last_created (one write
// transaction allocates them, so nothing else can take an id in between); the customers it
// updated are journalled with their state before the batch.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/customer.hpp"
#include "store/database.hpp"
#include "util/time.hpp"

namespace crm::store {

struct ImportBatch {
  std::int64_t id = 0;
  std::string file, mode;
  util::Timestamp at = 0; // real time of the run
  std::string os_user, command;
  std::optional<std::int64_t> first_created, last_created;
  std::int64_t created = 0, updated = 0, unchanged = 0, rejected = 0;
  std::optional<std::int64_t> audit_id;
  std::optional<util::Timestamp> undone_at;
};

// A customer of a batch that something after the batch changed: why undo must refuse.
struct LaterChange {
  domain::CustomerId customer = 0;
  std::string what; // "audit entry 12 (update)", "import batch 4"
};

class ImportRepository {
public:
  explicit ImportRepository(Database& db) : db_(db) {}

  // Inserts the batch row (counts as given) and returns its id.
  std::int64_t begin(const ImportBatch& batch);
  // Writes the counts, the created range and the audit id of batch.id.
  void finish(const ImportBatch& batch);
  void record_update(std::int64_t batch, domain::CustomerId customer,
                     const std::string& before_json);
  std::optional<ImportBatch> find(std::int64_t id);
  // Newest first.
  std::vector<ImportBatch> list(std::int64_t limit);

  // The customers of the batch that later commands or later batches changed (at most `limit`).
  std::vector<LaterChange> later_changes(const ImportBatch& batch, std::int64_t limit);
  // Deletes the customers the batch created (cascading to their satellites); returns how many.
  std::int64_t delete_created(const ImportBatch& batch);
  // Each customer the batch updated, with the JSON journalled before the update.
  void for_each_update(std::int64_t batch,
                       const std::function<void(domain::CustomerId, const std::string&)>& visit);
  void mark_undone(std::int64_t batch, util::Timestamp at);

  // Live customers with a phone: (id, phone) in id order (the importer's phone index).
  void
  for_each_live_phone(const std::function<void(domain::CustomerId, const std::string&)>& visit);
  // Customers in the store, deleted ones included.
  std::int64_t count_customers();

private:
  Database& db_;
};

} // namespace crm::store
