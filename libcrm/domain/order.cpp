#include "domain/order.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "util/error.hpp"
#include "util/strings.hpp"

namespace crm::domain {

namespace {

using util::UsageError;

const std::vector<std::string>& status_list() {
  static const std::vector<std::string> statuses = {"pending",   "paid",      "shipped",
                                                    "delivered", "cancelled", "returned"};
  return statuses;
}

struct Transition {
  std::string_view from, to;
};
constexpr Transition transitions[] = {
    {"pending", "paid"},       {"pending", "cancelled"}, {"paid", "shipped"},
    {"paid", "cancelled"},     {"shipped", "delivered"}, {"shipped", "returned"},
    {"delivered", "returned"}, {"returned", "returned"},
};

// "pending, paid, shipped, delivered, cancelled or returned"
std::string listed(const std::vector<std::string>& words) {
  if (words.size() <= 1) return words.empty() ? "" : words.front();
  const std::vector<std::string> head(words.begin(), words.end() - 1);
  return util::join(head, ", ") + " or " + words.back();
}

// An amount of the order's currency for a message; plain minor units when the code is unknown.
std::string money_text(std::int64_t minor, std::string_view code) {
  if (const auto* c = find_currency(code))
    return format_amount(minor, *c) + " " + std::string(code);
  return std::to_string(minor);
}

std::int64_t line_amount(const OrderItem& item) {
  try {
    return money_mul(item.unit_price, item.quantity);
  } catch (const UsageError&) {
    throw UsageError(fmt::format("item {} ({}): quantity times unit price is out of range",
                                 item.line, item.sku));
  }
}

void check_item(const OrderItem& item) {
  if (util::trim(item.sku).empty())
    throw UsageError(fmt::format("item {}: the SKU is empty", item.line));
  if (item.quantity <= 0) {
    throw UsageError(fmt::format("item {} ({}): quantity must be greater than 0 (got {})",
                                 item.line, item.sku, item.quantity));
  }
  if (item.unit_price < 0) {
    throw UsageError(
        fmt::format("item {} ({}): the unit price must not be negative", item.line, item.sku));
  }
}

} // namespace

const std::vector<std::string>& order_statuses() { return status_list(); }

bool is_order_status(std::string_view status) {
  const auto& statuses = status_list();
  return std::find(statuses.begin(), statuses.end(), status) != statuses.end();
}

std::string parse_order_status(std::string_view text) {
  std::string status = util::to_lower_ascii(util::trim(text));
  if (is_order_status(status)) return status;
  const auto& statuses = status_list();
  if (status.empty()) throw UsageError("the order status is empty: use " + listed(statuses));
  std::string message = fmt::format("unknown order status '{}'", status);
  if (auto near = util::nearest(status, statuses))
    message += fmt::format(" (did you mean '{}'?)", *near);
  throw UsageError(message + ": use " + listed(statuses));
}

bool transition_allowed(std::string_view from, std::string_view to) {
  return std::any_of(std::begin(transitions), std::end(transitions),
                     [&](const Transition& t) { return t.from == from && t.to == to; });
}

std::vector<std::string> next_statuses(std::string_view from) {
  std::vector<std::string> next;
  for (const auto& status : status_list())
    if (transition_allowed(from, status)) next.push_back(status);
  return next;
}

std::vector<std::string> status_path(std::string_view status) {
  const std::string to = parse_order_status(status);
  if (to == "pending") return {};
  if (to == "cancelled") return {"cancelled"};
  if (to == "paid") return {"paid"};
  if (to == "shipped") return {"paid", "shipped"};
  if (to == "delivered") return {"paid", "shipped", "delivered"};
  return {"paid", "shipped", "returned"};
}

void compute_totals(Order& order) {
  std::int64_t subtotal = 0;
  int line = 0;
  for (auto& item : order.items) {
    item.line = ++line;
    check_item(item);
    const std::int64_t amount = line_amount(item);
    try {
      subtotal = money_add(subtotal, amount);
    } catch (const UsageError&) {
      throw UsageError(fmt::format("the subtotal is out of range (at item {})", item.line));
    }
  }
  if (order.shipping < 0) throw UsageError("shipping must not be negative");
  if (order.discount < 0) throw UsageError("the discount must not be negative");
  std::int64_t before_discount = 0;
  try {
    before_discount = money_add(subtotal, order.shipping);
  } catch (const UsageError&) {
    throw UsageError("subtotal plus shipping is out of range");
  }
  if (order.discount > before_discount) {
    throw UsageError(fmt::format("the discount {} is larger than subtotal plus shipping ({})",
                                 money_text(order.discount, order.currency),
                                 money_text(before_discount, order.currency)));
  }
  const std::int64_t total = before_discount - order.discount;
  if (order.refunded < 0) throw UsageError("the refunded amount must not be negative");
  if (order.refunded > total) {
    throw UsageError(fmt::format("the refunded amount {} is larger than the total {}",
                                 money_text(order.refunded, order.currency),
                                 money_text(total, order.currency)));
  }
  order.subtotal = subtotal;
  order.total = total;
}

OrderItem parse_item_spec(std::string_view spec, const Currency& currency) {
  const std::string text = util::trim(spec);
  const auto fail = [&](std::string_view why) {
    return UsageError(fmt::format("item '{}': {}", text, why));
  };
  const auto first = text.find(':');
  const auto second = first == std::string::npos ? first : text.find(':', first + 1);
  if (second == std::string::npos)
    throw fail("expected SKU:QTY:UNIT_PRICE[:NAME] (e.g. TEA-01:2:12.50:Green tea)");
  const auto third = text.find(':', second + 1);
  OrderItem item;
  item.sku = util::trim(std::string_view(text).substr(0, first));
  if (item.sku.empty()) throw fail("the SKU is empty");
  const std::string quantity =
      util::trim(std::string_view(text).substr(first + 1, second - first - 1));
  const auto parsed = util::parse_int(quantity);
  if (!parsed || *parsed <= 0)
    throw fail(fmt::format("quantity must be a whole number greater than 0 (got '{}')", quantity));
  item.quantity = *parsed;
  const std::string price = util::trim(std::string_view(text).substr(
      second + 1, third == std::string::npos ? std::string::npos : third - second - 1));
  if (price.empty()) throw fail("the unit price is empty");
  try {
    item.unit_price = parse_amount(price, currency);
  } catch (const UsageError& e) {
    throw fail(std::string("price ") + e.what());
  }
  if (third != std::string::npos) {
    std::string name = util::trim(std::string_view(text).substr(third + 1));
    if (!name.empty()) item.name = std::move(name);
  }
  return item;
}

} // namespace crm::domain
