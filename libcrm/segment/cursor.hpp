#pragma once
// Internal to crm_segment: the parser's position in the token list, and the pieces of the
// grammar split across parser.cpp (structure) and predicate.cpp (field predicates).
#include <string>
#include <string_view>
#include <vector>

#include "segment/ast.hpp"
#include "segment/lexer.hpp"

namespace crm::segment::detail {

class Cursor {
public:
  explicit Cursor(std::string_view text) : text_(text), tokens_(tokenize(text)) {}

  [[nodiscard]] const Token& peek() const { return tokens_[position_]; }
  // The current token; moves on unless it is the end.
  const Token& take();
  [[nodiscard]] bool at_start() const { return position_ == 0; }
  [[nodiscard]] std::string_view text() const { return text_; }
  // A token as it appears in the text (strings with their quotes).
  [[nodiscard]] std::string_view written(const Token& token) const;

  [[noreturn]] void fail(std::string_view message, Span span) const;
  // "expected WHAT after 'PREVIOUS TOKEN'", the caret at the current token.
  [[noreturn]] void expected(std::string_view what) const;
  // normalize(value) (a domain::normalize_* function); its UsageError becomes an
  // ExpressionError with the same message, the caret under `span`.
  std::string normalized(std::string (*normalize)(std::string_view), std::string_view value,
                         Span span) const;
  // From `offset` to the end of the last token taken.
  [[nodiscard]] Span since(std::size_t offset) const;

private:
  std::string_view text_;
  std::vector<Token> tokens_;
  std::size_t position_ = 0;
};

// field op value | field [not] in (...) | field (~|!~) pattern | field is [not] empty |
// field within D | field older than D | field before T | field after T. The cursor is at the
// field's word.
ExprPtr parse_field_predicate(Cursor& cursor);
// A duration (90d) after `within` or `than`.
Duration parse_duration(Cursor& cursor);
// A quoted string or a bare word that is no keyword, as a string Value; empty optional when
// the current token is neither (nothing taken).
std::optional<Value> take_text_value(Cursor& cursor);

} // namespace crm::segment::detail
