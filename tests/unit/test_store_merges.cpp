#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "store/customers.hpp"
#include "store/merges.hpp"

using namespace crm;
using store::MatchKey;

namespace {

constexpr auto bit(MatchKey key) { return static_cast<store::MatchSet>(key); }

domain::OptText opt(const char* text) {
  return text == nullptr ? std::nullopt : std::optional<std::string>(text);
}

} // namespace

TEST_CASE("canonical_email: case, +tags, gmail dots and googlemail") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"john@example.com", "john@example.com"},
      {"  John@Example.COM ", "john@example.com"},
      {"john+shop@example.com", "john@example.com"},
      {"john+a+b@example.com", "john@example.com"},
      {"john.doe@example.com", "john.doe@example.com"}, // dots matter outside gmail
      {"John.Doe@gmail.com", "johndoe@gmail.com"},
      {"j.o.h.n.doe+news@GMAIL.com", "johndoe@gmail.com"},
      {"john.doe@googlemail.com", "johndoe@gmail.com"},
      {"john.doe@mail.google.com", "john.doe@mail.google.com"}, // not the gmail domains
      {"+only@example.com", "+only@example.com"},               // an empty local part stays
      {"...@gmail.com", "...@gmail.com"},
      {"no-at-sign", "no-at-sign"},
      {"a@b@example.com", "a@b@example.com"}, // the last '@' splits
      {"李娜+vip@例子.中国", "李娜@例子.中国"},
  };
  for (const auto& [email, key] : cases) {
    CAPTURE(email);
    CHECK(store::canonical_email(email) == key);
  }
}

TEST_CASE("phone_key: the last 9 digits, at least 7") {
  const std::vector<std::pair<std::string, std::optional<std::string>>> cases = {
      {"+86 138 0013 8000", "800138000"},
      {"138-0013-8000", "800138000"},
      {"(0086) 138.0013.8000", "800138000"},
      {"+49 30 1234 5678", "012345678"},
      {"030 1234 5678", "012345678"},
      {"1234567", "1234567"},
      {"12345678", "12345678"},
      {"123456", std::nullopt},
      {"+1 23", std::nullopt},
      {"", std::nullopt},
  };
  for (const auto& [phone, key] : cases) {
    CAPTURE(phone);
    CHECK(store::phone_key(phone) == key);
  }
}

TEST_CASE("name_key: folded, sorted tokens - Han names by character") {
  using T = std::tuple<const char*, const char*, std::optional<std::string>>;
  const std::vector<T> cases = {
      {"Wang", "Xiaoming", "wang xiaoming"},
      {"Xiaoming", "WANG", "wang xiaoming"},
      {"  xiaoming  ", " wang", "wang xiaoming"},
      {"Anne-Marie", "Dupont", "anne-marie dupont"},
      {"J.", "Smith", "j smith"},
      {"Ｊｏｈｎ", "Doe", "doe john"}, // NFKC: full-width letters
      {"STRASSE", nullptr, "strasse"},
      {"Straße", nullptr, "strasse"}, // case folding
      {"娜", "李", "娜李"},           // sorted by code point: 娜 U+5A1C, 李 U+674E
      {"李", "娜", "娜李"},
      {"李娜", nullptr, "娜李"},
      {nullptr, "李 娜", "娜李"},
      {"李　娜", nullptr, "娜李"}, // ideographic space
      {"娜", "Li", "li 娜"},       // mixed scripts: tokens
      {nullptr, nullptr, std::nullopt},
      {"  ", "", std::nullopt},
  };
  for (const auto& [first, last, key] : cases) {
    CAPTURE(first == nullptr ? "(null)" : first);
    CAPTURE(last == nullptr ? "(null)" : last);
    CHECK(store::name_key(opt(first), opt(last)) == key);
  }
}

TEST_CASE("city_key and name_city_key") {
  CHECK(store::city_key(std::string("  New   York ")) == "new york");
  CHECK(store::city_key(std::string("上海市")) == "上海");
  CHECK(store::city_key(std::string("上海")) == "上海");
  CHECK(store::city_key(std::string("市")) == "市"); // nothing left: kept
  CHECK(store::city_key(std::string(" ")) == std::nullopt);
  CHECK(store::city_key(std::nullopt) == std::nullopt);
  CHECK(store::name_city_key(std::string("娜"), std::string("李"), std::string("上海市")) ==
        "娜李|上海");
  CHECK(store::name_city_key(std::string("Li"), std::nullopt, std::nullopt) == std::nullopt);
  CHECK(store::name_city_key(std::nullopt, std::nullopt, std::string("Berlin")) == std::nullopt);
}

TEST_CASE("dupe_score: every combination of keys") {
  using W = store::ScoreWeights;
  for (store::MatchSet set = 0; set < 32; ++set) {
    CAPTURE(set);
    int expected = 0;
    if ((set & bit(MatchKey::email)) != 0) expected += W::email;
    if ((set & bit(MatchKey::phone)) != 0) expected += W::phone;
    if ((set & bit(MatchKey::name_city)) != 0) expected += W::name_city;
    if (expected > 0) {
      if ((set & bit(MatchKey::company)) != 0) expected += W::company;
      if ((set & bit(MatchKey::postcode)) != 0) expected += W::postcode;
    }
    CHECK(store::dupe_score(set) == std::min(expected, 100));
  }
  CHECK(store::dupe_score(bit(MatchKey::email)) == 60);
  CHECK(store::dupe_score(bit(MatchKey::phone) | bit(MatchKey::name_city)) == 60);
  CHECK(store::dupe_score(bit(MatchKey::email) | bit(MatchKey::phone) | bit(MatchKey::name_city)) ==
        100);
  CHECK(store::dupe_score(bit(MatchKey::company) | bit(MatchKey::postcode)) == 0);
  CHECK(store::match_names(31) ==
        std::vector<std::string>{"email", "phone", "name+city", "company", "postcode"});
  CHECK(store::match_names(bit(MatchKey::phone) | bit(MatchKey::company)) ==
        std::vector<std::string>{"phone", "company"});
}

namespace {

domain::Customer person(const char* email, const char* phone, const char* first, const char* last,
                        const char* city, const char* company = nullptr) {
  domain::Customer c;
  c.email = opt(email);
  c.phone = opt(phone);
  c.first_name = opt(first);
  c.last_name = opt(last);
  c.city = opt(city);
  c.company = opt(company);
  c.created_at = c.updated_at = 1700000000;
  return c;
}

using Found = std::vector<std::tuple<domain::CustomerId, domain::CustomerId, int>>;

Found scan(store::Database& db, store::DupeScanOptions options, store::DupeScanSummary* out) {
  Found found;
  const auto summary = store::scan_duplicates(db, options, [&](const store::DupePair& p) {
    CHECK(p.first < p.second);
    CHECK(p.score == store::dupe_score(p.matched));
    found.emplace_back(p.first, p.second, p.score);
  });
  if (out != nullptr) *out = summary;
  return found;
}

} // namespace

TEST_CASE("scan_duplicates pairs within blocks, best first, live customers only") {
  auto db = store::Database::open_memory();
  store::CustomerRepository repo(db);
  repo.insert(person("John.Doe@gmail.com", "+49 30 1234 5678", "John", "Doe", "Berlin"));     // 1
  repo.insert(person("johndoe@googlemail.com", nullptr, "Doe", "John", "berlin"));            // 2
  repo.insert(person("x@example.com", "030 1234 5678", nullptr, nullptr, nullptr));           // 3
  repo.insert(person("li@example.cn", "138 0013 8000", "娜", "李", "上海", "ACME"));          // 4
  repo.insert(person("na@example.cn", "+86 13800138000", "李娜", nullptr, "上海市", "acme")); // 5
  auto gone = person("john.doe+old@gmail.com", nullptr, "John", "Doe", "Berlin");             // 6
  gone.deleted_at = 1700000001;
  repo.insert(gone);

  store::DupeScanOptions all;
  all.blocking = bit(MatchKey::email) | bit(MatchKey::phone) | bit(MatchKey::name_city);
  all.min_score = 0;
  store::DupeScanSummary summary;
  CHECK(scan(db, all, &summary) ==
        Found{{1, 2, 90}, {4, 5, 70}, {1, 3, 30}}); // 6 is deleted: never paired
  CHECK(summary.customers == 5);
  CHECK(summary.pairs == 3);
  CHECK(summary.skipped.empty());

  all.min_score = 50;
  CHECK(scan(db, all, nullptr) == Found{{1, 2, 90}, {4, 5, 70}});

  store::DupeScanOptions phone_only = all;
  phone_only.blocking = bit(MatchKey::phone);
  phone_only.min_score = 0;
  CHECK(scan(db, phone_only, nullptr) == Found{{4, 5, 40}, {1, 3, 30}}); // 40: phone + company

  // A key shared by more than max_block customers is skipped and reported.
  for (int i = 0; i < 3; ++i)
    repo.insert(person(nullptr, "138 0013 8000", nullptr, nullptr, nullptr));
  phone_only.max_block = 4;
  CHECK(scan(db, phone_only, &summary) == Found{{1, 3, 30}});
  REQUIRE(summary.skipped.size() == 1);
  CHECK(summary.skipped[0].key == MatchKey::phone);
  CHECK(summary.skipped[0].value == "800138000");
  CHECK(summary.skipped[0].size == 5);
  // The scan leaves nothing behind and can run again on the same connection.
  CHECK(scan(db, phone_only, nullptr) == Found{{1, 3, 30}});
}
