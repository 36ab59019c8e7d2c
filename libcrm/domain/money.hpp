#pragma once
// Money: integer minor units of an ISO 4217 currency, parsed from and printed as exact
// decimal strings, never through floating point. JPY has 0 decimals, CNY 2, KWD 3.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace crm::domain {

struct Currency {
  std::string_view code; // "CNY"
  int decimals = 2;      // digits after the decimal point (ISO 4217 minor unit)
  std::string_view name; // "Chinese yuan"
};

// The active ISO 4217 currencies, sorted by code.
const std::vector<Currency>& currencies();
// The currency with exactly this (upper-case) code; nullptr when there is none.
const Currency* find_currency(std::string_view code);
// Trims and upper-cases `text`; throws UsageError "unknown currency 'XYZ'" (with the nearest
// code as a suggestion when one is close).
const Currency& currency(std::string_view text);

// "12.5", "12.50", "0.05", "-3", "+7", "1200" in `currency` -> minor units (1250, 1250, 5, ...).
// Grammar: [+|-] DIGITS [. DIGITS], after trimming leading/trailing blanks. A bare point on
// either side ("5.", ".5") is refused, the message saying what to write ("5", "0.5"). Decimals
// beyond the currency's are accepted when they are zeros ("12.340" CNY = 1234, "1200.00" JPY),
// since the value is exact. Throws UsageError whose message starts with the quoted text (callers
// prefix a noun: "price '12.345' has ...") when it is not a plain decimal number ("1,234.50",
// "12,50", "¥12", "1e3", "" and "." are refused), has more decimals than the currency ("'12.345'
// has more decimals than CNY allows (2)"), is negative while !allow_negative ("-0" is 0, not
// negative), or does not fit in 64 bits.
std::int64_t parse_amount(std::string_view text, const Currency& currency,
                          bool allow_negative = false);
// Minor units -> "12.50", "-0.05", "1200" (JPY), "1.250" (KWD). Exact inverse of parse_amount.
std::string format_amount(std::int64_t minor, const Currency& currency);

// Checked arithmetic on minor units: overflow throws UsageError "amount out of range".
std::int64_t money_add(std::int64_t a, std::int64_t b);
std::int64_t money_sub(std::int64_t a, std::int64_t b);
std::int64_t money_mul(std::int64_t minor, std::int64_t quantity);
// a / n rounded half away from zero (an average order value); n > 0.
std::int64_t money_div_round(std::int64_t a, std::int64_t n);

// minor * part / whole rounded half to even (a share of an amount: what is left of an order's
// value after a refund); 0 <= part, 0 < whole. Exact (128-bit intermediate); a result that does
// not fit in 64 bits throws UsageError "amount out of range".
std::int64_t money_share(std::int64_t minor, std::int64_t part, std::int64_t whole);

// An exchange rate: how many units of the target currency one unit of the source is worth,
// as an exact decimal (value = mantissa / 10^scale). "7.1034" -> {71034, 4}.
struct Rate {
  std::int64_t mantissa = 1;
  int scale = 0;
};
// Throws UsageError unless `text` is a positive plain decimal (at most 12 decimals).
Rate parse_rate(std::string_view text);
// `minor` units of `from` in `to` at `rate`, rounded half to even to `to`'s minor unit.
std::int64_t convert(std::int64_t minor, const Currency& from, const Currency& to, Rate rate);

// The `money.rates` setting: "USD=7.10 EUR=7.85" (blank- or comma-separated CODE=RATE) ->
// pairs of (currency code, rate). Throws UsageError naming the bad part.
std::vector<std::pair<std::string, Rate>> parse_rates(std::string_view text);

} // namespace crm::domain
