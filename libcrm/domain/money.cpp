#include "domain/money.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <optional>
#include <stdexcept>

#include "util/error.hpp"
#include "util/strings.hpp"

namespace crm::domain {

namespace {

using util::UsageError;
__extension__ typedef __int128 Int128; // NOLINT(modernize-use-using): __extension__ needs typedef
__extension__ typedef unsigned __int128 UInt128; // NOLINT(modernize-use-using)

constexpr std::int64_t int64_max = std::numeric_limits<std::int64_t>::max();
// 2^63: the magnitude of INT64_MIN.
constexpr std::uint64_t magnitude_limit = std::uint64_t{1} << 63U;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::uint64_t magnitude(std::int64_t value) {
  return value < 0 ? std::uint64_t{0} - static_cast<std::uint64_t>(value)
                   : static_cast<std::uint64_t>(value);
}

Int128 power_of_ten(int exponent) {
  Int128 result = 1;
  for (int i = 0; i < exponent; ++i) result *= 10;
  return result;
}

// The active codes of ISO 4217 List One that have a minor unit. Codes whose minor unit ISO
// gives as "N.A." (gold XAU, SDR XDR, the bond units XBA..XBD, XTS, XXX, ...) are not money an
// order can be in and are left out.
const std::vector<Currency>& currency_table() {
  static const std::vector<Currency> table = {
      {"AED", 2, "UAE dirham"},
      {"AFN", 2, "Afghani"},
      {"ALL", 2, "Lek"},
      {"AMD", 2, "Armenian dram"},
      {"ANG", 2, "Netherlands Antillean guilder"},
      {"AOA", 2, "Kwanza"},
      {"ARS", 2, "Argentine peso"},
      {"AUD", 2, "Australian dollar"},
      {"AWG", 2, "Aruban florin"},
      {"AZN", 2, "Azerbaijan manat"},
      {"BAM", 2, "Convertible mark"},
      {"BBD", 2, "Barbados dollar"},
      {"BDT", 2, "Taka"},
      {"BGN", 2, "Bulgarian lev"},
      {"BHD", 3, "Bahraini dinar"},
      {"BIF", 0, "Burundi franc"},
      {"BMD", 2, "Bermudian dollar"},
      {"BND", 2, "Brunei dollar"},
      {"BOB", 2, "Boliviano"},
      {"BOV", 2, "Mvdol"},
      {"BRL", 2, "Brazilian real"},
      {"BSD", 2, "Bahamian dollar"},
      {"BTN", 2, "Ngultrum"},
      {"BWP", 2, "Pula"},
      {"BYN", 2, "Belarusian ruble"},
      {"BZD", 2, "Belize dollar"},
      {"CAD", 2, "Canadian dollar"},
      {"CDF", 2, "Congolese franc"},
      {"CHE", 2, "WIR euro"},
      {"CHF", 2, "Swiss franc"},
      {"CHW", 2, "WIR franc"},
      {"CLF", 4, "Unidad de fomento"},
      {"CLP", 0, "Chilean peso"},
      {"CNY", 2, "Chinese yuan"},
      {"COP", 2, "Colombian peso"},
      {"COU", 2, "Unidad de valor real"},
      {"CRC", 2, "Costa Rican colon"},
      {"CUC", 2, "Cuban convertible peso"},
      {"CUP", 2, "Cuban peso"},
      {"CVE", 2, "Cabo Verde escudo"},
      {"CZK", 2, "Czech koruna"},
      {"DJF", 0, "Djibouti franc"},
      {"DKK", 2, "Danish krone"},
      {"DOP", 2, "Dominican peso"},
      {"DZD", 2, "Algerian dinar"},
      {"EGP", 2, "Egyptian pound"},
      {"ERN", 2, "Nakfa"},
      {"ETB", 2, "Ethiopian birr"},
      {"EUR", 2, "Euro"},
      {"FJD", 2, "Fiji dollar"},
      {"FKP", 2, "Falkland Islands pound"},
      {"GBP", 2, "Pound sterling"},
      {"GEL", 2, "Lari"},
      {"GHS", 2, "Ghana cedi"},
      {"GIP", 2, "Gibraltar pound"},
      {"GMD", 2, "Dalasi"},
      {"GNF", 0, "Guinean franc"},
      {"GTQ", 2, "Quetzal"},
      {"GYD", 2, "Guyana dollar"},
      {"HKD", 2, "Hong Kong dollar"},
      {"HNL", 2, "Lempira"},
      {"HTG", 2, "Gourde"},
      {"HUF", 2, "Forint"},
      {"IDR", 2, "Rupiah"},
      {"ILS", 2, "New Israeli sheqel"},
      {"INR", 2, "Indian rupee"},
      {"IQD", 3, "Iraqi dinar"},
      {"IRR", 2, "Iranian rial"},
      {"ISK", 0, "Iceland krona"},
      {"JMD", 2, "Jamaican dollar"},
      {"JOD", 3, "Jordanian dinar"},
      {"JPY", 0, "Yen"},
      {"KES", 2, "Kenyan shilling"},
      {"KGS", 2, "Som"},
      {"KHR", 2, "Riel"},
      {"KMF", 0, "Comorian franc"},
      {"KPW", 2, "North Korean won"},
      {"KRW", 0, "Won"},
      {"KWD", 3, "Kuwaiti dinar"},
      {"KYD", 2, "Cayman Islands dollar"},
      {"KZT", 2, "Tenge"},
      {"LAK", 2, "Lao kip"},
      {"LBP", 2, "Lebanese pound"},
      {"LKR", 2, "Sri Lanka rupee"},
      {"LRD", 2, "Liberian dollar"},
      {"LSL", 2, "Loti"},
      {"LYD", 3, "Libyan dinar"},
      {"MAD", 2, "Moroccan dirham"},
      {"MDL", 2, "Moldovan leu"},
      {"MGA", 2, "Malagasy ariary"},
      {"MKD", 2, "Denar"},
      {"MMK", 2, "Kyat"},
      {"MNT", 2, "Tugrik"},
      {"MOP", 2, "Pataca"},
      {"MRU", 2, "Ouguiya"},
      {"MUR", 2, "Mauritius rupee"},
      {"MVR", 2, "Rufiyaa"},
      {"MWK", 2, "Malawi kwacha"},
      {"MXN", 2, "Mexican peso"},
      {"MXV", 2, "Mexican unidad de inversion"},
      {"MYR", 2, "Malaysian ringgit"},
      {"MZN", 2, "Mozambique metical"},
      {"NAD", 2, "Namibia dollar"},
      {"NGN", 2, "Naira"},
      {"NIO", 2, "Cordoba oro"},
      {"NOK", 2, "Norwegian krone"},
      {"NPR", 2, "Nepalese rupee"},
      {"NZD", 2, "New Zealand dollar"},
      {"OMR", 3, "Rial Omani"},
      {"PAB", 2, "Balboa"},
      {"PEN", 2, "Sol"},
      {"PGK", 2, "Kina"},
      {"PHP", 2, "Philippine peso"},
      {"PKR", 2, "Pakistan rupee"},
      {"PLN", 2, "Zloty"},
      {"PYG", 0, "Guarani"},
      {"QAR", 2, "Qatari rial"},
      {"RON", 2, "Romanian leu"},
      {"RSD", 2, "Serbian dinar"},
      {"RUB", 2, "Russian ruble"},
      {"RWF", 0, "Rwanda franc"},
      {"SAR", 2, "Saudi riyal"},
      {"SBD", 2, "Solomon Islands dollar"},
      {"SCR", 2, "Seychelles rupee"},
      {"SDG", 2, "Sudanese pound"},
      {"SEK", 2, "Swedish krona"},
      {"SGD", 2, "Singapore dollar"},
      {"SHP", 2, "Saint Helena pound"},
      {"SLE", 2, "Leone"},
      {"SOS", 2, "Somali shilling"},
      {"SRD", 2, "Surinam dollar"},
      {"SSP", 2, "South Sudanese pound"},
      {"STN", 2, "Dobra"},
      {"SVC", 2, "El Salvador colon"},
      {"SYP", 2, "Syrian pound"},
      {"SZL", 2, "Lilangeni"},
      {"THB", 2, "Baht"},
      {"TJS", 2, "Somoni"},
      {"TMT", 2, "Turkmenistan new manat"},
      {"TND", 3, "Tunisian dinar"},
      {"TOP", 2, "Pa'anga"},
      {"TRY", 2, "Turkish lira"},
      {"TTD", 2, "Trinidad and Tobago dollar"},
      {"TWD", 2, "New Taiwan dollar"},
      {"TZS", 2, "Tanzanian shilling"},
      {"UAH", 2, "Hryvnia"},
      {"UGX", 0, "Uganda shilling"},
      {"USD", 2, "US dollar"},
      {"USN", 2, "US dollar (next day)"},
      {"UYI", 0, "Uruguay peso en unidades indexadas"},
      {"UYU", 2, "Peso uruguayo"},
      {"UYW", 4, "Unidad previsional"},
      {"UZS", 2, "Uzbekistan sum"},
      {"VED", 2, "Bolivar digital"},
      {"VES", 2, "Bolivar soberano"},
      {"VND", 0, "Dong"},
      {"VUV", 0, "Vatu"},
      {"WST", 2, "Tala"},
      {"XAF", 0, "CFA franc BEAC"},
      {"XCD", 2, "East Caribbean dollar"},
      {"XCG", 2, "Caribbean guilder"},
      {"XOF", 0, "CFA franc BCEAO"},
      {"XPF", 0, "CFP franc"},
      {"YER", 2, "Yemeni rial"},
      {"ZAR", 2, "Rand"},
      {"ZMW", 2, "Zambian kwacha"},
      {"ZWG", 2, "Zimbabwe gold"},
  };
  return table;
}

// What people write instead of a code: shown as a hint, never accepted.
struct Alias {
  std::string_view text;
  std::string_view hint;
};
constexpr Alias aliases[] = {
    {"RMB", "CNY"}, {"YUAN", "CNY"}, {"CNH", "CNY"},  {"¥", "CNY or JPY"}, {"NTD", "TWD"},
    {"NT$", "TWD"}, {"YEN", "JPY"},  {"EURO", "EUR"}, {"€", "EUR"},        {"£", "GBP"},
    {"$", "USD"},   {"US$", "USD"},  {"HK$", "HKD"},  {"NIS", "ILS"},      {"RUR", "RUB"},
    {"GBX", "GBP"}, {"HRK", "EUR"},  {"SLL", "SLE"},  {"VEF", "VES"},      {"ZWL", "ZWG"},
    {"MRO", "MRU"}, {"STD", "STN"},  {"BYR", "BYN"},  {"LTL", "EUR"},      {"LVL", "EUR"},
    {"EEK", "EUR"}, {"SKK", "EUR"},  {"WON", "KRW"},
};

std::string quoted_amount_error(std::string_view text) {
  return fmt::format("'{}' is not a plain decimal number: write digits with an optional '.' and "
                     "more digits (e.g. 1234.50), without thousands separators or symbols",
                     text);
}

// Splits "[sign]digits[.digits]" into its parts; false when `text` is not of that form.
struct Decimal {
  bool negative = false;
  std::string_view whole, fraction;
};
bool split_decimal(std::string_view text, bool allow_sign, Decimal& out) {
  if (allow_sign && !text.empty() && (text.front() == '-' || text.front() == '+')) {
    out.negative = text.front() == '-';
    text.remove_prefix(1);
  }
  const auto point = text.find('.');
  out.whole = text.substr(0, point);
  out.fraction = point == std::string_view::npos ? std::string_view{} : text.substr(point + 1);
  const auto all_digits = [](std::string_view part) {
    return !part.empty() && std::all_of(part.begin(), part.end(), is_digit);
  };
  return all_digits(out.whole) && (point == std::string_view::npos || all_digits(out.fraction));
}

// ".5" -> "0.5", "-5." -> "-5": the plain form of a number with a bare point, if it is one.
std::optional<std::string> completed_point(std::string_view text) {
  std::string sign;
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
    sign = text.front();
    text.remove_prefix(1);
  }
  const auto digits = [](std::string_view part) {
    return !part.empty() && std::all_of(part.begin(), part.end(), is_digit);
  };
  if (text.size() >= 2 && text.front() == '.' && digits(text.substr(1)))
    return sign + "0" + std::string(text);
  if (text.size() >= 2 && text.back() == '.' && digits(text.substr(0, text.size() - 1)))
    return sign + std::string(text.substr(0, text.size() - 1));
  return std::nullopt;
}

// util::nearest, except that two swapped letters ("CYN") win over a changed one ("BYN").
std::optional<std::string> nearest_code(const std::string& code,
                                        const std::vector<std::string>& codes) {
  for (std::size_t i = 0; i + 1 < code.size(); ++i) {
    std::string swapped = code;
    std::swap(swapped[i], swapped[i + 1]);
    if (find_currency(swapped) != nullptr) return swapped;
  }
  return util::nearest(code, codes);
}

} // namespace

const std::vector<Currency>& currencies() { return currency_table(); }

const Currency* find_currency(std::string_view code) {
  const auto& table = currency_table();
  const auto at =
      std::lower_bound(table.begin(), table.end(), code,
                       [](const Currency& c, std::string_view k) { return c.code < k; });
  return at != table.end() && at->code == code ? &*at : nullptr;
}

const Currency& currency(std::string_view text) {
  const std::string code = util::to_upper_ascii(util::trim(text));
  if (code.empty())
    throw UsageError("the currency is empty: use an ISO 4217 code such as CNY, USD or EUR");
  if (const auto* found = find_currency(code)) return *found;
  for (const auto& alias : aliases) {
    if (code == alias.text) {
      throw UsageError(
          fmt::format("unknown currency '{}': use an ISO 4217 code ({})", code, alias.hint));
    }
  }
  std::vector<std::string> codes;
  for (const auto& c : currency_table()) codes.emplace_back(c.code);
  if (auto near = nearest_code(code, codes)) {
    throw UsageError(fmt::format("unknown currency '{}' (did you mean '{}'?): use an ISO 4217 code",
                                 code, *near));
  }
  throw UsageError(
      fmt::format("unknown currency '{}': use an ISO 4217 code such as CNY, USD or EUR", code));
}

std::int64_t parse_amount(std::string_view text, const Currency& currency, bool allow_negative) {
  const std::string trimmed = util::trim(text);
  Decimal d;
  if (!split_decimal(trimmed, true, d)) {
    if (auto fixed = completed_point(trimmed)) {
      throw UsageError(
          fmt::format("'{}' is not a plain decimal number: write {}", trimmed, *fixed));
    }
    if (trimmed.empty()) throw UsageError("'' is empty: write an amount such as 12.50");
    throw UsageError(quoted_amount_error(trimmed));
  }
  const auto decimals = static_cast<std::size_t>(currency.decimals);
  if (d.fraction.size() > decimals &&
      d.fraction.find_first_not_of('0', decimals) != std::string_view::npos) {
    throw UsageError(fmt::format("'{}' has more decimals than {} allows ({})", trimmed,
                                 currency.code, currency.decimals));
  }
  // Magnitude in minor units, stopping as soon as it cannot fit.
  UInt128 value = 0;
  bool too_large = false;
  const auto add_digit = [&](char c) {
    value = value * 10 + static_cast<unsigned>(c - '0');
    if (value > magnitude_limit) too_large = true;
  };
  for (const char c : d.whole) {
    add_digit(c);
    if (too_large) break;
  }
  for (std::size_t i = 0; i < decimals && !too_large; ++i)
    add_digit(i < d.fraction.size() ? d.fraction[i] : '0');
  if (d.negative && value != 0 && !allow_negative)
    throw UsageError(fmt::format("'{}' must not be negative", trimmed));
  if (too_large || (!d.negative && value == magnitude_limit)) {
    throw UsageError(fmt::format("'{}' is out of range: amounts in {} must lie within {} and {}",
                                 trimmed, currency.code,
                                 format_amount(std::numeric_limits<std::int64_t>::min(), currency),
                                 format_amount(int64_max, currency)));
  }
  const auto unsigned_value = static_cast<std::uint64_t>(value);
  return d.negative ? static_cast<std::int64_t>(std::uint64_t{0} - unsigned_value)
                    : static_cast<std::int64_t>(unsigned_value);
}

std::string format_amount(std::int64_t minor, const Currency& currency) {
  std::string digits = std::to_string(magnitude(minor));
  const auto decimals = static_cast<std::size_t>(currency.decimals);
  if (decimals > 0) {
    if (digits.size() <= decimals) digits.insert(0, decimals + 1 - digits.size(), '0');
    digits.insert(digits.size() - decimals, 1, '.');
  }
  return minor < 0 ? "-" + digits : digits;
}

std::int64_t money_add(std::int64_t a, std::int64_t b) {
  std::int64_t result = 0;
  if (__builtin_add_overflow(a, b, &result)) throw UsageError("amount out of range");
  return result;
}

std::int64_t money_sub(std::int64_t a, std::int64_t b) {
  std::int64_t result = 0;
  if (__builtin_sub_overflow(a, b, &result)) throw UsageError("amount out of range");
  return result;
}

std::int64_t money_mul(std::int64_t minor, std::int64_t quantity) {
  std::int64_t result = 0;
  if (__builtin_mul_overflow(minor, quantity, &result)) throw UsageError("amount out of range");
  return result;
}

std::int64_t money_div_round(std::int64_t a, std::int64_t n) {
  if (n <= 0) throw std::invalid_argument("money_div_round: the divisor must be > 0");
  if (n == 1) return a;
  const std::int64_t quotient = a / n; // truncates toward zero; n >= 2 cannot overflow
  const std::uint64_t remainder = magnitude(a % n);
  const auto divisor = static_cast<std::uint64_t>(n);
  if (remainder >= divisor - remainder) return a < 0 ? quotient - 1 : quotient + 1;
  return quotient;
}

std::int64_t money_share(std::int64_t minor, std::int64_t part, std::int64_t whole) {
  if (whole <= 0 || part < 0) throw std::invalid_argument("money_share: part >= 0, whole > 0");
  const Int128 product = static_cast<Int128>(minor) * part;
  Int128 quotient = product / whole;
  const Int128 remainder = product % whole; // the sign of product
  const Int128 twice = (remainder < 0 ? -remainder : remainder) * 2;
  if (twice > whole || (twice == whole && quotient % 2 != 0)) quotient += product < 0 ? -1 : 1;
  if (quotient > INT64_MAX || quotient < INT64_MIN) throw util::UsageError("amount out of range");
  return static_cast<std::int64_t>(quotient);
}

Rate parse_rate(std::string_view text) {
  const std::string trimmed = util::trim(text);
  Decimal d;
  if (!split_decimal(trimmed, false, d)) {
    if (!trimmed.empty() && trimmed.front() == '-')
      throw UsageError(fmt::format("rate '{}' must be greater than 0", trimmed));
    throw UsageError(
        fmt::format("rate '{}' is not a plain decimal number: write e.g. 7.10", trimmed));
  }
  if (d.fraction.size() > 12)
    throw UsageError(fmt::format("rate '{}' has more than 12 decimals", trimmed));
  UInt128 mantissa = 0;
  for (const char c : std::string(d.whole) + std::string(d.fraction)) {
    mantissa = mantissa * 10 + static_cast<unsigned>(c - '0');
    if (mantissa > static_cast<UInt128>(int64_max))
      throw UsageError(fmt::format("rate '{}' has too many digits", trimmed));
  }
  if (mantissa == 0) throw UsageError(fmt::format("rate '{}' must be greater than 0", trimmed));
  return Rate{static_cast<std::int64_t>(mantissa), static_cast<int>(d.fraction.size())};
}

std::int64_t convert(std::int64_t minor, const Currency& from, const Currency& to, Rate rate) {
  // result = minor * mantissa / 10^scale * 10^(to.decimals - from.decimals), rounded half to
  // even once, at the end. |minor * mantissa| < 2^126 fits in 128 bits.
  Int128 value = static_cast<Int128>(minor) * rate.mantissa;
  const int exponent = to.decimals - from.decimals - rate.scale;
  const auto out_of_range = [&] {
    const Currency scaled{"", rate.scale, ""}; // prints the rate as the decimal it was
    return UsageError(fmt::format("amount out of range: {} {} at {} does not fit in {}",
                                  format_amount(minor, from), from.code,
                                  format_amount(rate.mantissa, scaled), to.code));
  };
  const Int128 limit = static_cast<Int128>(magnitude_limit);
  if (exponent >= 0) {
    // Anything above 2^63 before scaling up is out of range after it.
    if (value > limit || value < -limit) throw out_of_range();
    value *= power_of_ten(exponent);
  } else {
    const Int128 divisor = power_of_ten(-exponent);
    const Int128 quotient = value / divisor;
    Int128 remainder = value % divisor;
    if (remainder < 0) remainder = -remainder;
    const Int128 twice = remainder * 2;
    const bool away = twice > divisor || (twice == divisor && quotient % 2 != 0);
    value = away ? (value < 0 ? quotient - 1 : quotient + 1) : quotient;
  }
  if (value > static_cast<Int128>(int64_max) || value < -limit) throw out_of_range();
  return static_cast<std::int64_t>(value);
}

std::vector<std::pair<std::string, Rate>> parse_rates(std::string_view text) {
  // "USD = 7.10" is one part: blanks next to '=' are dropped before splitting.
  std::string compact;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool blank = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (blank) {
      const auto next = text.find_first_not_of(" \t\n\r", i);
      const bool before_equals = next != std::string_view::npos && text[next] == '=';
      const bool after_equals = !compact.empty() && compact.back() == '=';
      if (before_equals || after_equals) continue;
      compact += ' ';
    } else {
      compact += c;
    }
  }
  std::vector<std::pair<std::string, Rate>> rates;
  std::vector<std::string> parts;
  for (const auto& chunk : util::split(compact, ',')) {
    for (const auto& part : util::split(chunk, ' ')) {
      if (!part.empty()) parts.push_back(part);
    }
  }
  for (const auto& part : parts) {
    const auto assignment = util::split_assignment(part);
    if (!assignment)
      throw UsageError(fmt::format("'{}' is not CODE=RATE: write e.g. USD=7.10 EUR=7.85", part));
    const auto& [code_text, rate_text] = *assignment;
    std::string code;
    Rate rate;
    try {
      code = std::string(currency(code_text).code);
      rate = parse_rate(rate_text);
    } catch (const UsageError& e) {
      throw UsageError(fmt::format("'{}': {}", part, e.what()));
    }
    const auto twice = [&](const auto& seen) { return seen.first == code; };
    if (std::any_of(rates.begin(), rates.end(), twice)) {
      throw UsageError(
          fmt::format("'{}': a second rate for {}: give each currency once", part, code));
    }
    rates.emplace_back(code, rate);
  }
  return rates;
}

} // namespace crm::domain
