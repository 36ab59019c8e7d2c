#pragma once
// Mail templates: a Mustache subset, parsed once, checked against what a recipient's data can
// hold, rendered per recipient. Pure: no I/O.
//
//   {{first_name}}                       a value (HTML-escaped in HTML, raw in text)
//   {{first_name | default: "朋友"}}     filters, chained with |: default, upper, lower,
//   {{total | money}}                    money ("1234.5" -> "1,234.50"), date ("2025-06-01"),
//   {{placed_at | date: "%Y年%m月%d日"}} date with a pattern (%Y %m %d %H %M), truncate: N
//   {{customer.city}}                    dotted names walk objects
//   {{#recent_orders}}...{{/recent_orders}}   a section: once per array item (the item becomes
//                                        the innermost context), once for a non-empty object
//                                        or a true value, never for false/null/""/0/[]
//   {{^recent_orders}}...{{/recent_orders}}   inverted: only when the section would not run
//   {{.}}                                the current item (a list of strings)
//   {{{html}}} or {{& html}}             never escaped (for trusted HTML)
//   {{! a comment }}
// Names are looked up from the innermost context outwards, as in Mustache; after a dotted
// name's first part is found, the rest is looked up inside it only. Values: strings as is,
// numbers plainly (42, 1.5), true/false, null and missing names "" (lists and objects too,
// which check() refuses in a value tag). Section, inverted, closing and comment tags alone on
// their line take the whole line with them (Mustache "standalone" tags).
//
// Filters, applied left to right to the value's text:
//   default: "TEXT"  TEXT when the value renders empty (missing, null, "", an empty list)
//   upper, lower     ASCII letters only
//   money            a decimal string or number: groups of three with ',', at least two
//                    decimals, more kept as given, never rounded: "1234.5" -> "1,234.50",
//                    "1234" -> "1,234.00", "0.125" -> "0.125", "-1000" -> "-1,000.00"; a JSON
//                    double is first rounded to cents; anything else is shown unchanged
//   date             an ISO 8601 time (or date) -> "YYYY-MM-DD" in UTC
//   date: "PATTERN"  the same with %Y %m %d %H %M %S and %% (in UTC); non-times shown unchanged
//   truncate: N      the first N characters (code points) and "…" when longer
#include <memory>
#include <string>
#include <string_view>

#include "util/error.hpp"
#include "util/json.hpp"

namespace crm::mail {

// A mistake in a template: "NAME:LINE:COLUMN: message" (exit 2).
class TemplateError : public util::UsageError {
public:
  using util::UsageError::UsageError;
};

enum class Escape { none, html };

class Template {
public:
  // Parses `text`; `name` ("subject", "text", "html", a file name) prefixes errors. Throws
  // TemplateError on unbalanced or mismatched sections ("unclosed section 'x' opened at 3:1",
  // "'{{/y}}' closes 'x' (opened at 2:5)"), an empty or malformed tag, an unknown filter or a
  // bad filter argument, with the line and column (in characters, from 1) of the tag (for an
  // unclosed section: of the end of the text, the message naming where the section opened).
  static Template parse(std::string_view text, std::string_view name);

  // Checks every name against `schema`: a sample of what a recipient's data can hold (a Json
  // object whose arrays hold one sample item; values only give the kind). Throws TemplateError
  // at the first unknown name, with the nearest known one ("unknown field 'frist_name' (did you
  // mean 'first_name'?)"), and when a section's name is a plain value where a list was meant
  // is fine (Mustache) but a value tag names an object or a list.
  void check(const util::Json& schema) const;

  // Renders with `data` (a Json object) and appends to `out`. A name missing from the data
  // renders empty (check() is what refuses unknown names).
  void render(const util::Json& data, Escape escape, std::string& out) const;
  std::string render(const util::Json& data, Escape escape) const;

  Template(Template&&) noexcept;
  Template& operator=(Template&&) noexcept;
  ~Template();

  struct Node;

private:
  Template();
  std::string name_;
  std::unique_ptr<Node> root_;
};

// "&amp; &lt; &gt; &quot; &#39;" for & < > " '.
std::string html_escape(std::string_view text);

} // namespace crm::mail
