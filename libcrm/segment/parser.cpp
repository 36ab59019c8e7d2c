// parse(): recursive descent over the tokens. Precedence: not > and > or.
#include <fmt/format.h>

#include "domain/validate.hpp"
#include "segment/cursor.hpp"
#include "segment/parser.hpp"
#include "util/strings.hpp"

namespace crm::segment {
namespace detail {

const Token& Cursor::take() {
  const Token& token = tokens_[position_];
  if (token.kind != TokenKind::end) ++position_;
  return token;
}

std::string_view Cursor::written(const Token& token) const {
  return text_.substr(token.span.offset, token.span.length);
}

void Cursor::fail(std::string_view message, Span span) const {
  throw ExpressionError(message, text_, span);
}

void Cursor::expected(std::string_view what) const {
  const Token& previous = tokens_[position_ == 0 ? 0 : position_ - 1];
  fail(fmt::format("expected {} after '{}'", what, written(previous)), peek().span);
}

std::string Cursor::normalized(std::string (*normalize)(std::string_view), std::string_view value,
                               Span span) const {
  try {
    return normalize(value);
  } catch (const util::UsageError& error) {
    fail(error.what(), span);
  }
}

Span Cursor::since(std::size_t offset) const {
  const Token& last = tokens_[position_ == 0 ? 0 : position_ - 1];
  return Span{offset, last.span.offset + last.span.length - offset};
}

} // namespace detail

namespace {

using detail::Cursor;
using detail::Token;
using detail::TokenKind;

constexpr int max_depth = 200;

template <typename Node> ExprPtr make(Node node, Span span) {
  auto expr = std::make_unique<Expr>();
  expr->node = std::move(node);
  expr->span = span;
  return expr;
}

// "tag:vip" -> "vip"; "tag:" followed by a word or string -> that; `what` names it in errors.
// Returns the name and its span.
std::pair<std::string, Span> prefixed_name(Cursor& cursor, const Token& word, std::size_t prefix,
                                           std::string_view what) {
  if (word.text.size() > prefix)
    return {word.text.substr(prefix), Span{word.span.offset + prefix, word.span.length - prefix}};
  const Token& next = cursor.peek();
  if (next.kind != TokenKind::string &&
      (next.kind != TokenKind::word || detail::is_keyword(next.text)))
    cursor.expected(what);
  cursor.take();
  return {next.text, next.span};
}

bool has_prefix(const Token& word, std::string_view prefix) {
  return word.kind == TokenKind::word && word.text.size() >= prefix.size() &&
         util::to_lower_ascii(word.text.substr(0, prefix.size())) == prefix;
}

ExprPtr parse_bought(Cursor& cursor) {
  const std::size_t start = cursor.take().span.offset;
  if (cursor.peek().kind != TokenKind::lparen) cursor.expected("'('");
  cursor.take();
  const Token& sku = cursor.peek();
  auto value = detail::take_text_value(cursor);
  if (!value) cursor.expected("a SKU");
  if (value->text.empty()) cursor.fail("empty SKU", sku.span);
  if (cursor.peek().kind != TokenKind::rparen) cursor.expected("')'");
  cursor.take();
  Bought bought{std::move(*value), std::nullopt};
  if (is_word(cursor.peek(), "within")) {
    cursor.take();
    bought.within = detail::parse_duration(cursor);
  }
  return make(std::move(bought), cursor.since(start));
}

ExprPtr parse_predicate(Cursor& cursor) {
  const Token& token = cursor.peek();
  if (token.kind != TokenKind::word ||
      (detail::is_keyword(token.text) && !is_word(token, "bought"))) {
    if (cursor.at_start())
      cursor.fail(fmt::format("unexpected '{}'", cursor.written(token)), token.span);
    cursor.expected("a condition");
  }
  if (is_word(token, "bought")) return parse_bought(cursor);
  const std::size_t start = token.span.offset;
  if (has_prefix(token, "tag:")) {
    const Token& word = cursor.take();
    auto [name, span] = prefixed_name(cursor, word, 4, "a tag name");
    cursor.normalized(domain::normalize_tag, name, span);
    return make(Tag{std::move(name)}, cursor.since(start));
  }
  if (has_prefix(token, "opted_in:")) {
    const Token& word = cursor.take();
    auto [name, span] = prefixed_name(cursor, word, 9, "a channel");
    return make(OptedIn{cursor.normalized(domain::normalize_channel, name, span)},
                cursor.since(start));
  }
  if (has_prefix(token, "segment:")) {
    const Token& word = cursor.take();
    auto [name, span] = prefixed_name(cursor, word, 8, "a segment name");
    if (name.empty()) cursor.fail("empty segment name", span);
    return make(SegmentRef{std::move(name), nullptr}, cursor.since(start));
  }
  return detail::parse_field_predicate(cursor);
}

ExprPtr parse_or(Cursor& cursor, int depth);

ExprPtr parse_unary(Cursor& cursor, int depth) {
  const Token& token = cursor.peek();
  if (depth > max_depth) cursor.fail("expression nested too deeply", token.span);
  if (is_word(token, "not")) {
    const std::size_t start = cursor.take().span.offset;
    auto operand = parse_unary(cursor, depth + 1);
    return make(Not{std::move(operand)}, cursor.since(start));
  }
  if (token.kind != TokenKind::lparen) return parse_predicate(cursor);
  const Token& open = cursor.take();
  auto inner = parse_or(cursor, depth + 1);
  const Token& close = cursor.peek();
  if (close.kind == TokenKind::end) cursor.fail("unclosed '('", open.span);
  if (close.kind != TokenKind::rparen) {
    cursor.fail(fmt::format("expected 'and', 'or' or ')' before '{}'", cursor.written(close)),
                close.span);
  }
  cursor.take();
  inner->span = cursor.since(open.span.offset);
  return inner;
}

// operand (keyword operand)*: one operand alone, or an And/Or of all of them.
template <typename Node, typename Next>
ExprPtr parse_chain(Cursor& cursor, std::string_view keyword, Next next) {
  const std::size_t start = cursor.peek().span.offset;
  std::vector<ExprPtr> operands;
  operands.push_back(next());
  while (is_word(cursor.peek(), keyword)) {
    cursor.take();
    operands.push_back(next());
  }
  if (operands.size() == 1) return std::move(operands.front());
  return make(Node{std::move(operands)}, cursor.since(start));
}

ExprPtr parse_and(Cursor& cursor, int depth) {
  return parse_chain<And>(cursor, "and", [&] { return parse_unary(cursor, depth); });
}

ExprPtr parse_or(Cursor& cursor, int depth) {
  return parse_chain<Or>(cursor, "or", [&] { return parse_and(cursor, depth); });
}

} // namespace

ExprPtr parse(std::string_view text) {
  Cursor cursor(text);
  if (cursor.peek().kind == TokenKind::end) cursor.fail("empty expression", Span{0, 0});
  auto expr = parse_or(cursor, 0);
  const Token& rest = cursor.peek();
  if (rest.kind == TokenKind::rparen) cursor.fail("unexpected ')'", rest.span);
  if (rest.kind != TokenKind::end)
    cursor.fail(fmt::format("expected 'and' or 'or' before '{}'", cursor.written(rest)), rest.span);
  return expr;
}

} // namespace crm::segment
