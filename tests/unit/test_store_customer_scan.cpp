// store::CustomerScan: the merge join of customers with their tags, attributes and consent
// gives each customer exactly its own satellites, whatever the interleaving; filters, deleted
// customers, limit/offset, and the attribute keys in use.
#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

#include "store/customer_scan.hpp"
#include "store/customers.hpp"
#include "store/timeline.hpp"

using namespace crm;

namespace {

using Pairs = std::vector<std::pair<std::string, std::string>>;
using Strings = std::vector<std::string>;

struct Seen {
  domain::CustomerId id;
  Strings tags;
  Pairs attributes, consents;
  std::optional<std::string> email;
};

domain::Customer make(const std::string& email) {
  domain::Customer c;
  c.email = email;
  c.first_name = "F " + email;
  c.created_at = c.updated_at = 1700000000;
  return c;
}

void consent(store::Database& db, domain::CustomerId id, std::string channel, std::string state) {
  domain::Consent given;
  given.channel = std::move(channel);
  given.state = std::move(state);
  given.source = "test";
  given.at = given.recorded_at = 1700000000;
  given.recorded_by = "tester";
  store::ConsentRepository(db).record(id, given);
}

std::vector<Seen> scan(store::Database& db, const store::CustomerQuery& query = {}) {
  std::vector<Seen> seen;
  store::CustomerScan(db, query).for_each([&seen](const store::ScannedCustomer& row) {
    seen.push_back({row.customer.id, row.customer.tags, row.customer.attributes, row.consents,
                    row.customer.email});
  });
  return seen;
}

std::vector<domain::CustomerId> ids(const std::vector<Seen>& seen) {
  std::vector<domain::CustomerId> result;
  for (const auto& s : seen) result.push_back(s.id);
  return result;
}

// Ten customers: satellites on some, none on others, runs of bare ones between.
struct Fixture {
  store::Database db = store::Database::open_memory();
  Fixture() {
    store::CustomerRepository repo(db);
    for (int i = 1; i <= 10; ++i) {
      auto c = make("c" + std::to_string(i) + "@example.com");
      if (i % 3 == 1) c.tags = {"t" + std::to_string(i), "vip"};
      if (i % 4 == 2) c.attributes = {{"k" + std::to_string(i), "v"}, {"z", std::to_string(i)}};
      c.status = i <= 5 ? "lead" : "active";
      c.country = i % 2 == 0 ? std::optional<std::string>("CN") : std::nullopt;
      repo.insert(c);
    }
    consent(db, 2, "sms", "opt-out");
    consent(db, 2, "email", "opt-in");
    consent(db, 9, "postal", "unknown");
    auto deleted = *repo.find(7);
    deleted.deleted_at = 1700000500;
    repo.update(deleted);
  }
};

} // namespace

TEST_CASE("customer scan: every live customer in id order with exactly its satellites") {
  Fixture f;
  const auto seen = scan(f.db);
  CHECK(ids(seen) == std::vector<domain::CustomerId>{1, 2, 3, 4, 5, 6, 8, 9, 10});
  for (const auto& s : seen) {
    CAPTURE(s.id);
    CHECK(s.email == "c" + std::to_string(s.id) + "@example.com");
    CHECK(s.tags == (s.id % 3 == 1 ? Strings{"t" + std::to_string(s.id), "vip"} : Strings{}));
    CHECK(s.attributes ==
          (s.id % 4 == 2 ? Pairs{{"k" + std::to_string(s.id), "v"}, {"z", std::to_string(s.id)}}
                         : Pairs{}));
  }
  CHECK(seen[1].consents == Pairs{{"email", "opt-in"}, {"sms", "opt-out"}});
  CHECK(seen[7].consents == Pairs{{"postal", "unknown"}});
  CHECK(seen[0].consents.empty());
  CHECK(seen[2].consents.empty());
}

TEST_CASE("customer scan: deleted customers only when asked, with their satellites") {
  Fixture f;
  store::CustomerQuery all;
  all.deleted = store::CustomerQuery::Deleted::include;
  const auto seen = scan(f.db, all);
  REQUIRE(seen.size() == 10);
  CHECK(seen[6].id == 7);
  CHECK(seen[6].tags == Strings{"t7", "vip"});
  store::CustomerQuery only;
  only.deleted = store::CustomerQuery::Deleted::only;
  CHECK(ids(scan(f.db, only)) == std::vector<domain::CustomerId>{7});
}

TEST_CASE("customer scan: filters, sparse selections and limit/offset keep satellites right") {
  Fixture f;
  store::CustomerQuery vip;
  vip.tags = {"vip"};
  const auto seen = scan(f.db, vip);
  CHECK(ids(seen) == std::vector<domain::CustomerId>{1, 4, 10});
  CHECK(seen[2].tags == Strings{"t10", "vip"});
  CHECK(seen[2].attributes == Pairs{{"k10", "v"}, {"z", "10"}});

  store::CustomerQuery cn_active;
  cn_active.country = "CN";
  cn_active.status = "active";
  CHECK(ids(scan(f.db, cn_active)) == std::vector<domain::CustomerId>{6, 8, 10});

  store::CustomerQuery search;
  search.search = "c9@";
  const auto found = scan(f.db, search);
  REQUIRE(found.size() == 1);
  CHECK(found[0].consents == Pairs{{"postal", "unknown"}});

  store::CustomerQuery page;
  page.limit = 2;
  page.offset = 1;
  CHECK(ids(scan(f.db, page)) == std::vector<domain::CustomerId>{2, 3});
}

TEST_CASE("customer scan: far apart customers (the satellite cursors seek, not step)") {
  auto db = store::Database::open_memory();
  store::CustomerRepository repo(db);
  for (int i = 1; i <= 400; ++i) {
    auto c = make("p" + std::to_string(i) + "@example.com");
    c.tags = {"n" + std::to_string(i)};
    c.attributes = {{"n", std::to_string(i)}};
    if (i % 100 == 0) c.tags.emplace_back("rare");
    repo.insert(c);
    consent(db, i, "email", i % 2 == 0 ? "opt-in" : "opt-out");
  }
  store::CustomerQuery rare;
  rare.tags = {"rare"};
  const auto seen = scan(db, rare);
  REQUIRE(ids(seen) == std::vector<domain::CustomerId>{100, 200, 300, 400});
  for (const auto& s : seen) {
    CAPTURE(s.id);
    CHECK(s.tags == Strings{"n" + std::to_string(s.id), "rare"});
    CHECK(s.attributes == Pairs{{"n", std::to_string(s.id)}});
    CHECK(s.consents == Pairs{{"email", "opt-in"}});
  }
}

TEST_CASE("customer scan: attribute keys of the matching customers only") {
  Fixture f;
  CHECK(store::CustomerScan(f.db, {}).attribute_keys() == Strings{"k10", "k2", "k6", "z"});
  store::CustomerQuery vip;
  vip.tags = {"vip"};
  CHECK(store::CustomerScan(f.db, vip).attribute_keys() == Strings{"k10", "z"});
  store::CustomerQuery page;
  page.limit = 3;
  CHECK(store::CustomerScan(f.db, page).attribute_keys() == Strings{"k2", "z"});
  store::CustomerQuery none;
  none.owner = "nobody";
  CHECK(store::CustomerScan(f.db, none).attribute_keys().empty());
  CHECK(scan(f.db, none).empty());
}

TEST_CASE("customer scan: an empty store") {
  auto db = store::Database::open_memory();
  CHECK(scan(db).empty());
  CHECK(store::CustomerScan(db, {}).attribute_keys().empty());
}
