#pragma once
// The order repository: orders, order_items, order_events, and the per-customer metrics
// (customer_metrics) that every change of an order keeps up to date.
//
// Metrics are over orders not cancelled: orders = count, revenue = sum of orders.value
// (total - refunded in the store currency), first_order / last_order = min / max placed_at.
// Every method here that changes orders refreshes the metrics of the customers it touched;
// code that moves orders between customers (merge, unmerge) calls refresh_metrics itself.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/order.hpp"
#include "store/database.hpp"

namespace crm::store {

struct OrderQuery {
  std::optional<domain::CustomerId> customer;
  std::optional<std::string> status;
  std::optional<util::Timestamp> from, to; // placed_at in [from, to)
  std::string sort = "placed_at";          // a column of order_sort_columns()
  bool descending = false;
  std::optional<std::int64_t> limit;
  std::int64_t offset = 0;
};
// id, placed_at, total, status, customer_id, external_id.
const std::vector<std::string>& order_sort_columns();

struct CustomerMetrics {
  domain::CustomerId customer_id = 0;
  std::int64_t orders = 0;
  std::int64_t revenue = 0; // minor units of the store currency
  std::optional<util::Timestamp> first_order, last_order;
};

// A customer whose stored metrics differ from the metrics recomputed from the orders.
struct MetricsMismatch {
  domain::CustomerId customer_id = 0;
  CustomerMetrics stored, actual;
};

class OrderRepository {
public:
  explicit OrderRepository(Database& db) : db_(db) {}

  // Inserts the order and its items (order.id is ignored, item lines as given) and returns the
  // new id; refreshes the customer's metrics unless `refresh` is false (a bulk import
  // refreshes once at the end with refresh_metrics_for_orders). A duplicate external id
  // throws util::ConflictError.
  domain::OrderId insert(const domain::Order& order, bool refresh = true);
  // Header fields only (status, refunded, value, tracking, customer_id, updated_at);
  // refreshes the metrics of the customer.
  void update(const domain::Order& order);
  std::optional<domain::Order> find(domain::OrderId id);
  std::optional<domain::Order> find_by_external_id(std::string_view external_id);
  // Streams matching orders (without items) in the query's order.
  void for_each(const OrderQuery& query, const std::function<void(const domain::Order&)>& visit);
  std::int64_t count(const OrderQuery& query);
  // Deletes orders (with items and events) and refreshes their customers' metrics.
  void remove(const std::vector<domain::OrderId>& ids);

  std::int64_t add_event(const domain::OrderEvent& event);
  // Oldest first (by at, then id).
  std::vector<domain::OrderEvent> events(domain::OrderId order);

  // The ids of a customer's orders, oldest first.
  std::vector<domain::OrderId> order_ids(domain::CustomerId customer);
  // Moves orders to another customer and refreshes both customers' metrics.
  void move(const std::vector<domain::OrderId>& ids, domain::CustomerId to);

  // --- metrics ---
  CustomerMetrics metrics(domain::CustomerId customer);
  // Recomputes one customer's row from their orders.
  void refresh_metrics(domain::CustomerId customer);
  // Recomputes the metrics of every customer owning an order with id in [first, last].
  void refresh_metrics_for_orders(domain::OrderId first, domain::OrderId last);
  // Recomputes every customer's metrics from scratch; returns how many customers have orders.
  std::int64_t recompute_all_metrics();
  // Customers whose stored metrics differ from the orders (at most `limit`).
  std::vector<MetricsMismatch> check_metrics(std::int64_t limit);

  // The currency metrics are kept in: meta 'currency', or `fallback` (money.currency) while
  // no order has been written (read-only: pin_store_currency fixes it).
  std::string store_currency(const std::string& fallback);
  // Sets meta 'currency' unless it is set already (the first order written fixes it).
  void pin_store_currency(std::string_view code);

private:
  void write_items(const domain::Order& order, domain::OrderId id);
  Database& db_;
};

} // namespace crm::store
