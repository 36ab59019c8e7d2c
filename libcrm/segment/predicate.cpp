// Field predicates: the field name, the operator allowed for its type, and the literal.
#include <fmt/format.h>

#include "domain/validate.hpp"
#include "segment/cursor.hpp"
#include "segment/detail.hpp"
#include "segment/parser.hpp"
#include "util/strings.hpp"

namespace crm::segment::detail {
namespace {

constexpr std::string_view attr_prefix = "attr.";
constexpr std::string_view consent_prefix = "consent.";

std::string field_name(const FieldRef& field) {
  if (field.field == Field::attribute) return fmt::format("attr.{}", field.name);
  if (field.field == Field::consent) return fmt::format("consent.{}", field.name);
  return std::string(info(field.field).name);
}

std::string_view type_noun(FieldType type) {
  switch (type) {
  case FieldType::text:
    return "text";
  case FieldType::count:
    return "a count";
  case FieldType::money:
    return "an amount";
  case FieldType::time:
    return "a time";
  case FieldType::score:
    return "a score";
  }
  return "text";
}

std::string_view allowed_operators(FieldType type) {
  switch (type) {
  case FieldType::text:
    return "=, !=, in, ~ or is empty";
  case FieldType::time:
    return "=, !=, <, <=, >, >=, within, older than, before, after or is empty";
  default:
    return "=, !=, <, <=, >, >=, in or is empty";
  }
}

[[noreturn]] void refuse_operator(const Cursor& cursor, const FieldRef& field, Span at) {
  const FieldType type = info(field.field).type;
  cursor.fail(
      fmt::format("{} is {}: use {}", field_name(field), type_noun(type), allowed_operators(type)),
      at);
}

std::vector<std::string> field_candidates(std::string_view word) {
  std::vector<std::string> candidates;
  for (const auto& entry : fields()) candidates.emplace_back(entry.name);
  for (const std::string_view family : {"tag:", "opted_in:", "segment:"})
    candidates.emplace_back(family);
  const std::size_t separator = word.find_first_of(".:");
  if (separator != std::string_view::npos) {
    const std::string_view rest = word.substr(separator + 1);
    for (const std::string_view family : {"attr.", "consent.", "tag:", "opted_in:", "segment:"})
      candidates.push_back(fmt::format("{}{}", family, rest));
  }
  return candidates;
}

FieldRef take_field(Cursor& cursor) {
  const Token& word = cursor.take();
  const std::string lower = util::to_lower_ascii(word.text);
  for (const auto& [prefix, field] :
       {std::pair{attr_prefix, Field::attribute}, std::pair{consent_prefix, Field::consent}}) {
    if (lower.compare(0, prefix.size(), prefix) != 0) continue;
    const std::string_view name = std::string_view(word.text).substr(prefix.size());
    const Span span{word.span.offset + prefix.size(), name.size()};
    if (name.empty()) {
      cursor.fail(fmt::format("expected {} after '{}'",
                              field == Field::attribute ? "an attribute name" : "a channel",
                              word.text),
                  Span{word.span.offset + word.span.length, 0});
    }
    const auto normalize =
        field == Field::attribute ? domain::normalize_attribute_key : domain::normalize_channel;
    return FieldRef{field, cursor.normalized(normalize, name, span), word.span};
  }
  for (const auto& entry : fields()) {
    if (entry.field != Field::attribute && entry.field != Field::consent && lower == entry.name)
      return FieldRef{entry.field, {}, word.span};
  }
  const auto suggestion = suggest(lower, field_candidates(lower));
  cursor.fail(suggestion
                  ? fmt::format("unknown field '{}' (did you mean '{}'?)", word.text, *suggestion)
                  : fmt::format("unknown field '{}'", word.text),
              word.span);
}

bool has_digit(std::string_view word) {
  return word.find_first_of("0123456789") != std::string_view::npos;
}

// A text field's value: the domain's normal form is checked here (resolve() stores it).
void check_text_value(const Cursor& cursor, const FieldRef& field, const Value& value) {
  switch (field.field) {
  case Field::status:
    cursor.normalized(domain::normalize_status, value.text, value.span);
    break;
  case Field::country:
    cursor.normalized(domain::normalize_country, value.text, value.span);
    break;
  case Field::language:
    cursor.normalized(domain::normalize_language, value.text, value.span);
    break;
  case Field::consent:
    cursor.normalized(domain::normalize_consent_state, value.text, value.span);
    break;
  default:
    break;
  }
}

void check_number_value(const Cursor& cursor, const FieldRef& field, const Token& token) {
  const FieldType type = info(field.field).type;
  const std::string name = field_name(field);
  if (type == FieldType::score) {
    if (token.kind != TokenKind::word || !is_integer(token.text) || token.text.size() != 1 ||
        token.text[0] < '1' || token.text[0] > '5') {
      cursor.fail(fmt::format("{} is a score: expected 1 to 5, not {}", name,
                              fmt::format("'{}'", cursor.written(token))),
                  token.span);
    }
    return;
  }
  if (token.kind == TokenKind::word && is_number(token.text)) {
    if (type == FieldType::count && !is_integer(token.text)) {
      cursor.fail(fmt::format("{} is a count: expected a whole number, not '{}'", name, token.text),
                  token.span);
    }
    if (type == FieldType::count && !util::parse_int(token.text))
      cursor.fail(fmt::format("number out of range '{}'", token.text), token.span);
    return;
  }
  if (token.kind == TokenKind::word && has_digit(token.text))
    cursor.fail(fmt::format("invalid number '{}'", token.text), token.span);
  cursor.fail(fmt::format("{} is {}: expected a number", name, type_noun(type)), token.span);
}

Value::Kind check_time_value(const Cursor& cursor, const FieldRef& field, const Token& token) {
  if (token.kind == TokenKind::word && is_date(token.text)) return Value::Kind::date;
  if (token.kind == TokenKind::word && is_datetime(token.text)) return Value::Kind::datetime;
  if (token.kind == TokenKind::word && !is_number(token.text) && !token.text.empty() &&
      token.text[0] >= '0' && token.text[0] <= '9') {
    const bool has_time =
        token.text.size() > 10 && (token.text[10] == 'T' || token.text[10] == 't');
    cursor.fail(fmt::format("invalid {} '{}'", has_time ? "datetime" : "date", token.text),
                token.span);
  }
  cursor.fail(fmt::format("{} is a time: expected a date (YYYY-MM-DD) or a datetime "
                          "(YYYY-MM-DDTHH:MM)",
                          field_name(field)),
              token.span);
}

// The literal after an operator (or in a list), checked against the field's type.
Value take_value(Cursor& cursor, const FieldRef& field) {
  const Token& token = cursor.peek();
  const bool usable =
      token.kind == TokenKind::string || (token.kind == TokenKind::word && !is_keyword(token.text));
  if (!usable) cursor.expected("a value");
  cursor.take();
  Value value{Value::Kind::string, token.text, token.span, 0, 0};
  switch (info(field.field).type) {
  case FieldType::text:
    check_text_value(cursor, field, value);
    break;
  case FieldType::time:
    value.kind = check_time_value(cursor, field, token);
    break;
  default:
    check_number_value(cursor, field, token);
    value.kind = Value::Kind::number;
    break;
  }
  return value;
}

std::optional<Op> comparison(std::string_view op) {
  for (const Op candidate : {Op::eq, Op::ne, Op::lt, Op::le, Op::gt, Op::ge}) {
    if (to_string(candidate) == op) return candidate;
  }
  return std::nullopt;
}

InList take_list(Cursor& cursor, const FieldRef& field, bool negated) {
  if (cursor.peek().kind != TokenKind::lparen) cursor.expected("'('");
  const Token& open = cursor.take();
  InList list{field, negated, {}};
  list.values.push_back(take_value(cursor, field));
  while (cursor.peek().kind == TokenKind::comma) {
    cursor.take();
    list.values.push_back(take_value(cursor, field));
  }
  const Token& close = cursor.peek();
  if (close.kind == TokenKind::end) cursor.fail("unclosed '('", open.span);
  if (close.kind != TokenKind::rparen) cursor.expected("',' or ')'");
  cursor.take();
  return list;
}

using Node = decltype(Expr::node);

Node parse_operator(Cursor& cursor, const FieldRef& field, FieldType type) {
  const Token& op = cursor.take();
  if (op.text == "~" || op.text == "!~") {
    if (type != FieldType::text) refuse_operator(cursor, field, op.span);
    auto pattern = take_text_value(cursor);
    if (!pattern) cursor.expected("a pattern");
    return Match{field, op.text == "!~", std::move(*pattern)};
  }
  const Op compare = *comparison(op.text);
  if (type == FieldType::text && compare != Op::eq && compare != Op::ne)
    refuse_operator(cursor, field, op.span);
  return Compare{field, compare, take_value(cursor, field)};
}

Node parse_keyword(Cursor& cursor, const FieldRef& field, FieldType type) {
  const Token& keyword = cursor.peek();
  const bool time_only = is_word(keyword, "within") || is_word(keyword, "older") ||
                         is_word(keyword, "before") || is_word(keyword, "after");
  const bool list = is_word(keyword, "in") || is_word(keyword, "not");
  if ((time_only && type != FieldType::time) || (list && type == FieldType::time))
    refuse_operator(cursor, field, keyword.span);
  cursor.take();
  if (is_word(keyword, "is")) {
    const bool negated = is_word(cursor.peek(), "not");
    if (negated) cursor.take();
    if (!is_word(cursor.peek(), "empty")) cursor.expected("'empty'");
    cursor.take();
    return IsEmpty{field, negated};
  }
  if (is_word(keyword, "not")) {
    if (!is_word(cursor.peek(), "in")) cursor.expected("'in'");
    cursor.take();
    return take_list(cursor, field, true);
  }
  if (is_word(keyword, "in")) return take_list(cursor, field, false);
  if (is_word(keyword, "within")) return Within{field, parse_duration(cursor)};
  if (is_word(keyword, "older")) {
    if (!is_word(cursor.peek(), "than")) cursor.expected("'than'");
    cursor.take();
    return OlderThan{field, parse_duration(cursor)};
  }
  const Op op = is_word(keyword, "before") ? Op::lt : Op::gt;
  return Compare{field, op, take_value(cursor, field)};
}

} // namespace

std::optional<Value> take_text_value(Cursor& cursor) {
  const Token& token = cursor.peek();
  if (token.kind != TokenKind::string && (token.kind != TokenKind::word || is_keyword(token.text)))
    return std::nullopt;
  cursor.take();
  return Value{Value::Kind::string, token.text, token.span, 0, 0};
}

Duration parse_duration(Cursor& cursor) {
  const Token& token = cursor.peek();
  if (token.kind != TokenKind::word || is_keyword(token.text))
    cursor.expected("a duration such as 90d");
  if (!is_duration(token.text)) {
    cursor.fail(fmt::format("invalid duration '{}': use a number and h, d, w, m or y, such as 90d",
                            token.text),
                token.span);
  }
  cursor.take();
  return Duration{util::to_lower_ascii(token.text), token.span, 0};
}

ExprPtr parse_field_predicate(Cursor& cursor) {
  const std::size_t start = cursor.peek().span.offset;
  const FieldRef field = take_field(cursor);
  const FieldType type = info(field.field).type;
  const Token& next = cursor.peek();
  static const std::vector<std::string_view> keywords = {"is",    "in",     "not",  "within",
                                                         "older", "before", "after"};
  bool keyword = false;
  for (const auto candidate : keywords) keyword = keyword || is_word(next, candidate);
  if (next.kind != TokenKind::op && !keyword) cursor.expected("an operator");
  auto expr = std::make_unique<Expr>();
  expr->node = next.kind == TokenKind::op ? parse_operator(cursor, field, type)
                                          : parse_keyword(cursor, field, type);
  expr->span = cursor.since(start);
  return expr;
}

} // namespace crm::segment::detail
