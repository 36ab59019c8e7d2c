#include <doctest/doctest.h>

#include "store/customers.hpp"
#include "store/timeline.hpp"
#include "util/error.hpp"

using namespace crm;

namespace {

domain::Customer make(std::string email, std::string first, std::string last) {
  domain::Customer c;
  c.email = std::move(email);
  c.first_name = std::move(first);
  c.last_name = std::move(last);
  c.created_at = c.updated_at = 1700000000;
  return c;
}

std::vector<domain::CustomerId> ids(store::CustomerRepository& repo,
                                    const store::CustomerQuery& q) {
  std::vector<domain::CustomerId> result;
  repo.for_each(q, [&](const domain::Customer& c) { result.push_back(c.id); });
  return result;
}

} // namespace

TEST_CASE("customers round-trip with tags and attributes") {
  auto db = store::Database::open_memory();
  store::CustomerRepository repo(db);
  auto c = make("Li.Na@Example.CN", "娜", "李");
  c.tags = {"vip", "批发"};
  c.attributes = {{"wechat", "lina"}, {"zodiac", "龙"}};
  c.city = "上海";
  const auto id = repo.insert(c);
  const auto found = repo.find(id);
  REQUIRE(found);
  CHECK(found->email == "Li.Na@Example.CN");
  CHECK(found->city == "上海");
  CHECK(found->tags == std::vector<std::string>{"vip", "批发"});
  CHECK(found->attributes == c.attributes);
  CHECK(found->created_at == 1700000000);
  CHECK_FALSE(found->deleted_at);
  CHECK(repo.find_live_by_email("  li.na@example.cn ")->id == id);
  CHECK_FALSE(repo.find(id + 1));
}

TEST_CASE("email is unique among live customers, case-insensitively") {
  auto db = store::Database::open_memory();
  store::CustomerRepository repo(db);
  const auto first = repo.insert(make("a@example.com", "A", "One"));
  CHECK_THROWS_WITH_AS(repo.insert(make("A@EXAMPLE.com", "A", "Two")),
                       "email A@EXAMPLE.com is already used by customer 1", util::ConflictError);
  auto deleted = *repo.find(first);
  deleted.deleted_at = 1700000100;
  repo.update(deleted);
  CHECK_NOTHROW(repo.insert(make("a@example.com", "A", "Three")));
  CHECK_FALSE(repo.find_live_by_email("a@example.com")->id == first);
}

TEST_CASE("external ids are unique") {
  auto db = store::Database::open_memory();
  store::CustomerRepository repo(db);
  auto c = make("a@example.com", "A", "One");
  c.external_id = "SHOP-1";
  repo.insert(c);
  auto d = make("b@example.com", "B", "Two");
  d.external_id = "SHOP-1";
  CHECK_THROWS_AS(repo.insert(d), util::ConflictError);
  CHECK(repo.find_by_external_id("SHOP-1")->email == "a@example.com");
}

TEST_CASE("search finds names in either order, Chinese text, emails, phone digits") {
  auto db = store::Database::open_memory();
  store::CustomerRepository repo(db);
  auto li = make("li.na@example.cn", "娜", "李");
  li.phone = "+86 138 0013 8000";
  repo.insert(li);
  auto anna = make("anna@example.de", "Anna", "Schmidt");
  anna.company = "Müller GmbH";
  repo.insert(anna);
  store::CustomerQuery q;
  q.search = "李娜";
  CHECK(ids(repo, q) == std::vector<domain::CustomerId>{1});
  q.search = "李";
  CHECK(ids(repo, q) == std::vector<domain::CustomerId>{1});
  q.search = "SCHMIDT";
  CHECK(ids(repo, q) == std::vector<domain::CustomerId>{2});
  q.search = "anna schmidt";
  CHECK(ids(repo, q) == std::vector<domain::CustomerId>{2});
  q.search = "MÜLLER";
  CHECK(ids(repo, q) == std::vector<domain::CustomerId>{2});
  q.search = "138-0013";
  CHECK(ids(repo, q) == std::vector<domain::CustomerId>{1});
  q.search = "example";
  CHECK(ids(repo, q) == std::vector<domain::CustomerId>{1, 2});
  q.search = "%";
  CHECK(ids(repo, q).empty());
}

TEST_CASE("list filters, sorts, pages and hides deleted customers") {
  auto db = store::Database::open_memory();
  store::CustomerRepository repo(db);
  for (int i = 0; i < 5; ++i) {
    auto c = make("c" + std::to_string(i) + "@example.com", "N",
                  std::string(1, static_cast<char>('e' - i)));
    c.tags = i % 2 == 0 ? std::vector<std::string>{"even"} : std::vector<std::string>{};
    c.country = i < 2 ? "CN" : "DE";
    repo.insert(c);
  }
  auto gone = *repo.find(5);
  gone.deleted_at = 1;
  repo.update(gone);
  store::CustomerQuery q;
  CHECK(ids(repo, q) == std::vector<domain::CustomerId>{1, 2, 3, 4});
  q.tags = {"even"};
  CHECK(ids(repo, q) == std::vector<domain::CustomerId>{1, 3});
  q.tags.clear();
  q.country = "DE";
  CHECK(ids(repo, q) == std::vector<domain::CustomerId>{3, 4});
  q.country.reset();
  q.sort = "last_name";
  CHECK(ids(repo, q) == std::vector<domain::CustomerId>{4, 3, 2, 1});
  q.limit = 2;
  q.offset = 1;
  CHECK(ids(repo, q) == std::vector<domain::CustomerId>{3, 2});
  store::CustomerQuery trash;
  trash.deleted = store::CustomerQuery::Deleted::only;
  CHECK(ids(repo, trash) == std::vector<domain::CustomerId>{5});
  CHECK(repo.count({}) == 4);
}

TEST_CASE("purge removes the customer and everything hanging off it") {
  auto db = store::Database::open_memory();
  store::CustomerRepository repo(db);
  const auto id = repo.insert(make("a@example.com", "A", "B"));
  domain::Interaction note;
  note.customer_id = id;
  note.kind = "note";
  note.author = "me";
  note.text = "hello";
  store::InteractionRepository(db).insert(note);
  store::ConsentRepository(db).record(id, {"email", "opt-in", "form", 1, 2, "me"});
  repo.purge(id);
  CHECK_FALSE(repo.find(id));
  CHECK(store::InteractionRepository(db).for_customer(id, std::nullopt, std::nullopt).empty());
  CHECK(store::ConsentRepository(db).history(id).empty());
}

TEST_CASE("consent keeps the current state per channel and every change") {
  auto db = store::Database::open_memory();
  const auto id = store::CustomerRepository(db).insert(make("a@example.com", "A", "B"));
  store::ConsentRepository consents(db);
  consents.record(id, {"email", "opt-in", "form", 100, 101, "me"});
  consents.record(id, {"email", "opt-out", "link", 200, 201, "me"});
  consents.record(id, {"sms", "opt-in", "call", 150, 151, "me"});
  const auto current = consents.current(id);
  REQUIRE(current.size() == 2);
  CHECK(current[0].channel == "email");
  CHECK(current[0].state == "opt-out");
  CHECK(current[1].channel == "sms");
  const auto history = consents.history(id);
  REQUIRE(history.size() == 3);
  CHECK(history[0].at == 200);
  CHECK(history[2].at == 100);
}
