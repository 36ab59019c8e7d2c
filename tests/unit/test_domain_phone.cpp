#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/phone.hpp"
#include "domain/validate.hpp"
#include "util/error.hpp"

using namespace crm;

namespace {

struct Case {
  std::string_view phone;
  std::string_view country;
  std::string_view e164;
};

struct Bad {
  std::string_view phone;
  std::string_view country;
  std::string_view message;
};

void check_cases(const std::vector<Case>& cases) {
  for (const auto& c : cases) {
    CAPTURE(c.phone);
    CAPTURE(c.country);
    CHECK(domain::phone_e164(c.phone, c.country) == c.e164);
  }
}

void check_errors(const std::vector<Bad>& cases) {
  for (const auto& c : cases) {
    CAPTURE(c.phone);
    CAPTURE(c.country);
    CHECK_THROWS_WITH_AS(domain::phone_e164(c.phone, c.country), std::string(c.message).c_str(),
                         util::UsageError);
  }
}

// Every ISO 3166-1 alpha-2 code of countries.cpp, found by asking is_country_code about AA..ZZ.
std::vector<std::string> all_countries() {
  std::vector<std::string> found;
  for (char a = 'A'; a <= 'Z'; ++a) {
    for (char b = 'A'; b <= 'Z'; ++b) {
      const std::string code{a, b};
      if (domain::is_country_code(code)) found.push_back(code);
    }
  }
  return found;
}

std::string fmt_message(std::string_view phone, std::string_view why) {
  return "invalid phone '" + std::string(phone) + "': " + std::string(why);
}

bool all_digits(std::string_view text) {
  for (const char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return !text.empty();
}

} // namespace

TEST_CASE("phone calling codes of well-known countries, any case") {
  const std::vector<std::pair<std::string_view, std::string_view>> known = {
      {"CN", "86"},  {"US", "1"},   {"CA", "1"},   {"JM", "1"},   {"PR", "1"},   {"GB", "44"},
      {"GG", "44"},  {"DE", "49"},  {"FR", "33"},  {"IT", "39"},  {"VA", "39"},  {"ES", "34"},
      {"HK", "852"}, {"MO", "853"}, {"TW", "886"}, {"JP", "81"},  {"KR", "82"},  {"KP", "850"},
      {"RU", "7"},   {"KZ", "7"},   {"IN", "91"},  {"AU", "61"},  {"CX", "61"},  {"BR", "55"},
      {"ZA", "27"},  {"EG", "20"},  {"FI", "358"}, {"AX", "358"}, {"SS", "211"}, {"ZW", "263"}};
  for (const auto& entry : known) {
    CAPTURE(entry.first);
    CHECK(domain::calling_code(entry.first) == entry.second);
  }
  CHECK(domain::calling_code("cn") == "86");
  CHECK(domain::calling_code("Hk") == "852");
  CHECK(domain::calling_code(" tw ") == "886");
  for (const std::string_view none : {"AQ", "BV", "HM", "XX", "UK", "CHN", "", "C", "1"}) {
    CAPTURE(none);
    CHECK_FALSE(domain::calling_code(none).has_value());
  }
}

TEST_CASE("phone calling codes cover countries.cpp with 1 to 3 digits and no shared prefix") {
  const auto countries = all_countries();
  REQUIRE(countries.size() == 249);
  std::vector<std::string_view> codes;
  for (const auto& country : countries) {
    CAPTURE(country);
    const auto code = domain::calling_code(country);
    const bool uninhabited = country == "AQ" || country == "BV" || country == "HM";
    CHECK(code.has_value() != uninhabited);
    if (!code) continue;
    CHECK(code->size() >= 1);
    CHECK(code->size() <= 3);
    CHECK(all_digits(*code));
    CHECK(code->front() != '0');
    CHECK(domain::calling_code(std::string{static_cast<char>(country[0] + 'a' - 'A'),
                                           static_cast<char>(country[1] + 'a' - 'A')}) == code);
    codes.push_back(*code);
  }
  // E.164 codes are prefix-free: "1" is no other code's start, nor "7", "44" or "86".
  std::vector<std::string> clashes;
  for (const auto a : codes) {
    for (const auto b : codes) {
      if (a != b && b.substr(0, a.size()) == a)
        clashes.push_back(std::string(a) + "/" + std::string(b));
    }
  }
  CHECK(clashes == std::vector<std::string>{});
  // Nothing outside the ISO list has a code.
  for (char a = 'A'; a <= 'Z'; ++a) {
    for (char b = 'A'; b <= 'Z'; ++b) {
      const std::string code{a, b};
      if (!domain::is_country_code(code)) CHECK_FALSE(domain::calling_code(code).has_value());
    }
  }
}

TEST_CASE("phone numbers with + keep their digits") {
  check_cases({
      {"+86 138 0013 8000", "", "+8613800138000"},
      {"+86-138-0013-8000", "", "+8613800138000"},
      {"  +86.138.0013.8000  ", "", "+8613800138000"},
      {"+1 (415) 555-0132", "", "+14155550132"},
      {"+44 20 7946 0018", "", "+442079460018"},
      {"+852 2123 4567", "", "+85221234567"},
      {"+7 495 123-45-67", "", "+74951234567"},
      {"+39 06 1234 5678", "", "+390612345678"},
      {"+49 30/123456", "", "+4930123456"},
      {"+86 138 0013 8000", "US", "+8613800138000"}, // + wins over the default country
      {"+44 20 7946 0018", "cn", "+442079460018"},
      {"+800 1234 5678", "", "+80012345678"}, // not in the table: taken as a 3-digit code
      {"+999 123456", "", "+999123456"},
      {"+86 0 10 1234 5678", "", "+8601012345678"},
  });
}

TEST_CASE("phone (0) after the country code is the trunk prefix and dropped") {
  check_cases({
      {"+44 (0)20 7946 0018", "", "+442079460018"},
      {"+49 (0)30 123456", "", "+4930123456"},
      {"+86 (0)10 1234 5678", "", "+861012345678"},
      {"0044 (0)20 7946 0018", "", "+442079460018"},
      {"(0)20 7946 0018", "GB", "+442079460018"}, // first: an ordinary trunk 0 in parentheses
      {"(020) 7946 0018", "GB", "+442079460018"},
  });
}

TEST_CASE("phone international prefix 00, and 011 / 0011 / 010 where they are dialled") {
  check_cases({
      {"0086 138 0013 8000", "", "+8613800138000"},
      {"00 44 20 7946 0018", "", "+442079460018"},
      {"00 1 415 555 0132", "", "+14155550132"},
      {"0044 20 7946 0018", "CN", "+442079460018"},
      {"0044 20 7946 0018", "US", "+442079460018"},
      {"0086 10 1234 5678", "IT", "+861012345678"},
      {"011 44 20 7946 0018", "US", "+442079460018"},
      {"011 86 138 0013 8000", "ca", "+8613800138000"},
      {"011-49-30-123456", "JM", "+4930123456"},
      {"0011 44 20 7946 0018", "AU", "+442079460018"},
      {"0011 1 415 555 0132", "AU", "+14155550132"},
      {"010 1 415 555 0132", "JP", "+14155550132"},
      {"010-86-138-0013-8000", "jp", "+8613800138000"},
      // Outside NANP, 011 is a trunk 0 and an area code.
      {"0113 496 0000", "GB", "+441134960000"},
      {"011 91234 5678", "BR", "+5511912345678"},
  });
}

TEST_CASE("phone national numbers of CN, HK, TW, JP, KR") {
  check_cases({
      {"138 0013 8000", "CN", "+8613800138000"},
      {"13800138000", "CN", "+8613800138000"},
      {"010 1234 5678", "CN", "+861012345678"},
      {"(0755) 8888-1234", "CN", "+8675588881234"},
      {"021-6123-4567", "CN", "+862161234567"},
      {"2123 4567", "HK", "+85221234567"},
      {"9123-4567", "HK", "+85291234567"},
      {"2888 1234", "MO", "+85328881234"},
      {"02 2345 6789", "TW", "+886223456789"},
      {"0912-345-678", "TW", "+886912345678"},
      {"03-1234-5678", "JP", "+81312345678"},
      {"090-1234-5678", "JP", "+819012345678"},
      {"010-1234-5678", "KR", "+821012345678"},
      {"02-312-3456", "KR", "+8223123456"},
  });
}

TEST_CASE("phone national numbers of NANP: trunk 1, 10 digits") {
  check_cases({
      {"(415) 555-0132", "US", "+14155550132"},
      {"415.555.0132", "US", "+14155550132"},
      {"4155550132", "us", "+14155550132"},
      {"1 (415) 555-0132", "US", "+14155550132"},
      {"1-415-555-0132", "US", "+14155550132"},
      {"14155550132", "US", "+14155550132"},
      {"(604) 555-0199", "CA", "+16045550199"},
      {"1 604 555 0199", "CA", "+16045550199"},
      {"(876) 555-0100", "JM", "+18765550100"},
  });
}

TEST_CASE("phone national numbers of Europe: trunk 0 dropped, except in Italy") {
  check_cases({
      {"020 7946 0018", "GB", "+442079460018"}, {"07700 900123", "GB", "+447700900123"},
      {"01534 123456", "JE", "+441534123456"},  {"030 123456", "DE", "+4930123456"},
      {"030/1234567", "DE", "+49301234567"},    {"0171 1234567", "DE", "+491711234567"},
      {"01 23 45 67 89", "FR", "+33123456789"}, {"06.12.34.56.78", "FR", "+33612345678"},
      {"0262 12 34 56", "RE", "+262262123456"}, {"06 1234 5678", "IT", "+390612345678"},
      {"02 1234 5678", "it", "+390212345678"},  {"347 123 4567", "IT", "+393471234567"},
      {"06 698 12345", "VA", "+390669812345"},  {"0549 123456", "SM", "+3780549123456"},
      {"912 345 678", "ES", "+34912345678"},    {"612 34 56 78", "ES", "+34612345678"},
      {"06 1 234 5678", "HU", "+3612345678"},   {"06 30 123 4567", "HU", "+36301234567"},
      {"044 123 45 67", "UA", "+380441234567"},
  });
}

TEST_CASE("phone national numbers of RU, KZ, BY: trunk 8") {
  check_cases({
      {"8 (495) 123-45-67", "RU", "+74951234567"},
      {"(495) 123-45-67", "RU", "+74951234567"},
      {"8 800 555 35 35", "RU", "+78005553535"},
      {"800 555 35 35", "RU", "+78005553535"}, // 10 digits: the 8 is the number's own
      {"8 916 123 45 67", "ru", "+79161234567"},
      {"8 727 123 4567", "KZ", "+77271234567"},
      {"8 029 123-45-67", "BY", "+375291234567"},
      {"29 123-45-67", "BY", "+375291234567"},
  });
}

TEST_CASE("phone national numbers of IN, AU, BR, and a kept leading 0 in West Africa") {
  check_cases({
      {"098765 43210", "IN", "+919876543210"},
      {"98765 43210", "IN", "+919876543210"},
      {"022 2345 6789", "IN", "+912223456789"},
      {"02 9876 5432", "AU", "+61298765432"},
      {"0412 345 678", "AU", "+61412345678"},
      {"(02) 9876-5432", "au", "+61298765432"},
      {"(11) 91234-5678", "BR", "+5511912345678"},
      {"(021) 2345-6789", "BR", "+552123456789"},
      {"07 07 12 34 56", "CI", "+2250707123456"},
      {"06 612 3456", "CG", "+242066123456"},
  });
}

TEST_CASE("phone limits: 6 digits after the country code, 15 in all") {
  check_cases({
      {"+86 123456", "", "+86123456"},
      {"123456", "CN", "+86123456"},
      {"+1 234567", "", "+1234567"},
      {"+852 123456", "", "+852123456"},
      {"+86 1380 0138 0001 2", "", "+861380013800012"}, // 15 digits
      {"+999 1234 5678 9012", "", "+999123456789012"},
  });
  check_errors({
      {"+86 12345", "", "invalid phone '+86 12345': too few digits after the country code +86"},
      {"12345", "CN", "invalid phone '12345': too few digits after the country code +86"},
      {"+1 23456", "", "invalid phone '+1 23456': too few digits after the country code +1"},
      {"+852 12345", "", "invalid phone '+852 12345': too few digits after the country code +852"},
      {"+999 12345", "", "invalid phone '+999 12345': too few digits after the country code +999"},
      {"+86 1380 0138 0001 23", "",
       "invalid phone '+86 1380 0138 0001 23': more than 15 digits with the country code"},
      {"1380 0138 0001 23", "CN",
       "invalid phone '1380 0138 0001 23': more than 15 digits with the country code"},
  });
}

TEST_CASE("phone without a country code needs a default country") {
  check_errors({
      {"138 0013 8000", "",
       "phone '138 0013 8000' has no country code: write it as +CC... or give --default-country"},
      {"020 7946 0018", "",
       "phone '020 7946 0018' has no country code: write it as +CC... or give --default-country"},
      {"011 44 20 7946 0018", "",
       "phone '011 44 20 7946 0018' has no country code: write it as +CC... or give "
       "--default-country"},
  });
}

TEST_CASE("phone default country must be a country with a calling code") {
  check_errors({
      {"138 0013 8000", "XX",
       "unknown default country 'XX': expected an ISO 3166 alpha-2 code such as CN"},
      {"138 0013 8000", "UK",
       "unknown default country 'UK': expected an ISO 3166 alpha-2 code such as CN"},
      {"138 0013 8000", "CHN",
       "unknown default country 'CHN': expected an ISO 3166 alpha-2 code such as CN"},
      {"+86 138 0013 8000", "ZZ",
       "unknown default country 'ZZ': expected an ISO 3166 alpha-2 code such as CN"},
      {"123 4567", "AQ", "country 'AQ' has no telephone country code"},
      {"123 4567", "hm", "country 'hm' has no telephone country code"},
  });
}

TEST_CASE("phone rejects letters, bad characters and a misplaced +") {
  const std::string_view chars = "use digits, spaces and - . / ( ), with an optional leading +, "
                                 "such as +86 138 0013 8000";
  for (const std::string_view bad :
       {"call me", "1-800-FLOWERS", "86+138 0013 8000", "++86 138 0013 8000", "+86 138_0013_8000",
        "+86,138,0013,8000", "+86 138 0013 8000;", "+86 138\n0013 8000", "+86 138 0013 8000 x",
        "+86 138 0013 8000 ext", "+86 138 0013 8000 #", "x123", "\xEF\xBC\x91\xEF\xBC\x93"}) {
    CAPTURE(bad);
    CHECK_THROWS_WITH_AS(domain::phone_e164(bad, "CN"), fmt_message(bad, chars).c_str(),
                         util::UsageError);
  }
  check_errors({
      {"", "CN", "invalid phone '': expected digits such as +86 138 0013 8000"},
      {"   ", "", "invalid phone '': expected digits such as +86 138 0013 8000"},
      {"+", "", "invalid phone '+': expected digits such as +86 138 0013 8000"},
      {"( ) - .", "CN", "invalid phone '( ) - .': expected digits such as +86 138 0013 8000"},
  });
}

TEST_CASE("phone extensions are rejected, not dropped") {
  for (const std::string_view bad :
       {"+44 20 7946 0018 x123", "+44 20 7946 0018x123", "+44 20 7946 0018 X 123",
        "020 7946 0018 ext. 12", "020 7946 0018 ext 12", "020 7946 0018 Ext.12",
        "020 7946 0018 extension 12", "020 7946 0018 #12"}) {
    CAPTURE(bad);
    CHECK_THROWS_WITH_AS(domain::phone_e164(bad, "GB"),
                         fmt_message(bad, "E.164 cannot hold an extension; remove it").c_str(),
                         util::UsageError);
  }
}

TEST_CASE("phone country code must not start with 0") {
  check_errors({
      {"+0 123 456 789", "", "invalid phone '+0 123 456 789': a country code cannot start with 0"},
      {"+086 138 0013 8000", "",
       "invalid phone '+086 138 0013 8000': a country code cannot start with 0"},
      {"000 86 138 0013 8000", "",
       "invalid phone '000 86 138 0013 8000': a country code cannot start with 0"},
      {"000 86 138 0013 8000", "CN",
       "invalid phone '000 86 138 0013 8000': a country code cannot start with 0"},
      {"00", "", "invalid phone '00': no digits after the international prefix"},
      {"011", "US", "invalid phone '011': no digits after the international prefix"},
  });
}

TEST_CASE("phone NANP and RU national numbers have 10 digits") {
  check_errors({
      {"555-0132", "US",
       "invalid phone '555-0132': a number in US has 10 digits after the "
       "country code"},
      {"1 415 555 01320", "US",
       "invalid phone '1 415 555 01320': a number in US has 10 digits "
       "after the country code"},
      {"(415) 555-013", "ca",
       "invalid phone '(415) 555-013': a number in CA has 10 digits "
       "after the country code"},
      {"115 555 0132", "US",
       "invalid phone '115 555 0132': an area code in US cannot start with 0 or 1"},
      {"8 495 123-45", "RU",
       "invalid phone '8 495 123-45': a number in RU has 10 digits "
       "after the country code"},
      {"8 (495) 123-45-678", "RU",
       "invalid phone '8 (495) 123-45-678': a number in RU has 10 "
       "digits after the country code"},
  });
}

TEST_CASE("phone keeps normalize_phone and phone_digits as they were") {
  CHECK(domain::normalize_phone(" +86 138 0013 8000 ") == "+86 138 0013 8000");
  CHECK(domain::phone_digits("+86 138-0013.8000") == "+8613800138000");
  CHECK(domain::phone_e164(domain::normalize_phone("(020) 7946-0018"), "GB") == "+442079460018");
}
