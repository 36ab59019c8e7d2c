#pragma once
// Order actions: what `crm order add|show|list|status|timeline` does, and the money settings
// every order path shares. Actions never print and never exit.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "actions/context.hpp"
#include "domain/money.hpp"
#include "domain/order.hpp"
#include "store/orders.hpp"
#include "util/json.hpp"

namespace crm::actions {

// money.currency, validated (UsageError naming the setting when it is not ISO 4217).
const domain::Currency& default_currency(const Context& ctx);
// The store's metric currency (see OrderRepository::store_currency), fixed by the first order
// written. Throws UsageError when money.currency now names another currency, saying to set it
// back: the stored metrics and order values are in the store currency.
const domain::Currency& store_currency(Context& ctx);
// `order.total - order.refunded` converted to the store currency with money.rates, for
// orders.value. Every path that writes an order calls it inside its write transaction: it
// pins the store currency (OrderRepository::pin_store_currency) on the first order. Throws
// UsageError "no exchange rate for USD: set money.rates (e.g. -c money.rates=USD=7.10)"
// when the order's currency is not the store's and has no rate.
std::int64_t order_value(Context& ctx, const domain::Order& order);

// The value of `before` once `refunded` (in all) of its total is refunded: the same share of
// its stored value, so the rate it was converted at stays (no rate is looked up); 0 when all
// is refunded, and total - refunded for an order in the store currency.
std::int64_t value_after_refund(const domain::Order& before, std::int64_t refunded);

// An order as JSON, as printed and audited: id, external_id, customer_id, placed_at, status,
// currency, subtotal, shipping, discount, total, refunded (money as decimal strings), tracking,
// items [{line, sku, name, quantity, unit_price, amount}], created_at, updated_at.
util::Json order_json(const Context& ctx, const domain::Order& order);
util::Json order_event_json(const Context& ctx, const domain::Order& order,
                            const domain::OrderEvent& event);
// A customer's metrics under the segment field names: orders, revenue, aov (money as decimal
// strings in the store currency; aov null without orders), first_order, last_order.
util::Json metrics_json(Context& ctx, const store::CustomerMetrics& metrics);
// The currency metrics are kept in (the store's, else money.currency), and metrics_json with it
// looked up once: for a list of many customers.
const domain::Currency& metrics_currency(Context& ctx);
util::Json metrics_json(const Context& ctx, const store::CustomerMetrics& metrics,
                        const domain::Currency& currency);

// REF: an order id or ext:EXTERNAL_ID. Throws NotFoundError (exit 3).
domain::Order resolve_order(Context& ctx, std::string_view ref);

struct AddOrder {
  std::string customer;           // REF
  std::vector<std::string> items; // "SKU:QTY:UNIT_PRICE[:NAME]"
  std::optional<std::string> currency, placed_at, external_id, shipping, discount, note;
  std::string status = "pending";
  bool dry_run = false;
};
// Returns the order as stored (dry run: as it would be, id 0). Records a "placed" event (and
// one per status on the way when --status is past pending) and an audit entry.
domain::Order add_order(Context& ctx, const AddOrder& input);

struct ChangeStatus {
  std::string status;
  std::optional<std::string> note, at, tracking, refund;
  bool dry_run = false;
};
struct StatusChange {
  domain::Order before, after;
  domain::OrderEvent event;
};
// An illegal transition throws ConflictError (exit 4) naming the allowed ones; nothing changes.
// returned without --refund refunds what is left (total - refunded); a refund larger than
// that, or a refund on any other status, is a UsageError.
StatusChange change_order_status(Context& ctx, std::string_view ref, const ChangeStatus& input);

// Everything about one order: the order_json plus "value" and "value_currency" (after
// "refunded": what the order adds to the customer's revenue, in the store currency),
// "customer" {id, name, email} and "events".
util::Json show_order(Context& ctx, std::string_view ref);
// The events of an order, oldest first.
std::vector<util::Json> order_timeline(Context& ctx, std::string_view ref);

struct ListOrders {
  std::optional<std::string> customer; // REF
  std::optional<std::string> status, from, to;
  std::string sort = "placed_at"; // "-total": a leading '-' means descending
  std::optional<std::int64_t> limit;
};
void list_orders(Context& ctx, const ListOrders& input,
                 const std::function<void(const domain::Order&)>& visit);

// A customer's most recent orders (newest first), each as order_json without items, for
// `crm customer show`.
std::vector<util::Json> recent_orders_json(Context& ctx, domain::CustomerId customer,
                                           std::int64_t limit);

// `crm db recompute-metrics`: every customer's metrics from scratch; returns the number of
// customers with orders.
std::int64_t recompute_metrics(Context& ctx);

} // namespace crm::actions
