#pragma once
// The segment expression language: the syntax tree and the field catalogue. Pure data, no
// I/O. Grammar and semantics: man/crm-segment.7.scd.
//
// Every predicate is two-valued (true or false, never "unknown"): an empty value (NULL or "")
// makes =, <, <=, >, >=, in, ~ false and !=, not in, not ~ true; `not` is plain negation.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace crm::segment {

// text: compared as text, ASCII case-insensitively (=, !=, in, ~, is empty; no < >).
// count: an integer (orders). money: an amount in the store currency (revenue, aov).
// time: an instant (created, first_order, last_order). score: an RFM score 1..5.
enum class FieldType { text, count, money, time, score };

enum class Field {
  // customers columns
  external_id,
  email,
  phone,
  first_name,
  last_name,
  company,
  city,
  postcode,
  region,
  country,
  language,
  owner,
  status,
  source,
  created,
  // order metrics (customer_metrics; a customer without orders: 0, 0, 0, empty, empty)
  orders,
  revenue,
  aov,
  first_order,
  last_order,
  // RFM scores over customers with at least one order (empty without orders)
  rfm_r,
  rfm_f,
  rfm_m,
  // attr.NAME: a custom attribute (text); consent.CHANNEL: opt-in, opt-out or unknown
  attribute,
  consent,
};

struct FieldInfo {
  std::string_view name; // as written in expressions: "last_order", "rfm.r"; "attr." and
                         // "consent." for the two families
  Field field;
  FieldType type;
  std::string_view help; // one line for crm-segment(7), `crm segment fields` and errors
};

// Every field, in the order documented.
const std::vector<FieldInfo>& fields();
const FieldInfo& info(Field field);

enum class Op { eq, ne, lt, le, gt, ge };
std::string_view to_string(Op op);

// A position in the expression text: byte offset and length, for carets.
struct Span {
  std::size_t offset = 0;
  std::size_t length = 1;
};

// A literal as written, and what resolve() made of it.
struct Value {
  enum class Kind { string, number, date, datetime } kind = Kind::string;
  std::string text; // strings unquoted and unescaped; numbers, dates as written
  Span span;
  // Set by resolve(): count/score fields: the integer; money fields: minor units of the
  // store currency; time fields: the first instant the value denotes ...
  std::int64_t number = 0;
  // ... and, for a date (a whole day in the configured time zone), the first instant after
  // it (the next midnight); for a datetime, number + 1.
  std::int64_t until = 0;
};

// A duration such as 90d, 12w, 6m (calendar months), 1y, 24h.
struct Duration {
  std::string text; // "90d"
  Span span;
  std::int64_t since = 0; // set by resolve(): now minus the duration
};

struct FieldRef {
  Field field = Field::email;
  std::string name; // attribute or consent channel: "shoe_size", "email"
  Span span;
};

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

struct Compare {
  FieldRef field;
  Op op = Op::eq;
  Value value;
};
struct InList {
  FieldRef field;
  bool negated = false; // not in
  std::vector<Value> values;
};
// field ~ "glob": * any run, ? one character, [abc] a set; ASCII case-insensitive.
struct Match {
  FieldRef field;
  bool negated = false; // !~
  Value pattern;
};
struct IsEmpty {
  FieldRef field;
  bool negated = false; // is not empty
};
// time field: within D (now - D <= t <= now), older than D (t < now - D).
struct Within {
  FieldRef field;
  Duration duration;
};
struct OlderThan {
  FieldRef field;
  Duration duration;
};
struct Tag {
  std::string name; // normalised as tags are stored
};
struct OptedIn {
  std::string channel; // email, sms, phone, postal
};
// bought("SKU") [within D]: a line with exactly that SKU in a non-cancelled order (placed
// within D of now).
struct Bought {
  Value sku;
  std::optional<Duration> within;
};
// segment:NAME. resolve() parses the saved expression into `body`.
struct SegmentRef {
  std::string name;
  ExprPtr body;
};
struct Not {
  ExprPtr operand;
};
struct And {
  std::vector<ExprPtr> operands; // two or more
};
struct Or {
  std::vector<ExprPtr> operands; // two or more
};

struct Expr {
  std::variant<Compare, InList, Match, IsEmpty, Within, OlderThan, Tag, OptedIn, Bought, SegmentRef,
               Not, And, Or>
      node;
  Span span; // the whole sub-expression
};

} // namespace crm::segment
