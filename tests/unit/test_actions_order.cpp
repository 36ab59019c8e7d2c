#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "actions/customer.hpp"
#include "actions/order.hpp"
#include "store/audit.hpp"
#include "util/error.hpp"

#include "support.hpp"

using namespace crm;

namespace {

int store_number = 0;

// A store file in the test's temporary directory; `overrides` are -c settings.
actions::Context make_context(const std::string& name, std::vector<std::string> overrides = {},
                              const std::string& now = "2025-06-02T09:00:00Z") {
  return test::make_context(name, std::move(overrides), now, false);
}

actions::Context fresh_context(std::vector<std::string> overrides = {}) {
  return make_context("order-" + std::to_string(++store_number) + ".db", std::move(overrides));
}

domain::CustomerId add_customer(actions::Context& ctx, const std::string& email) {
  actions::AddCustomer input;
  input.fields = {{"email", email}};
  return actions::add_customer(ctx, input).id;
}

domain::Order add_order(actions::Context& ctx, domain::CustomerId customer,
                        std::vector<std::string> items, const std::string& placed_at,
                        const std::string& status = "pending") {
  actions::AddOrder input;
  input.customer = std::to_string(customer);
  input.items = std::move(items);
  input.placed_at = placed_at;
  input.status = status;
  return actions::add_order(ctx, input);
}

actions::StatusChange move(actions::Context& ctx, domain::OrderId id, const std::string& status,
                           std::optional<std::string> refund = std::nullopt) {
  actions::ChangeStatus input;
  input.status = status;
  input.refund = std::move(refund);
  return actions::change_order_status(ctx, std::to_string(id), input);
}

store::CustomerMetrics metrics(actions::Context& ctx, domain::CustomerId customer) {
  return store::OrderRepository(ctx.db()).metrics(customer);
}

std::vector<std::string> event_kinds(actions::Context& ctx, domain::OrderId id) {
  std::vector<std::string> kinds;
  for (const auto& event : store::OrderRepository(ctx.db()).events(id)) kinds.push_back(event.kind);
  return kinds;
}

// Timestamps of the test: 2025-05-01T10:00:00Z and 2025-05-20T08:00:00Z.
constexpr util::Timestamp may_1 = 1746093600;
constexpr util::Timestamp may_20 = 1747728000;

} // namespace

TEST_CASE("order add computes totals, records a placed event and the customer's metrics") {
  auto ctx = fresh_context();
  const auto customer = add_customer(ctx, "li.na@example.cn");
  actions::AddOrder input;
  input.customer = "li.na@example.cn";
  input.items = {"TEA-01:2:59.00:龙井茶", "CUP:1:12.5"};
  input.shipping = "10";
  input.discount = "0.50";
  input.placed_at = "2025-05-01T10:00:00Z";
  input.external_id = " WEB-1 ";
  input.note = "phone order";
  const auto order = actions::add_order(ctx, input);
  CHECK(order.id == 1);
  CHECK(order.subtotal == 13050);
  CHECK(order.total == 14000);
  CHECK(order.value == 14000);
  CHECK(order.external_id == "WEB-1");
  CHECK(order.placed_at == may_1);

  const auto json = actions::order_json(ctx, actions::resolve_order(ctx, "ext:WEB-1"));
  CHECK(json.dump() ==
        R"({"id":1,"external_id":"WEB-1","customer_id":1,"placed_at":"2025-05-01T10:00:00Z",)"
        R"("status":"pending","currency":"CNY","subtotal":"130.50","shipping":"10.00",)"
        R"("discount":"0.50","total":"140.00","refunded":"0.00","tracking":null,"items":[)"
        R"({"line":1,"sku":"TEA-01","name":"龙井茶","quantity":2,"unit_price":"59.00",)"
        R"("amount":"118.00"},{"line":2,"sku":"CUP","name":null,"quantity":1,)"
        R"("unit_price":"12.50","amount":"12.50"}],"created_at":"2025-06-02T09:00:00Z",)"
        R"("updated_at":"2025-06-02T09:00:00Z"})");
  const auto events = store::OrderRepository(ctx.db()).events(1);
  REQUIRE(events.size() == 1);
  CHECK(events[0].kind == "placed");
  CHECK(events[0].at == may_1);
  CHECK(events[0].note == "phone order");

  const auto m = metrics(ctx, customer);
  CHECK(m.orders == 1);
  CHECK(m.revenue == 14000);
  CHECK(m.first_order == may_1);
  CHECK(m.last_order == may_1);
  CHECK(actions::metrics_json(ctx, m).dump() ==
        R"({"orders":1,"revenue":"140.00","aov":"140.00","first_order":"2025-05-01T10:00:00Z",)"
        R"("last_order":"2025-05-01T10:00:00Z"})");

  const auto audit = store::AuditRepository(ctx.db()).list({});
  REQUIRE(!audit.empty());
  CHECK(audit.back().entity == "order");
  CHECK(audit.back().action == "add");
  CHECK(audit.back().customer_id == customer);
}

TEST_CASE("order add --status delivered writes the events on the way, all at placed_at") {
  auto ctx = fresh_context();
  const auto customer = add_customer(ctx, "a@example.com");
  const auto order = add_order(ctx, customer, {"A:1:10"}, "2025-05-01T10:00:00Z", "delivered");
  CHECK(event_kinds(ctx, order.id) ==
        std::vector<std::string>{"placed", "paid", "shipped", "delivered"});
  for (const auto& event : store::OrderRepository(ctx.db()).events(order.id))
    CHECK(event.at == may_1);
  // Arriving returned means refunded in full: worth nothing to the metrics.
  const auto returned = add_order(ctx, customer, {"B:1:5"}, "2025-05-20T08:00:00Z", "returned");
  CHECK(returned.refunded == 500);
  CHECK(returned.value == 0);
  CHECK(store::OrderRepository(ctx.db()).events(returned.id).back().refund == 500);
  const auto m = metrics(ctx, customer);
  CHECK(m.orders == 2);
  CHECK(m.revenue == 1000);
  CHECK(m.last_order == may_20);
}

TEST_CASE("order status follows the state machine - an illegal move changes nothing") {
  auto ctx = fresh_context();
  const auto customer = add_customer(ctx, "a@example.com");
  const auto id = add_order(ctx, customer, {"A:2:10"}, "2025-05-01T10:00:00Z").id;
  actions::ChangeStatus ship;
  ship.status = "shipped";
  CHECK_THROWS_WITH_AS(actions::change_order_status(ctx, "1", ship),
                       "cannot move order 1 from pending to shipped: pending can become paid or "
                       "cancelled",
                       util::ConflictError);
  actions::ChangeStatus pay;
  pay.status = "paid";
  pay.at = "2025-05-01T12:00:00Z";
  actions::change_order_status(ctx, "1", pay);
  ship.tracking = "SF123";
  ship.note = "顺丰";
  ship.at = "2025-05-01T11:00:00Z";
  CHECK_THROWS_WITH_AS(actions::change_order_status(ctx, "1", ship),
                       "--at 2025-05-01T11:00:00Z is before the last event of order 1 (paid at "
                       "2025-05-01T12:00:00Z)",
                       util::UsageError);
  ship.at = "2025-05-02T08:00:00Z";
  const auto shipped = actions::change_order_status(ctx, "1", ship);
  CHECK(shipped.after.tracking == "SF123");
  CHECK(shipped.event.tracking == "SF123");
  CHECK(shipped.event.author == ctx.user());
  move(ctx, id, "delivered");
  const auto before = actions::resolve_order(ctx, "1");
  CHECK_THROWS_WITH_AS(move(ctx, id, "paid"),
                       "cannot move order 1 from delivered to paid: delivered can become returned",
                       util::ConflictError);
  CHECK_THROWS_WITH_AS(move(ctx, id, "delivered"), "order 1 is already delivered",
                       util::ConflictError);
  CHECK(actions::order_json(ctx, actions::resolve_order(ctx, "1")) ==
        actions::order_json(ctx, before));
  CHECK(event_kinds(ctx, id) == std::vector<std::string>{"placed", "paid", "shipped", "delivered"});

  actions::ChangeStatus bad;
  bad.status = "returned";
  bad.tracking = "X";
  CHECK_THROWS_AS(actions::change_order_status(ctx, "1", bad), util::UsageError);
  bad.tracking.reset();
  bad.at = "2025-04-01";
  CHECK_THROWS_AS(actions::change_order_status(ctx, "1", bad), util::UsageError); // too early
  CHECK_THROWS_AS(move(ctx, id, "lost"), util::UsageError);
  CHECK_THROWS_AS(move(ctx, 9, "paid"), util::NotFoundError);

  const auto cancelled = add_order(ctx, customer, {"B:1:1"}, "2025-05-20T08:00:00Z");
  move(ctx, cancelled.id, "cancelled");
  CHECK_THROWS_WITH_AS(move(ctx, cancelled.id, "paid"),
                       "cannot move order 2 from cancelled to paid: cancelled is final",
                       util::ConflictError);
}

TEST_CASE("returns: partial, then the rest - metrics follow - over-refunds are refused") {
  auto ctx = fresh_context();
  const auto customer = add_customer(ctx, "a@example.com");
  const auto id = add_order(ctx, customer, {"A:3:40.00"}, "2025-05-01T10:00:00Z", "delivered").id;
  CHECK(metrics(ctx, customer).revenue == 12000);

  CHECK_THROWS_WITH_AS(move(ctx, id, "returned", "120.01"),
                       "--refund 120.01 is more than the 120.00 CNY left to refund on order 1 "
                       "(total 120.00, refunded 0.00)",
                       util::UsageError);
  CHECK_THROWS_AS(move(ctx, id, "returned", "0"), util::UsageError);
  CHECK_THROWS_AS(move(ctx, id, "returned", "1.001"), util::UsageError);
  CHECK_THROWS_AS(move(ctx, id, "returned", "-5"), util::UsageError);

  actions::ChangeStatus dry;
  dry.status = "returned";
  dry.refund = "40";
  dry.dry_run = true;
  CHECK(actions::change_order_status(ctx, "1", dry).after.refunded == 4000);
  CHECK(actions::resolve_order(ctx, "1").refunded == 0); // a dry run writes nothing
  CHECK(event_kinds(ctx, id).size() == 4);

  const auto first = move(ctx, id, "returned", "40");
  CHECK(first.after.status == "returned");
  CHECK(first.after.refunded == 4000);
  CHECK(first.after.value == 8000);
  CHECK(first.event.refund == 4000);
  CHECK(metrics(ctx, customer).revenue == 8000);
  CHECK(metrics(ctx, customer).orders == 1);

  CHECK_THROWS_AS(move(ctx, id, "returned", "80.01"), util::UsageError);
  const auto rest = move(ctx, id, "returned"); // no --refund: what is left
  CHECK(rest.event.refund == 8000);
  CHECK(rest.after.refunded == 12000);
  CHECK(metrics(ctx, customer).revenue == 0);
  CHECK(metrics(ctx, customer).orders == 1); // returned orders still count as orders
  CHECK_THROWS_WITH_AS(move(ctx, id, "returned"),
                       "order 1 is refunded in full (120.00 CNY): nothing is left to return",
                       util::ConflictError);
  CHECK(event_kinds(ctx, id) ==
        std::vector<std::string>{
            "placed", "paid", "shipped", "delivered", "returned",
            "returned"}); // The stored metrics are what a recomputation from the orders gives.
  CHECK(store::OrderRepository(ctx.db()).check_metrics(10).empty());
  CHECK(actions::recompute_metrics(ctx) == 1);
  CHECK(metrics(ctx, customer).revenue == 0);
}

TEST_CASE("cancelled orders leave the metrics - aov rounds half away from zero") {
  auto ctx = fresh_context();
  const auto customer = add_customer(ctx, "a@example.com");
  add_order(ctx, customer, {"A:1:10.00"}, "2025-05-01T10:00:00Z", "paid");
  add_order(ctx, customer, {"A:1:10.01"}, "2025-05-20T08:00:00Z");
  auto m = metrics(ctx, customer);
  CHECK(m.orders == 2);
  CHECK(m.revenue == 2001);
  CHECK(actions::metrics_json(ctx, m).find("aov")->as_string() == "10.01"); // 10.005 -> 10.01
  move(ctx, 2, "cancelled");
  m = metrics(ctx, customer);
  CHECK(m.orders == 1);
  CHECK(m.revenue == 1000);
  CHECK(m.last_order == may_1);
  move(ctx, 1, "cancelled");
  m = metrics(ctx, customer);
  CHECK(m.orders == 0);
  CHECK(actions::metrics_json(ctx, m).dump() ==
        R"({"orders":0,"revenue":"0.00","aov":null,"first_order":null,"last_order":null})");
  CHECK(store::OrderRepository(ctx.db()).check_metrics(10).empty());
  CHECK(actions::recompute_metrics(ctx) == 0);
}

TEST_CASE("money: JPY and KWD decimals, foreign orders converted at money.rates") {
  auto plain = fresh_context();
  const auto customer = add_customer(plain, "a@example.com");
  actions::AddOrder input;
  input.customer = "1";
  input.currency = "usd";
  input.items = {"A:1:10.00"};
  CHECK_THROWS_WITH_AS(actions::add_order(plain, input),
                       "no exchange rate for USD: set money.rates to what one USD is worth in "
                       "CNY (e.g. -c money.rates=USD=RATE)",
                       util::UsageError);
  CHECK(store::OrderRepository(plain.db()).count({}) == 0);

  auto ctx = make_context("order-" + std::to_string(store_number) + ".db",
                          {"money.rates=JPY=0.05 KWD=23.1 USD=7.10"});
  input.currency = "jpy";
  input.items = {"A:2:1200"};
  auto order = actions::add_order(ctx, input);
  CHECK(order.currency == "JPY");
  CHECK(actions::order_json(ctx, order).find("total")->as_string() == "2400");
  CHECK(order.value == 12000); // 2400 JPY * 0.05 = 120.00 CNY
  input.items = {"A:1:12.5"};
  CHECK_THROWS_WITH_AS(actions::add_order(ctx, input),
                       doctest::Contains("more decimals than JPY allows"), util::UsageError);
  input.currency = "XYZ";
  CHECK_THROWS_AS(actions::add_order(ctx, input), util::UsageError);

  input.currency = "KWD";
  input.items = {"A:1:1.250"};
  order = actions::add_order(ctx, input);
  CHECK(actions::order_json(ctx, order).find("total")->as_string() == "1.250");
  CHECK(order.value == 2888); // 1.250 KWD * 23.1 = 28.875 CNY -> 28.88 (half to even)
  input.currency = "USD";
  input.items = {"A:1:10.00"};
  order = actions::add_order(ctx, input);
  CHECK(order.value == 7100);
  CHECK(metrics(ctx, customer).revenue == 12000 + 2888 + 7100);
  // A return takes the refunded share off the value (7100 * 7.50 / 10.00).
  move(ctx, order.id, "paid");
  move(ctx, order.id, "shipped");
  CHECK(move(ctx, order.id, "returned", "2.50").after.value == 5325); // 7.50 USD
  CHECK(metrics(ctx, customer).revenue == 12000 + 2888 + 5325);
  CHECK(store::OrderRepository(ctx.db()).check_metrics(10).empty());

  // The store currency is fixed by the first order: another money.currency is refused.
  auto other = make_context("order-" + std::to_string(store_number) + ".db",
                            {"money.currency=EUR", "money.rates=USD=0.9"});
  CHECK_THROWS_WITH_AS(actions::add_order(other, input),
                       doctest::Contains("set money.currency back to CNY"), util::UsageError);
}

TEST_CASE("returns keep the rate an order was converted at: no rate needed, revenue never rises") {
  auto ctx = fresh_context({"money.rates=USD=7.10"});
  const auto customer = add_customer(ctx, "a@example.com");
  actions::AddOrder input;
  input.customer = std::to_string(customer);
  input.currency = "USD";
  input.items = {"A:1:7.00"};
  input.status = "delivered";
  const auto order = actions::add_order(ctx, input);
  CHECK(order.value == 4970);
  // The rate went up since, then away: a return still takes off only its share.
  auto later =
      make_context("order-" + std::to_string(store_number) + ".db", {"money.rates=USD=10"});
  CHECK(move(later, order.id, "returned", "0.01").after.value == 4963); // 4970 * 6.99 / 7.00
  CHECK(metrics(later, customer).revenue == 4963);
  auto no_rate = make_context("order-" + std::to_string(store_number) + ".db");
  CHECK(move(no_rate, order.id, "returned", "3.49").after.value == 2485); // 4963 * 3.50 / 6.99
  CHECK(move(no_rate, order.id, "returned").after.value == 0);            // the rest: nothing left
  CHECK(metrics(no_rate, customer).revenue == 0);
  CHECK(store::OrderRepository(no_rate.db()).check_metrics(10).empty());
}

TEST_CASE("order add refuses bad input and writes nothing") {
  auto ctx = fresh_context();
  const auto customer = add_customer(ctx, "a@example.com");
  add_customer(ctx, "gone@example.com");
  actions::remove_customers(ctx, {"gone@example.com"}, false);
  add_order(ctx, customer, {"A:1:1"}, "2025-05-01").id;
  actions::AddOrder input;
  input.customer = "a@example.com";
  input.items = {"A:1:1"};
  input.external_id = "WEB-1";
  actions::add_order(ctx, input);

  CHECK_THROWS_WITH_AS(actions::add_order(ctx, input),
                       "external id WEB-1 is already used by order 2", util::ConflictError);
  input.external_id.reset();
  input.customer = "nobody@example.com";
  CHECK_THROWS_AS(actions::add_order(ctx, input), util::NotFoundError);
  input.customer = "2";
  CHECK_THROWS_WITH_AS(actions::add_order(ctx, input), doctest::Contains("is deleted"),
                       util::ConflictError);
  input.customer = "1";
  for (const char* item : {"A:0:1", "A:-1:1", "A:x:1", "A:1:-1", ":1:1", "A:1"}) {
    input.items = {item};
    CAPTURE(item);
    CHECK_THROWS_AS(actions::add_order(ctx, input), util::UsageError);
  }
  input.items = {"A:1:1"};
  input.placed_at = "2025-13-01";
  CHECK_THROWS_WITH_AS(actions::add_order(ctx, input), doctest::Contains("--placed-at"),
                       util::UsageError);
  input.placed_at.reset();
  input.discount = "5";
  CHECK_THROWS_AS(actions::add_order(ctx, input), util::UsageError); // more than the total
  input.discount.reset();
  input.status = "lost";
  CHECK_THROWS_AS(actions::add_order(ctx, input), util::UsageError);
  input.status = "pending";
  input.items.clear();
  CHECK_THROWS_AS(actions::add_order(ctx, input), util::UsageError);

  input.items = {"A:1:1"};
  input.dry_run = true;
  CHECK(actions::add_order(ctx, input).id == 0);
  CHECK(store::OrderRepository(ctx.db()).count({}) == 2);
  CHECK(metrics(ctx, customer).orders == 2);
}

TEST_CASE("order list filters and sorts - timeline and show") {
  auto ctx = fresh_context();
  const auto a = add_customer(ctx, "a@example.com");
  const auto b = add_customer(ctx, "b@example.com");
  add_order(ctx, a, {"A:1:30"}, "2025-05-20T08:00:00Z", "paid");
  add_order(ctx, b, {"A:1:10"}, "2025-05-01T10:00:00Z");
  add_order(ctx, a, {"A:1:20"}, "2025-05-10T00:00:00Z");
  const auto ids = [&](actions::ListOrders input) {
    std::vector<domain::OrderId> out;
    actions::list_orders(ctx, input, [&](const domain::Order& o) { out.push_back(o.id); });
    return out;
  };
  CHECK(ids({}) == std::vector<domain::OrderId>{2, 3, 1});
  actions::ListOrders query;
  query.sort = "-total";
  CHECK(ids(query) == std::vector<domain::OrderId>{1, 3, 2});
  query.customer = "a@example.com";
  query.limit = 1;
  CHECK(ids(query) == std::vector<domain::OrderId>{1});
  query = {};
  query.status = "PAID";
  CHECK(ids(query) == std::vector<domain::OrderId>{1});
  query = {};
  query.from = "2025-05-05";
  query.to = "2025-05-20T08:00:00Z";
  CHECK(ids(query) == std::vector<domain::OrderId>{3});
  query = {};
  query.sort = "totl";
  CHECK_THROWS_WITH_AS(ids(query), doctest::Contains("did you mean 'total'?"), util::UsageError);
  query.sort = "id";
  query.limit = -1;
  CHECK_THROWS_AS(ids(query), util::UsageError);
  query = {};
  query.customer = "c@example.com";
  CHECK_THROWS_AS(ids(query), util::NotFoundError);

  const auto shown = actions::show_order(ctx, "1");
  CHECK(shown.find("customer")->dump() ==
        R"({"id":1,"name":"a@example.com","email":"a@example.com"})");
  CHECK(shown.find("events")->as_array().size() == 2);
  const auto timeline = actions::order_timeline(ctx, "1");
  REQUIRE(timeline.size() == 2);
  CHECK(timeline[1].dump() ==
        R"({"id":2,"order_id":1,"at":"2025-05-20T08:00:00Z","kind":"paid","note":null,)"
        R"("tracking":null,"refund":null,"author":")" +
            ctx.user() + R"(","recorded_at":"2025-06-02T09:00:00Z"})");
  CHECK_THROWS_AS(actions::show_order(ctx, "ext:nope"), util::NotFoundError);
  CHECK_THROWS_AS(actions::show_order(ctx, "abc"), util::UsageError);

  const auto recent = actions::recent_orders_json(ctx, a, 5);
  REQUIRE(recent.size() == 2);
  CHECK(recent[0].find("id")->as_int() == 1);
  CHECK(recent[0].find("items") == nullptr);
}
