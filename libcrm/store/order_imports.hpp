#pragma once
// Order import batches: what each `crm order import` wrote, so that --undo can revert it; and
// the narrow per-row lookups of the order importer and `crm order export` (ids and keys only,
// through cached statements).
//
// A batch's created orders are the consecutive ids first_order..last_order and carry its
// batch_id (one write transaction allocates them); so are the customers it created
// (--create-missing-customers), first_customer..last_customer. The orders it moved on to a
// later status are journalled with their state before the batch in order_import_updates, and
// the events it wrote carry its batch_id.
#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/order.hpp"
#include "store/database.hpp"
#include "util/time.hpp"

namespace crm::store {

struct OrderImportBatch {
  std::int64_t id = 0;
  std::string file;
  std::optional<std::string> items_file;
  util::Timestamp at = 0; // real time of the run
  std::string os_user, command;
  std::optional<domain::OrderId> first_order, last_order;
  std::optional<domain::CustomerId> first_customer, last_customer;
  std::int64_t created = 0, updated = 0, unchanged = 0, rejected = 0;
  std::optional<std::int64_t> audit_id;
  std::optional<util::Timestamp> undone_at;
};

// An order of a batch that something after the batch changed: why undo must refuse.
struct OrderLaterChange {
  domain::OrderId order = 0;
  std::string what; // "event 12 (shipped)", "audit entry 40 (order status)"
};

// A customer found by an import key.
struct CustomerKeyMatch {
  domain::CustomerId id = 0;
  bool deleted = false;
};

// What undo removed of a batch's orders.
struct RemovedOrders {
  std::int64_t orders = 0;
  std::vector<domain::CustomerId> customers; // their owners, each once (metrics to refresh)
};

// The statuses whose time `crm order export` writes, in this order (paid_at, shipped_at, ...).
inline constexpr std::array<std::string_view, 5> timed_statuses = {"paid", "shipped", "delivered",
                                                                   "cancelled", "returned"};

class OrderImportRepository {
public:
  explicit OrderImportRepository(Database& db) : db_(db) {}

  // --- batches ---
  // Inserts the batch row (counts as given) and returns its id.
  std::int64_t begin(const OrderImportBatch& batch);
  // Writes the counts, the created ranges and the audit id of batch.id.
  void finish(const OrderImportBatch& batch);
  void record_update(std::int64_t batch, domain::OrderId order, const std::string& before_json);
  std::optional<OrderImportBatch> find(std::int64_t id);
  // Newest first.
  std::vector<OrderImportBatch> list(std::int64_t limit);

  // --- undo ---
  // The batch's orders (created or updated) that something after it changed: an event not
  // written by the batch, or an audit entry about the order after the batch's (at most `limit`).
  std::vector<OrderLaterChange> later_changes(const OrderImportBatch& batch, std::int64_t limit);
  // Each order the batch updated, with the JSON journalled before the update.
  void for_each_update(std::int64_t batch,
                       const std::function<void(domain::OrderId, const std::string&)>& visit);
  // Deletes the events the batch wrote (on the orders it updated; its created orders' go with
  // them).
  void delete_events(std::int64_t batch);
  // Deletes the orders the batch created, with their items and events.
  RemovedOrders delete_created_orders(const OrderImportBatch& batch);
  // Deletes the customers the batch created that nothing else refers to now (orders,
  // interactions, follow-ups, a later customer import, audit entries after the batch's);
  // returns how many were deleted (the others stay).
  std::int64_t delete_created_customers(const OrderImportBatch& batch);
  void mark_undone(std::int64_t batch, util::Timestamp at);

  // --- the importer's lookups ---
  std::optional<CustomerKeyMatch> customer_by_external_id(std::string_view external_id);
  // Live customers only; `key` is domain::email_key of the address.
  std::optional<CustomerKeyMatch> live_customer_by_email_key(std::string_view key);
  // The live customer a deleted one was merged into (following later merges of that one), if
  // any: where the orders of a merged-away customer's key belong.
  std::optional<domain::CustomerId> merged_into(domain::CustomerId id);
  // Whether the store holds any order (an import into an empty one skips the per-order lookup).
  bool has_orders();
  // The id and batch of the order with this external id, if any.
  std::optional<std::pair<domain::OrderId, std::optional<std::int64_t>>>
  order_by_external_id(std::string_view external_id);

  // --- the exporter's lookups ---
  // The customer's external id and email.
  std::pair<domain::OptText, domain::OptText> customer_keys(domain::CustomerId customer);
  // The time of the last event of each of timed_statuses.
  std::array<std::optional<util::Timestamp>, 5> status_times(domain::OrderId order);
  // The order's items by line, into `items` (its elements are reused).
  void items(domain::OrderId order, std::vector<domain::OrderItem>& items);

private:
  Database& db_;
};

// The status times of every order, read in one pass over the events in order id order (for
// an export of all orders: a lookup per order costs several times more).
class StatusTimesScan {
public:
  explicit StatusTimesScan(Database& db);
  // As OrderImportRepository::status_times; ask for the orders in increasing id order.
  std::array<std::optional<util::Timestamp>, 5> times(domain::OrderId order);

private:
  Statement query_;
  bool more_ = false;
};

} // namespace crm::store
