#pragma once
// Orders: line items, totals and the status lifecycle. Plain data and rules; persistence is
// in store/orders.hpp.
//
//   pending -> paid -> shipped -> delivered
//   pending | paid -> cancelled
//   shipped | delivered -> returned   (whole or partial, with the amount refunded)
//   returned -> returned              (a further partial return, while refunded < total)
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/customer.hpp"
#include "domain/money.hpp"
#include "util/time.hpp"

namespace crm::domain {

using OrderId = std::int64_t;

// pending, paid, shipped, delivered, cancelled, returned: lifecycle order.
const std::vector<std::string>& order_statuses();
bool is_order_status(std::string_view status);
// Throws UsageError "unknown order status 'X': use pending, paid, ..." (with a suggestion).
std::string parse_order_status(std::string_view text);
// Whether `to` may follow `from` (see the diagram above). Equal statuses are not a
// transition, except returned -> returned.
bool transition_allowed(std::string_view from, std::string_view to);
// The statuses `from` may move to, in lifecycle order (for error messages and --help).
std::vector<std::string> next_statuses(std::string_view from);
// The statuses an order passes through after pending to reach `status`, in order, ending with
// `status` ("delivered" -> paid, shipped, delivered; "cancelled" -> cancelled; "returned" ->
// paid, shipped, returned; "pending" -> nothing). Imports make events from it.
std::vector<std::string> status_path(std::string_view status);

struct OrderItem {
  int line = 0; // 1-based position in the order
  std::string sku;
  OptText name;
  std::int64_t quantity = 1;   // > 0
  std::int64_t unit_price = 0; // minor units of the order's currency, >= 0
};

struct Order {
  OrderId id = 0;
  OptText external_id;
  CustomerId customer_id = 0;
  util::Timestamp placed_at = 0;
  std::string status = "pending";
  std::string currency; // ISO 4217 code
  std::vector<OrderItem> items;
  std::int64_t subtotal = 0; // sum of quantity * unit_price
  std::int64_t shipping = 0;
  std::int64_t discount = 0;
  std::int64_t total = 0;    // subtotal + shipping - discount
  std::int64_t refunded = 0; // 0 <= refunded <= total
  // (total - refunded) in the store's currency (money.currency when the order was written),
  // what the customer metrics add up; equal to total - refunded for orders in that currency.
  std::int64_t value = 0;
  OptText tracking;
  std::optional<std::int64_t> batch_id; // the order import that created it
  util::Timestamp created_at = 0;
  util::Timestamp updated_at = 0;
};

// One change of an order: its placing, each status change, a note. Every status change is one.
struct OrderEvent {
  std::int64_t id = 0;
  OrderId order_id = 0;
  util::Timestamp at = 0; // when it happened (--at, or the import's column)
  std::string kind;       // placed | a status (paid, shipped, ...) | note
  OptText note;
  OptText tracking;                   // shipped: the tracking number
  std::optional<std::int64_t> refund; // returned: the amount refunded by this event
  std::string author;
  util::Timestamp recorded_at = 0; // when crm learnt it
  std::optional<std::int64_t> batch_id;
};

// Validates items (sku non-empty, quantity > 0, unit_price >= 0), numbers the lines from 1,
// and sets subtotal and total. Throws UsageError for a bad item, an overflow, a negative
// shipping or discount, or a discount larger than subtotal + shipping.
void compute_totals(Order& order);

// "SKU:QTY:UNIT_PRICE[:NAME]" (NAME may contain ':') -> an item, the price in `currency`.
// Throws UsageError naming the spec and the part at fault ("quantity must be a whole number
// greater than 0", the parse_amount message for the price).
OrderItem parse_item_spec(std::string_view spec, const Currency& currency);

} // namespace crm::domain
