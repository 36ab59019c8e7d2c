#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "actions/customer.hpp"
#include "actions/order.hpp"
#include "actions/segment.hpp"
#include "store/audit.hpp"
#include "support.hpp"
#include "util/error.hpp"

using namespace crm;

namespace {

int store_number = 0;

actions::Context segment_context(std::vector<std::string> overrides = {},
                                 const std::string& now = "2025-06-02T09:00:00Z") {
  return test::make_context("segment-" + std::to_string(++store_number) + ".db",
                            std::move(overrides), now);
}

domain::CustomerId customer(actions::Context& ctx, const std::string& email,
                            std::vector<std::string> tags = {}) {
  actions::AddCustomer input;
  input.fields = {{"email", email}};
  input.tags = std::move(tags);
  return actions::add_customer(ctx, input).id;
}

void order(actions::Context& ctx, domain::CustomerId id, const std::string& item,
           const std::string& placed_at) {
  actions::AddOrder input;
  input.customer = std::to_string(id);
  input.items = {item};
  input.placed_at = placed_at;
  actions::add_order(ctx, input);
}

actions::SegmentInfo create(actions::Context& ctx, const std::string& name,
                            const std::string& where, bool dry_run = false) {
  return actions::create_segment(ctx, {name, where, std::nullopt, dry_run});
}

std::vector<std::string> names(actions::Context& ctx) {
  std::vector<std::string> found;
  for (const auto& info : actions::list_segments(ctx, false)) found.push_back(info.saved.name);
  return found;
}

std::int64_t count(actions::Context& ctx, const std::string& where) {
  return actions::count_segment(ctx, {where, std::nullopt});
}

std::vector<domain::CustomerId> members(actions::Context& ctx, actions::SegmentFilter filter) {
  actions::ListCustomers list;
  actions::apply_segment_filter(ctx, filter, list.query);
  std::vector<domain::CustomerId> ids;
  actions::list_customers(ctx, list, [&](const domain::Customer& c, const store::CustomerMetrics&) {
    ids.push_back(c.id);
  });
  return ids;
}

} // namespace

TEST_CASE("segments: create counts, saves and audits - dry run and errors save nothing") {
  auto ctx = segment_context();
  const auto a = customer(ctx, "a@example.com", {"vip"});
  customer(ctx, "b@example.com");
  order(ctx, a, "TEA:1:120.00", "2025-05-01");

  const auto dry = create(ctx, "vip", "tag:vip", true);
  CHECK(dry.count == 1);
  CHECK(names(ctx).empty());

  const auto info = create(ctx, "vip", "tag:vip and revenue >= 120");
  CHECK(info.count == 1);
  CHECK(info.saved.id > 0);
  CHECK(info.saved.created_at == ctx.now());
  CHECK(names(ctx) == std::vector<std::string>{"vip"});
  const auto entries = store::AuditRepository(ctx.db()).list({});
  REQUIRE(!entries.empty());
  CHECK(entries.back().entity == "segment");
  CHECK(entries.back().action == "create");

  CHECK_THROWS_AS(create(ctx, "vip", "tag:vip"), util::ConflictError);
  CHECK_THROWS_AS(create(ctx, "x", "revnue > 1"), segment::ExpressionError);
  CHECK_THROWS_AS(create(ctx, "x", "segment:nope"), segment::UnknownSegmentError);
  CHECK_THROWS_AS(create(ctx, "x", "segment:x"), segment::ExpressionError); // itself
  for (const char* bad : {"", "a b", "-a", ".a", "a/b", "a:b", "a\"b"}) {
    CAPTURE(bad);
    CHECK_THROWS_AS(create(ctx, bad, "tag:vip"), util::UsageError);
  }
  CHECK_NOTHROW(create(ctx, "大客户_2025.v-1", "revenue > 100"));
  CHECK_THROWS_AS(create(ctx, std::string(65, 'a'), "tag:vip"), util::UsageError);
  CHECK(names(ctx) == std::vector<std::string>{"vip", "大客户_2025.v-1"});
}

TEST_CASE("segments: references, loops refused on edit, rm refused while used") {
  auto ctx = segment_context();
  customer(ctx, "a@example.com", {"vip"});
  create(ctx, "vip", "tag:vip");
  create(ctx, "vip-no-orders", "segment:vip and orders = 0");
  create(ctx, "top", "segment:vip-no-orders or tag:top");
  CHECK(actions::show_segment(ctx, "vip").used_by == std::vector<std::string>{"vip-no-orders"});
  CHECK(actions::show_segment(ctx, "top").uses == std::vector<std::string>{"vip-no-orders"});
  CHECK(actions::show_segment(ctx, "top").count == 1);

  // vip -> top -> vip-no-orders -> vip: refused, vip unchanged.
  CHECK_THROWS_AS(actions::edit_segment(ctx, {"vip", "segment:top", std::nullopt, false}),
                  segment::ExpressionError);
  CHECK(actions::show_segment(ctx, "vip").saved.expression == "tag:vip");
  CHECK_THROWS_AS(actions::edit_segment(ctx, {"nope", "tag:vip", std::nullopt, false}),
                  util::NotFoundError);

  const auto edited = actions::edit_segment(ctx, {"vip", "tag:vip and orders > 0", "d", true});
  CHECK(edited.count == 0);
  CHECK(actions::show_segment(ctx, "vip").saved.expression == "tag:vip"); // dry run
  actions::edit_segment(ctx, {"vip", std::nullopt, std::string("VIPs"), false});
  CHECK(actions::show_segment(ctx, "vip").saved.description == "VIPs");

  CHECK_THROWS_AS(actions::remove_segment(ctx, "vip", false), util::ConflictError);
  CHECK_THROWS_AS(actions::remove_segment(ctx, "vip-no-orders", true), util::ConflictError);
  actions::remove_segment(ctx, "top", true);
  CHECK(names(ctx).size() == 3);
  actions::remove_segment(ctx, "top", false);
  actions::remove_segment(ctx, "vip-no-orders", false);
  actions::remove_segment(ctx, "vip", false);
  CHECK(names(ctx).empty());
  CHECK_THROWS_AS(actions::remove_segment(ctx, "vip", false), util::NotFoundError);
}

TEST_CASE("segments: filters of customer list - --now moves relative times - money decimals") {
  auto ctx = segment_context();
  const auto a = customer(ctx, "a@example.com", {"vip"});
  const auto b = customer(ctx, "b@example.com", {"vip"});
  const auto c = customer(ctx, "c@example.com");
  order(ctx, a, "TEA:1:10.00", "2025-05-20");
  order(ctx, b, "TEA:1:10.00", "2025-01-20");
  create(ctx, "vip", "tag:vip");
  CHECK(members(ctx, {std::nullopt, std::string("vip")}) == std::vector<domain::CustomerId>{a, b});
  CHECK(members(ctx, {std::string("last_order within 30d"), std::string("vip")}) ==
        std::vector<domain::CustomerId>{a});
  CHECK(members(ctx, {std::string("orders = 0"), std::nullopt}) ==
        std::vector<domain::CustomerId>{c});
  CHECK_THROWS_AS(members(ctx, {std::nullopt, std::string("nope")}), util::NotFoundError);
  CHECK_THROWS_AS(actions::count_segment(ctx, {}), util::UsageError);

  auto later = segment_context({}, "2025-08-01T00:00:00Z");
  const auto d = customer(later, "d@example.com");
  order(later, d, "TEA:1:10.00", "2025-05-20");
  CHECK(count(later, "last_order within 30d") == 0);
  CHECK(count(later, "last_order within 3m") == 1);
  CHECK(count(later, "revenue = 10") == 1);
  CHECK(count(later, "revenue = 10.00") == 1);
  CHECK_THROWS_AS(count(later, "revenue = 10.001"), segment::ExpressionError);

  auto yen = segment_context({"money.currency=JPY"});
  const auto e = customer(yen, "e@example.com");
  order(yen, e, "MATCHA:2:1200", "2025-05-20");
  CHECK(count(yen, "revenue > 2399 and aov = 2400") == 1);
  CHECK_THROWS_AS(count(yen, "revenue > 10.5"), segment::ExpressionError);
}

TEST_CASE("segments: explain counts each top-level clause in turn") {
  auto ctx = segment_context();
  const auto a = customer(ctx, "a@example.com", {"vip"});
  customer(ctx, "b@example.com", {"vip"});
  customer(ctx, "c@example.com");
  order(ctx, a, "TEA:1:10.00", "2025-05-20");
  create(ctx, "vip", "tag:vip and orders >= 0");
  const auto e = actions::explain_segment(ctx, {std::string("revenue > 5"), std::string("vip")});
  REQUIRE(e.steps.size() == 2);
  CHECK(e.steps[0].count == 2);
  CHECK(e.steps[1].count == 1);
  CHECK(e.count == 1);
  CHECK(!e.plan.empty());
  CHECK(e.sql.find("500") == std::string::npos); // bound, not spliced
  CHECK(std::find(e.params.begin(), e.params.end(), store::SqlValue(std::int64_t{500})) !=
        e.params.end());
  const auto saved = actions::explain_segment(ctx, {std::nullopt, std::string("vip")});
  REQUIRE(saved.steps.size() == 2); // the saved expression's own clauses
  CHECK(saved.steps[0].clause == "tag:vip");
  CHECK(saved.steps[1].clause == "orders >= 0");
}

TEST_CASE("segment definitions: import is all or nothing and idempotent") {
  auto ctx = segment_context();
  create(ctx, "kept", "tag:kept");
  create(ctx, "vip", "tag:vip");
  const std::vector<settings::SegmentDef> defs = {
      {"lapsed", "segment:vip2 and last_order older than 90d", "", 3}, // refers forward
      {"vip2", "tag:vip or segment:vip", "VIPs", 7},
      {"vip", "tag:vip", "", 9},
  };
  const auto dry = actions::import_segment_defs(ctx, defs, true);
  CHECK(dry.created == std::vector<std::string>{"lapsed", "vip2"});
  CHECK(dry.unchanged == std::vector<std::string>{"vip"});
  CHECK(names(ctx) == std::vector<std::string>{"kept", "vip"});

  const auto done = actions::import_segment_defs(ctx, defs, false);
  CHECK(done.created.size() == 2);
  CHECK(names(ctx) == std::vector<std::string>{"kept", "lapsed", "vip", "vip2"});
  const auto again = actions::import_segment_defs(ctx, defs, false);
  CHECK(again.created.empty());
  CHECK(again.updated.empty());
  CHECK(again.unchanged.size() == 3);

  auto changed = defs;
  changed[2].description = "now described";
  CHECK(actions::import_segment_defs(ctx, changed, false).updated ==
        std::vector<std::string>{"vip"});

  // One bad definition: nothing of the file is written.
  const std::vector<settings::SegmentDef> bad = {{"new-one", "tag:new", "", 1},
                                                 {"vip", "segment:lapsed", "", 2}}; // a loop
  CHECK_THROWS_AS(actions::import_segment_defs(ctx, bad, false), util::UsageError);
  CHECK(names(ctx) == std::vector<std::string>{"kept", "lapsed", "vip", "vip2"});
  CHECK(actions::show_segment(ctx, "vip").saved.expression == "tag:vip");
  const std::vector<settings::SegmentDef> bad_name = {{"a b", "tag:x", "", 1}};
  CHECK_THROWS_AS(actions::import_segment_defs(ctx, bad_name, false), util::UsageError);

  const auto text = actions::export_segment_defs(ctx);
  auto other = segment_context();
  actions::import_segment_defs(other, settings::parse_segment_defs(text, "defs.toml"), false);
  CHECK(actions::export_segment_defs(other) == text);
}
