#include <doctest/doctest.h>

#include "domain/customer.hpp"
#include "domain/validate.hpp"
#include "util/error.hpp"

using namespace crm;

TEST_CASE("emails are trimmed, kept in case, and validated") {
  CHECK(domain::normalize_email("  Li.Na@Example.CN ") == "Li.Na@Example.CN");
  CHECK(domain::normalize_email("\xE3\x80\x80li@example.cn\xE3\x80\x80") ==
        "li@example.cn"); // U+3000
  CHECK(domain::normalize_email("a+tag@sub.example.co.uk") == "a+tag@sub.example.co.uk");
  CHECK(domain::email_key(" Li.Na@Example.CN ") == "li.na@example.cn");
  for (const char* bad : {"", "plain", "a@b", "@example.com", "a@.com", "a b@example.com",
                          "a@example..com", "a@-x.com", ".a@example.com", "a..b@example.com",
                          "a@exa mple.com", "a\r\n@example.com", "a@example.com\nBcc: x@y.z"}) {
    CAPTURE(bad);
    CHECK_THROWS_AS(domain::normalize_email(bad), util::UsageError);
  }
  CHECK_THROWS_WITH(domain::normalize_email("nope"),
                    "invalid email 'nope': expected name@example.com");
}

TEST_CASE("phones accept the usual punctuation and 5 to 15 digits") {
  CHECK(domain::normalize_phone(" +86 138 0013 8000 ") == "+86 138 0013 8000");
  CHECK(domain::normalize_phone("(020) 7946-0958") == "(020) 7946-0958");
  CHECK(domain::phone_digits("+86 138-0013.8000") == "+8613800138000");
  CHECK(domain::phone_digits("(020) 7946") == "0207946");
  for (const char* bad : {"", "1234", "12345678901234567", "86+138", "call me", "138\n000"}) {
    CAPTURE(bad);
    CHECK_THROWS_AS(domain::normalize_phone(bad), util::UsageError);
  }
  CHECK_THROWS_WITH(domain::normalize_phone("x", "fax"),
                    "invalid fax 'x': expected digits such as +86 138 0013 8000");
}

TEST_CASE("countries are ISO 3166 alpha-2") {
  CHECK(domain::normalize_country("cn") == "CN");
  CHECK(domain::normalize_country(" Hk ") == "HK");
  CHECK(domain::is_country_code("ZW"));
  CHECK_FALSE(domain::is_country_code("XX"));
  CHECK_THROWS_WITH(domain::normalize_country("CHN"),
                    "invalid country 'CHN': expected an ISO 3166 alpha-2 code such as CN");
  CHECK_THROWS_AS(domain::normalize_country("UK"), util::UsageError);
}

TEST_CASE("languages, statuses, tags, attribute names") {
  CHECK(domain::normalize_language("ZH-cn") == "zh-CN");
  CHECK(domain::normalize_language("de") == "de");
  CHECK(domain::normalize_language("zh-Hant-TW") == "zh-Hant-TW");
  CHECK_THROWS_AS(domain::normalize_language("chinese simplified"), util::UsageError);
  CHECK_THROWS_AS(domain::normalize_language("z"), util::UsageError);
  CHECK(domain::normalize_status(" Active ") == "active");
  CHECK_THROWS_WITH(domain::normalize_status("vip"),
                    "invalid status 'vip': use one of lead, active, inactive");
  CHECK(domain::normalize_tag("批发") == "批发");
  CHECK(domain::normalize_tag(" vip:gold ") == "vip:gold");
  CHECK_THROWS_AS(domain::normalize_tag("two words"), util::UsageError);
  CHECK_THROWS_AS(domain::normalize_tag("a,b"), util::UsageError);
  CHECK(domain::normalize_attribute_key("wechat_id") == "wechat_id");
  CHECK_THROWS_AS(domain::normalize_attribute_key("1st"), util::UsageError);
  CHECK_THROWS_AS(domain::normalize_attribute_key("a.b"), util::UsageError);
}

TEST_CASE("consent, interaction kinds and directions") {
  CHECK(domain::normalize_channel("EMAIL") == "email");
  CHECK_THROWS_AS(domain::normalize_channel("fax"), util::UsageError);
  CHECK(domain::normalize_consent_state("optin") == "opt-in");
  CHECK(domain::normalize_consent_state("OPT_OUT") == "opt-out");
  CHECK(domain::normalize_consent_state("unknown") == "unknown");
  CHECK_THROWS_AS(domain::normalize_consent_state("maybe"), util::UsageError);
  CHECK(domain::normalize_interaction_kind("Complaint") == "complaint");
  CHECK_THROWS_AS(domain::normalize_interaction_kind("sms"), util::UsageError);
  CHECK(domain::normalize_direction("IN") == "in");
  CHECK_THROWS_AS(domain::normalize_direction("both"), util::UsageError);
}

TEST_CASE("normalize_field dispatches by name and refuses control characters") {
  CHECK(domain::normalize_field("country", "de") == "DE");
  CHECK(domain::normalize_field("city", "  上海 ") == "上海");
  CHECK_THROWS_WITH(domain::normalize_field("city", "a\x1b[31mb"),
                    "city must not contain control characters");
  CHECK_THROWS_WITH(domain::normalize_field("company", "a\nb"), "company must be a single line");
  CHECK_THROWS_WITH(domain::normalize_field("city", "   "), "city must not be empty");
}

TEST_CASE("display names put Chinese family names first") {
  domain::Customer c;
  c.first_name = "娜";
  c.last_name = "李";
  CHECK(domain::display_name(c) == "李娜");
  c.first_name = "Anna";
  c.last_name = "Schmidt";
  CHECK(domain::display_name(c) == "Anna Schmidt");
  c.first_name.reset();
  CHECK(domain::display_name(c) == "Schmidt");
  c.last_name.reset();
  c.company = "ACME";
  CHECK(domain::display_name(c) == "ACME");
  c.company.reset();
  c.email = "a@example.com";
  CHECK(domain::display_name(c) == "a@example.com");
}

TEST_CASE("text fields are addressable by name") {
  domain::Customer c;
  REQUIRE(domain::text_field(c, "city") != nullptr);
  *domain::text_field(c, "city") = "Berlin";
  CHECK(c.city == "Berlin");
  CHECK(domain::text_field(c, "status") == nullptr);
  CHECK(domain::text_field(c, "nope") == nullptr);
  CHECK(domain::text_field_names().size() == 16);
}
