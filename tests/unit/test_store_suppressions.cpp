#include <doctest/doctest.h>

#include "store/audit.hpp"
#include "store/customers.hpp"
#include "store/suppressions.hpp"
#include "store/timeline.hpp"
#include "util/error.hpp"
#include "util/sha256.hpp"

using namespace crm;

namespace {

domain::CustomerId add_customer(store::Database& db, std::string email) {
  domain::Customer c;
  c.email = std::move(email);
  c.first_name = "Na";
  c.created_at = c.updated_at = 1700000000;
  return store::CustomerRepository(db).insert(c);
}

std::int64_t count(store::Database& db, const std::string& sql) {
  store::Statement q(db, sql);
  q.step();
  return q.get_int(0);
}

std::string text(store::Database& db, const std::string& sql) {
  store::Statement q(db, sql);
  REQUIRE(q.step());
  return q.get_text(0);
}

void audit(store::Database& db, std::optional<std::int64_t> customer, std::string command,
           std::optional<std::string> after) {
  store::AuditEntry e;
  e.at = 1700000000;
  e.user = "operator";
  e.command = std::move(command);
  e.entity = "customer";
  e.customer_id = e.entity_id = customer;
  e.action = "update";
  e.after_json = std::move(after);
  store::AuditRepository(db).record(e);
}

} // namespace

TEST_CASE("suppressions store a domain-separated hash, never the key") {
  auto db = store::Database::open_memory();
  store::SuppressionRepository repo(db);
  repo.add("email", "li.na@example.cn", "forgotten", 1700000000);
  const auto hash = store::SuppressionRepository::key_hash("email", "li.na@example.cn");
  CHECK(hash == util::sha256_hex("crm-suppression-v1:email:li.na@example.cn"));
  CHECK(text(db, "SELECT key_hash FROM suppressions") == hash);
  CHECK(count(db, "SELECT count(*) FROM suppressions WHERE instr(key_hash, 'example') > 0") == 0);
  // The same key in another channel is another entry.
  CHECK(store::SuppressionRepository::key_hash("phone", "li.na@example.cn") != hash);
}

TEST_CASE("reason_for finds the normalised key in its channel only") {
  auto db = store::Database::open_memory();
  store::SuppressionRepository repo(db);
  repo.add("email", "li.na@example.cn", "unsubscribed", 1700000000);
  repo.add("phone", "+8613800138000", "forgotten", 1700000000);
  CHECK(repo.reason_for("email", "li.na@example.cn") == "unsubscribed");
  CHECK(repo.reason_for("phone", "+8613800138000") == "forgotten");
  CHECK_FALSE(repo.reason_for("email", "Li.Na@example.cn")); // keys come normalised
  CHECK_FALSE(repo.reason_for("phone", "li.na@example.cn"));
  CHECK_FALSE(repo.reason_for("email", ""));
  CHECK(repo.find("phone", "+8613800138000")->at == 1700000000);
}

TEST_CASE("the first reason stays, except that forgotten replaces any other") {
  auto db = store::Database::open_memory();
  store::SuppressionRepository repo(db);
  repo.add("email", "a@example.com", "bounced", 1700000000);
  repo.add("email", "a@example.com", "unsubscribed", 1700000100);
  CHECK(repo.reason_for("email", "a@example.com") == "bounced");
  CHECK(repo.find("email", "a@example.com")->at == 1700000000);
  repo.add("email", "a@example.com", "forgotten", 1700000200);
  CHECK(repo.reason_for("email", "a@example.com") == "forgotten");
  CHECK(repo.find("email", "a@example.com")->at == 1700000200);
  repo.add("email", "a@example.com", "manual", 1700000300);
  repo.add("email", "a@example.com", "forgotten", 1700000400);
  CHECK(repo.reason_for("email", "a@example.com") == "forgotten");
  CHECK(repo.find("email", "a@example.com")->at == 1700000200);
  CHECK(repo.count() == 1);
}

TEST_CASE("suppressions can be counted and listed by reason") {
  auto db = store::Database::open_memory();
  store::SuppressionRepository repo(db);
  repo.add("email", "a@example.com", "bounced", 1700000000);
  repo.add("email", "b@example.com", "forgotten", 1700000100);
  repo.add("phone", "+49301234", "forgotten", 1700000200);
  repo.add("phone", "", "forgotten", 1700000300); // no digits: nothing to suppress
  CHECK(repo.count() == 3);
  CHECK(repo.count("forgotten") == 2);
  const auto forgotten = repo.list("forgotten");
  REQUIRE(forgotten.size() == 2);
  CHECK(forgotten[0].channel == "email");
  CHECK(forgotten[1].key_hash == store::SuppressionRepository::key_hash("phone", "+49301234"));
  CHECK(repo.list().size() == 3);
}

TEST_CASE("unknown channels and reasons are refused") {
  auto db = store::Database::open_memory();
  store::SuppressionRepository repo(db);
  CHECK_THROWS_WITH_AS(repo.add("fax", "123", "manual", 0),
                       "invalid suppression channel 'fax': use one of email, phone",
                       util::UsageError);
  CHECK_THROWS_WITH_AS(
      repo.add("email", "a@example.com", "spam", 0),
      "invalid suppression reason 'spam': use one of forgotten, unsubscribed, bounced, "
      "complained, manual",
      util::UsageError);
  CHECK_THROWS_AS(repo.reason_for("sms", "123"), util::UsageError);
  CHECK(repo.count() == 0);
}

TEST_CASE("forget erases the timeline and the journals, keeps anonymous facts") {
  auto db = store::Database::open_memory();
  const auto id = add_customer(db, "Li.Na@Example.cn");
  const auto other = add_customer(db, "anna@example.de");
  store::ConsentRepository(db).record(id, {"email", "opt-in", "shop", 1, 1, "operator"});
  store::InteractionRepository(db).insert({0, id, "call", "phone", "in", "wang", "about Li Na", 5});
  store::FollowupRepository(db).insert({0, id, "2025-01-01", "wang", "call Li Na", 5, {}});
  audit(db, id, "crm customer add --email Li.Na@Example.cn", R"({"email":"Li.Na@Example.cn"})");
  audit(db, other, "crm customer edit 2 --set city=x", R"({"email":"anna@example.de"})");
  // An entry about someone else that quotes the address (e.g. a former owner of it).
  audit(db, other, "crm customer edit 2", R"({"email":"LI.NA@example.cn"})");
  // A longer address containing the key is someone else's.
  audit(db, other, "crm customer edit 2", R"({"email":"oli.na@example.cn"})");
  db.exec("INSERT INTO import_batches (id, file, mode, at, os_user, command, first_created, "
          "last_created) VALUES (1, 'shop.csv', 'upsert', 1, 'op', 'crm customer import', 1, 2)");
  db.exec(R"(INSERT INTO import_updates VALUES (1, 1, '{"customer":{"email":"li.na@example.cn"}}'),
             (1, 2, '{"customer":{"email":"anna@example.de"}}'))");
  db.exec(R"(INSERT INTO merges (keep_id, other_id, at, os_user, command, journal_json) VALUES
             (1, 9, 1, 'op', 'crm customer merge 1 9', '{"keep":{"email":"li.na@example.cn"}}'),
             (2, 8, 1, 'op', 'crm customer merge 2 8', '{"keep":{"email":"anna@example.de"}}'))");

  store::PersonalDataRepository personal(db);
  CHECK(personal.imports(id).size() == 2); // created (id in 1..2) and updated
  CHECK(personal.imports(id)[0].role == "created");
  CHECK(personal.merges(id).size() == 1);
  CHECK(personal.followups(id).size() == 1);
  CHECK(personal.other_with_email(id, "li.na@example.cn") == std::nullopt);
  CHECK(personal.other_with_email(other, "li.na@example.cn") == id);

  const auto counts = personal.forget(id, std::string("li.na@example.cn"), 1700000500);
  CHECK(counts.consent_records == 2);
  CHECK(counts.interactions == 1);
  CHECK(counts.followups == 1);
  CHECK(counts.audit_entries == 2);
  CHECK(counts.import_records == 1);
  CHECK(counts.merges == 1);

  CHECK(count(db, "SELECT forgotten_at FROM customers WHERE id = 1") == 1700000500);
  CHECK(store::CustomerRepository(db).find(id)->forgotten_at == 1700000500);
  CHECK_FALSE(store::CustomerRepository(db).find(other)->forgotten_at);
  CHECK(count(db, "SELECT count(*) FROM consents") == 0);
  CHECK(count(db, "SELECT count(*) FROM consent_events") == 0);
  CHECK(text(db, "SELECT kind || ':' || text || ':' || author FROM interactions") == "call::wang");
  CHECK(count(db, "SELECT count(*) FROM followups") == 0);
  CHECK(count(db, "SELECT count(*) FROM customer_search WHERE customer_id = 1 AND text = ''") == 1);
  CHECK(count(db, "SELECT count(*) FROM audit_log WHERE instr(lower(coalesce(after_json, '') || "
                  "command), 'li.na@') > 0") == 1); // only oli.na@ is left
  CHECK(count(db, "SELECT count(*) FROM audit_log WHERE command = '(erased by forget)'") == 2);
  CHECK(count(db, "SELECT count(*) FROM import_updates") == 1);
  CHECK(count(db, "SELECT count(*) FROM merges WHERE journal_json = '{\"erased\":\"forget\"}' "
                  "AND command = '(erased by forget)' AND keep_id = 1") == 1);
  CHECK(count(db, "SELECT count(*) FROM import_batches") == 1); // aggregate facts stay
}

TEST_CASE("purge erases the customer's undo records and merge journals too") {
  auto db = store::Database::open_memory();
  const auto id = add_customer(db, "a@example.com");
  const auto other = add_customer(db, "b@example.com");
  audit(db, id, "crm customer add --email a@example.com", R"({"email":"a@example.com"})");
  db.exec("INSERT INTO import_batches (id, file, mode, at, os_user, command) VALUES "
          "(1, 'f.csv', 'upsert', 1, 'op', 'crm customer import f.csv')");
  db.exec(R"(INSERT INTO import_updates VALUES (1, 1, '{"email":"a@example.com"}'),
             (1, 2, '{"email":"b@example.com"}'))");
  db.exec(R"(INSERT INTO merges (keep_id, other_id, at, os_user, command, journal_json) VALUES
             (2, 1, 1, 'op', 'crm customer merge 2 1', '{"other":{"email":"a@example.com"}}'))");
  store::CustomerRepository(db).purge(id);
  CHECK_FALSE(store::CustomerRepository(db).find(id));
  CHECK(store::CustomerRepository(db).find(other));
  CHECK(count(db, "SELECT count(*) FROM import_updates WHERE customer_id = 1") == 0);
  CHECK(count(db, "SELECT count(*) FROM import_updates WHERE customer_id = 2") == 1);
  CHECK(text(db, "SELECT journal_json FROM merges") == R"({"erased":"purge"})");
  CHECK(text(db, "SELECT command FROM audit_log") == "(erased by purge)");
}
