#include "domain/phone.hpp"

#include <algorithm>
#include <array>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "domain/validate.hpp"
#include "util/error.hpp"
#include "util/strings.hpp"

namespace crm::domain {

namespace {

using util::UsageError;

struct CallingCode {
  std::string_view country; // ISO 3166-1 alpha-2
  std::string_view code;    // ITU-T E.164 country code, digits only
};

// Every country of countries.cpp except AQ, BV and HM (no telephone service of their own).
// Territories without a code of their own use their neighbour's: AX 358, EH 212, PN 64, SJ 47,
// TF 262, UM 1, VA 39 (379 is assigned but unused).
constexpr std::array<CallingCode, 246> calling_codes = {{
    {"AD", "376"}, {"AE", "971"}, {"AF", "93"},  {"AG", "1"},   {"AI", "1"},   {"AL", "355"},
    {"AM", "374"}, {"AO", "244"}, {"AR", "54"},  {"AS", "1"},   {"AT", "43"},  {"AU", "61"},
    {"AW", "297"}, {"AX", "358"}, {"AZ", "994"}, {"BA", "387"}, {"BB", "1"},   {"BD", "880"},
    {"BE", "32"},  {"BF", "226"}, {"BG", "359"}, {"BH", "973"}, {"BI", "257"}, {"BJ", "229"},
    {"BL", "590"}, {"BM", "1"},   {"BN", "673"}, {"BO", "591"}, {"BQ", "599"}, {"BR", "55"},
    {"BS", "1"},   {"BT", "975"}, {"BW", "267"}, {"BY", "375"}, {"BZ", "501"}, {"CA", "1"},
    {"CC", "61"},  {"CD", "243"}, {"CF", "236"}, {"CG", "242"}, {"CH", "41"},  {"CI", "225"},
    {"CK", "682"}, {"CL", "56"},  {"CM", "237"}, {"CN", "86"},  {"CO", "57"},  {"CR", "506"},
    {"CU", "53"},  {"CV", "238"}, {"CW", "599"}, {"CX", "61"},  {"CY", "357"}, {"CZ", "420"},
    {"DE", "49"},  {"DJ", "253"}, {"DK", "45"},  {"DM", "1"},   {"DO", "1"},   {"DZ", "213"},
    {"EC", "593"}, {"EE", "372"}, {"EG", "20"},  {"EH", "212"}, {"ER", "291"}, {"ES", "34"},
    {"ET", "251"}, {"FI", "358"}, {"FJ", "679"}, {"FK", "500"}, {"FM", "691"}, {"FO", "298"},
    {"FR", "33"},  {"GA", "241"}, {"GB", "44"},  {"GD", "1"},   {"GE", "995"}, {"GF", "594"},
    {"GG", "44"},  {"GH", "233"}, {"GI", "350"}, {"GL", "299"}, {"GM", "220"}, {"GN", "224"},
    {"GP", "590"}, {"GQ", "240"}, {"GR", "30"},  {"GS", "500"}, {"GT", "502"}, {"GU", "1"},
    {"GW", "245"}, {"GY", "592"}, {"HK", "852"}, {"HN", "504"}, {"HR", "385"}, {"HT", "509"},
    {"HU", "36"},  {"ID", "62"},  {"IE", "353"}, {"IL", "972"}, {"IM", "44"},  {"IN", "91"},
    {"IO", "246"}, {"IQ", "964"}, {"IR", "98"},  {"IS", "354"}, {"IT", "39"},  {"JE", "44"},
    {"JM", "1"},   {"JO", "962"}, {"JP", "81"},  {"KE", "254"}, {"KG", "996"}, {"KH", "855"},
    {"KI", "686"}, {"KM", "269"}, {"KN", "1"},   {"KP", "850"}, {"KR", "82"},  {"KW", "965"},
    {"KY", "1"},   {"KZ", "7"},   {"LA", "856"}, {"LB", "961"}, {"LC", "1"},   {"LI", "423"},
    {"LK", "94"},  {"LR", "231"}, {"LS", "266"}, {"LT", "370"}, {"LU", "352"}, {"LV", "371"},
    {"LY", "218"}, {"MA", "212"}, {"MC", "377"}, {"MD", "373"}, {"ME", "382"}, {"MF", "590"},
    {"MG", "261"}, {"MH", "692"}, {"MK", "389"}, {"ML", "223"}, {"MM", "95"},  {"MN", "976"},
    {"MO", "853"}, {"MP", "1"},   {"MQ", "596"}, {"MR", "222"}, {"MS", "1"},   {"MT", "356"},
    {"MU", "230"}, {"MV", "960"}, {"MW", "265"}, {"MX", "52"},  {"MY", "60"},  {"MZ", "258"},
    {"NA", "264"}, {"NC", "687"}, {"NE", "227"}, {"NF", "672"}, {"NG", "234"}, {"NI", "505"},
    {"NL", "31"},  {"NO", "47"},  {"NP", "977"}, {"NR", "674"}, {"NU", "683"}, {"NZ", "64"},
    {"OM", "968"}, {"PA", "507"}, {"PE", "51"},  {"PF", "689"}, {"PG", "675"}, {"PH", "63"},
    {"PK", "92"},  {"PL", "48"},  {"PM", "508"}, {"PN", "64"},  {"PR", "1"},   {"PS", "970"},
    {"PT", "351"}, {"PW", "680"}, {"PY", "595"}, {"QA", "974"}, {"RE", "262"}, {"RO", "40"},
    {"RS", "381"}, {"RU", "7"},   {"RW", "250"}, {"SA", "966"}, {"SB", "677"}, {"SC", "248"},
    {"SD", "249"}, {"SE", "46"},  {"SG", "65"},  {"SH", "290"}, {"SI", "386"}, {"SJ", "47"},
    {"SK", "421"}, {"SL", "232"}, {"SM", "378"}, {"SN", "221"}, {"SO", "252"}, {"SR", "597"},
    {"SS", "211"}, {"ST", "239"}, {"SV", "503"}, {"SX", "1"},   {"SY", "963"}, {"SZ", "268"},
    {"TC", "1"},   {"TD", "235"}, {"TF", "262"}, {"TG", "228"}, {"TH", "66"},  {"TJ", "992"},
    {"TK", "690"}, {"TL", "670"}, {"TM", "993"}, {"TN", "216"}, {"TO", "676"}, {"TR", "90"},
    {"TT", "1"},   {"TV", "688"}, {"TW", "886"}, {"TZ", "255"}, {"UA", "380"}, {"UG", "256"},
    {"UM", "1"},   {"US", "1"},   {"UY", "598"}, {"UZ", "998"}, {"VA", "39"},  {"VC", "1"},
    {"VE", "58"},  {"VG", "1"},   {"VI", "1"},   {"VN", "84"},  {"VU", "678"}, {"WF", "681"},
    {"WS", "685"}, {"YE", "967"}, {"YT", "262"}, {"ZA", "27"},  {"ZM", "260"}, {"ZW", "263"},
}};
static_assert(std::is_sorted(calling_codes.begin(), calling_codes.end(),
                             [](const auto& a, const auto& b) { return a.country < b.country; }));

constexpr std::size_t max_digits = 15;         // E.164, country code included
constexpr std::size_t min_national_digits = 6; // shorter is a typo or an internal extension

// How a number is written inside its country: the trunk prefix dialled before a national
// number, and the length of the national number where the plan fixes it (0: any).
struct NationalPlan {
  std::string_view trunk;
  std::size_t digits;
};

NationalPlan national_plan(std::string_view country, std::string_view code) {
  if (code == "1") return {"1", 10};
  if (country == "RU" || country == "KZ") return {"8", 10};
  if (country == "BY") return {"80", 0};
  if (country == "HU") return {"06", 0};
  // No trunk prefix; a leading 0 belongs to the number (Italy's "06 ...", Cote d'Ivoire's "07").
  for (const auto keeps_zero : {"IT", "SM", "VA", "CI", "CG", "GA", "BJ"}) {
    if (country == keeps_zero) return {"", 0};
  }
  return {"0", 0};
}

// The prefixes dialled in `country` to call abroad, longest first.
std::vector<std::string_view> international_prefixes(std::string_view country,
                                                     std::string_view code) {
  if (code == "1") return {"011", "00"};
  if (country == "AU") return {"0011", "00"};
  if (country == "JP") return {"010", "00"};
  return {"00"};
}

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }

// The length of the country code at the start of `digits`: the known code it starts with (codes
// are prefix-free), else 3, the length of every code not in the table.
std::size_t country_code_length(std::string_view digits) {
  for (std::size_t length = 1; length <= 3; ++length) {
    const auto prefix = digits.substr(0, length);
    if (std::any_of(calling_codes.begin(), calling_codes.end(),
                    [&](const CallingCode& c) { return c.code == prefix; }))
      return length;
  }
  return 3;
}

std::string invalid(std::string_view phone, std::string_view why) {
  return fmt::format("invalid phone '{}': {}", phone, why);
}

// True when `tail` (lower case) is an extension: "x", "ext", "ext.", "extension" or "#",
// optional spaces, then digits only.
bool is_extension(std::string_view tail) {
  for (const std::string_view mark : {"extension", "ext.", "ext", "x", "#"}) {
    if (!starts_with(tail, mark)) continue;
    const std::string rest = util::trim(tail.substr(mark.size()));
    return !rest.empty() && std::all_of(rest.begin(), rest.end(), is_ascii_digit);
  }
  return false;
}

struct Written {
  bool plus = false;
  std::string digits;
};

// The digits of `phone` and whether it starts with '+'; throws on anything else.
Written read_digits(std::string_view phone) {
  Written out;
  for (std::size_t i = 0; i < phone.size(); ++i) {
    const char c = phone[i];
    if (is_ascii_digit(c)) {
      out.digits += c;
    } else if (c == '+' && i == 0) {
      out.plus = true;
    } else if (phone.substr(i, 3) == "(0)" && !out.digits.empty()) {
      i += 2; // "+44 (0)20 ...": the trunk prefix shown for national callers
    } else if (c == ' ' || c == '-' || c == '.' || c == '/' || c == '(' || c == ')') {
      continue;
    } else if (!out.digits.empty() && is_extension(util::to_lower_ascii(phone.substr(i)))) {
      throw UsageError(invalid(phone, "E.164 cannot hold an extension; remove it"));
    } else {
      throw UsageError(invalid(phone, "use digits, spaces and - . / ( ), with an optional "
                                      "leading +, such as +86 138 0013 8000"));
    }
  }
  if (out.digits.empty())
    throw UsageError(invalid(phone, "expected digits such as +86 138 0013 8000"));
  return out;
}

// The calling code of `country`, or UsageError naming it.
std::string_view home_code(std::string_view country) {
  const auto code = calling_code(country);
  if (code) return *code;
  if (is_country_code(util::to_upper_ascii(util::trim(country)))) {
    throw UsageError(fmt::format("country '{}' has no telephone country code", country));
  }
  throw UsageError(fmt::format(
      "unknown default country '{}': expected an ISO 3166 alpha-2 code such as CN", country));
}

// `digits` written inside `country` (upper case), turned into country code + national number.
std::string from_national(std::string_view phone, std::string digits, std::string_view country,
                          std::string_view code) {
  for (const auto prefix : international_prefixes(country, code)) {
    if (starts_with(digits, prefix)) return digits.substr(prefix.size());
  }
  const NationalPlan plan = national_plan(country, code);
  const bool fits = plan.digits == 0 || digits.size() == plan.trunk.size() + plan.digits;
  if (!plan.trunk.empty() && starts_with(digits, plan.trunk) && fits)
    digits.erase(0, plan.trunk.size());
  if (plan.digits != 0 && digits.size() != plan.digits) {
    const auto why =
        fmt::format("a number in {} has {} digits after the country code", country, plan.digits);
    throw UsageError(invalid(phone, why));
  }
  if (code == "1" && (digits[0] == '0' || digits[0] == '1')) {
    throw UsageError(
        invalid(phone, fmt::format("an area code in {} cannot start with 0 or 1", country)));
  }
  return std::string(code) + digits;
}

// The digits after '+' (country code first) of `phone`, read as `written`, for `country` (upper
// case, with calling code `code`; both empty when there is no default country).
std::string with_country_code(std::string_view phone, Written written, std::string_view country,
                              std::string_view code) {
  if (written.plus) return std::move(written.digits);
  if (!code.empty()) return from_national(phone, std::move(written.digits), country, code);
  if (starts_with(written.digits, "00")) return written.digits.substr(2);
  throw UsageError(fmt::format(
      "phone '{}' has no country code: write it as +CC... or give --default-country", phone));
}

} // namespace

std::optional<std::string_view> calling_code(std::string_view country_alpha2) {
  const std::string country = util::to_upper_ascii(util::trim(country_alpha2));
  const auto found = std::lower_bound(
      calling_codes.begin(), calling_codes.end(), country,
      [](const CallingCode& entry, const std::string& key) { return entry.country < key; });
  if (found == calling_codes.end() || found->country != country) return std::nullopt;
  return found->code;
}

std::string phone_e164(std::string_view phone, std::string_view default_country) {
  const std::string_view code = default_country.empty() ? "" : home_code(default_country);
  const std::string text = util::trim(phone);
  const std::string international = with_country_code(
      text, read_digits(text), util::to_upper_ascii(util::trim(default_country)), code);
  if (international.empty())
    throw UsageError(invalid(text, "no digits after the international prefix"));
  if (international[0] == '0')
    throw UsageError(invalid(text, "a country code cannot start with 0"));
  const std::size_t code_length = country_code_length(international);
  if (international.size() < code_length + min_national_digits) {
    throw UsageError(invalid(text, fmt::format("too few digits after the country code +{}",
                                               international.substr(0, code_length))));
  }
  if (international.size() > max_digits)
    throw UsageError(invalid(text, "more than 15 digits with the country code"));
  return "+" + international;
}

} // namespace crm::domain
