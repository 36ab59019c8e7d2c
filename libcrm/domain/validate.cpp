#include "domain/validate.hpp"

#include <fmt/format.h>

#include "domain/customer.hpp"
#include "util/error.hpp"
#include "util/strings.hpp"

namespace crm::domain {

namespace {

using util::UsageError;

bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }
bool is_control(unsigned char c) { return c < 0x20 || c == 0x7F; }

std::string require_text(std::string_view value, std::string_view field) {
  std::string text = util::trim(value);
  if (text.empty()) throw UsageError(fmt::format("{} must not be empty", field));
  if (!util::is_valid_utf8(text)) throw UsageError(fmt::format("{} is not valid UTF-8", field));
  return text;
}

bool valid_domain(std::string_view domain) {
  if (domain.find('.') == std::string_view::npos) return false;
  for (const auto& label : util::split(domain, '.')) {
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-')
      return false;
    for (const char c : label) {
      const auto u = static_cast<unsigned char>(c);
      if (!(is_ascii_alpha(c) || is_ascii_digit(c) || c == '-' || u >= 0x80)) return false;
    }
  }
  return true;
}

bool valid_local_part(std::string_view local) {
  if (local.empty() || local.size() > 64) return false;
  for (const char c : local) {
    const auto u = static_cast<unsigned char>(c);
    if (is_control(u) || c == ' ' || c == '@' || c == ',' || c == ';' || c == '<' || c == '>' ||
        c == '"' || c == '(' || c == ')' || c == '[' || c == ']' || c == '\\')
      return false;
  }
  return local.front() != '.' && local.back() != '.' && local.find("..") == std::string_view::npos;
}

bool is_tag_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  return is_ascii_alpha(c) || is_ascii_digit(c) || c == '-' || c == '_' || c == '.' || c == ':' ||
         c == '/' || u >= 0x80;
}

std::string one_of(std::string_view value, std::string_view field,
                   std::initializer_list<std::string_view> allowed) {
  const std::string lowered = util::to_lower_ascii(util::trim(value));
  for (const auto candidate : allowed) {
    if (lowered == candidate) return lowered;
  }
  std::string list;
  for (const auto candidate : allowed) list += (list.empty() ? "" : ", ") + std::string(candidate);
  throw UsageError(fmt::format("invalid {} '{}': use one of {}", field, value, list));
}

} // namespace

std::string normalize_email(std::string_view value) {
  const std::string email = util::trim(value);
  const auto at = email.rfind('@');
  if (email.empty() || at == std::string::npos || !util::is_valid_utf8(email) ||
      !valid_local_part(std::string_view(email).substr(0, at)) ||
      !valid_domain(std::string_view(email).substr(at + 1)) || email.size() > 254)
    throw UsageError(fmt::format("invalid email '{}': expected name@example.com", value));
  return email;
}

std::string email_key(std::string_view email) { return util::to_lower_ascii(util::trim(email)); }

std::string normalize_phone(std::string_view value, std::string_view field) {
  const std::string phone = util::trim(value);
  std::size_t digits = 0;
  bool ok = !phone.empty();
  for (std::size_t i = 0; i < phone.size() && ok; ++i) {
    const char c = phone[i];
    if (is_ascii_digit(c))
      ++digits;
    else if (c == '+')
      ok = (i == 0);
    else
      ok = (c == ' ' || c == '-' || c == '.' || c == '(' || c == ')');
  }
  if (!ok || digits < 5 || digits > 15)
    throw UsageError(
        fmt::format("invalid {} '{}': expected digits such as +86 138 0013 8000", field, value));
  return phone;
}

std::string phone_digits(std::string_view phone) {
  std::string digits;
  for (const char c : phone) {
    if (is_ascii_digit(c) || (c == '+' && digits.empty())) digits += c;
  }
  return digits;
}

std::string normalize_country(std::string_view value) {
  const std::string code = util::to_upper_ascii(util::trim(value));
  if (code.size() != 2 || !is_country_code(code))
    throw UsageError(
        fmt::format("invalid country '{}': expected an ISO 3166 alpha-2 code such as CN", value));
  return code;
}

std::string normalize_language(std::string_view value) {
  const std::string tag = util::trim(value);
  const auto parts = util::split(tag, '-');
  bool ok = !tag.empty() && parts[0].size() >= 2 && parts[0].size() <= 3;
  for (std::size_t i = 0; ok && i < parts.size(); ++i) {
    ok = !parts[i].empty() && parts[i].size() <= 8;
    for (const char c : parts[i]) ok = ok && (is_ascii_alpha(c) || (i > 0 && is_ascii_digit(c)));
  }
  if (!ok)
    throw UsageError(
        fmt::format("invalid language '{}': expected a tag such as zh or zh-CN", value));
  std::string result = util::to_lower_ascii(parts[0]);
  for (std::size_t i = 1; i < parts.size(); ++i) {
    result += '-';
    result += parts[i].size() == 2 ? util::to_upper_ascii(parts[i]) : parts[i];
  }
  return result;
}

std::string normalize_status(std::string_view value) {
  return one_of(value, "status", {"lead", "active", "inactive"});
}

std::string normalize_tag(std::string_view value) {
  const std::string tag = util::trim(value);
  bool ok = !tag.empty() && tag.size() <= 64 && util::is_valid_utf8(tag);
  for (const char c : tag) ok = ok && is_tag_char(c);
  if (!ok)
    throw UsageError(fmt::format(
        "invalid tag '{}': use letters, digits and - _ . : / (no spaces or commas)", value));
  return tag;
}

std::string normalize_attribute_key(std::string_view value) {
  const std::string key = util::trim(value);
  bool ok = !key.empty() && key.size() <= 64 && is_ascii_alpha(key[0]);
  for (const char c : key)
    ok = ok && (is_ascii_alpha(c) || is_ascii_digit(c) || c == '_' || c == '-');
  if (!ok)
    throw UsageError(fmt::format(
        "invalid attribute name '{}': use letters, digits, _ and -, starting with a letter",
        value));
  return key;
}

std::string normalize_text(std::string_view value, std::string_view field) {
  std::string text = require_text(value, field);
  for (const char c : text) {
    if (is_control(static_cast<unsigned char>(c)) && c != '\n' && c != '\t')
      throw UsageError(fmt::format("{} must not contain control characters", field));
  }
  return text;
}

std::string normalize_field(std::string_view field, std::string_view value) {
  if (field == "email") return normalize_email(value);
  if (field == "phone" || field == "fax") return normalize_phone(value, field);
  if (field == "country") return normalize_country(value);
  if (field == "language") return normalize_language(value);
  if (field == "status") return normalize_status(value);
  std::string text = normalize_text(value, field);
  if (text.find('\n') != std::string::npos)
    throw UsageError(fmt::format("{} must be a single line", field));
  return text;
}

std::string normalize_channel(std::string_view value) {
  return one_of(value, "channel", {"email", "sms", "phone", "postal"});
}

std::string normalize_consent_state(std::string_view value) {
  std::string state = util::to_lower_ascii(util::trim(value));
  if (state == "optin" || state == "opt_in" || state == "in") state = "opt-in";
  if (state == "optout" || state == "opt_out" || state == "out") state = "opt-out";
  return one_of(state, "consent state", {"opt-in", "opt-out", "unknown"});
}

std::string normalize_interaction_kind(std::string_view value) {
  return one_of(value, "kind", {"note", "call", "email", "meeting", "complaint", "service"});
}

std::string normalize_direction(std::string_view value) {
  return one_of(value, "direction", {"in", "out"});
}

} // namespace crm::domain
