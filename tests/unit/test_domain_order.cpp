#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "domain/money.hpp"
#include "domain/order.hpp"
#include "util/error.hpp"

using namespace crm;
using domain::Order;
using domain::OrderItem;

namespace {

constexpr std::int64_t max64 = std::numeric_limits<std::int64_t>::max();

const domain::Currency& cur(std::string_view code) { return domain::currency(code); }

OrderItem item(std::string sku, std::int64_t quantity, std::int64_t unit_price) {
  OrderItem i;
  i.sku = std::move(sku);
  i.quantity = quantity;
  i.unit_price = unit_price;
  return i;
}

Order order_of(std::vector<OrderItem> items, std::int64_t shipping = 0, std::int64_t discount = 0) {
  Order o;
  o.currency = "CNY";
  o.items = std::move(items);
  o.shipping = shipping;
  o.discount = discount;
  return o;
}

void check_totals_refused(Order o, std::string_view message) {
  CHECK_THROWS_WITH_AS(domain::compute_totals(o), std::string(message).c_str(), util::UsageError);
}

void check_spec_refused(std::string_view spec, std::string_view message,
                        std::string_view currency = "CNY") {
  CAPTURE(spec);
  CHECK_THROWS_WITH_AS((void)domain::parse_item_spec(spec, cur(currency)),
                       std::string(message).c_str(), util::UsageError);
}

} // namespace

TEST_CASE("order: the statuses in lifecycle order") {
  const std::vector<std::string> expected = {"pending",   "paid",      "shipped",
                                             "delivered", "cancelled", "returned"};
  CHECK(domain::order_statuses() == expected);
  for (const auto& s : expected) CHECK(domain::is_order_status(s));
  for (const std::string_view s : {"", "Paid", " paid", "canceled", "refunded", "placed", "note"})
    CHECK_FALSE(domain::is_order_status(s));
}

TEST_CASE("order: parse_order_status trims and lower-cases") {
  CHECK(domain::parse_order_status("paid") == "paid");
  CHECK(domain::parse_order_status(" Shipped ") == "shipped");
  CHECK(domain::parse_order_status("DELIVERED") == "delivered");
  CHECK(domain::parse_order_status("\tcancelled\n") == "cancelled");
}

TEST_CASE("order: parse_order_status refuses an unknown status, with the nearest one") {
  const std::string_view use = "use pending, paid, shipped, delivered, cancelled or returned";
  const std::vector<std::pair<std::string_view, std::string>> cases = {
      {"shiped", "unknown order status 'shiped' (did you mean 'shipped'?): " + std::string(use)},
      {"Canceled",
       "unknown order status 'canceled' (did you mean 'cancelled'?): " + std::string(use)},
      {"piad", "unknown order status 'piad' (did you mean 'paid'?): " + std::string(use)},
      {"payed", "unknown order status 'payed': " + std::string(use)},
      {"refunded", "unknown order status 'refunded': " + std::string(use)},
      {"placed", "unknown order status 'placed': " + std::string(use)},
      {"", "the order status is empty: " + std::string(use)},
      {"  ", "the order status is empty: " + std::string(use)},
  };
  for (const auto& [text, message] : cases) {
    CAPTURE(text);
    CHECK_THROWS_WITH_AS((void)domain::parse_order_status(text), message.c_str(), util::UsageError);
  }
}

TEST_CASE("order: the transition matrix, every pair of statuses") {
  // rows: from, columns: to, in lifecycle order (pending paid shipped delivered cancelled
  // returned)
  const std::vector<std::vector<bool>> allowed = {
      {false, true, false, false, true, false},   // pending
      {false, false, true, false, true, false},   // paid
      {false, false, false, true, false, true},   // shipped
      {false, false, false, false, false, true},  // delivered
      {false, false, false, false, false, false}, // cancelled
      {false, false, false, false, false, true},  // returned
  };
  const auto& statuses = domain::order_statuses();
  REQUIRE(statuses.size() == allowed.size());
  for (std::size_t f = 0; f < statuses.size(); ++f) {
    for (std::size_t t = 0; t < statuses.size(); ++t) {
      CAPTURE(statuses[f]);
      CAPTURE(statuses[t]);
      CHECK(domain::transition_allowed(statuses[f], statuses[t]) == allowed[f][t]);
    }
  }
}

TEST_CASE("order: transitions from or to an unknown status are not allowed") {
  for (const std::string_view other : {"", "placed", "note", "Paid", "refunded"}) {
    CAPTURE(other);
    for (const auto& s : domain::order_statuses()) {
      CHECK_FALSE(domain::transition_allowed(other, s));
      CHECK_FALSE(domain::transition_allowed(s, other));
    }
  }
}

TEST_CASE("order: next_statuses of every status, in lifecycle order") {
  using List = std::vector<std::string>;
  CHECK(domain::next_statuses("pending") == List{"paid", "cancelled"});
  CHECK(domain::next_statuses("paid") == List{"shipped", "cancelled"});
  CHECK(domain::next_statuses("shipped") == List{"delivered", "returned"});
  CHECK(domain::next_statuses("delivered") == List{"returned"});
  CHECK(domain::next_statuses("cancelled").empty());
  CHECK(domain::next_statuses("returned") == List{"returned"});
  CHECK(domain::next_statuses("unknown").empty());
}

TEST_CASE("order: status_path of every status") {
  using List = std::vector<std::string>;
  CHECK(domain::status_path("pending").empty());
  CHECK(domain::status_path("paid") == List{"paid"});
  CHECK(domain::status_path("shipped") == List{"paid", "shipped"});
  CHECK(domain::status_path("delivered") == List{"paid", "shipped", "delivered"});
  CHECK(domain::status_path("cancelled") == List{"cancelled"});
  CHECK(domain::status_path("returned") == List{"paid", "shipped", "returned"});
}

TEST_CASE("order: status_path walks only allowed transitions") {
  for (const auto& status : domain::order_statuses()) {
    CAPTURE(status);
    std::string at = "pending";
    for (const auto& next : domain::status_path(status)) {
      CHECK(domain::transition_allowed(at, next));
      at = next;
    }
    CHECK(at == status);
  }
}

TEST_CASE("order: status_path refuses an unknown status") {
  CHECK_THROWS_AS((void)domain::status_path("lost"), util::UsageError);
}

TEST_CASE("order: compute_totals sums the lines and numbers them from 1") {
  auto o = order_of({item("TEA", 2, 1250), item("CUP", 1, 3999), item("BAG", 3, 0)}, 1000, 500);
  o.items[0].line = 7;
  o.items[2].line = 7;
  domain::compute_totals(o);
  CHECK(o.subtotal == 2 * 1250 + 3999);
  CHECK(o.total == 2 * 1250 + 3999 + 1000 - 500);
  REQUIRE(o.items.size() == 3);
  CHECK(o.items[0].line == 1);
  CHECK(o.items[1].line == 2);
  CHECK(o.items[2].line == 3);
}

TEST_CASE("order: compute_totals without shipping or discount") {
  auto o = order_of({item("TEA", 1, 1250)});
  domain::compute_totals(o);
  CHECK(o.subtotal == 1250);
  CHECK(o.total == 1250);
}

TEST_CASE("order: compute_totals with no items gives zero") {
  auto o = order_of({}, 500, 500);
  domain::compute_totals(o);
  CHECK(o.subtotal == 0);
  CHECK(o.total == 0);
}

TEST_CASE("order: compute_totals accepts a discount equal to subtotal plus shipping") {
  auto o = order_of({item("TEA", 2, 1250)}, 1000, 3500);
  domain::compute_totals(o);
  CHECK(o.total == 0);
}

TEST_CASE("order: compute_totals refuses a discount larger than subtotal plus shipping") {
  check_totals_refused(order_of({item("TEA", 2, 1250)}, 1000, 3501),
                       "the discount 35.01 CNY is larger than subtotal plus shipping (35.00 CNY)");
  auto jpy = order_of({item("TEA", 1, 100)}, 0, 101);
  jpy.currency = "JPY";
  check_totals_refused(jpy, "the discount 101 JPY is larger than subtotal plus shipping (100 JPY)");
}

TEST_CASE("order: compute_totals refuses negative shipping or discount") {
  check_totals_refused(order_of({item("TEA", 1, 100)}, -1, 0), "shipping must not be negative");
  check_totals_refused(order_of({item("TEA", 1, 100)}, 0, -1), "the discount must not be negative");
}

TEST_CASE("order: compute_totals refuses a bad item, naming its line") {
  check_totals_refused(order_of({item("TEA", 1, 100), item("", 1, 100)}),
                       "item 2: the SKU is empty");
  check_totals_refused(order_of({item("  ", 1, 100)}), "item 1: the SKU is empty");
  check_totals_refused(order_of({item("TEA", 0, 100)}),
                       "item 1 (TEA): quantity must be greater than 0 (got 0)");
  check_totals_refused(order_of({item("TEA", 1, 1), item("CUP", -2, 100)}),
                       "item 2 (CUP): quantity must be greater than 0 (got -2)");
  check_totals_refused(order_of({item("TEA", 1, -100)}),
                       "item 1 (TEA): the unit price must not be negative");
}

TEST_CASE("order: compute_totals refuses overflow") {
  check_totals_refused(order_of({item("TEA", 2, max64 / 2 + 1)}),
                       "item 1 (TEA): quantity times unit price is out of range");
  check_totals_refused(order_of({item("TEA", 1, max64), item("CUP", 1, 1)}),
                       "the subtotal is out of range (at item 2)");
  check_totals_refused(order_of({item("TEA", 1, max64)}, 1, 0),
                       "subtotal plus shipping is out of range");
  auto fits = order_of({item("TEA", 1, max64 - 1)}, 1, 0);
  domain::compute_totals(fits);
  CHECK(fits.total == max64);
}

TEST_CASE("order: compute_totals refuses a refund larger than the total") {
  auto o = order_of({item("TEA", 2, 1250)});
  o.refunded = 2500;
  domain::compute_totals(o);
  CHECK(o.total == 2500);
  o.refunded = 2501;
  check_totals_refused(o, "the refunded amount 25.01 CNY is larger than the total 25.00 CNY");
  o.refunded = -1;
  check_totals_refused(o, "the refunded amount must not be negative");
}

TEST_CASE("order: parse_item_spec reads SKU:QTY:UNIT_PRICE") {
  const auto i = domain::parse_item_spec("TEA-01:2:12.50", cur("CNY"));
  CHECK(i.sku == "TEA-01");
  CHECK(i.quantity == 2);
  CHECK(i.unit_price == 1250);
  CHECK_FALSE(i.name.has_value());
  CHECK(i.line == 0);
}

TEST_CASE("order: parse_item_spec reads a NAME, which may contain ':'") {
  const auto i = domain::parse_item_spec("TEA-01:1:9:Green tea: Longjing 250g", cur("CNY"));
  CHECK(i.unit_price == 900);
  REQUIRE(i.name.has_value());
  CHECK(*i.name == "Green tea: Longjing 250g");
  const auto j = domain::parse_item_spec("X:1:1:::", cur("CNY"));
  REQUIRE(j.name.has_value());
  CHECK(*j.name == "::");
  const auto k = domain::parse_item_spec("BOOK:1:30:书名：中文", cur("CNY"));
  CHECK(*k.name == "书名：中文");
}

TEST_CASE("order: parse_item_spec takes an empty or blank NAME as none") {
  CHECK_FALSE(domain::parse_item_spec("TEA:1:1:", cur("CNY")).name.has_value());
  CHECK_FALSE(domain::parse_item_spec("TEA:1:1:   ", cur("CNY")).name.has_value());
}

TEST_CASE("order: parse_item_spec trims each part") {
  const auto i = domain::parse_item_spec("  TEA : 3 : 1.5 : Green tea  ", cur("CNY"));
  CHECK(i.sku == "TEA");
  CHECK(i.quantity == 3);
  CHECK(i.unit_price == 150);
  CHECK(*i.name == "Green tea");
}

TEST_CASE("order: parse_item_spec prices in the order's currency") {
  CHECK(domain::parse_item_spec("A:1:1200", cur("JPY")).unit_price == 1200);
  CHECK(domain::parse_item_spec("A:1:1.25", cur("KWD")).unit_price == 1250);
  CHECK(domain::parse_item_spec("A:1:0.0001", cur("CLF")).unit_price == 1);
  CHECK(domain::parse_item_spec("A:1:0", cur("CNY")).unit_price == 0);
  CHECK(domain::parse_item_spec("A:+4:12.340", cur("CNY")).quantity == 4);
}

TEST_CASE("order: parse_item_spec refuses missing parts") {
  const std::string_view expected =
      "expected SKU:QTY:UNIT_PRICE[:NAME] (e.g. TEA-01:2:12.50:Green tea)";
  for (const std::string_view spec : {"", "TEA", "TEA:2", "TEA-2-12.50"}) {
    check_spec_refused(spec, "item '" + std::string(spec) + "': " + std::string(expected));
  }
  check_spec_refused(":2:12.50", "item ':2:12.50': the SKU is empty");
  check_spec_refused("  :2:12.50", "item ':2:12.50': the SKU is empty");
  check_spec_refused("TEA:2:", "item 'TEA:2:': the unit price is empty");
  check_spec_refused("TEA:2::Tea", "item 'TEA:2::Tea': the unit price is empty");
  check_spec_refused("TEA::1",
                     "item 'TEA::1': quantity must be a whole number greater than 0 (got '')");
}

TEST_CASE("order: parse_item_spec refuses a quantity that is not a whole number above 0") {
  for (const std::string_view qty :
       {"0", "-1", "-0", "1.5", "2.0", "1e2", "two", "1,000", "99999999999999999999"}) {
    const std::string spec = "TEA:" + std::string(qty) + ":1";
    check_spec_refused(spec, "item '" + spec +
                                 "': quantity must be a whole number greater than 0 (got '" +
                                 std::string(qty) + "')");
  }
}

TEST_CASE("order: parse_item_spec refuses a bad price with the parse_amount message") {
  check_spec_refused("A:1:12.345", "item 'A:1:12.345': price '12.345' has more decimals than CNY "
                                   "allows (2)");
  check_spec_refused("A:1:1.5", "item 'A:1:1.5': price '1.5' has more decimals than JPY allows (0)",
                     "JPY");
  check_spec_refused("A:1:1.2345",
                     "item 'A:1:1.2345': price '1.2345' has more decimals than KWD allows (3)",
                     "KWD");
  check_spec_refused("A:1:-1", "item 'A:1:-1': price '-1' must not be negative");
  check_spec_refused("A:1:.5",
                     "item 'A:1:.5': price '.5' is not a plain decimal number: write 0.5");
  check_spec_refused("A:1:1,234.50",
                     "item 'A:1:1,234.50': price '1,234.50' is not a plain decimal number: write "
                     "digits with an optional '.' and more digits (e.g. 1234.50), without "
                     "thousands separators or symbols");
}
