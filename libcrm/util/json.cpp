#include "util/json.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <stdexcept>
#include <system_error>

#include <fmt/core.h>
#include <utf8proc.h>

#include "util/error.hpp"

namespace crm::util {
namespace {

constexpr std::string_view replacement_escape = "\\ufffd";
constexpr int max_depth = 512;

[[noreturn]] void type_mismatch(std::string_view wanted) {
  throw std::logic_error(fmt::format("Json: value is not {}", wanted));
}

template <typename T, typename Variant>
auto& get_or_throw(Variant& variant, std::string_view wanted) {
  auto* value = std::get_if<T>(&variant);
  if (value == nullptr) type_mismatch(wanted);
  return *value;
}

// Length of the valid UTF-8 sequence at `pos`, or 0 when the byte there starts none.
std::size_t utf8_sequence_length(std::string_view text, std::size_t pos,
                                 utf8proc_int32_t& codepoint) {
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data() + pos);
  const auto length =
      utf8proc_iterate(bytes, static_cast<utf8proc_ssize_t>(text.size() - pos), &codepoint);
  return length > 0 ? static_cast<std::size_t>(length) : 0;
}

// The one-letter JSON escapes, as the characters they stand for and as the letters.
constexpr std::string_view escaped_chars = "\"\\/\b\f\n\r\t";
constexpr std::string_view escape_letters = "\"\\/bfnrt";

void append_escaped_byte(std::string& out, char byte) {
  const std::size_t escape = byte == '/' ? std::string_view::npos : escaped_chars.find(byte);
  if (escape != std::string_view::npos) {
    out.append({'\\', escape_letters[escape]});
  } else if (static_cast<unsigned char>(byte) < 0x20) {
    out += fmt::format("\\u{:04x}", static_cast<int>(byte));
  } else {
    out += byte;
  }
}

void append_string(std::string& out, std::string_view text) {
  out += '"';
  std::size_t pos = 0;
  while (pos < text.size()) {
    if (static_cast<unsigned char>(text[pos]) < 0x80) {
      append_escaped_byte(out, text[pos++]);
      continue;
    }
    utf8proc_int32_t codepoint = 0;
    const std::size_t length = utf8_sequence_length(text, pos, codepoint);
    if (length == 0) {
      out += replacement_escape;
      ++pos;
    } else {
      out.append(text.substr(pos, length));
      pos += length;
    }
  }
  out += '"';
}

// Shortest round-trip form; integral values keep a ".0" so that they parse back as doubles.
std::string double_text(double value) {
  std::string text = fmt::format("{}", value);
  if (text.find_first_of(".e") == std::string::npos) text += ".0";
  return text;
}

void append_dump(std::string& out, const Json& value);

void append_array(std::string& out, const Json::Array& array) {
  out += '[';
  for (std::size_t i = 0; i < array.size(); ++i) {
    if (i > 0) out += ',';
    append_dump(out, array[i]);
  }
  out += ']';
}

void append_object(std::string& out, const Json::Object& object) {
  out += '{';
  for (std::size_t i = 0; i < object.size(); ++i) {
    if (i > 0) out += ',';
    append_string(out, object[i].first);
    out += ':';
    append_dump(out, object[i].second);
  }
  out += '}';
}

void append_dump(std::string& out, const Json& value) {
  switch (value.type()) {
  case Json::Type::null:
    out += "null";
    return;
  case Json::Type::number:
    out += std::isfinite(value.as_double()) ? double_text(value.as_double()) : "null";
    return;
  case Json::Type::string:
    append_string(out, value.as_string());
    return;
  case Json::Type::array:
    append_array(out, value.as_array());
    return;
  case Json::Type::object:
    append_object(out, value.as_object());
    return;
  case Json::Type::boolean:
  case Json::Type::integer:
    out += value.to_text();
    return;
  }
}

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
  utf8proc_int32_t parse_hex4();

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
      utf8proc_int32_t codepoint = 0;
      const std::size_t length = utf8_sequence_length(text_, pos_, codepoint);
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
  utf8proc_int32_t codepoint = parse_hex4();
  if (codepoint >= 0xDC00 && codepoint <= 0xDFFF)
    fail_at(start, "unpaired surrogate in \\u escape");
  if (codepoint >= 0xD800 && codepoint <= 0xDBFF) {
    if (text_.substr(pos_, 2) != "\\u") fail_at(start, "unpaired surrogate in \\u escape");
    pos_ += 2;
    const utf8proc_int32_t low = parse_hex4();
    if (low < 0xDC00 || low > 0xDFFF) fail_at(start, "unpaired surrogate in \\u escape");
    codepoint = 0x10000 + ((codepoint - 0xD800) << 10) + (low - 0xDC00);
  }
  utf8proc_uint8_t buffer[4];
  const auto length = utf8proc_encode_char(codepoint, buffer);
  out.append(reinterpret_cast<const char*>(buffer), static_cast<std::size_t>(length));
}

utf8proc_int32_t Parser::parse_hex4() {
  utf8proc_int32_t value = 0;
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
    value = value * 16 + digit;
    ++pos_;
  }
  return value;
}

std::string join_text(const Json::Array& array) {
  std::string out;
  for (std::size_t i = 0; i < array.size(); ++i) {
    if (i > 0) out += ", ";
    out += array[i].to_text();
  }
  return out;
}

} // namespace

Json::Type Json::type() const noexcept { return static_cast<Type>(value_.index()); }

bool Json::as_bool() const { return get_or_throw<bool>(value_, "a boolean"); }
std::int64_t Json::as_int() const { return get_or_throw<std::int64_t>(value_, "an integer"); }
const std::string& Json::as_string() const { return get_or_throw<std::string>(value_, "a string"); }
const Json::Array& Json::as_array() const { return get_or_throw<Array>(value_, "an array"); }
Json::Array& Json::as_array() { return get_or_throw<Array>(value_, "an array"); }
const Json::Object& Json::as_object() const { return get_or_throw<Object>(value_, "an object"); }
Json::Object& Json::as_object() { return get_or_throw<Object>(value_, "an object"); }

double Json::as_double() const {
  if (const auto* value = std::get_if<std::int64_t>(&value_)) return static_cast<double>(*value);
  return get_or_throw<double>(value_, "a number");
}

Json& Json::set(std::string_view key, Json value) {
  Object& members = as_object();
  for (auto& [name, member] : members) {
    if (name == key) {
      member = std::move(value);
      return *this;
    }
  }
  members.emplace_back(std::string(key), std::move(value));
  return *this;
}

// Lenient on purpose: a lookup in anything but an object finds nothing.
const Json* Json::find(std::string_view key) const {
  const auto* members = std::get_if<Object>(&value_);
  if (members == nullptr) return nullptr;
  for (const auto& [name, member] : *members) {
    if (name == key) return &member;
  }
  return nullptr;
}

void Json::push_back(Json value) { as_array().push_back(std::move(value)); }

std::string Json::dump() const {
  std::string out;
  append_dump(out, *this);
  return out;
}

std::string Json::to_text() const {
  switch (type()) {
  case Type::null:
    return {};
  case Type::boolean:
    return as_bool() ? "true" : "false";
  case Type::integer:
    return fmt::format("{}", as_int());
  case Type::number:
    return std::isfinite(as_double()) ? double_text(as_double()) : std::string();
  case Type::string:
    return as_string();
  case Type::array:
    return join_text(as_array());
  case Type::object: {
    std::string out;
    for (const auto& [key, member] : as_object()) {
      if (!out.empty()) out += ", ";
      out += key + "=" + member.to_text();
    }
    return out;
  }
  }
  return {};
}

Json Json::parse(std::string_view text) { return Parser(text).parse_document(); }

} // namespace crm::util
