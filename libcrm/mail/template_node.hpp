#pragma once
// Internal to crm_mail: the parsed form of a Template, shared by template.cpp (parsing),
// template_render.cpp and template_check.cpp. Not part of libcrm's interface.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mail/template.hpp"
#include "util/json.hpp"

namespace crm::mail::detail {

enum class FilterKind { default_text, upper, lower, money, date, truncate };

struct Filter {
  FilterKind kind = FilterKind::upper;
  std::string text;      // default: the text; date: the pattern
  std::size_t count = 0; // truncate: characters kept
};

// Parses one filter ("upper", "default: \"朋友\"", "truncate: 20"). Returns the problem
// ("unknown filter 'uper' (did you mean 'upper'?)") when it is not a valid filter.
std::optional<std::string> parse_filter(std::string_view spec, Filter& out);

// Appends the text of a value: strings as is, numbers plainly, true/false, null/lists/objects "".
// `money` formats a double with two decimals (a float's digits beyond cents are noise).
void append_value(const util::Json& value, bool money, std::string& out);

// Applies `filter` to `in`, leaving the result in `out` (cleared first).
void apply_filter(const Filter& filter, std::string_view in, std::string& out);

void append_escaped(std::string_view text, std::string& out);

} // namespace crm::mail::detail

namespace crm::mail {

struct Template::Node {
  enum class Kind { block, text, value, section, inverted };
  Kind kind = Kind::block;
  std::string text;              // text: the literal; otherwise the name as written
  std::vector<std::string> path; // the name split at '.'; empty for "."
  bool raw = false;              // {{{x}}} or {{& x}}
  std::vector<detail::Filter> filters;
  std::vector<Node> children; // block, section, inverted
  std::size_t line = 0;
  std::size_t column = 0;
};

} // namespace crm::mail
