#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "domain/money.hpp"
#include "util/error.hpp"

using namespace crm;
using domain::Currency;

namespace {

constexpr std::int64_t max64 = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t min64 = std::numeric_limits<std::int64_t>::min();

const Currency& cur(std::string_view code) { return domain::currency(code); }

struct Amount {
  std::string_view text;
  std::string_view currency;
  std::int64_t minor;
};

struct Refusal {
  std::string_view text;
  std::string_view currency;
  std::string_view message;
};

void check_parses(const std::vector<Amount>& cases, bool allow_negative = true) {
  for (const auto& c : cases) {
    CAPTURE(c.text);
    CAPTURE(c.currency);
    CHECK(domain::parse_amount(c.text, cur(c.currency), allow_negative) == c.minor);
  }
}

void check_refused(const std::vector<Refusal>& cases, bool allow_negative = true) {
  for (const auto& c : cases) {
    CAPTURE(c.text);
    CAPTURE(c.currency);
    CHECK_THROWS_WITH_AS((void)domain::parse_amount(c.text, cur(c.currency), allow_negative),
                         std::string(c.message).c_str(), util::UsageError);
  }
}

// Deterministic spread of values over the whole int64 range (splitmix64).
std::vector<std::int64_t> sample_values() {
  std::vector<std::int64_t> values = {0,  1,   -1,  5,    -5,    9,     -9,        10,       -10,
                                      99, -99, 100, -100, max64, min64, max64 - 1, min64 + 1};
  std::int64_t power = 1;
  for (int i = 0; i < 18; ++i) {
    power *= 10;
    for (const std::int64_t v : {power - 1, power, power + 1}) {
      values.push_back(v);
      values.push_back(-v);
    }
  }
  std::uint64_t state = 42;
  for (int i = 0; i < 500; ++i) {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30U)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27U)) * 0x94D049BB133111EBULL;
    z ^= z >> 31U;
    values.push_back(static_cast<std::int64_t>(z));
    values.push_back(static_cast<std::int64_t>(z >> (static_cast<unsigned>(i) % 60U)));
  }
  return values;
}

} // namespace

TEST_CASE("money: the currency table is ISO 4217 codes sorted by code, each once") {
  const auto& all = domain::currencies();
  CHECK(all.size() >= 150);
  std::set<std::string_view> seen;
  for (std::size_t i = 0; i < all.size(); ++i) {
    const auto& c = all[i];
    CAPTURE(c.code);
    REQUIRE(c.code.size() == 3);
    for (const char ch : c.code) CHECK((ch >= 'A' && ch <= 'Z'));
    CHECK((c.decimals == 0 || c.decimals == 2 || c.decimals == 3 || c.decimals == 4));
    CHECK_FALSE(c.name.empty());
    if (i > 0) CHECK(all[i - 1].code < c.code);
    CHECK(seen.insert(c.code).second);
    CHECK(domain::find_currency(c.code) == &c);
  }
}

TEST_CASE("money: minor units of every decimal class (0, 2, 3, 4)") {
  const std::vector<std::pair<std::string_view, int>> expected = {
      {"JPY", 0}, {"KRW", 0}, {"VND", 0}, {"CLP", 0}, {"ISK", 0}, {"PYG", 0}, {"UGX", 0},
      {"XAF", 0}, {"XOF", 0}, {"XPF", 0}, {"CNY", 2}, {"USD", 2}, {"EUR", 2}, {"GBP", 2},
      {"HKD", 2}, {"TWD", 2}, {"CHF", 2}, {"INR", 2}, {"KWD", 3}, {"BHD", 3}, {"OMR", 3},
      {"JOD", 3}, {"TND", 3}, {"LYD", 3}, {"IQD", 3}, {"CLF", 4}, {"UYW", 4}};
  for (const auto& [code, decimals] : expected) {
    CAPTURE(code);
    const auto* c = domain::find_currency(code);
    REQUIRE(c != nullptr);
    CHECK(c->decimals == decimals);
  }
  CHECK(domain::find_currency("CNY")->name == "Chinese yuan");
}

TEST_CASE("money: find_currency wants an exact active code") {
  for (const std::string_view code :
       {"", "cny", " CNY", "CNY ", "CN", "CNYY", "RMB", "XAU", "XXX", "XTS", "HRK", "VEF", "ZWL"}) {
    CAPTURE(code);
    CHECK(domain::find_currency(code) == nullptr);
  }
}

TEST_CASE("money: currency() trims and upper-cases") {
  CHECK(cur(" cny ").code == "CNY");
  CHECK(cur("Usd").code == "USD");
  CHECK(cur("\tkwd\n").code == "KWD");
}

TEST_CASE("money: currency() refuses unknown codes, with a hint or the nearest code") {
  const std::vector<std::pair<std::string_view, std::string_view>> cases = {
      {"RMB", "unknown currency 'RMB': use an ISO 4217 code (CNY)"},
      {"rmb", "unknown currency 'RMB': use an ISO 4217 code (CNY)"},
      {"NTD", "unknown currency 'NTD': use an ISO 4217 code (TWD)"},
      {"€", "unknown currency '€': use an ISO 4217 code (EUR)"},
      {"¥", "unknown currency '¥': use an ISO 4217 code (CNY or JPY)"},
      {"HRK", "unknown currency 'HRK': use an ISO 4217 code (EUR)"},
      {"CYN", "unknown currency 'CYN' (did you mean 'CNY'?): use an ISO 4217 code"},
      {"usdd", "unknown currency 'USDD' (did you mean 'USD'?): use an ISO 4217 code"},
      {"ZZZZZ", "unknown currency 'ZZZZZ': use an ISO 4217 code such as CNY, USD or EUR"},
      {"XAU", "unknown currency 'XAU' (did you mean 'XAF'?): use an ISO 4217 code"},
      {"", "the currency is empty: use an ISO 4217 code such as CNY, USD or EUR"},
      {"   ", "the currency is empty: use an ISO 4217 code such as CNY, USD or EUR"},
  };
  for (const auto& [text, message] : cases) {
    CAPTURE(text);
    CHECK_THROWS_WITH_AS((void)cur(text), std::string(message).c_str(), util::UsageError);
  }
}

TEST_CASE("money: parse_amount in a currency without decimals (JPY)") {
  check_parses({{"0", "JPY", 0},
                {"1200", "JPY", 1200},
                {"-3", "JPY", -3},
                {"+7", "JPY", 7},
                {"1200.00", "JPY", 1200},
                {"1200.0", "JPY", 1200},
                {"007", "JPY", 7},
                {"9223372036854775807", "JPY", max64},
                {"-9223372036854775808", "JPY", min64}});
}

TEST_CASE("money: parse_amount in a currency with 2 decimals (CNY)") {
  check_parses({{"12.5", "CNY", 1250},
                {"12.50", "CNY", 1250},
                {"0.05", "CNY", 5},
                {"-3", "CNY", -300},
                {"+7", "CNY", 700},
                {"1200", "CNY", 120000},
                {"-0.01", "CNY", -1},
                {"0.1", "CNY", 10},
                {"12.340", "CNY", 1234},
                {"12.3400000000000000000000", "CNY", 1234},
                {"  12.50\t", "CNY", 1250},
                {"0000012.50", "CNY", 1250},
                {"92233720368547758.07", "CNY", max64},
                {"-92233720368547758.08", "CNY", min64}});
}

TEST_CASE("money: parse_amount in a currency with 3 decimals (KWD)") {
  check_parses({{"1.25", "KWD", 1250},
                {"1.250", "KWD", 1250},
                {"0.001", "KWD", 1},
                {"-0.005", "KWD", -5},
                {"7", "KWD", 7000},
                {"9223372036854775.807", "KWD", max64},
                {"-9223372036854775.808", "KWD", min64}});
}

TEST_CASE("money: parse_amount in a currency with 4 decimals (CLF)") {
  check_parses({{"1", "CLF", 10000},
                {"0.0001", "CLF", 1},
                {"37.1234", "CLF", 371234},
                {"-2.5", "CLF", -25000},
                {"922337203685477.5807", "CLF", max64},
                {"-922337203685477.5808", "CLF", min64}});
}

TEST_CASE("money: minus zero is zero, even where negatives are refused") {
  for (const std::string_view text : {"-0", "-0.00", "+0", "-0.000"}) {
    CAPTURE(text);
    CHECK(domain::parse_amount(text, cur("CNY")) == 0);
  }
}

TEST_CASE("money: parse_amount refuses what is not a plain decimal number") {
  const std::string_view why =
      "is not a plain decimal number: write digits with an optional '.' and more digits (e.g. "
      "1234.50), without thousands separators or symbols";
  std::vector<Refusal> cases;
  for (const std::string_view text :
       {"1,234.50", "12,50", "¥12",   "12¥",   "1e3",  ".",    "-",   "+",
        "+-1",      "--1",   "1.2.3", "12 50", "- 12", "0x10", "abc", "12.5a",
        "１２",     "1_000", "nan",   "inf",   "-.",   "..5",  "5..", "12.-5"}) {
    cases.push_back({text, "CNY", ""});
  }
  for (const auto& c : cases) {
    CAPTURE(c.text);
    const std::string message = "'" + std::string(c.text) + "' " + std::string(why);
    CHECK_THROWS_WITH_AS((void)domain::parse_amount(c.text, cur("CNY"), true), message.c_str(),
                         util::UsageError);
  }
  check_refused({{"", "CNY", "'' is empty: write an amount such as 12.50"},
                 {"  ", "CNY", "'' is empty: write an amount such as 12.50"}});
}

TEST_CASE("money: a bare point on either side is refused, saying what to write") {
  check_refused({{"5.", "CNY", "'5.' is not a plain decimal number: write 5"},
                 {".5", "CNY", "'.5' is not a plain decimal number: write 0.5"},
                 {"-.5", "CNY", "'-.5' is not a plain decimal number: write -0.5"},
                 {"+12.", "CNY", "'+12.' is not a plain decimal number: write +12"},
                 {".05", "KWD", "'.05' is not a plain decimal number: write 0.05"},
                 {"100.", "JPY", "'100.' is not a plain decimal number: write 100"}});
}

TEST_CASE("money: more decimals than the currency allows are refused") {
  check_refused({{"1.5", "JPY", "'1.5' has more decimals than JPY allows (0)"},
                 {"1200.01", "JPY", "'1200.01' has more decimals than JPY allows (0)"},
                 {"12.345", "CNY", "'12.345' has more decimals than CNY allows (2)"},
                 {"12.3401", "CNY", "'12.3401' has more decimals than CNY allows (2)"},
                 {"-0.001", "CNY", "'-0.001' has more decimals than CNY allows (2)"},
                 {"1.2345", "KWD", "'1.2345' has more decimals than KWD allows (3)"},
                 {"1.00001", "CLF", "'1.00001' has more decimals than CLF allows (4)"},
                 {"0.000000000000000000001", "USD",
                  "'0.000000000000000000001' has more decimals than USD allows (2)"}});
}

TEST_CASE("money: negative amounts are refused unless allowed") {
  check_refused(
      {{"-3", "CNY", "'-3' must not be negative"},
       {"-0.01", "CNY", "'-0.01' must not be negative"},
       {" -1 ", "JPY", "'-1' must not be negative"},
       {"-99999999999999999999999", "CNY", "'-99999999999999999999999' must not be negative"}},
      false);
  CHECK(domain::parse_amount("3", cur("CNY"), false) == 300);
  CHECK(domain::parse_amount("-3", cur("CNY"), true) == -300);
}

TEST_CASE("money: amounts beyond 64 bits are refused, naming the range") {
  check_refused(
      {{"92233720368547758.08", "CNY",
        "'92233720368547758.08' is out of range: amounts in CNY must lie within "
        "-92233720368547758.08 and 92233720368547758.07"},
       {"-92233720368547758.09", "CNY",
        "'-92233720368547758.09' is out of range: amounts in CNY must lie within "
        "-92233720368547758.08 and 92233720368547758.07"},
       {"9223372036854775808", "JPY",
        "'9223372036854775808' is out of range: amounts in JPY must lie within "
        "-9223372036854775808 and 9223372036854775807"},
       {"922337203685477.5808", "CLF",
        "'922337203685477.5808' is out of range: amounts in CLF must lie within "
        "-922337203685477.5808 and 922337203685477.5807"},
       {"18446744073709551616", "JPY",
        "'18446744073709551616' is out of range: amounts in JPY must lie within "
        "-9223372036854775808 and 9223372036854775807"},
       {std::string_view("100000000000000000000000000000000000000000"), "JPY",
        "'100000000000000000000000000000000000000000' is out of range: amounts in JPY must lie "
        "within -9223372036854775808 and 9223372036854775807"}});
}

TEST_CASE("money: format_amount in every decimal class") {
  const std::vector<Amount> cases = {{"1200", "JPY", 1200},
                                     {"-3", "JPY", -3},
                                     {"0", "JPY", 0},
                                     {"12.50", "CNY", 1250},
                                     {"0.05", "CNY", 5},
                                     {"-0.05", "CNY", -5},
                                     {"0.00", "CNY", 0},
                                     {"-3.00", "CNY", -300},
                                     {"1.250", "KWD", 1250},
                                     {"0.001", "KWD", 1},
                                     {"-0.001", "KWD", -1},
                                     {"0.0001", "CLF", 1},
                                     {"37.1234", "CLF", 371234},
                                     {"-1.0000", "CLF", -10000},
                                     {"92233720368547758.07", "CNY", max64},
                                     {"-92233720368547758.08", "CNY", min64},
                                     {"-9223372036854775808", "JPY", min64},
                                     {"-922337203685477.5808", "UYW", min64}};
  for (const auto& c : cases) {
    CAPTURE(c.minor);
    CAPTURE(c.currency);
    CHECK(domain::format_amount(c.minor, cur(c.currency)) == c.text);
  }
}

TEST_CASE("money: format then parse is the identity in every currency, to the int64 limits") {
  const auto values = sample_values();
  for (const auto& c : domain::currencies()) {
    CAPTURE(c.code);
    for (const std::int64_t v : values) {
      CAPTURE(v);
      const std::string text = domain::format_amount(v, c);
      REQUIRE(domain::parse_amount(text, c, true) == v);
      // The printed form has exactly the currency's decimals.
      const auto point = text.find('.');
      if (c.decimals == 0) {
        CHECK(point == std::string::npos);
      } else {
        REQUIRE(point != std::string::npos);
        CHECK(text.size() - point - 1 == static_cast<std::size_t>(c.decimals));
      }
    }
  }
}

TEST_CASE("money: parse then format gives the canonical text") {
  const std::vector<std::pair<std::string_view, std::string_view>> cases = {
      {"12.5", "12.50"}, {"+7", "7.00"}, {"-0", "0.00"}, {"007.1", "7.10"}, {"12.340", "12.34"}};
  for (const auto& [text, canonical] : cases) {
    CAPTURE(text);
    CHECK(domain::format_amount(domain::parse_amount(text, cur("CNY"), true), cur("CNY")) ==
          canonical);
  }
}

TEST_CASE("money: checked add, sub and mul") {
  CHECK(domain::money_add(1250, 5) == 1255);
  CHECK(domain::money_add(max64, 0) == max64);
  CHECK(domain::money_add(max64, min64) == -1);
  CHECK(domain::money_sub(5, 1250) == -1245);
  CHECK(domain::money_sub(min64 + 1, 1) == min64);
  CHECK(domain::money_mul(1250, 3) == 3750);
  CHECK(domain::money_mul(-1250, 3) == -3750);
  CHECK(domain::money_mul(max64, 1) == max64);
  CHECK(domain::money_mul(0, max64) == 0);
  CHECK(domain::money_mul(max64 / 2, 2) == max64 - 1);
}

TEST_CASE("money: overflow is refused as amount out of range") {
  const char* message = "amount out of range";
  CHECK_THROWS_WITH_AS((void)domain::money_add(max64, 1), message, util::UsageError);
  CHECK_THROWS_WITH_AS((void)domain::money_add(min64, -1), message, util::UsageError);
  CHECK_THROWS_WITH_AS((void)domain::money_sub(min64, 1), message, util::UsageError);
  CHECK_THROWS_WITH_AS((void)domain::money_sub(0, min64), message, util::UsageError);
  CHECK_THROWS_WITH_AS((void)domain::money_sub(max64, -1), message, util::UsageError);
  CHECK_THROWS_WITH_AS((void)domain::money_mul(max64, 2), message, util::UsageError);
  CHECK_THROWS_WITH_AS((void)domain::money_mul(min64, -1), message, util::UsageError);
  CHECK_THROWS_WITH_AS((void)domain::money_mul(4611686018427387904, 2), message, util::UsageError);
  CHECK_THROWS_WITH_AS((void)domain::money_mul(-4611686018427387905, 2), message, util::UsageError);
  CHECK(domain::money_mul(-4611686018427387904, 2) == min64);
}

TEST_CASE("money: money_div_round rounds half away from zero, both signs") {
  struct Case {
    std::int64_t a, n, expected;
  };
  const std::vector<Case> cases = {{0, 3, 0},
                                   {6, 3, 2},
                                   {7, 3, 2},
                                   {8, 3, 3},
                                   {5, 2, 3},
                                   {3, 2, 2},
                                   {1, 2, 1},
                                   {1, 3, 0},
                                   {-1, 2, -1},
                                   {-1, 3, 0},
                                   {-5, 2, -3},
                                   {-3, 2, -2},
                                   {-7, 3, -2},
                                   {-8, 3, -3},
                                   {-6, 3, -2},
                                   {12345, 1, 12345},
                                   {-12345, 1, -12345},
                                   {10001, 2, 5001},
                                   {9999, 2, 5000},
                                   {-9999, 2, -5000},
                                   {2, 4, 1},
                                   {-2, 4, -1},
                                   {max64, 1, max64},
                                   {min64, 1, min64},
                                   {max64, 2, 4611686018427387904},
                                   {min64, 2, -4611686018427387904},
                                   {min64 + 1, 2, -4611686018427387904},
                                   {max64, max64, 1},
                                   {min64, max64, -1},
                                   {max64 / 2, max64, 0},
                                   {max64 / 2 + 1, max64, 1},
                                   {-(max64 / 2) - 1, max64, -1}};
  for (const auto& c : cases) {
    CAPTURE(c.a);
    CAPTURE(c.n);
    CHECK(domain::money_div_round(c.a, c.n) == c.expected);
  }
}

TEST_CASE("money: money_div_round wants a positive divisor") {
  CHECK_THROWS_AS((void)domain::money_div_round(10, 0), std::invalid_argument);
  CHECK_THROWS_AS((void)domain::money_div_round(10, -2), std::invalid_argument);
}

TEST_CASE("money: parse_rate keeps the exact decimal") {
  struct Case {
    std::string_view text;
    std::int64_t mantissa;
    int scale;
  };
  const std::vector<Case> cases = {{"7.1034", 71034, 4},
                                   {"7.10", 710, 2},
                                   {"1", 1, 0},
                                   {" 150 ", 150, 0},
                                   {"0.005", 5, 3},
                                   {"0.000000000001", 1, 12},
                                   {"007.5", 75, 1},
                                   {"9223372036854775807", max64, 0},
                                   {"9223372.036854775807", max64, 12}};
  for (const auto& c : cases) {
    CAPTURE(c.text);
    const auto rate = domain::parse_rate(c.text);
    CHECK(rate.mantissa == c.mantissa);
    CHECK(rate.scale == c.scale);
  }
}

TEST_CASE("money: parse_rate refuses anything but a positive plain decimal") {
  const std::vector<std::pair<std::string_view, std::string_view>> cases = {
      {"0", "rate '0' must be greater than 0"},
      {"0.000", "rate '0.000' must be greater than 0"},
      {"-7.1", "rate '-7.1' must be greater than 0"},
      {"+7.1", "rate '+7.1' is not a plain decimal number: write e.g. 7.10"},
      {"7,10", "rate '7,10' is not a plain decimal number: write e.g. 7.10"},
      {"", "rate '' is not a plain decimal number: write e.g. 7.10"},
      {".5", "rate '.5' is not a plain decimal number: write e.g. 7.10"},
      {"7.", "rate '7.' is not a plain decimal number: write e.g. 7.10"},
      {"1e3", "rate '1e3' is not a plain decimal number: write e.g. 7.10"},
      {"0.0000000000001", "rate '0.0000000000001' has more than 12 decimals"},
      {"9223372036854775808", "rate '9223372036854775808' has too many digits"},
      {"92233720368.54775808", "rate '92233720368.54775808' has too many digits"}};
  for (const auto& [text, message] : cases) {
    CAPTURE(text);
    CHECK_THROWS_WITH_AS((void)domain::parse_rate(text), std::string(message).c_str(),
                         util::UsageError);
  }
}

namespace {

struct Conversion {
  std::int64_t minor;
  std::string_view from, to, rate;
  std::int64_t expected;
};

void check_conversions(const std::vector<Conversion>& cases) {
  for (const auto& c : cases) {
    CAPTURE(c.minor);
    CAPTURE(c.from);
    CAPTURE(c.to);
    CAPTURE(c.rate);
    CHECK(domain::convert(c.minor, cur(c.from), cur(c.to), domain::parse_rate(c.rate)) ==
          c.expected);
  }
}

} // namespace

TEST_CASE("money: convert between currencies with the same decimals") {
  check_conversions({{100, "USD", "CNY", "7.10", 710},
                     {1250, "USD", "CNY", "7.10", 8875},
                     {-1250, "USD", "CNY", "7.10", -8875},
                     {0, "USD", "CNY", "7.10", 0},
                     {1, "EUR", "CNY", "7.8512", 8},
                     {12345, "CNY", "CNY", "1", 12345},
                     {max64, "CNY", "CNY", "1", max64},
                     {min64, "CNY", "CNY", "1", min64},
                     {max64, "CNY", "CNY", "1.000000000000", max64}});
}

TEST_CASE("money: convert rounds exact halves to even, positive and negative") {
  // 1 CNY = 1 JPY at rate 1: 2 decimals -> 0, so x.50 is a tie.
  check_conversions({{50, "CNY", "JPY", "1", 0},
                     {150, "CNY", "JPY", "1", 2},
                     {250, "CNY", "JPY", "1", 2},
                     {350, "CNY", "JPY", "1", 4},
                     {-50, "CNY", "JPY", "1", 0},
                     {-150, "CNY", "JPY", "1", -2},
                     {-250, "CNY", "JPY", "1", -2},
                     {-350, "CNY", "JPY", "1", -4},
                     {249, "CNY", "JPY", "1", 2},
                     {251, "CNY", "JPY", "1", 3},
                     {-249, "CNY", "JPY", "1", -2},
                     {-251, "CNY", "JPY", "1", -3},
                     // ties made by the rate: 0.5 fen per yen
                     {1, "JPY", "CNY", "0.005", 0},
                     {3, "JPY", "CNY", "0.005", 2},
                     {5, "JPY", "CNY", "0.005", 2},
                     {7, "JPY", "CNY", "0.005", 4},
                     {-3, "JPY", "CNY", "0.005", -2},
                     {-5, "JPY", "CNY", "0.005", -2},
                     {4611686018427387903, "CNY", "CNY", "0.5", 2305843009213693952},
                     {4611686018427387901, "CNY", "CNY", "0.5", 2305843009213693950},
                     {max64, "CNY", "CNY", "0.5", 4611686018427387904},
                     {min64, "CNY", "CNY", "0.5", -4611686018427387904}});
}

TEST_CASE("money: convert to a currency with more decimals") {
  check_conversions({{1, "JPY", "CNY", "0.0482", 5}, // 4.82 fen
                     {100, "JPY", "CNY", "0.0482", 482},
                     {1, "JPY", "KWD", "0.0025", 2}, // 2.5 fils, tie -> even
                     {3, "JPY", "KWD", "0.0025", 8}, // 7.5 fils, tie -> even
                     {-3, "JPY", "KWD", "0.0025", -8},
                     {1, "JPY", "CLF", "1", 10000},
                     {100, "USD", "KWD", "0.307", 307},
                     {1, "CNY", "CLF", "0.00025", 0}, // 0.025 of 0.0001
                     {3, "CNY", "CLF", "0.005", 2},   // 1.5 -> 2
                     {5, "CNY", "CLF", "0.005", 2}}); // 2.5 -> 2
}

TEST_CASE("money: convert to a currency with fewer decimals") {
  check_conversions({{1, "KWD", "JPY", "500", 0}, // 0.5 yen, tie -> even
                     {3, "KWD", "JPY", "500", 2}, // 1.5 -> 2
                     {5, "KWD", "JPY", "500", 2}, // 2.5 -> 2
                     {-5, "KWD", "JPY", "500", -2},
                     {1000, "KWD", "JPY", "485.37", 485},
                     {1000, "KWD", "CNY", "23.456", 2346},
                     {1, "CLF", "CLP", "38000", 4},  // 3.8 -> 4
                     {1, "CLF", "CLP", "35000", 4},  // 3.5 -> 4
                     {3, "CLF", "CLP", "35000", 10}, // 10.5 -> 10
                     {-3, "CLF", "CLP", "35000", -10},
                     {10000, "CLF", "CLP", "37123.45", 37123},
                     {1, "CLF", "JPY", "0.000000000001", 0}});
}

TEST_CASE("money: convert refuses a result beyond 64 bits") {
  const auto rate = [](std::string_view text) { return domain::parse_rate(text); };
  CHECK_THROWS_AS((void)domain::convert(max64, cur("CNY"), cur("CNY"), rate("2")),
                  util::UsageError);
  CHECK_THROWS_AS((void)domain::convert(min64, cur("CNY"), cur("CNY"), rate("1.5")),
                  util::UsageError);
  CHECK_THROWS_AS((void)domain::convert(max64, cur("JPY"), cur("CLF"), rate("1")),
                  util::UsageError);
  CHECK_THROWS_AS((void)domain::convert(min64, cur("CNY"), cur("KWD"), rate("1")),
                  util::UsageError);
  CHECK_THROWS_AS((void)domain::convert(max64, cur("CNY"), cur("CNY"), rate("9223372036854775807")),
                  util::UsageError);
  CHECK_THROWS_WITH_AS((void)domain::convert(max64, cur("USD"), cur("CNY"), rate("7.10")),
                       "amount out of range: 92233720368547758.07 USD at 7.10 does not fit in CNY",
                       util::UsageError);
  // Big but fitting after scaling down.
  CHECK(domain::convert(max64, cur("CLF"), cur("JPY"), rate("1")) == 922337203685478);
}

TEST_CASE("money: parse_rates reads blank- or comma-separated CODE=RATE") {
  const std::vector<std::string_view> texts = {"USD=7.10 EUR=7.85",      "USD=7.10,EUR=7.85",
                                               "USD=7.10, EUR=7.85",     " usd=7.10\teur=7.85 ",
                                               "USD = 7.10 , EUR= 7.85", "USD=7.10,,EUR=7.85,"};
  for (const auto text : texts) {
    CAPTURE(text);
    const auto rates = domain::parse_rates(text);
    REQUIRE(rates.size() == 2);
    CHECK(rates[0].first == "USD");
    CHECK(rates[0].second.mantissa == 710);
    CHECK(rates[0].second.scale == 2);
    CHECK(rates[1].first == "EUR");
    CHECK(rates[1].second.mantissa == 785);
  }
  CHECK(domain::parse_rates("").empty());
  CHECK(domain::parse_rates("  ,  ").empty());
  CHECK(domain::parse_rates("JPY=0.0482").at(0).second.scale == 4);
}

TEST_CASE("money: parse_rates refuses a bad part, naming it") {
  const std::vector<std::pair<std::string_view, std::string_view>> cases = {
      {"USD", "'USD' is not CODE=RATE: write e.g. USD=7.10 EUR=7.85"},
      {"USD=7.10 EUR", "'EUR' is not CODE=RATE: write e.g. USD=7.10 EUR=7.85"},
      {"=7.10", "'=7.10' is not CODE=RATE: write e.g. USD=7.10 EUR=7.85"},
      {"USD:7.10", "'USD:7.10' is not CODE=RATE: write e.g. USD=7.10 EUR=7.85"},
      {"RMB=1", "'RMB=1': unknown currency 'RMB': use an ISO 4217 code (CNY)"},
      {"USD=7.10 EUX=7.85",
       "'EUX=7.85': unknown currency 'EUX' (did you mean 'EUR'?): use an ISO 4217 code"},
      {"USD=abc", "'USD=abc': rate 'abc' is not a plain decimal number: write e.g. 7.10"},
      {"USD=", "'USD=': rate '' is not a plain decimal number: write e.g. 7.10"},
      {"USD=0", "'USD=0': rate '0' must be greater than 0"},
      {"USD=-7", "'USD=-7': rate '-7' must be greater than 0"},
      {"USD=7,10", "'10' is not CODE=RATE: write e.g. USD=7.10 EUR=7.85"},
      {"USD=7.10 usd=7.2", "'usd=7.2': a second rate for USD: give each currency once"},
      {"USD=7.10 EUR=7.85 USD=7.10", "'USD=7.10': a second rate for USD: give each currency once"},
  };
  for (const auto& [text, message] : cases) {
    CAPTURE(text);
    CHECK_THROWS_WITH_AS((void)domain::parse_rates(text), std::string(message).c_str(),
                         util::UsageError);
  }
}

TEST_CASE("money: money_share takes an exact share, rounded half to even") {
  CHECK(domain::money_share(4970, 699, 700) == 4963); // 4962.9
  CHECK(domain::money_share(100, 1, 2) == 50);
  CHECK(domain::money_share(1, 1, 2) == 0);   // 0.5 -> 0 (even)
  CHECK(domain::money_share(3, 1, 2) == 2);   // 1.5 -> 2 (even)
  CHECK(domain::money_share(5, 1, 2) == 2);   // 2.5 -> 2 (even)
  CHECK(domain::money_share(-3, 1, 2) == -2); // -1.5 -> -2 (even)
  CHECK(domain::money_share(7, 0, 3) == 0);
  CHECK(domain::money_share(7, 3, 3) == 7);
  CHECK(domain::money_share(INT64_MAX, 1, 1) == INT64_MAX);
  CHECK(domain::money_share(INT64_MAX, INT64_MAX, INT64_MAX) == INT64_MAX); // 128-bit middle
  CHECK_THROWS_WITH_AS(domain::money_share(INT64_MAX, 2, 1), "amount out of range",
                       util::UsageError);
  CHECK_THROWS_AS(domain::money_share(1, 1, 0), std::invalid_argument);
  CHECK_THROWS_AS(domain::money_share(1, -1, 2), std::invalid_argument);
}
