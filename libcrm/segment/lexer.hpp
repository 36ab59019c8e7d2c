#pragma once
// Internal to crm_segment: the tokens of a segment expression. Not part of the interface.
#include <string>
#include <string_view>
#include <vector>

#include "segment/ast.hpp"

namespace crm::segment::detail {

// word: a run of word characters (ASCII letters, digits, _ - . / : @ + and every byte of a
// non-ASCII UTF-8 sequence): keywords, field names, tag:NAME, numbers, dates, durations.
// string: a quoted literal, `text` unescaped. op: = != < <= > >= ~ !~. end: after the last.
enum class TokenKind { word, string, op, lparen, rparen, comma, end };

struct Token {
  TokenKind kind = TokenKind::end;
  std::string text; // as written, except strings: unquoted and unescaped
  Span span;
};

bool is_word_char(char c);

// The tokens of `text`, ending with one `end` token (span: the end of the text, length 0).
// Throws ExpressionError: "unterminated string" (caret at the opening quote), "invalid escape
// '\q' in string", "unexpected character '*'", "expression is not valid UTF-8".
std::vector<Token> tokenize(std::string_view text);

// True when `word` is a keyword (and, or, not, in, is, empty, within, older, than, before,
// after, bought), in any case.
bool is_keyword(std::string_view word);
// `word` equals `keyword` (lower case) ignoring ASCII case.
bool is_word(const Token& token, std::string_view keyword);

} // namespace crm::segment::detail
