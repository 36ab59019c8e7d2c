#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "actions/customer.hpp"
#include "actions/merge.hpp"
#include "actions/order.hpp"
#include "actions/order_export.hpp"
#include "actions/order_import.hpp"
#include "actions/privacy.hpp"
#include "store/database.hpp"
#include "store/orders.hpp"
#include "util/error.hpp"

#include "support.hpp"

using namespace crm;

namespace {

int store_number = 0;

actions::Context make_context(const std::string& now = "2025-06-02T09:00:00Z") {
  return test::make_context("order-import-" + std::to_string(++store_number) + ".db",
                            {"money.rates=JPY=0.05"}, now, false);
}

std::string write_file(const std::string& text) {
  const std::string name = "input-" + std::to_string(++store_number) + ".csv";
  std::ofstream(name, std::ios::binary) << text;
  return name;
}

void add_customer(actions::Context& ctx, const std::string& external_id, const std::string& email) {
  actions::AddCustomer input;
  input.fields = {{"external_id", external_id}, {"email", email}};
  actions::add_customer(ctx, input);
}

actions::OrderImportSummary import(actions::Context& ctx, const std::string& orders,
                                   std::optional<std::string> items = std::nullopt,
                                   bool create_customers = false) {
  actions::ImportOrders input;
  input.file = write_file(orders);
  if (items) input.items_file = write_file(*items);
  input.create_missing_customers = create_customers;
  return actions::import_orders(ctx, input);
}

std::string export_text(actions::Context& ctx, actions::OrderExportLayout layout) {
  actions::ExportOrders input;
  input.layout = layout;
  std::ostringstream out;
  actions::export_orders(ctx, input, out);
  return out.str();
}

// Every customer's stored metrics equal those recomputed from the orders.
void check_metrics(actions::Context& ctx) {
  CHECK(store::OrderRepository(ctx.db()).check_metrics(10).empty());
}

const std::string header =
    "order_id,customer_external_id,placed_at,status,sku,quantity,unit_price\n";

} // namespace

TEST_CASE("order import: headers are found by name and alias") {
  CHECK(actions::order_field_for_header("Order Number") == "order_id");
  CHECK(actions::order_field_for_header("订单号") == "order_id");
  CHECK(actions::order_field_for_header("external_id") == "order_id");
  CHECK(actions::order_field_for_header("Customer Email") == "customer_email");
  CHECK(actions::order_field_for_header("下单时间") == "placed_at");
  CHECK(actions::order_field_for_header("Qty") == "quantity");
  CHECK(actions::order_field_for_header("单价") == "unit_price");
  CHECK(actions::order_field_for_header("Lineitem name") == "name");
  CHECK(actions::order_field_for_header("Paid at") == "paid_at");
  CHECK_FALSE(actions::order_field_for_header("_line"));
  CHECK_FALSE(actions::order_field_for_header("colour"));
}

TEST_CASE("order import: one file, statuses with their events, metrics") {
  auto ctx = make_context();
  add_customer(ctx, "C-1", "a@example.com");
  add_customer(ctx, "C-2", "b@example.com");
  const auto s = import(ctx, "order_id,customer_external_id,placed_at,status,sku,quantity,"
                             "unit_price,paid_at,returned_at\n"
                             "A,C-1,2025-01-01,delivered,X,2,10.00,2025-01-02,\n"
                             "A,C-1,2025-01-01,delivered,Y,1,5.00,2025-01-02,\n"
                             "B,C-1,2025-02-01,cancelled,X,1,10.00,,\n"
                             "C,C-2,2025-03-01,returned,X,1,10.00,,2025-03-09\n");
  CHECK(s.committed);
  CHECK(s.rows == 4);
  CHECK(s.orders == 3);
  CHECK(s.created == 3);
  store::OrderRepository orders(ctx.db());
  const auto a = orders.find_by_external_id("A");
  REQUIRE(a);
  CHECK(a->total == 2500);
  CHECK(a->items.size() == 2);
  std::vector<std::string> kinds;
  for (const auto& e : orders.events(a->id)) kinds.push_back(e.kind);
  // placed, paid (its column), delivered (the final status, at placed_at): no shipped_at.
  CHECK(kinds == std::vector<std::string>{"placed", "paid", "delivered"});
  const auto c = orders.find_by_external_id("C");
  REQUIRE(c);
  CHECK(c->refunded == 1000); // returned without an amount: in full
  CHECK(c->value == 0);
  const auto m1 = orders.metrics(a->customer_id);
  CHECK(m1.orders == 1); // the cancelled order does not count
  CHECK(m1.revenue == 2500);
  check_metrics(ctx);
}

TEST_CASE("order import: the same file twice changes nothing - a later status moves on") {
  auto ctx = make_context();
  add_customer(ctx, "C-1", "a@example.com");
  const std::string first = header + "A,C-1,2025-01-01,paid,X,1,10.00\n";
  CHECK(import(ctx, first).created == 1);
  const auto again = import(ctx, first);
  CHECK(again.unchanged == 1);
  CHECK(again.created + again.updated == 0);
  CHECK_FALSE(again.batch); // nothing written, no batch
  const auto moved = import(ctx, header + "A,C-1,2025-01-01,delivered,X,1,10.00\n");
  CHECK(moved.updated == 1);
  REQUIRE(moved.batch);
  store::OrderRepository orders(ctx.db());
  const auto a = orders.find_by_external_id("A");
  CHECK(a->status == "delivered");
  std::vector<std::string> kinds;
  for (const auto& e : orders.events(a->id)) kinds.push_back(e.kind);
  CHECK(kinds.back() == "delivered");
  // Back to an earlier status, or other items: a problem, nothing written.
  const auto back = import(ctx, header + "A,C-1,2025-01-01,paid,X,1,10.00\n");
  CHECK(back.rejected == 1);
  CHECK_FALSE(back.committed);
  const auto other = import(ctx, header + "A,C-1,2025-01-01,delivered,X,2,10.00\n");
  REQUIRE(other.problems.size() == 1);
  CHECK(other.problems[0].find("item 1: 1 x X at 10.00 in the store, 2 x X at 10.00 in the "
                               "file") != std::string::npos);
  // Undo of the move restores the order and its metrics.
  actions::undo_order_import(ctx, *moved.batch, false);
  CHECK(orders.find_by_external_id("A")->status == "paid");
  check_metrics(ctx);
}

TEST_CASE("order import: forget erases the tracking number an import journalled for undo") {
  auto ctx = make_context();
  add_customer(ctx, "C-1", "a@example.com");
  const std::string head = "order_id,customer_external_id,placed_at,status,tracking,sku,quantity,"
                           "unit_price\n";
  CHECK(import(ctx, head + "A,C-1,2025-01-01,shipped,SF-777,X,1,10.00\n").created == 1);
  const auto moved = import(ctx, head + "A,C-1,2025-01-01,delivered,SF-777,X,1,10.00\n");
  REQUIRE(moved.updated == 1);
  const auto journalled = [&ctx] {
    store::Statement q(ctx.db(), "SELECT count(*) FROM order_import_updates WHERE "
                                 "instr(before_json, 'SF-777') > 0");
    q.step();
    return q.get_int(0);
  };
  CHECK(journalled() == 1);
  actions::forget_customers(ctx, {"a@example.com"}, false);
  CHECK(journalled() == 0);
  // The undo still works, and restores no tracking number.
  actions::undo_order_import(ctx, *moved.batch, false);
  const auto a = store::OrderRepository(ctx.db()).find_by_external_id("A");
  CHECK(a->status == "shipped");
  CHECK_FALSE(a->tracking);
  check_metrics(ctx);
}

TEST_CASE("order import: after a merge, the same file again is unchanged - new orders follow") {
  auto ctx = make_context();
  add_customer(ctx, "C-1", "a@example.com");
  add_customer(ctx, "C-2", "b@example.com");
  const std::string file = header + "W1,C-1,2025-01-01,paid,X,1,10.00\n"
                                    "W2,C-2,2025-01-02,paid,X,1,20.00\n";
  CHECK(import(ctx, file).created == 2);
  actions::MergeCustomers merge;
  merge.keep = "1";
  merge.other = "2";
  actions::merge_customers(ctx, merge); // C-2 soft-deleted, keeps its external id
  const auto again = import(ctx, file);
  INFO((again.problems.empty() ? std::string() : again.problems[0]));
  CHECK(again.unchanged == 2);
  CHECK(again.rejected == 0);
  // A new order for the merged-away key goes to the customer kept.
  const auto more = import(ctx, header + "W3,C-2,2025-01-03,paid,X,1,5.00\n");
  CHECK(more.created == 1);
  CHECK(store::OrderRepository(ctx.db()).find_by_external_id("W3")->customer_id == 1);
  check_metrics(ctx);
}

TEST_CASE("order import: a tracking number without a shipped time is on the last event") {
  auto ctx = make_context();
  add_customer(ctx, "C-1", "a@example.com");
  const std::string head =
      "order_id,customer_external_id,placed_at,status,tracking,delivered_at,sku,quantity,"
      "unit_price\n";
  CHECK(import(ctx, head + "A,C-1,2025-01-01,delivered,SF-9,2025-01-05,X,1,10.00\n").created == 1);
  store::OrderRepository orders(ctx.db());
  const auto events = orders.events(orders.find_by_external_id("A")->id);
  REQUIRE(!events.empty());
  CHECK(events.back().kind == "delivered");
  CHECK(events.back().tracking == "SF-9");
}

TEST_CASE("order import: two files, listed in different orders") {
  auto ctx = make_context();
  add_customer(ctx, "C-1", "a@example.com");
  const auto s = import(ctx,
                        "order_id,customer_external_id,placed_at,status\n"
                        "A,C-1,2025-01-01,paid\nB,C-1,2025-01-02,paid\nC,C-1,2025-01-03,paid\n",
                        "order_id,line,sku,quantity,unit_price\n"
                        "C,1,Z,1,3.00\nA,2,Y,1,2.00\nA,1,X,1,1.00\nB,1,X,2,1.00\n");
  CHECK(s.created == 3);
  CHECK(s.rejected == 0);
  store::OrderRepository orders(ctx.db());
  const auto a = orders.find_by_external_id("A");
  REQUIRE(a->items.size() == 2);
  CHECK(a->items[0].sku == "X"); // by the line column
  CHECK(orders.find_by_external_id("C")->total == 300);
  check_metrics(ctx);
}

TEST_CASE("order import: two files, an order without items and items without an order") {
  auto ctx = make_context();
  add_customer(ctx, "C-1", "a@example.com");
  const auto s = import(ctx,
                        "order_id,customer_external_id,placed_at\nA,C-1,2025-01-01\n"
                        "B,C-1,2025-01-02\n",
                        "order_id,sku,unit_price\nA,X,1\nQ,X,1\n");
  CHECK(s.created == 1);
  CHECK(s.rejected == 2);
  REQUIRE(s.problems.size() == 2);
  CHECK(s.problems[0].find(":3: order Q: no such order in ") != std::string::npos);
  CHECK(s.problems[1].find(":3: order B: no items in ") != std::string::npos);
  CHECK(store::OrderRepository(ctx.db()).count({}) == 0); // all or nothing
}

TEST_CASE("order import: rows of one order apart are refused, naming both lines") {
  auto ctx = make_context();
  add_customer(ctx, "C-1", "a@example.com");
  const auto s = import(ctx, header + "A,C-1,2025-01-01,paid,X,1,1\nB,C-1,2025-01-01,paid,X,1,1\n"
                                      "A,C-1,2025-01-01,paid,Y,1,1\n");
  REQUIRE(s.problems.size() == 1);
  CHECK(s.problems[0].find(":4: order A: again after other orders (first at line 2)") !=
        std::string::npos);
}

TEST_CASE("order import: --create-missing-customers, and undo") {
  auto ctx = make_context();
  add_customer(ctx, "C-1", "a@example.com");
  const std::string file = header + "A,C-1,2025-01-01,paid,X,1,1\nB,C-7,2025-01-01,paid,X,1,1\n"
                                    "C,C-7,2025-01-02,paid,X,1,1\n";
  const auto refused = import(ctx, file);
  CHECK(refused.rejected == 2);
  const auto s = import(ctx, file, std::nullopt, true);
  CHECK(s.created == 3);
  CHECK(s.customers_created == 1);
  const auto customer = actions::resolve_customer(ctx, "ext:C-7");
  CHECK(store::OrderRepository(ctx.db()).metrics(customer.id).orders == 2);
  const auto dry = actions::undo_order_import(ctx, *s.batch, true);
  CHECK(dry.deleted == 3);
  CHECK(store::OrderRepository(ctx.db()).count({}) == 3);
  const auto undone = actions::undo_order_import(ctx, *s.batch, false);
  CHECK(undone.deleted == 3);
  CHECK(undone.customers_deleted == 1);
  CHECK_THROWS_AS(actions::resolve_customer(ctx, "ext:C-7"), util::NotFoundError);
  CHECK_THROWS_AS(actions::undo_order_import(ctx, *s.batch, false), util::ConflictError);
  check_metrics(ctx);
}

TEST_CASE("order import: undo refuses when an order changed later") {
  auto ctx = make_context();
  add_customer(ctx, "C-1", "a@example.com");
  const auto s = import(ctx, header + "A,C-1,2025-01-01,paid,X,1,1\n");
  actions::ChangeStatus change;
  change.status = "shipped";
  actions::change_order_status(ctx, "ext:A", change);
  try {
    actions::undo_order_import(ctx, *s.batch, false);
    FAIL("undo went through");
  } catch (const util::ConflictError& e) {
    CHECK(std::string(e.what()).find("order 1 (event 3 (shipped))") != std::string::npos);
  }
  CHECK(store::OrderRepository(ctx.db()).count({}) == 1);
}

TEST_CASE("order export: orders and items import back into the same bytes") {
  auto ctx = make_context();
  add_customer(ctx, "C-1", "a@example.com");
  add_customer(ctx, "C-2", "b@example.com");
  import(ctx,
         "order_id,customer_external_id,placed_at,status,currency,sku,name,quantity,"
         "unit_price,shipping,discount,tracking,shipped_at\n"
         "A,C-1,2025-01-01T08:00:00Z,shipped,CNY,=X,\"Tea, green\",2,10.50,5,1,SF1,2025-01-02\n"
         "A,C-1,2025-01-01T08:00:00Z,shipped,CNY,Y,,1,0.99,5,1,SF1,2025-01-02\n"
         "B,C-2,2025-01-03T08:00:00Z,cancelled,JPY,Z,茶,3,1200,,,,\n");
  const auto orders = export_text(ctx, actions::OrderExportLayout::orders);
  const auto items = export_text(ctx, actions::OrderExportLayout::items);
  CHECK(items.find("'=X") != std::string::npos); // neutralised, and read back
  auto second = make_context();
  add_customer(second, "C-1", "a@example.com");
  add_customer(second, "C-2", "b@example.com");
  const auto s = import(second, orders, items);
  CHECK(s.created == 2);
  CHECK(export_text(second, actions::OrderExportLayout::orders) == orders);
  CHECK(export_text(second, actions::OrderExportLayout::items) == items);
  // The one-file layout too.
  const auto flat = export_text(ctx, actions::OrderExportLayout::flat);
  auto third = make_context();
  add_customer(third, "C-1", "a@example.com");
  add_customer(third, "C-2", "b@example.com");
  CHECK(import(third, flat).created == 2);
  CHECK(export_text(third, actions::OrderExportLayout::flat) == flat);
}
