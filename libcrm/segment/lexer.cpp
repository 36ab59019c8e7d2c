#include "segment/lexer.hpp"

#include <array>
#include <fmt/format.h>

#include "segment/parser.hpp"
#include "util/strings.hpp"

namespace crm::segment::detail {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// Bytes of white space at `i`: ASCII white space, and the no-break space (U+00A0) and the
// ideographic space (U+3000) that Chinese input methods type between words; 0 for none.
std::size_t space_at(std::string_view text, std::size_t i) {
  if (is_space(text[i])) return 1;
  if (text.substr(i, 2) == "\xC2\xA0") return 2;
  if (text.substr(i, 3) == "\xE3\x80\x80") return 3;
  return 0;
}

// Reads the quoted string starting at `start` (its quote character); returns the offset after
// the closing quote.
std::size_t read_string(std::string_view text, std::size_t start, std::string& out) {
  const char quote = text[start];
  std::size_t i = start + 1;
  while (i < text.size() && text[i] != quote) {
    if (text[i] != '\\') {
      out += text[i++];
      continue;
    }
    if (i + 1 >= text.size()) break;
    const char escaped = text[i + 1];
    switch (escaped) {
    case '"':
    case '\'':
    case '\\':
      out += escaped;
      break;
    case 'n':
      out += '\n';
      break;
    case 't':
      out += '\t';
      break;
    default:
      throw ExpressionError(fmt::format("invalid escape '\\{}' in string", escaped), text,
                            Span{i, 2});
    }
    i += 2;
  }
  if (i >= text.size()) throw ExpressionError("unterminated string", text, Span{start, 1});
  return i + 1;
}

// An operator at `i`, or an empty view.
std::string_view read_operator(std::string_view text, std::size_t i) {
  static constexpr std::array<std::string_view, 8> ops = {
      "!=", "!~", "<=", ">=", "=", "<", ">", "~"};
  for (const auto op : ops) {
    if (text.substr(i, op.size()) == op) return op;
  }
  return {};
}

std::string describe_character(char c) {
  const auto u = static_cast<unsigned char>(c);
  if (u < 0x20 || u == 0x7f) return fmt::format("U+{:04X}", u);
  return fmt::format("'{}'", c);
}

// Throws at the first byte that does not start a valid UTF-8 sequence.
void check_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const std::size_t length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
    if (i + length > text.size() || !util::is_valid_utf8(text.substr(i, length)))
      throw ExpressionError("expression is not valid UTF-8", text, Span{i, 1});
    i += length;
  }
}

} // namespace

bool is_word_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || c == '.' || c == '/' || c == ':' || c == '@' || c == '+' || u >= 0x80;
}

std::vector<Token> tokenize(std::string_view text) {
  check_utf8(text);
  std::vector<Token> tokens;
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (const std::size_t space = space_at(text, i); space > 0) {
      i += space;
    } else if (c == '"' || c == '\'') {
      Token token{TokenKind::string, {}, {}};
      const std::size_t end = read_string(text, i, token.text);
      token.span = Span{i, end - i};
      tokens.push_back(std::move(token));
      i = end;
    } else if (c == '(' || c == ')' || c == ',') {
      const TokenKind kind =
          c == '(' ? TokenKind::lparen : (c == ')' ? TokenKind::rparen : TokenKind::comma);
      tokens.push_back(Token{kind, std::string(1, c), Span{i, 1}});
      ++i;
    } else if (const auto op = read_operator(text, i); !op.empty()) {
      tokens.push_back(Token{TokenKind::op, std::string(op), Span{i, op.size()}});
      i += op.size();
    } else if (is_word_char(c)) {
      std::size_t end = i;
      while (end < text.size() && is_word_char(text[end]) && space_at(text, end) == 0) ++end;
      tokens.push_back(
          Token{TokenKind::word, std::string(text.substr(i, end - i)), Span{i, end - i}});
      i = end;
    } else {
      throw ExpressionError(fmt::format("unexpected character {}", describe_character(c)), text,
                            Span{i, 1});
    }
  }
  tokens.push_back(Token{TokenKind::end, {}, Span{text.size(), 0}});
  return tokens;
}

bool is_keyword(std::string_view word) {
  static constexpr std::array<std::string_view, 12> keywords = {
      "and",    "or",    "not",  "in",     "is",    "empty",
      "within", "older", "than", "before", "after", "bought"};
  const std::string lower = util::to_lower_ascii(word);
  for (const auto keyword : keywords) {
    if (lower == keyword) return true;
  }
  return false;
}

bool is_word(const Token& token, std::string_view keyword) {
  return token.kind == TokenKind::word && util::to_lower_ascii(token.text) == keyword;
}

} // namespace crm::segment::detail
