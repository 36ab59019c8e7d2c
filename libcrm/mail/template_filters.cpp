// The filters of mail templates: parsed once with the template, applied per recipient
// without allocating beyond the caller's buffers (the date filter excepted).
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "mail/template_node.hpp"
#include "util/error.hpp"
#include "util/strings.hpp"
#include "util/time.hpp"

namespace crm::mail::detail {

namespace {

struct FilterName {
  std::string_view name;
  FilterKind kind;
};

constexpr std::array<FilterName, 6> filter_names = {{{"default", FilterKind::default_text},
                                                     {"upper", FilterKind::upper},
                                                     {"lower", FilterKind::lower},
                                                     {"money", FilterKind::money},
                                                     {"date", FilterKind::date},
                                                     {"truncate", FilterKind::truncate}}};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// "\"...\"" with \" and \\ escapes -> the text, or nullopt.
std::optional<std::string> unquote(std::string_view arg) {
  if (arg.size() < 2 || arg.front() != '"' || arg.back() != '"') return std::nullopt;
  std::string text;
  for (std::size_t i = 1; i + 1 < arg.size(); ++i) {
    char c = arg[i];
    if (c == '"') return std::nullopt;
    if (c == '\\') {
      if (i + 2 >= arg.size()) return std::nullopt;
      c = arg[++i];
      if (c != '"' && c != '\\') return std::nullopt;
    }
    text += c;
  }
  return text;
}

// Bytes of the UTF-8 character at `pos` (0 at the end).
std::size_t character_length(std::string_view text, std::size_t pos) {
  std::size_t end = std::min(pos + 1, text.size());
  while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0U) == 0x80U) ++end;
  return end - pos;
}

std::optional<std::string> check_date_pattern(std::string_view pattern) {
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] != '%') continue;
    const char c = i + 1 < pattern.size() ? pattern[i + 1] : '\0';
    if (std::string_view("YmdHMS%").find(c) == std::string_view::npos || c == '\0') {
      return fmt::format("filter 'date': unknown '%{}' in \"{}\" (use %Y %m %d %H %M %S %%)",
                         pattern.substr(i + 1, character_length(pattern, i + 1)), pattern);
    }
    ++i;
  }
  return std::nullopt;
}

std::optional<std::string> parse_argument(std::string_view name,
                                          std::optional<std::string_view> arg, Filter& out) {
  switch (out.kind) {
  case FilterKind::upper:
  case FilterKind::lower:
  case FilterKind::money:
    if (arg) return fmt::format("filter '{}' takes no argument", name);
    return std::nullopt;
  case FilterKind::default_text: {
    auto text = arg ? unquote(*arg) : std::nullopt;
    if (!text) return "filter 'default' needs a quoted text: default: \"TEXT\"";
    out.text = std::move(*text);
    return std::nullopt;
  }
  case FilterKind::date: {
    if (!arg) {
      out.text = "%Y-%m-%d";
      return std::nullopt;
    }
    auto text = unquote(*arg);
    if (!text) return "filter 'date' needs a quoted pattern: date: \"%Y-%m-%d\"";
    out.text = std::move(*text);
    return check_date_pattern(out.text);
  }
  case FilterKind::truncate: {
    const auto count = arg ? util::parse_int(*arg) : std::nullopt;
    if (!count || *count < 1 || !is_digit(arg->front()))
      return "filter 'truncate' needs a whole number of characters above 0: truncate: N";
    out.count = static_cast<std::size_t>(*count);
    return std::nullopt;
  }
  }
  return std::nullopt;
}

// "-1234.5" -> "-1,234.50": groups of three, at least two decimals, never rounded.
void format_money(std::string_view in, std::string& out) {
  std::string_view digits = in;
  std::string_view sign;
  if (!digits.empty() && (digits.front() == '-' || digits.front() == '+')) {
    sign = digits.substr(0, digits.front() == '-' ? 1 : 0);
    digits.remove_prefix(1);
  }
  const std::size_t dot = std::min(digits.find('.'), digits.size());
  const std::string_view whole = digits.substr(0, dot);
  const std::string_view decimals = dot < digits.size() ? digits.substr(dot + 1) : "";
  const auto all_digits = [](std::string_view s) {
    for (const char c : s)
      if (!is_digit(c)) return false;
    return true;
  };
  if (whole.empty() || !all_digits(whole) || !all_digits(decimals)) {
    out.append(in); // not a number: shown as is
    return;
  }
  out.append(sign);
  for (std::size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) out += ',';
    out += whole[i];
  }
  out += '.';
  out.append(decimals);
  for (std::size_t n = decimals.size(); n < 2; ++n) out += '0';
}

bool looks_like_date(std::string_view in) {
  return in.size() >= 10 && is_digit(in[0]) && is_digit(in[1]) && is_digit(in[2]) &&
         is_digit(in[3]) && in[4] == '-' && is_digit(in[5]) && is_digit(in[6]) && in[7] == '-' &&
         is_digit(in[8]) && is_digit(in[9]);
}

// An ISO 8601 time, shown in UTC with `pattern`; anything else is shown as is.
void format_date(std::string_view in, std::string_view pattern, std::string& out) {
  std::string iso; // "2025-01-31T02:20:30Z"
  if (looks_like_date(in)) {
    try {
      iso = util::format_iso_utc(util::parse_time(in, 0, "UTC"));
    } catch (const util::Error&) {
      iso.clear();
    }
  }
  if (iso.size() != 20) {
    out.append(in);
    return;
  }
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] != '%' || i + 1 == pattern.size()) {
      out += pattern[i];
      continue;
    }
    switch (pattern[++i]) {
    case 'Y':
      out.append(iso, 0, 4);
      break;
    case 'm':
      out.append(iso, 5, 2);
      break;
    case 'd':
      out.append(iso, 8, 2);
      break;
    case 'H':
      out.append(iso, 11, 2);
      break;
    case 'M':
      out.append(iso, 14, 2);
      break;
    case 'S':
      out.append(iso, 17, 2);
      break;
    default:
      out += pattern[i];
      break; // "%%"
    }
  }
}

void truncate(std::string_view in, std::size_t count, std::string& out) {
  std::size_t characters = 0;
  for (std::size_t i = 0; i < in.size(); ++i) {
    if ((static_cast<unsigned char>(in[i]) & 0xC0U) == 0x80U) continue;
    if (characters++ == count) {
      out.append(in.substr(0, i));
      out.append("…");
      return;
    }
  }
  out.append(in);
}

} // namespace

std::optional<std::string> parse_filter(std::string_view spec, Filter& out) {
  const std::size_t colon = spec.find(':');
  const std::string_view name = trim(spec.substr(0, colon));
  std::optional<std::string_view> arg;
  if (colon != std::string_view::npos) arg = trim(spec.substr(colon + 1));
  if (name.empty()) return "empty filter after '|'";
  for (const FilterName& known : filter_names) {
    if (known.name != name) continue;
    out.kind = known.kind;
    return parse_argument(name, arg, out);
  }
  std::vector<std::string> names;
  names.reserve(filter_names.size());
  for (const FilterName& known : filter_names) names.emplace_back(known.name);
  if (auto near = util::nearest(name, names))
    return fmt::format("unknown filter '{}' (did you mean '{}'?)", name, *near);
  return fmt::format("unknown filter '{}' (filters: {})", name, util::join(names, ", "));
}

void append_value(const util::Json& value, bool money, std::string& out) {
  switch (value.type()) {
  case util::Json::Type::string:
    out.append(value.as_string());
    break;
  case util::Json::Type::integer:
    fmt::format_to(std::back_inserter(out), "{}", value.as_int());
    break;
  case util::Json::Type::number:
    if (money) {
      fmt::format_to(std::back_inserter(out), "{:.2f}", value.as_double());
    } else {
      fmt::format_to(std::back_inserter(out), "{}", value.as_double());
    }
    break;
  case util::Json::Type::boolean:
    out.append(value.as_bool() ? "true" : "false");
    break;
  default:
    break; // null, lists and objects (check() refuses the last two)
  }
}

void apply_filter(const Filter& filter, std::string_view in, std::string& out) {
  out.clear();
  switch (filter.kind) {
  case FilterKind::default_text:
    out.append(in.empty() ? std::string_view(filter.text) : in);
    break;
  case FilterKind::upper:
    for (const char c : in) out += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    break;
  case FilterKind::lower:
    for (const char c : in) out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    break;
  case FilterKind::money:
    format_money(in, out);
    break;
  case FilterKind::date:
    format_date(in, filter.text, out);
    break;
  case FilterKind::truncate:
    truncate(in, filter.count, out);
    break;
  }
}

void append_escaped(std::string_view text, std::string& out) {
  for (const char c : text) {
    switch (c) {
    case '&':
      out.append("&amp;");
      break;
    case '<':
      out.append("&lt;");
      break;
    case '>':
      out.append("&gt;");
      break;
    case '"':
      out.append("&quot;");
      break;
    case '\'':
      out.append("&#39;");
      break;
    default:
      out += c;
    }
  }
}

} // namespace crm::mail::detail
