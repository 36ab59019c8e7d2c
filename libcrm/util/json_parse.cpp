#include "util/json.hpp"

#include <algorithm>
#include <charconv>
#include <system_error>

#include <fmt/core.h>

#include "util/error.hpp"
#include "util/json_escape.hpp"
#include "util/utf8.hpp"

namespace crm::util {
namespace {

using detail::escape_letters;
using detail::escaped_chars;

constexpr int max_depth = 512;

// from_chars reports overflow and underflow alike; this tells whether the decimal exponent of
// the first significant digit is negative, i.e. the value underflowed towards zero.
bool is_underflow(std::string_view lexeme) {
  const std::size_t e = lexeme.find_first_of("eE");
  long exponent = 0;
  if (e != std::string_view::npos) {
    std::string_view digits = lexeme.substr(e + 1);
    const bool negative = !digits.empty() && digits.front() == '-';
    if (!digits.empty() && (digits.front() == '-' || digits.front() == '+'))
      digits.remove_prefix(1);
    for (const char digit : digits) exponent = std::min(exponent * 10 + (digit - '0'), 1000000L);
    if (negative) exponent = -exponent;
  }
  const std::string_view mantissa = lexeme.substr(0, e);
  const std::size_t first = mantissa.find_first_of("123456789");
  const std::size_t point = mantissa.find('.');
  const std::size_t integer_end = point == std::string_view::npos ? mantissa.size() : point;
  const long first_digit_exponent = first < integer_end ? static_cast<long>(integer_end - first) - 1
                                                        : -static_cast<long>(first - integer_end);
  return first_digit_exponent + exponent < 0;
}

class Parser {
public:
  explicit Parser(std::string_view text) : text_(text) {}
  Json parse_document();

private:
  [[noreturn]] void fail_at(std::size_t offset, std::string_view what) const {
    throw UsageError(fmt::format("invalid JSON at offset {}: {}", offset, what));
  }
  [[noreturn]] void fail_unexpected(std::string_view expected = {}) const;
  [[nodiscard]] bool at_end() const { return pos_ >= text_.size(); }
  [[nodiscard]] char peek() const { return at_end() ? '\0' : text_[pos_]; }
  [[nodiscard]] bool peek_digit() const { return !at_end() && peek() >= '0' && peek() <= '9'; }
  bool accept(char c);
  void skip_whitespace();
  void skip_digits();
  Json parse_value(int depth);
  void enter_container(int depth);
  Json parse_array(int depth);
  Json parse_object(int depth);
  Json parse_literal(std::string_view word, Json value);
  Json parse_number();
  std::string parse_string();
  void parse_escape(std::string& out);
  char32_t parse_hex4();

  std::string_view text_;
  std::size_t pos_ = 0;
};

void Parser::fail_unexpected(std::string_view expected) const {
  if (at_end()) fail_at(pos_, "unexpected end of input");
  const auto byte = static_cast<unsigned char>(text_[pos_]);
  const std::string found = byte >= 0x20 && byte < 0x7f
                                ? fmt::format("'{}'", static_cast<char>(byte))
                                : fmt::format("byte 0x{:02x}", byte);
  if (expected.empty()) fail_at(pos_, fmt::format("unexpected {}", found));
  fail_at(pos_, fmt::format("expected {}, found {}", expected, found));
}

bool Parser::accept(char c) {
  if (at_end() || text_[pos_] != c) return false;
  ++pos_;
  return true;
}

void Parser::skip_whitespace() {
  while (!at_end() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r')) ++pos_;
}

void Parser::skip_digits() {
  while (peek_digit()) ++pos_;
}

Json Parser::parse_document() {
  skip_whitespace();
  Json value = parse_value(0);
  skip_whitespace();
  if (!at_end()) fail_unexpected("the end of input");
  return value;
}

Json Parser::parse_value(int depth) {
  switch (peek()) {
  case '{':
    return parse_object(depth + 1);
  case '[':
    return parse_array(depth + 1);
  case '"':
    return Json(parse_string());
  case 't':
    return parse_literal("true", Json(true));
  case 'f':
    return parse_literal("false", Json(false));
  case 'n':
    return parse_literal("null", Json());
  default:
    if (peek() == '-' || peek_digit()) return parse_number();
    fail_unexpected("a value");
  }
}

void Parser::enter_container(int depth) {
  if (depth > max_depth) fail_at(pos_, fmt::format("nesting deeper than {} levels", max_depth));
  ++pos_; // '[' or '{'
}

Json Parser::parse_array(int depth) {
  enter_container(depth);
  Json array = Json::array();
  skip_whitespace();
  if (accept(']')) return array;
  while (true) {
    skip_whitespace();
    array.push_back(parse_value(depth));
    skip_whitespace();
    if (accept(']')) return array;
    if (!accept(',')) fail_unexpected("',' or ']'");
  }
}

// Duplicate keys: the last value wins, at the position of the first (Json::set).
Json Parser::parse_object(int depth) {
  enter_container(depth);
  Json object = Json::object();
  skip_whitespace();
  if (accept('}')) return object;
  while (true) {
    skip_whitespace();
    if (peek() != '"') fail_unexpected("a string key");
    std::string key = parse_string();
    skip_whitespace();
    if (!accept(':')) fail_unexpected("':'");
    skip_whitespace();
    object.set(key, parse_value(depth));
    skip_whitespace();
    if (accept('}')) return object;
    if (!accept(',')) fail_unexpected("',' or '}'");
  }
}

Json Parser::parse_literal(std::string_view word, Json value) {
  if (text_.substr(pos_, word.size()) != word) fail_at(pos_, fmt::format("expected '{}'", word));
  pos_ += word.size();
  return value;
}

Json Parser::parse_number() {
  const std::size_t start = pos_;
  accept('-');
  if (accept('0')) {
    if (peek_digit()) fail_at(start, "leading zero in number");
  } else if (peek_digit()) {
    skip_digits();
  } else {
    fail_unexpected("a digit");
  }
  bool integral = true;
  if (accept('.')) {
    integral = false;
    if (!peek_digit()) fail_unexpected("a digit after '.'");
    skip_digits();
  }
  if (accept('e') || accept('E')) {
    integral = false;
    if (!accept('+')) accept('-');
    if (!peek_digit()) fail_unexpected("a digit in the exponent");
    skip_digits();
  }
  const std::string_view lexeme = text_.substr(start, pos_ - start);
  const char* end = lexeme.data() + lexeme.size();
  if (integral) {
    std::int64_t integer = 0;
    if (std::from_chars(lexeme.data(), end, integer).ec == std::errc{}) return Json(integer);
  }
  double number = 0;
  const auto result = std::from_chars(lexeme.data(), end, number);
  if (result.ec == std::errc::result_out_of_range) {
    if (!is_underflow(lexeme)) fail_at(start, "number out of range");
    number = lexeme.front() == '-' ? -0.0 : 0.0;
  }
  return Json(number);
}

std::string Parser::parse_string() {
  const std::size_t start = pos_++;
  std::string out;
  while (true) {
    if (at_end()) fail_at(start, "unterminated string");
    const auto byte = static_cast<unsigned char>(text_[pos_]);
    if (byte == '"') break;
    if (byte == '\\') {
      parse_escape(out);
    } else if (byte < 0x20) {
      fail_at(pos_, "control character in string (escape it)");
    } else if (byte < 0x80) {
      out += static_cast<char>(byte);
      ++pos_;
    } else {
      const std::size_t length = detail::decode_utf8(text_, pos_).length;
      if (length == 0) fail_at(pos_, "invalid UTF-8 in string");
      out.append(text_.substr(pos_, length));
      pos_ += length;
    }
  }
  ++pos_;
  return out;
}

void Parser::parse_escape(std::string& out) {
  const std::size_t start = pos_++;
  if (at_end()) fail_unexpected();
  const char kind = text_[pos_++];
  if (kind != 'u') {
    const std::size_t escape = escape_letters.find(kind);
    if (escape == std::string_view::npos) fail_at(start, "invalid escape sequence");
    out += escaped_chars[escape];
    return;
  }
  char32_t codepoint = parse_hex4();
  if (codepoint >= 0xDC00 && codepoint <= 0xDFFF)
    fail_at(start, "unpaired surrogate in \\u escape");
  if (codepoint >= 0xD800 && codepoint <= 0xDBFF) {
    if (text_.substr(pos_, 2) != "\\u") fail_at(start, "unpaired surrogate in \\u escape");
    pos_ += 2;
    const char32_t low = parse_hex4();
    if (low < 0xDC00 || low > 0xDFFF) fail_at(start, "unpaired surrogate in \\u escape");
    codepoint = 0x10000 + ((codepoint - 0xD800) << 10) + (low - 0xDC00);
  }
  detail::append_utf8(out, codepoint);
}

char32_t Parser::parse_hex4() {
  char32_t value = 0;
  for (int i = 0; i < 4; ++i) {
    const char c = peek();
    int digit = 0;
    if (c >= '0' && c <= '9') {
      digit = c - '0';
    } else if (c >= 'a' && c <= 'f') {
      digit = c - 'a' + 10;
    } else if (c >= 'A' && c <= 'F') {
      digit = c - 'A' + 10;
    } else {
      fail_unexpected("a hex digit");
    }
    value = value * 16 + static_cast<char32_t>(digit);
    ++pos_;
  }
  return value;
}

} // namespace

Json Json::parse(std::string_view text) { return Parser(text).parse_document(); }

} // namespace crm::util
