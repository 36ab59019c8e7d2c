#include "util/json.hpp"

#include <cmath>
#include <stdexcept>

#include <fmt/core.h>

#include "util/json_escape.hpp"
#include "util/utf8.hpp"

namespace crm::util {
namespace {

using detail::escape_letters;
using detail::escaped_chars;

constexpr std::string_view replacement_escape = "\\ufffd";

[[noreturn]] void type_mismatch(std::string_view wanted) {
  throw std::logic_error(fmt::format("Json: value is not {}", wanted));
}

template <typename T, typename Variant>
auto& get_or_throw(Variant& variant, std::string_view wanted) {
  auto* value = std::get_if<T>(&variant);
  if (value == nullptr) type_mismatch(wanted);
  return *value;
}

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
    const std::size_t length = detail::decode_utf8(text, pos).length;
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

Json& Json::append(std::string_view key, Json value) {
  as_object().emplace_back(std::string(key), std::move(value));
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

} // namespace crm::util
