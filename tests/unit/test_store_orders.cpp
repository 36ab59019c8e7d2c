#include <doctest/doctest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/customers.hpp"
#include "store/database.hpp"
#include "store/orders.hpp"
#include "util/error.hpp"

using namespace crm;

namespace {

domain::CustomerId add_customer(store::Database& db, const std::string& email) {
  domain::Customer c;
  c.email = email;
  c.created_at = c.updated_at = 1000;
  return store::CustomerRepository(db).insert(c);
}

// An order of `value` minor units with one item, placed at `at`.
domain::Order make_order(domain::CustomerId customer, std::int64_t value, util::Timestamp at,
                         const std::string& status = "paid",
                         std::optional<std::string> external_id = std::nullopt) {
  domain::Order o;
  o.customer_id = customer;
  o.external_id = std::move(external_id);
  o.placed_at = at;
  o.status = status;
  o.currency = "CNY";
  o.items.push_back({1, "SKU-1", std::string("Tea"), 1, value});
  o.subtotal = o.total = o.value = value;
  o.created_at = o.updated_at = at;
  return o;
}

void check_metrics(store::OrderRepository& orders, domain::CustomerId customer, std::int64_t count,
                   std::int64_t revenue, std::optional<util::Timestamp> first,
                   std::optional<util::Timestamp> last) {
  const auto m = orders.metrics(customer);
  CHECK(m.customer_id == customer);
  CHECK(m.orders == count);
  CHECK(m.revenue == revenue);
  CHECK(m.first_order == first);
  CHECK(m.last_order == last);
}

} // namespace

TEST_CASE("orders: insert and find keep every field, items in line order") {
  auto db = store::Database::open_memory();
  const auto alice = add_customer(db, "alice@example.com");
  store::OrderRepository orders(db);
  auto order = make_order(alice, 1250, 2000, "shipped", "SO-1");
  order.items.push_back({2, "SKU-2", std::nullopt, 3, 100});
  order.subtotal = 1550;
  order.shipping = 500;
  order.discount = 50;
  order.total = 2000;
  order.refunded = 0;
  order.value = 2000;
  order.tracking = "SF123";
  const auto id = orders.insert(order);
  const auto found = orders.find(id);
  REQUIRE(found);
  CHECK(found->id == id);
  CHECK(found->external_id == "SO-1");
  CHECK(found->customer_id == alice);
  CHECK(found->status == "shipped");
  CHECK(found->subtotal == 1550);
  CHECK(found->shipping == 500);
  CHECK(found->discount == 50);
  CHECK(found->total == 2000);
  CHECK(found->tracking == "SF123");
  REQUIRE(found->items.size() == 2);
  CHECK(found->items[0].sku == "SKU-1");
  CHECK(found->items[0].name == "Tea");
  CHECK(found->items[1].name == std::nullopt);
  CHECK(found->items[1].quantity == 3);
  CHECK(orders.find_by_external_id("SO-1")->id == id);
  CHECK_FALSE(orders.find_by_external_id("SO-2"));
  CHECK_FALSE(orders.find(id + 1));
}

TEST_CASE("orders: a duplicate external id is a conflict naming the order that has it") {
  auto db = store::Database::open_memory();
  const auto alice = add_customer(db, "alice@example.com");
  store::OrderRepository orders(db);
  const auto id = orders.insert(make_order(alice, 100, 2000, "paid", "SO-1"));
  try {
    orders.insert(make_order(alice, 100, 2000, "paid", "SO-1"));
    FAIL("no conflict");
  } catch (const util::ConflictError& e) {
    CHECK(std::string(e.what()) ==
          "external id SO-1 is already used by order " + std::to_string(id));
  }
  CHECK(orders.count({}) == 1);
}

TEST_CASE("orders: metrics count orders not cancelled, with first and last placed_at") {
  auto db = store::Database::open_memory();
  const auto alice = add_customer(db, "alice@example.com");
  const auto bob = add_customer(db, "bob@example.com");
  store::OrderRepository orders(db);
  check_metrics(orders, alice, 0, 0, std::nullopt, std::nullopt);
  const auto first = orders.insert(make_order(alice, 1000, 3000));
  orders.insert(make_order(alice, 500, 2000));
  const auto cancelled = orders.insert(make_order(alice, 9999, 1000, "cancelled"));
  orders.insert(make_order(bob, 70, 5000, "pending"));
  check_metrics(orders, alice, 2, 1500, 2000, 3000);
  check_metrics(orders, bob, 1, 70, 5000, 5000);

  auto order = *orders.find(first); // a partial return lowers the value
  order.status = "returned";
  order.refunded = 400;
  order.value = 600;
  orders.update(order);
  check_metrics(orders, alice, 2, 1100, 2000, 3000);

  order.status = "cancelled"; // (not a legal move; the repository does not judge)
  orders.update(order);
  check_metrics(orders, alice, 1, 500, 2000, 2000);

  orders.remove({cancelled});
  check_metrics(orders, alice, 1, 500, 2000, 2000);
  CHECK(orders.check_metrics(10).empty());
}

TEST_CASE("orders: moving orders refreshes both customers - removing the last clears the row") {
  auto db = store::Database::open_memory();
  const auto alice = add_customer(db, "alice@example.com");
  const auto bob = add_customer(db, "bob@example.com");
  store::OrderRepository orders(db);
  const auto a1 = orders.insert(make_order(alice, 100, 1000));
  const auto a2 = orders.insert(make_order(alice, 200, 2000));
  orders.insert(make_order(bob, 300, 3000));
  orders.move({a1, a2}, bob);
  check_metrics(orders, alice, 0, 0, std::nullopt, std::nullopt);
  check_metrics(orders, bob, 3, 600, 1000, 3000);
  CHECK(orders.order_ids(bob) == std::vector<domain::OrderId>{a1, a2, a2 + 1});
  CHECK(orders.order_ids(alice).empty());
  orders.move({a2}, alice);
  check_metrics(orders, alice, 1, 200, 2000, 2000);
  check_metrics(orders, bob, 2, 400, 1000, 3000);
  CHECK_THROWS_AS(orders.move({999}, alice), util::NotFoundError);
  orders.remove(orders.order_ids(bob));
  check_metrics(orders, bob, 0, 0, std::nullopt, std::nullopt);
  CHECK(orders.check_metrics(10).empty());
}

TEST_CASE("orders: bulk inserts without refresh, then one refresh over the id range") {
  auto db = store::Database::open_memory();
  const auto alice = add_customer(db, "alice@example.com");
  const auto bob = add_customer(db, "bob@example.com");
  store::OrderRepository orders(db);
  orders.insert(make_order(alice, 100, 1000)); // before the batch: must stay counted
  const auto first = orders.insert(make_order(alice, 200, 2000), false);
  orders.insert(make_order(bob, 300, 3000, "cancelled"), false);
  const auto last = orders.insert(make_order(bob, 400, 4000), false);
  check_metrics(orders, alice, 1, 100, 1000, 1000); // not refreshed yet
  CHECK(orders.check_metrics(10).size() == 2);
  orders.refresh_metrics_for_orders(first, last);
  check_metrics(orders, alice, 2, 300, 1000, 2000);
  check_metrics(orders, bob, 1, 400, 4000, 4000);
  CHECK(orders.check_metrics(10).empty());
}

TEST_CASE("orders: check_metrics finds wrong, missing and stray rows - recompute repairs them") {
  auto db = store::Database::open_memory();
  const auto alice = add_customer(db, "alice@example.com");
  const auto bob = add_customer(db, "bob@example.com");
  const auto carol = add_customer(db, "carol@example.com");
  store::OrderRepository orders(db);
  orders.insert(make_order(alice, 100, 1000));
  orders.insert(make_order(bob, 200, 2000));
  CHECK(orders.check_metrics(10).empty());

  db.exec("UPDATE customer_metrics SET revenue = 1 WHERE customer_id = " + std::to_string(alice));
  db.exec("DELETE FROM customer_metrics WHERE customer_id = " + std::to_string(bob));
  db.exec("INSERT INTO customer_metrics VALUES (" + std::to_string(carol) + ", 1, 5, 1, 1)");
  const auto problems = orders.check_metrics(10);
  REQUIRE(problems.size() == 3);
  CHECK(problems[0].customer_id == alice);
  CHECK(problems[0].stored.revenue == 1);
  CHECK(problems[0].actual.revenue == 100);
  CHECK(problems[1].customer_id == bob);
  CHECK(problems[1].stored.orders == 0); // missing row
  CHECK(problems[1].actual.orders == 1);
  CHECK(problems[2].customer_id == carol);
  CHECK(problems[2].stored.orders == 1); // stray row
  CHECK(problems[2].actual.orders == 0);
  CHECK(orders.check_metrics(1).size() == 1);

  CHECK(orders.recompute_all_metrics() == 2);
  CHECK(orders.check_metrics(10).empty());
  check_metrics(orders, alice, 1, 100, 1000, 1000);
  check_metrics(orders, carol, 0, 0, std::nullopt, std::nullopt);
}

TEST_CASE("orders: purging a customer removes their orders and metrics (cascade)") {
  auto db = store::Database::open_memory();
  const auto alice = add_customer(db, "alice@example.com");
  store::OrderRepository orders(db);
  const auto id = orders.insert(make_order(alice, 100, 1000));
  orders.add_event(
      {0, id, 1000, "placed", std::nullopt, std::nullopt, std::nullopt, "me", 1000, std::nullopt});
  store::CustomerRepository(db).purge(alice);
  CHECK_FALSE(orders.find(id));
  CHECK(orders.events(id).empty());
  CHECK(orders.check_metrics(10).empty());
  CHECK(orders.count({}) == 0);
}

TEST_CASE("orders: events in time order - list filters, sorts and limits") {
  auto db = store::Database::open_memory();
  const auto alice = add_customer(db, "alice@example.com");
  const auto bob = add_customer(db, "bob@example.com");
  store::OrderRepository orders(db);
  const auto a = orders.insert(make_order(alice, 300, 3000, "paid"));
  const auto b = orders.insert(make_order(alice, 100, 1000, "pending"));
  const auto c = orders.insert(make_order(bob, 200, 2000, "paid"));
  orders.add_event({0, a, 3500, "paid", std::string("card"), std::nullopt, std::nullopt, "me", 9000,
                    std::nullopt});
  orders.add_event(
      {0, a, 3000, "placed", std::nullopt, std::nullopt, std::nullopt, "me", 9000, std::nullopt});
  const auto events = orders.events(a);
  REQUIRE(events.size() == 2);
  CHECK(events[0].kind == "placed");
  CHECK(events[1].kind == "paid");
  CHECK(events[1].note == "card");

  const auto ids = [&](const store::OrderQuery& q) {
    std::vector<domain::OrderId> out;
    orders.for_each(q, [&](const domain::Order& o) { out.push_back(o.id); });
    return out;
  };
  CHECK(ids({}) == std::vector<domain::OrderId>{b, c, a}); // placed_at
  store::OrderQuery q;
  q.customer = alice;
  CHECK(ids(q) == std::vector<domain::OrderId>{b, a});
  q = {};
  q.status = "paid";
  q.sort = "total";
  q.descending = true;
  CHECK(ids(q) == std::vector<domain::OrderId>{a, c});
  CHECK(orders.count(q) == 2);
  q = {};
  q.from = 2000;
  q.to = 3000; // exclusive
  CHECK(ids(q) == std::vector<domain::OrderId>{c});
  q = {};
  q.limit = 1;
  q.offset = 1;
  CHECK(ids(q) == std::vector<domain::OrderId>{c});
}

TEST_CASE("orders: the store currency is fixed by the first pin") {
  auto db = store::Database::open_memory();
  store::OrderRepository orders(db);
  CHECK(orders.store_currency("CNY") == "CNY");
  CHECK(orders.store_currency("USD") == "USD"); // nothing pinned yet
  orders.pin_store_currency("EUR");
  orders.pin_store_currency("JPY");
  CHECK(orders.store_currency("USD") == "EUR");
}

TEST_CASE("orders: a revenue beyond 64 bits is an amount out of range, not a store error") {
  auto db = store::Database::open_memory();
  const auto alice = add_customer(db, "alice@example.com");
  store::OrderRepository orders(db);
  orders.insert(make_order(alice, INT64_MAX - 10, 1000));
  store::Transaction transaction(db);
  CHECK_THROWS_WITH_AS(orders.insert(make_order(alice, 11, 2000)),
                       "amount out of range: a sum of amounts does not fit in 64 bits",
                       util::UsageError);
}
