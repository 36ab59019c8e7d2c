#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "actions/customer.hpp"
#include "actions/merge.hpp"
#include "actions/timeline.hpp"
#include "store/timeline.hpp"
#include "util/error.hpp"

#include "support.hpp"

using namespace crm;

namespace {

int store_number = 0;

// A store file in the test's temporary directory: a fresh one unless `name` is given.
actions::Context make_context(const std::string& now = "2025-06-02T09:00:00Z",
                              std::string name = {}) {
  if (name.empty()) name = "merge-" + std::to_string(++store_number) + ".db";
  return test::make_context(name, {}, now, false);
}

domain::CustomerId add(actions::Context& ctx,
                       std::vector<std::pair<std::string, std::string>> fields,
                       std::vector<std::string> tags = {}, std::vector<std::string> attrs = {}) {
  actions::AddCustomer input;
  input.fields = std::move(fields);
  input.tags = std::move(tags);
  input.attributes = std::move(attrs);
  return actions::add_customer(ctx, input).id;
}

void consent(actions::Context& ctx, const std::string& ref, const std::string& channel,
             const std::string& state) {
  actions::SetConsent input;
  input.channel = channel;
  input.state = state;
  input.source = "test";
  actions::set_consent(ctx, ref, input);
}

// Everything unmerge must restore, minus what legitimately moves on (updated_at, history).
struct Snapshot {
  util::Json customer;
  std::vector<std::pair<std::string, std::string>> consent;
  std::vector<std::int64_t> interactions, followups;
  bool operator==(const Snapshot&) const = default;
};

Snapshot snapshot(actions::Context& ctx, domain::CustomerId id) {
  auto shown = actions::show_customer(ctx, std::to_string(id));
  Snapshot s;
  s.customer = actions::customer_json(actions::resolve_customer(ctx, std::to_string(id)));
  s.customer.set("updated_at", nullptr);
  for (const auto& c : store::ConsentRepository(ctx.db()).current(id))
    s.consent.emplace_back(c.channel, c.state);
  for (const auto& i : store::InteractionRepository(ctx.db()).for_customer(id, std::nullopt, {}))
    s.interactions.push_back(i.id);
  store::FollowupQuery all;
  all.customer = id;
  all.include_done = true;
  for (const auto& f : store::FollowupRepository(ctx.db()).list(all)) s.followups.push_back(f.id);
  return s;
}

} // namespace

TEST_CASE("merge moves everything onto KEEP - unmerge restores both exactly") {
  auto ctx = make_context();
  const auto keep = add(ctx,
                        {{"email", "li.na@example.cn"},
                         {"first_name", "娜"},
                         {"city", "上海"},
                         {"external_id", "SHOP-1"}},
                        {"vip"}, {"level=1", "wechat=lina"});
  const auto other = add(ctx,
                         {{"email", "LiNa+shop@example.cn"},
                          {"last_name", "李"},
                          {"city", "北京"},
                          {"phone", "+86 138 0013 8000"},
                          {"external_id", "OLD-9"}},
                         {"wholesale", "vip"}, {"level=2", "qq=123"});
  consent(ctx, std::to_string(keep), "email", "opt-in");
  consent(ctx, std::to_string(other), "email", "opt-out");
  consent(ctx, std::to_string(other), "sms", "opt-in");
  consent(ctx, std::to_string(keep), "phone", "opt-in");
  consent(ctx, std::to_string(other), "phone", "unknown");
  actions::AddNote note;
  note.text = "called";
  actions::add_note(ctx, std::to_string(other), note);
  actions::add_note(ctx, std::to_string(keep), note);
  actions::AddFollowup followup;
  followup.due = "+3d";
  followup.text = "call back";
  actions::add_followup(ctx, std::to_string(other), followup);
  const auto keep_before = snapshot(ctx, keep);
  const auto other_before = snapshot(ctx, other);

  actions::MergeCustomers input{std::to_string(keep), std::to_string(other), "keep", true};
  const auto dry = actions::merge_customers(ctx, input);
  CHECK(dry.merge_id == 0);
  CHECK(snapshot(ctx, keep) == keep_before); // a dry run writes nothing
  CHECK(snapshot(ctx, other) == other_before);

  input.dry_run = false;
  const auto merged = actions::merge_customers(ctx, input);
  CHECK(merged.merge_id == 1);
  CHECK(merged.changed == std::vector<std::string>{"phone", "last_name", "tags", "attributes"});
  CHECK(merged.keep_after.city == "上海");    // both set: KEEP's (prefer keep)
  CHECK(merged.keep_after.last_name == "李"); // empty on KEEP: OTHER's
  CHECK(merged.keep_after.external_id == "SHOP-1");
  CHECK(merged.keep_after.tags == std::vector<std::string>{"vip", "wholesale"});
  CHECK(merged.keep_after.attributes == std::vector<std::pair<std::string, std::string>>{
                                            {"level", "1"}, {"qq", "123"}, {"wechat", "lina"}});
  const auto after = snapshot(ctx, keep);
  CHECK(after.consent == std::vector<std::pair<std::string, std::string>>{
                             {"email", "opt-out"}, {"phone", "opt-in"}, {"sms", "opt-in"}});
  CHECK(after.interactions.size() == 2);
  CHECK(after.followups.size() == 1);
  CHECK(actions::resolve_customer(ctx, std::to_string(other)).deleted_at);
  // The OTHER tombstone cannot be merged again, nor KEEP with itself.
  CHECK_THROWS_WITH_AS(actions::merge_customers(ctx, input),
                       "customer 2 was already merged into customer 1 (merge 1)",
                       util::ConflictError);

  CHECK(actions::unmerge(ctx, 1, true).merge_id == 1);
  CHECK(snapshot(ctx, keep) == after); // dry run
  actions::unmerge(ctx, 1, false);
  CHECK(snapshot(ctx, keep) == keep_before);
  CHECK(snapshot(ctx, other) == other_before);
  CHECK_THROWS_AS(actions::unmerge(ctx, 1, false), util::ConflictError);
  CHECK_THROWS_AS(actions::unmerge(ctx, 2, false), util::NotFoundError);
}

TEST_CASE("merge: OTHER's email and external id move to KEEP when KEEP has none") {
  auto ctx = make_context();
  const auto keep = add(ctx, {{"first_name", "Anna"}});
  const auto other = add(ctx, {{"email", "anna@example.de"}, {"external_id", "X-1"}});
  const auto keep_before = snapshot(ctx, keep);
  const auto other_before = snapshot(ctx, other);
  actions::merge_customers(ctx, {std::to_string(keep), std::to_string(other), "keep", false});
  CHECK(actions::resolve_customer(ctx, "anna@example.de").id == keep);
  CHECK(actions::resolve_customer(ctx, "ext:X-1").id == keep);
  actions::unmerge(ctx, 1, false);
  CHECK(actions::resolve_customer(ctx, "anna@example.de").id == other);
  CHECK(snapshot(ctx, keep) == keep_before);
  CHECK(snapshot(ctx, other) == other_before);
}

TEST_CASE("merge --prefer other and newest") {
  auto ctx = make_context("2025-01-01T00:00:00Z", "prefer.db");
  const auto keep = add(ctx, {{"first_name", "Old"}, {"city", "Bonn"}}, {}, {"a=keep"});
  const auto other = add(ctx, {{"first_name", "New"}, {"status", "active"}}, {}, {"a=other"});
  using M = actions::MergeCustomers;
  auto r = actions::merge_customers(ctx, M{"1", "2", "other", true});
  CHECK(r.keep_after.first_name == "New");
  CHECK(r.keep_after.city == "Bonn");
  CHECK(r.keep_after.status == "active");
  CHECK(r.keep_after.attributes.front().second == "other");
  // newest: equal updated_at keeps KEEP's; a later update of OTHER wins.
  r = actions::merge_customers(ctx, M{"1", "2", "newest", true});
  CHECK(r.keep_after.first_name == "Old");
  CHECK(r.keep_after.status == "lead");
  auto later = make_context("2025-02-01T00:00:00Z", "prefer.db");
  actions::EditCustomer touch;
  touch.set = {"region=NRW"};
  actions::edit_customer(later, "2", touch);
  r = actions::merge_customers(later, M{"1", "2", "newest", true});
  CHECK(r.keep_after.first_name == "New");
  CHECK(r.keep_after.region == "NRW");
  actions::edit_customer(later, "1", touch); // same time: KEEP's
  r = actions::merge_customers(later, M{"1", "2", "newest", true});
  CHECK(r.keep_after.first_name == "Old");
  CHECK_THROWS_WITH_AS(actions::merge_customers(ctx, M{"1", "2", "biggest", true}),
                       "--prefer: invalid value 'biggest': use keep, other or newest",
                       util::UsageError);
  CHECK_THROWS_AS(actions::merge_customers(ctx, M{"1", "1", "keep", true}), util::ConflictError);
  CHECK_THROWS_AS(actions::merge_customers(ctx, M{"1", "9", "keep", true}), util::NotFoundError);
  CHECK(keep == 1);
  CHECK(other == 2);
}

TEST_CASE("unmerge refuses after a later change to KEEP or OTHER") {
  auto ctx = make_context();
  add(ctx, {{"first_name", "A"}});
  add(ctx, {{"first_name", "B"}});
  actions::merge_customers(ctx, {"1", "2", "keep", false});
  actions::EditCustomer edit;
  edit.set = {"city=Köln"};
  actions::edit_customer(ctx, "1", edit);
  CHECK_THROWS_WITH_AS(actions::unmerge(ctx, 1, false),
                       "cannot unmerge 1: customer 1 was changed after the merge (update, audit "
                       "entry 6): see crm db audit --customer 1",
                       util::ConflictError);
  CHECK(actions::resolve_customer(ctx, "2").deleted_at); // nothing was undone
}
