#include "segment_oracle.hpp"

#include <algorithm>
#include <stdexcept>

namespace crm::test {

using namespace crm::segment;

namespace {

// The code point at `text[i]` (valid UTF-8 assumed), advancing i past it.
char32_t next_code_point(std::string_view text, std::size_t& i) {
  const auto byte = static_cast<unsigned char>(text[i++]);
  int extra = byte >= 0xF0 ? 3 : byte >= 0xE0 ? 2 : byte >= 0xC0 ? 1 : 0;
  char32_t c = extra == 0 ? byte : byte & (0x3F >> extra);
  for (; extra > 0 && i < text.size(); --extra)
    c = (c << 6) | (static_cast<unsigned char>(text[i++]) & 0x3F);
  return c;
}

// [set] at pattern[p] (just after '['), against code point c; p ends after ']'. nullopt when
// the set is not terminated.
std::optional<bool> in_set(std::string_view pattern, std::size_t& p, char32_t c) {
  bool invert = false, seen = false;
  if (p < pattern.size() && pattern[p] == '^') {
    invert = true;
    ++p;
  }
  bool first = true;
  std::optional<char32_t> prior;
  while (p < pattern.size()) {
    std::size_t at = p;
    const char32_t x = next_code_point(pattern, at);
    if (x == ']' && !first) {
      p = at;
      return seen != invert;
    }
    if (x == ']' && first) { // a literal ']', not a range start
      seen = seen || c == x;
      first = false;
      p = at;
      continue;
    }
    first = false;
    const bool range = x == '-' && prior && at < pattern.size() && pattern[at] != ']';
    if (range) {
      const char32_t high = next_code_point(pattern, at);
      seen = seen || (c >= *prior && c <= high);
      prior.reset();
    } else {
      seen = seen || c == x;
      prior = x;
    }
    p = at;
  }
  return std::nullopt;
}

bool glob_from(std::string_view pattern, std::size_t p, std::string_view text, std::size_t t) {
  while (p < pattern.size()) {
    if (pattern[p] == '*') {
      for (std::size_t from = t;; next_code_point(text, from)) {
        if (glob_from(pattern, p + 1, text, from)) return true;
        if (from >= text.size()) return false;
      }
    }
    if (t >= text.size()) return false;
    const char32_t c = next_code_point(text, t);
    if (pattern[p] == '?') {
      ++p;
    } else if (pattern[p] == '[') {
      ++p;
      const auto hit = in_set(pattern, p, c);
      if (!hit || !*hit) return false;
    } else if (next_code_point(pattern, p) != c) {
      return false;
    }
  }
  return t == text.size();
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& ch : out)
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  return out;
}

} // namespace

bool glob_match(std::string_view pattern, std::string_view text) {
  return glob_from(pattern, 0, text, 0);
}

namespace {

std::string text_of(const store::Statement& q, int column) {
  return q.is_null(column) ? std::string() : q.get_text(column);
}

} // namespace

SegmentOracle::SegmentOracle(store::Database& db) {
  load(db);
  score();
}

void SegmentOracle::load(store::Database& db) {
  static const char* const columns[] = {
      "external_id", "email_key", "phone",   "first_name", "last_name", "company", "city",
      "postcode",    "region",    "country", "language",   "owner",     "status",  "source"};
  std::string select = "SELECT id, created_at, deleted_at";
  for (const char* column : columns) select += std::string(", ") + column;
  store::Statement q(db, select + " FROM customers ORDER BY id");
  std::map<std::int64_t, std::size_t> index;
  while (q.step()) {
    Customer c;
    c.id = q.get_int(0);
    c.created_at = q.get_int(1);
    c.deleted = !q.is_null(2);
    for (int i = 0; i < 14; ++i) {
      const std::string name = i == 1 ? "email" : columns[i];
      c.text[name] = q.get_opt_text(3 + i);
    }
    index[c.id] = customers_.size();
    customers_.push_back(std::move(c));
  }
  const auto each = [&](const char* sql, auto visit) {
    store::Statement r(db, sql);
    while (r.step()) visit(customers_.at(index.at(r.get_int(0))), r);
  };
  each("SELECT customer_id, tag FROM customer_tags",
       [](Customer& c, const store::Statement& r) { c.tags.insert(r.get_text(1)); });
  each("SELECT customer_id, key, value FROM customer_attributes",
       [](Customer& c, const store::Statement& r) { c.attributes[r.get_text(1)] = text_of(r, 2); });
  each("SELECT customer_id, channel, state FROM consents",
       [](Customer& c, const store::Statement& r) { c.consents[r.get_text(1)] = r.get_text(2); });
  each("SELECT customer_id, orders, revenue, first_order, last_order FROM customer_metrics",
       [](Customer& c, const store::Statement& r) {
         c.metrics = Metrics{r.get_int(1), r.get_int(2), r.get_int(3), r.get_int(4)};
       });
  std::map<std::int64_t, std::pair<std::size_t, std::size_t>> orders; // id -> customer, order
  each("SELECT customer_id, id, status, placed_at FROM orders",
       [&](Customer& c, const store::Statement& r) {
         orders[r.get_int(1)] = {index.at(c.id), c.orders.size()};
         c.orders.push_back(Order{r.get_text(2), r.get_int(3), {}});
       });
  store::Statement items(db, "SELECT order_id, sku FROM order_items");
  while (items.step()) {
    const auto [customer, order] = orders.at(items.get_int(0));
    customers_[customer].orders[order].skus.push_back(items.get_text(1));
  }
}

// By the definition: L = how many live customers with metrics have a strictly smaller value.
void SegmentOracle::score() {
  const auto value = [](const Metrics& m, int which) {
    return which == 0 ? m.last_order : which == 1 ? m.orders : m.revenue;
  };
  std::int64_t n = 0;
  for (const auto& c : customers_) n += c.metrics && !c.deleted ? 1 : 0;
  for (auto& c : customers_) {
    if (!c.metrics || c.deleted) continue;
    for (int which = 0; which < 3; ++which) {
      std::int64_t smaller = 0;
      for (const auto& other : customers_)
        if (other.metrics && !other.deleted &&
            value(*other.metrics, which) < value(*c.metrics, which))
          ++smaller;
      c.rfm[which] = static_cast<int>(1 + 5 * smaller / n);
    }
  }
}

std::set<std::int64_t> SegmentOracle::members(const Expr& expr, std::int64_t now) const {
  std::set<std::int64_t> ids;
  for (const auto& c : customers_)
    if (!c.deleted && matches(c, expr, now)) ids.insert(c.id);
  return ids;
}

namespace {

using Customer = SegmentOracle::Customer;

std::optional<std::string> text_value(const Customer& c, const FieldRef& f) {
  if (f.field == Field::attribute) {
    const auto it = c.attributes.find(f.name);
    return it == c.attributes.end() ? std::nullopt : std::optional(it->second);
  }
  if (f.field == Field::consent) {
    const auto it = c.consents.find(f.name);
    return it == c.consents.end() ? std::string("unknown") : it->second;
  }
  return c.text.at(std::string(info(f.field).name));
}

// revenue / orders rounded half away from zero.
std::int64_t average(std::int64_t revenue, std::int64_t orders) {
  std::int64_t q = revenue / orders;
  const std::int64_t r = revenue % orders;
  if (2 * (r < 0 ? -r : r) >= orders) q += revenue < 0 ? -1 : 1;
  return q;
}

std::int64_t number_value(const Customer& c, Field f) {
  if (!c.metrics) return 0;
  if (f == Field::orders) return c.metrics->orders;
  if (f == Field::revenue) return c.metrics->revenue;
  return average(c.metrics->revenue, c.metrics->orders);
}

std::optional<std::int64_t> time_value(const Customer& c, Field f) {
  if (f == Field::created) return c.created_at;
  if (!c.metrics) return std::nullopt;
  return f == Field::first_order ? c.metrics->first_order : c.metrics->last_order;
}

std::optional<std::int64_t> score_value(const Customer& c, Field f) {
  const int which = f == Field::rfm_r ? 0 : f == Field::rfm_f ? 1 : 2;
  return c.rfm[which];
}

bool compare(std::int64_t x, Op op, std::int64_t v) {
  switch (op) {
  case Op::eq:
    return x == v;
  case Op::ne:
    return x != v;
  case Op::lt:
    return x < v;
  case Op::le:
    return x <= v;
  case Op::gt:
    return x > v;
  case Op::ge:
    return x >= v;
  }
  return false;
}

// The positive form of a time comparison (`!=` is the negation of what this returns for it).
bool compare_time(std::optional<std::int64_t> t, Op op, const Value& v) {
  if (!t) return false;
  switch (op) {
  case Op::eq:
  case Op::ne:
    return v.number <= *t && *t < v.until;
  case Op::lt:
    return *t < v.number;
  case Op::le:
    return *t < v.until;
  case Op::gt:
    return *t >= v.until;
  case Op::ge:
    return *t >= v.number;
  }
  return false;
}

bool text_empty(const std::optional<std::string>& v) { return !v || v->empty(); }

bool text_in(const std::optional<std::string>& v, const std::vector<Value>& values) {
  if (text_empty(v)) return false;
  return std::any_of(values.begin(), values.end(),
                     [&](const Value& x) { return lower(*v) == lower(x.text); });
}

bool is_empty(const Customer& c, const FieldRef& f) {
  switch (info(f.field).type) {
  case FieldType::text:
    return text_empty(text_value(c, f));
  case FieldType::count:
  case FieldType::money:
    return false;
  case FieldType::time:
    return !time_value(c, f.field);
  case FieldType::score:
    return !score_value(c, f.field);
  }
  return false;
}

bool compare(const Customer& c, const Compare& n) {
  const Field f = n.field.field;
  const bool positive = n.op != Op::ne;
  switch (info(f).type) {
  case FieldType::text:
    return text_in(text_value(c, n.field), {n.value}) == positive;
  case FieldType::count:
  case FieldType::money:
    return compare(number_value(c, f), n.op, n.value.number);
  case FieldType::time:
    return compare_time(time_value(c, f), n.op, n.value) == positive;
  case FieldType::score: {
    const auto s = score_value(c, f);
    return (s && compare(*s, positive ? n.op : Op::eq, n.value.number)) == positive;
  }
  }
  return false;
}

bool in_list(const Customer& c, const InList& n) {
  const Field f = n.field.field;
  if (info(f).type == FieldType::text) return text_in(text_value(c, n.field), n.values);
  const std::optional<std::int64_t> x =
      info(f).type == FieldType::score ? score_value(c, f) : number_value(c, f);
  return x && std::any_of(n.values.begin(), n.values.end(),
                          [&](const Value& v) { return *x == v.number; });
}

bool bought(const Customer& c, const Bought& n, std::int64_t now) {
  return std::any_of(c.orders.begin(), c.orders.end(), [&](const SegmentOracle::Order& o) {
    if (o.status == "cancelled") return false;
    if (n.within && (o.placed_at < n.within->since || o.placed_at > now)) return false;
    return std::find(o.skus.begin(), o.skus.end(), n.sku.text) != o.skus.end();
  });
}

} // namespace

bool SegmentOracle::matches(const Customer& c, const Expr& expr, std::int64_t now) const {
  const auto eval = [&](const ExprPtr& e) { return matches(c, *e, now); };
  const auto& node = expr.node;
  if (const auto* n = std::get_if<Compare>(&node)) return compare(c, *n);
  if (const auto* n = std::get_if<InList>(&node)) return in_list(c, *n) != n->negated;
  if (const auto* n = std::get_if<Match>(&node)) {
    const auto v = text_value(c, n->field);
    return (!text_empty(v) && glob_match(lower(n->pattern.text), lower(*v))) != n->negated;
  }
  if (const auto* n = std::get_if<IsEmpty>(&node)) return is_empty(c, n->field) != n->negated;
  if (const auto* n = std::get_if<Within>(&node)) {
    const auto t = time_value(c, n->field.field);
    return t && n->duration.since <= *t && *t <= now;
  }
  if (const auto* n = std::get_if<OlderThan>(&node)) {
    const auto t = time_value(c, n->field.field);
    return t && *t < n->duration.since;
  }
  if (const auto* n = std::get_if<Tag>(&node)) return c.tags.count(n->name) > 0;
  if (const auto* n = std::get_if<OptedIn>(&node)) {
    const auto it = c.consents.find(n->channel);
    return it != c.consents.end() && it->second == "opt-in";
  }
  if (const auto* n = std::get_if<Bought>(&node)) return bought(c, *n, now);
  if (const auto* n = std::get_if<SegmentRef>(&node)) {
    if (!n->body) throw std::logic_error("segment:" + n->name + " not resolved");
    return eval(n->body);
  }
  if (const auto* n = std::get_if<Not>(&node)) return !eval(n->operand);
  if (const auto* n = std::get_if<And>(&node))
    return std::all_of(n->operands.begin(), n->operands.end(), eval);
  if (const auto* n = std::get_if<Or>(&node))
    return std::any_of(n->operands.begin(), n->operands.end(), eval);
  throw std::logic_error("unknown expression node");
}

} // namespace crm::test
