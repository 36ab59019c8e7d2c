// Property test of the per-customer order metrics (issue 4): after every operation of a random
// sequence — customers added, orders placed in two currencies, status changes (cancel, partial
// and full returns), merges, unmerges, customer imports and their undo, forget, purge — every
// customer's stored metrics equal the metrics this test computes itself from the orders.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "actions/customer.hpp"
#include "actions/import.hpp"
#include "actions/merge.hpp"
#include "actions/order.hpp"
#include "actions/order_import.hpp"
#include "actions/privacy.hpp"
#include "store/customers.hpp"
#include "store/imports.hpp"
#include "store/orders.hpp"
#include "support.hpp"
#include "util/error.hpp"

using namespace crm;

namespace {

using test::Random;

// "12.34" from 1234 (both currencies of the test have 2 decimals).
std::string amount(std::int64_t minor) {
  return fmt::format("{}.{:02d}", minor / 100, minor % 100);
}

// USD -> CNY at 7.10, rounded half to even to the fen: what money.rates = "USD=7.10" must give.
std::int64_t usd_to_cny(std::int64_t cents) {
  const std::int64_t scaled = cents * 710;
  std::int64_t fen = scaled / 100;
  const std::int64_t rest = scaled % 100;
  if (rest > 50 || (rest == 50 && fen % 2 != 0)) ++fen;
  return fen;
}

struct Expected {
  std::int64_t orders = 0, revenue = 0;
  std::optional<util::Timestamp> first, last;
};

// The status machine of the issue, written out again: whether `from` may move to `to`.
bool legal(const domain::Order& order, const std::string& to) {
  const std::string& from = order.status;
  if (from == "pending") return to == "paid" || to == "cancelled";
  if (from == "paid") return to == "shipped" || to == "cancelled";
  if (from == "shipped") return to == "delivered" || to == "returned";
  if (from == "delivered") return to == "returned";
  if (from == "returned") return to == "returned" && order.refunded < order.total;
  return false; // cancelled is final
}

class World {
public:
  World(std::uint64_t seed, const std::string& name) : random_(seed), ctx_(make_context(name)) {}

  void step() {
    const auto dice = random_.below(100);
    if (dice < 12 || customers_.size() < 3)
      add_customer();
    else if (dice < 40)
      add_order();
    else if (dice < 62)
      change_status();
    else if (dice < 70)
      merge();
    else if (dice < 76)
      unmerge();
    else if (dice < 83)
      import_customers();
    else if (dice < 89)
      undo_import();
    else if (dice < 93)
      import_orders();
    else if (dice < 95)
      undo_order_import();
    else if (dice < 97)
      forget();
    else
      purge();
  }

  // The property: stored metrics = metrics recomputed here from the orders, for everyone.
  void verify(const std::string& after) {
    INFO("after ", after);
    store::OrderRepository repo(ctx_.db());
    std::map<domain::CustomerId, Expected> expected;
    std::int64_t orders_seen = 0;
    repo.for_each(store::OrderQuery{}, [&](const domain::Order& o) {
      ++orders_seen;
      INFO("order ", o.id);
      CHECK(o.refunded >= 0);
      CHECK(o.refunded <= o.total);
      if (o.status == "cancelled") CHECK(o.refunded == 0);
      const std::int64_t left = o.total - o.refunded;
      // A USD order is converted once, at 7.10; each return then takes its share off that
      // value (rounded half to even), which stays within a fen of converting what is left.
      const std::int64_t value = o.currency == "USD" ? usd_to_cny(left) : left;
      if (o.currency == "USD" && o.refunded > 0 && left > 0)
        CHECK(std::abs(o.value - value) <= 1);
      else
        CHECK(o.value == value);
      const std::int64_t value_stored = o.value; // what the metrics must add up
      auto& e = expected[o.customer_id];
      if (o.status == "cancelled") return;
      ++e.orders;
      e.revenue += value_stored;
      e.first = e.first ? std::min(*e.first, o.placed_at) : o.placed_at;
      e.last = e.last ? std::max(*e.last, o.placed_at) : o.placed_at;
    });
    CHECK(orders_seen == orders_placed_ - orders_purged_);

    std::set<domain::CustomerId> everyone(customers_.begin(), customers_.end());
    std::int64_t with_orders = 0;
    for (const auto& [id, e] : expected) {
      everyone.insert(id);
      if (e.orders > 0) ++with_orders;
    }
    for (const auto id : everyone) {
      INFO("customer ", id);
      const auto stored = repo.metrics(id);
      const auto it = expected.find(id);
      const Expected e = it == expected.end() ? Expected{} : it->second;
      CHECK(stored.orders == e.orders);
      CHECK(stored.revenue == e.revenue);
      CHECK(stored.first_order == e.first);
      CHECK(stored.last_order == e.last);
      const util::Json json = actions::metrics_json(ctx_, stored);
      CHECK(json.find("orders")->as_int() == e.orders);
      CHECK(json.find("revenue")->as_string() == amount(e.revenue));
      if (e.orders == 0)
        CHECK(json.find("aov")->is_null());
      else // half away from zero; revenue is never negative here
        CHECK(json.find("aov")->as_string() == amount((e.revenue * 2 + e.orders) / (e.orders * 2)));
    }
    // No row for a customer without orders (purged customers' rows went with them).
    store::Statement rows(ctx_.db(), "SELECT count(*) FROM customer_metrics");
    rows.step();
    CHECK(rows.get_int(0) == with_orders);
    CHECK(repo.check_metrics(10).empty());

    // What `crm customer list` reads in its scan agrees too.
    actions::ListCustomers all;
    all.query.deleted = store::CustomerQuery::Deleted::include;
    actions::list_customers(ctx_, all,
                            [&](const domain::Customer& c, const store::CustomerMetrics& m) {
                              const auto it = expected.find(c.id);
                              CHECK(m.orders == (it == expected.end() ? 0 : it->second.orders));
                              CHECK(m.revenue == (it == expected.end() ? 0 : it->second.revenue));
                            });
  }

  // How many operations of each kind went through (or were refused, "...-refused").
  [[nodiscard]] const std::map<std::string, int>& done() const { return done_; }

private:
  static actions::Context make_context(const std::string& name) {
    return test::make_context(name, {"money.currency=CNY", "money.rates=USD=7.10"});
  }

  std::optional<domain::Customer> find(domain::CustomerId id) {
    return store::CustomerRepository(ctx_.db()).find(id);
  }

  std::vector<domain::CustomerId> live() {
    std::vector<domain::CustomerId> ids;
    for (const auto id : customers_)
      if (auto c = find(id); c && !c->deleted_at) ids.push_back(id);
    return ids;
  }

  std::vector<domain::Order> all_orders() {
    std::vector<domain::Order> orders;
    store::OrderRepository(ctx_.db()).for_each(
        store::OrderQuery{}, [&](const domain::Order& o) { orders.push_back(o); });
    return orders;
  }

  std::string next_email() { return fmt::format("c{}@example.com", ++emails_); }

  void add_customer() {
    actions::AddCustomer input;
    input.fields = {{"email", next_email()}};
    customers_.push_back(actions::add_customer(ctx_, input).id);
    ++done_["add-customer"];
  }

  void add_order() {
    const auto ids = live();
    if (ids.empty()) return;
    actions::AddOrder input;
    input.customer = std::to_string(random_.pick(ids));
    const bool usd = random_.percent(30);
    input.currency = usd ? "USD" : "CNY";
    const auto items = random_.between(1, 3);
    std::int64_t subtotal = 0;
    for (std::int64_t i = 0; i < items; ++i) {
      const auto quantity = random_.between(1, 3);
      const auto price = random_.between(100, 50000);
      subtotal += quantity * price;
      input.items.push_back(
          fmt::format("SKU-{}:{}:{}", random_.below(20), quantity, amount(price)));
    }
    if (random_.percent(30)) input.shipping = amount(random_.between(0, 2000));
    if (random_.percent(20)) input.discount = amount(random_.between(0, subtotal / 2));
    // Placed in the two years before now, so first/last order are not the insertion order.
    input.placed_at = util::format_iso_utc(1685577600 + random_.below(2 * 365 * 86400));
    const std::vector<std::string> statuses = {"pending", "pending",   "paid",
                                               "shipped", "delivered", "cancelled"};
    input.status = random_.pick(statuses);
    const auto order = actions::add_order(ctx_, input);
    CHECK(order.id > 0);
    ++orders_placed_;
    ++done_["add-order"];
  }

  void change_status() {
    const auto orders = all_orders();
    if (orders.empty()) return;
    const auto order = random_.pick(orders);
    const std::vector<std::string> statuses = {"pending",   "paid",     "shipped",  "delivered",
                                               "cancelled", "returned", "returned", "returned"};
    actions::ChangeStatus input;
    input.status = random_.pick(statuses);
    const bool allowed = legal(order, input.status);
    const std::int64_t left = order.total - order.refunded;
    // A return: the rest (no --refund), or a part of it.
    std::optional<std::int64_t> refund;
    if (input.status == "returned" && left > 1 && random_.percent(60)) {
      refund = random_.between(1, left - 1);
      input.refund = amount(*refund);
    }
    INFO("order ", order.id, " ", order.status, " -> ", input.status);
    bool refused = false;
    std::string why;
    try {
      actions::change_order_status(ctx_, std::to_string(order.id), input);
    } catch (const util::Error& e) {
      refused = true;
      why = e.what();
    }
    CHECK_MESSAGE(refused == !allowed, why);
    const auto after = store::OrderRepository(ctx_.db()).find(order.id);
    REQUIRE(after);
    if (refused) {
      ++done_["status-refused"];
      CHECK(after->status == order.status);
      CHECK(after->refunded == order.refunded);
    } else {
      if (input.status == "cancelled") ++done_["cancel"];
      if (input.status == "returned") ++done_[refund ? "partial-return" : "full-return"];
      CHECK(after->status == input.status);
      if (input.status == "returned")
        CHECK(after->refunded == (refund ? order.refunded + *refund : order.total));
    }
    ++done_["change-status"];
  }

  void merge() {
    const auto ids = live();
    if (ids.size() < 2) return;
    const auto keep = random_.pick(ids);
    auto other = random_.pick(ids);
    if (other == keep) return;
    const auto moving = store::OrderRepository(ctx_.db()).order_ids(other);
    actions::MergeCustomers input;
    input.keep = std::to_string(keep);
    input.other = std::to_string(other);
    const auto result = actions::merge_customers(ctx_, input);
    merges_.push_back(result.merge_id);
    // Every order of OTHER now belongs to KEEP.
    for (const auto id : moving)
      CHECK(store::OrderRepository(ctx_.db()).find(id)->customer_id == keep);
    CHECK(store::OrderRepository(ctx_.db()).order_ids(other).empty());
    ++done_["merge"];
  }

  void unmerge() {
    if (merges_.empty()) return;
    const auto index =
        static_cast<std::size_t>(random_.below(static_cast<std::int64_t>(merges_.size())));
    const auto merge_id = merges_[index];
    merges_.erase(merges_.begin() + static_cast<std::ptrdiff_t>(index));
    try {
      const auto result = actions::unmerge(ctx_, merge_id, false);
      (void)result;
    } catch (const util::ConflictError&) {
      ++done_["unmerge-refused"];
      return; // changed since (an order status, a later merge, forget, purge): refused
    }
    ++done_["unmerge"];
  }

  void import_customers() {
    const std::string file = fmt::format("import-{}.csv", ++imports_);
    {
      std::ofstream out(std::filesystem::current_path() / file);
      out << "email,city\n";
      const auto created = random_.between(1, 3);
      for (std::int64_t i = 0; i < created; ++i) out << next_email() << ",Berlin\n";
      // An update of someone already there (unless forgotten or merged away).
      if (const auto ids = live(); !ids.empty() && random_.percent(50)) {
        if (const auto c = find(random_.pick(ids)); c && c->email)
          out << *c->email << ",Shanghai " << imports_ << "\n";
      }
    }
    actions::ImportCustomers input;
    input.file = (std::filesystem::current_path() / file).string();
    const auto summary = actions::import_customers(ctx_, input, {});
    REQUIRE(summary.committed);
    REQUIRE(summary.batch);
    batches_.push_back(*summary.batch);
    const auto batch = store::ImportRepository(ctx_.db()).find(*summary.batch);
    for (auto id = *batch->first_created; id <= *batch->last_created; ++id)
      customers_.push_back(id);
    ++done_["import-customers"];
  }

  void undo_import() {
    if (batches_.empty()) return;
    const auto index =
        static_cast<std::size_t>(random_.below(static_cast<std::int64_t>(batches_.size())));
    const auto batch_id = batches_[index];
    batches_.erase(batches_.begin() + static_cast<std::ptrdiff_t>(index));
    const auto batch = store::ImportRepository(ctx_.db()).find(batch_id);
    std::optional<domain::CustomerId> with_orders; // the first created customer with orders
    if (batch->first_created)
      for (auto id = *batch->first_created; id <= *batch->last_created && !with_orders; ++id)
        if (!store::OrderRepository(ctx_.db()).order_ids(id).empty()) with_orders = id;
    const bool created_have_orders = with_orders.has_value();
    try {
      actions::undo_import(ctx_, batch_id, false);
    } catch (const util::ConflictError& e) {
      if (created_have_orders) {
        ++done_["undo-refused-orders"];
        const std::string message = e.what();
        INFO(message);
        CHECK((message.find(fmt::format("customer {} (has ", *with_orders)) != std::string::npos ||
               message.find(", ...; ") != std::string::npos));
      }
      return; // orders or later changes: refused, nothing changed
    }
    // An undo deletes the customers it created: never one with orders.
    CHECK_FALSE(created_have_orders);
    ++done_["undo-import"];
  }

  // `crm order import`: new orders for customers found by email, in CNY and USD, with
  // statuses and (for returns) partial refunds or none (fully refunded); now and then an order
  // imported before, unchanged but for a later status (an update the batch journals).
  void import_orders() {
    const std::string file = fmt::format("orders-{}.csv", ++order_imports_);
    store::OrderRepository repo(ctx_.db());
    int rows = 0;
    {
      std::ofstream out(std::filesystem::current_path() / file);
      out << "order_id,customer_email,placed_at,status,currency,sku,quantity,unit_price,refunded\n";
      std::vector<domain::CustomerId> with_email;
      for (const auto id : live())
        if (const auto c = find(id); c && c->email) with_email.push_back(id);
      const auto created = with_email.empty() ? 0 : random_.between(1, 3);
      for (std::int64_t i = 0; i < created; ++i) {
        const auto customer = find(random_.pick(with_email));
        const std::string status = random_.pick(std::vector<std::string>{
            "pending", "paid", "shipped", "delivered", "cancelled", "returned"});
        const std::string currency = random_.percent(30) ? "USD" : "CNY";
        const auto at = util::format_iso_utc(1685577600 + random_.below(2 * 365 * 86400));
        const std::string external_id = fmt::format("IMP-{}", ++imported_orders_);
        const auto items = random_.between(1, 2);
        std::int64_t total = 0;
        std::vector<std::pair<std::int64_t, std::int64_t>> lines;
        for (std::int64_t line = 0; line < items; ++line) {
          lines.emplace_back(random_.between(1, 3), random_.between(100, 20000));
          total += lines.back().first * lines.back().second;
        }
        const std::string refunded =
            status == "returned" && random_.percent(50) ? amount(random_.between(1, total)) : "";
        for (const auto& [quantity, price] : lines) {
          out << fmt::format("{},{},{},{},{},SKU-{},{},{},{}\n", external_id, *customer->email, at,
                             status, currency, random_.below(20), quantity, amount(price),
                             refunded);
          ++rows;
        }
      }
      // A pending order imported before moves on to paid: same customer, items and amounts.
      std::vector<domain::Order> pending;
      for (const auto& o : all_orders())
        if (o.external_id && o.status == "pending") pending.push_back(o);
      if (!pending.empty() && random_.percent(50)) {
        const auto order = *repo.find(random_.pick(pending).id);
        if (const auto c = find(order.customer_id); c && c->email && !c->deleted_at) {
          for (const auto& item : order.items) {
            out << fmt::format("{},{},{},paid,{},{},{},{},\n", *order.external_id, *c->email,
                               util::format_iso_utc(order.placed_at), order.currency, item.sku,
                               item.quantity, amount(item.unit_price));
            ++rows;
          }
        }
      }
    }
    if (rows == 0) return;
    actions::ImportOrders input;
    input.file = (std::filesystem::current_path() / file).string();
    input.customer_key = "email";
    const auto summary = actions::import_orders(ctx_, input, {});
    INFO(fmt::format("{}", fmt::join(summary.problems, "\n")));
    CHECK(summary.rejected == 0);
    CHECK(summary.committed);
    if (summary.batch) order_batches_.push_back(*summary.batch);
    orders_placed_ += summary.created;
    if (summary.updated > 0) ++done_["import-orders-update"];
    if (summary.created > 0) ++done_["import-orders"];
  }

  void undo_order_import() {
    if (order_batches_.empty()) return;
    const auto index =
        static_cast<std::size_t>(random_.below(static_cast<std::int64_t>(order_batches_.size())));
    const auto batch = order_batches_[index];
    order_batches_.erase(order_batches_.begin() + static_cast<std::ptrdiff_t>(index));
    try {
      const auto summary = actions::undo_order_import(ctx_, batch, false);
      CHECK(summary.batch == batch);
      orders_placed_ -= summary.deleted;
      ++done_["undo-order-import"];
    } catch (const util::ConflictError&) {
      ++done_["undo-order-import-refused"]; // a later status change, merge, ...
    }
  }

  void forget() {
    std::vector<domain::CustomerId> candidates;
    for (const auto id : customers_)
      if (auto c = find(id); c && !c->forgotten_at) candidates.push_back(id);
    if (candidates.empty()) return;
    const auto id = random_.pick(candidates);
    try {
      actions::forget_customers(ctx_, {std::to_string(id)}, false);
    } catch (const util::ConflictError&) {
      return; // another record with the same email (a merge's OTHER)
    }
    // The orders stay (they are counted), without tracking numbers or event notes.
    store::OrderRepository repo(ctx_.db());
    for (const auto order : repo.order_ids(id)) {
      CHECK_FALSE(repo.find(order)->tracking);
      for (const auto& event : repo.events(order)) {
        CHECK_FALSE(event.note);
        CHECK_FALSE(event.tracking);
      }
    }
    ++done_["forget"];
  }

  void purge() {
    if (customers_.empty()) return;
    const auto id = random_.pick(customers_);
    const auto c = find(id);
    if (!c) return;
    if (!c->deleted_at) actions::remove_customers(ctx_, {std::to_string(id)}, false);
    const auto orders =
        static_cast<std::int64_t>(store::OrderRepository(ctx_.db()).order_ids(id).size());
    actions::purge_customers(ctx_, {std::to_string(id)}, false, false);
    orders_purged_ += orders; // their orders go with them (FK cascade)
    if (orders > 0) ++done_["purge-with-orders"];
    ++done_["purge"];
  }

  Random random_;
  actions::Context ctx_;
  std::vector<domain::CustomerId> customers_; // ever added (purged ones too)
  std::vector<std::int64_t> merges_, batches_;
  int emails_ = 0, imports_ = 0, order_imports_ = 0, imported_orders_ = 0;
  std::vector<std::int64_t> order_batches_;
  std::int64_t orders_placed_ = 0, orders_purged_ = 0;
  std::map<std::string, int> done_;
};

} // namespace

TEST_CASE("order metrics: stored metrics equal the orders after every operation") {
  std::map<std::string, int> done;
  for (const std::uint64_t seed : {1ULL, 2ULL, 3ULL, 42ULL, 20250602ULL}) {
    INFO("seed ", seed);
    World world(seed, fmt::format("metrics-{}.db", seed));
    for (int i = 0; i < 150; ++i) {
      world.step();
      world.verify(fmt::format("step {}", i));
    }
    for (const auto& [kind, count] : world.done()) done[kind] += count;
  }
  // Every kind of operation really ran (a test that skips them all cannot fail).
  for (const char* kind :
       {"add-customer", "add-order", "change-status", "status-refused", "cancel", "partial-return",
        "full-return", "merge", "unmerge", "import-customers", "undo-import", "undo-refused-orders",
        "import-orders", "import-orders-update", "undo-order-import", "forget", "purge",
        "purge-with-orders"}) {
    INFO(kind);
    CHECK(done[kind] > 0);
  }
}

TEST_CASE("order metrics: purge takes the customer's orders and metrics row (FK cascade)") {
  auto ctx = test::make_context("metrics-purge.db");
  actions::AddCustomer customer;
  customer.fields = {{"email", "gone@example.com"}};
  const auto gone = actions::add_customer(ctx, customer).id;
  customer.fields = {{"email", "stays@example.com"}};
  const auto stays = actions::add_customer(ctx, customer).id;
  for (const auto id : {gone, stays}) {
    actions::AddOrder order;
    order.customer = std::to_string(id);
    order.items = {"TEA:2:12.50"};
    order.placed_at = "2025-05-01T10:00:00Z";
    actions::add_order(ctx, order);
  }
  const auto rows = [&ctx](const char* table, domain::CustomerId id) {
    store::Statement q(ctx.db(),
                       fmt::format("SELECT count(*) FROM {} WHERE customer_id = ?", table));
    q.bind(1, id);
    q.step();
    return q.get_int(0);
  };
  REQUIRE(rows("customer_metrics", gone) == 1);
  actions::remove_customers(ctx, {std::to_string(gone)}, false);
  CHECK(rows("customer_metrics", gone) == 1); // a deleted customer's orders still count
  actions::purge_customers(ctx, {std::to_string(gone)}, false, false);
  CHECK(rows("orders", gone) == 0);
  CHECK(rows("customer_metrics", gone) == 0);
  store::Statement orphans(ctx.db(), "SELECT (SELECT count(*) FROM order_items WHERE order_id "
                                     "NOT IN (SELECT id FROM orders)) + (SELECT count(*) FROM "
                                     "order_events WHERE order_id NOT IN (SELECT id FROM orders))");
  orphans.step();
  CHECK(orphans.get_int(0) == 0);
  const auto kept = store::OrderRepository(ctx.db()).metrics(stays);
  CHECK(kept.orders == 1);
  CHECK(kept.revenue == 2500);
  CHECK(store::OrderRepository(ctx.db()).check_metrics(10).empty());
}
