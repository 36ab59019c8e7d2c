#pragma once
// A small JSON value: the common data model of everything crm prints.
// Objects keep insertion order (output is stable for scripts).
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace crm::util {

class Json {
public:
  using Array = std::vector<Json>;
  using Object = std::vector<std::pair<std::string, Json>>;
  enum class Type { null, boolean, integer, number, string, array, object };

  Json() = default;
  Json(std::nullptr_t) {}
  Json(bool value) : value_(value) {}
  Json(int value) : value_(static_cast<std::int64_t>(value)) {}
  Json(long value) : value_(static_cast<std::int64_t>(value)) {}
  Json(long long value) : value_(static_cast<std::int64_t>(value)) {}
  Json(double value) : value_(value) {}
  Json(std::string value) : value_(std::move(value)) {}
  Json(std::string_view value) : value_(std::string(value)) {}
  Json(const char* value) : value_(std::string(value)) {}
  Json(Array value) : value_(std::move(value)) {}
  Json(Object value) : value_(std::move(value)) {}

  static Json array() { return Json(Array{}); }
  static Json object() { return Json(Object{}); }

  [[nodiscard]] Type type() const noexcept;
  [[nodiscard]] bool is_null() const noexcept { return type() == Type::null; }
  [[nodiscard]] bool is_object() const noexcept { return type() == Type::object; }
  [[nodiscard]] bool is_array() const noexcept { return type() == Type::array; }
  [[nodiscard]] bool is_string() const noexcept { return type() == Type::string; }

  // Accessors throw std::logic_error on a type mismatch (a bug, not a user error).
  [[nodiscard]] bool as_bool() const;
  [[nodiscard]] std::int64_t as_int() const;
  [[nodiscard]] double as_double() const; // integer or number
  [[nodiscard]] const std::string& as_string() const;
  [[nodiscard]] const Array& as_array() const;
  [[nodiscard]] Array& as_array();
  [[nodiscard]] const Object& as_object() const;
  [[nodiscard]] Object& as_object();

  // Object: sets `key` (replacing an existing value in place, else appending); returns *this.
  Json& set(std::string_view key, Json value);
  // Adds a member without looking for one with the same key: for builders that know each key
  // is new (set() searches the members first).
  Json& append(std::string_view key, Json value);
  // Object: the value at `key`, or nullptr.
  [[nodiscard]] const Json* find(std::string_view key) const;
  // Array: appends.
  void push_back(Json value);

  // Compact JSON ("," and ":" without spaces). Strings are UTF-8, control characters and
  // invalid UTF-8 escaped (\u00XX / U+FFFD). Doubles use the shortest round-trip form.
  [[nodiscard]] std::string dump() const;
  // Text form for tables and CSV: strings as-is, null as "", arrays joined by ", ",
  // objects as "k=v" joined by ", ", booleans "true"/"false".
  [[nodiscard]] std::string to_text() const;
  // Parses JSON text; throws UsageError("invalid JSON at offset N: ...") on bad input.
  static Json parse(std::string_view text);

  friend bool operator==(const Json& a, const Json& b) { return a.value_ == b.value_; }

private:
  std::variant<std::nullptr_t, bool, std::int64_t, double, std::string, Array, Object> value_{
      nullptr};
};

} // namespace crm::util
