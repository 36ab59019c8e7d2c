#include "store/segment_sql.hpp"

#include <algorithm>
#include <functional>
#include <stdexcept>
#include <type_traits>
#include <utility>

#include "util/strings.hpp"
#include "util/time.hpp"

namespace crm::store {

using namespace crm::segment;

int rfm_score(std::int64_t smaller, std::int64_t n) {
  if (n <= 0) return 0;
  return static_cast<int>(1 + (5 * smaller) / n);
}

namespace {

// Sorted ascending, the value at index k has L <= k; every value v with L(v) < k
// (score < s, k = ceil((s - 1) * n / 5)) is <= values[k - 1], which itself has L <= k - 1.
void fill_cuts(std::vector<std::int64_t>& values, std::array<std::optional<std::int64_t>, 6>& cut) {
  const auto n = static_cast<std::int64_t>(values.size());
  auto from = values.begin();
  for (std::int64_t s = 2; s <= 5; ++s) {
    const std::int64_t k = ((s - 1) * n + 4) / 5;
    if (k == 0) continue; // nobody scores below s
    const auto at = values.begin() + (k - 1);
    std::nth_element(from, at, values.end());
    cut[static_cast<std::size_t>(s)] = *at;
    from = at; // later cuts lie at or after this one
  }
}

} // namespace

RfmCuts load_rfm_cuts(Database& db) {
  std::array<std::vector<std::int64_t>, 3> values;
  Statement q(db, "SELECT m.last_order, m.orders, m.revenue FROM customer_metrics m "
                  "JOIN customers c ON c.id = m.customer_id WHERE c.deleted_at IS NULL");
  while (q.step())
    for (int i = 0; i < 3; ++i) values[static_cast<std::size_t>(i)].push_back(q.get_int(i));
  RfmCuts cuts;
  cuts.customers = static_cast<std::int64_t>(values[0].size());
  for (std::size_t i = 0; i < 3; ++i) fill_cuts(values[i], cuts.cut[i]);
  return cuts;
}

namespace {

// Appends SQL text and its parameters strictly left to right, so the `?` stay in step with
// `params`.
class Compiler {
public:
  Compiler(Database& db, std::int64_t now) : db_(db), now_(now) {}
  SqlPredicate take() { return std::move(out_); }

  void expr(const Expr& e) {
    std::visit([this](const auto& node) { this->node(node); }, e.node);
  }

private:
  using Emit = std::function<void()>;

  void sql(std::string_view text) { out_.sql += text; }
  void param(SqlValue value) {
    out_.sql += '?';
    out_.params.push_back(std::move(value));
  }
  void metrics(std::string_view text) {
    out_.uses_metrics = true;
    sql(text);
  }
  [[noreturn]] static void unsupported(std::string_view what) {
    throw std::logic_error("segment expression not resolved or checked: " + std::string(what));
  }

  // The column of a text field of customers (NULL or '' when empty); consent.CHANNEL as a
  // correlated lookup (for ~, where whether "unknown" matches is up to SQLite's GLOB).
  void text_column(const FieldRef& f) {
    switch (f.field) {
    case Field::email:
      return sql("c.email_key");
    case Field::consent:
      sql("coalesce((SELECT s.state FROM consents s WHERE s.customer_id = c.id AND s.channel = ");
      param(f.name);
      return sql("), 'unknown')");
    case Field::attribute:
      unsupported("attribute column");
    default:
      break;
    }
    if (info(f.field).type != FieldType::text) unsupported("text field");
    sql("c."); // the other text fields are named after their column
    sql(info(f.field).name);
  }

  // The positive text predicates (=, in, ~, is empty) over `column`: 0 or 1, false on empty.
  void text_compare(const Emit& column, const std::vector<const Value*>& values) {
    sql("coalesce(nullif(lower(");
    column();
    sql("), '') IN (");
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (i > 0) sql(", ");
      param(util::to_lower_ascii(values[i]->text));
    }
    sql("), 0)");
  }
  void text_glob(const Emit& column, const Value& pattern) {
    sql("coalesce(nullif(lower(");
    column();
    sql("), '') GLOB ");
    param(util::to_lower_ascii(pattern.text));
    sql(", 0)");
  }
  void text_empty(const Emit& column) {
    sql("(coalesce(");
    column();
    sql(", '') = '')");
  }

  // attr.NAME and consent.CHANNEL: at most one row per customer and key (the primary key);
  // `missing` is whether the predicate holds for a customer without one. Uncorrelated IN
  // subqueries: SQLite builds each set once (several times faster than a lookup per customer).
  void keyed(const FieldRef& f, bool missing, const std::function<void(const Emit&)>& predicate) {
    const bool attribute = f.field == Field::attribute;
    sql(missing ? "c.id NOT IN (SELECT customer_id FROM " : "c.id IN (SELECT customer_id FROM ");
    sql(attribute ? "customer_attributes WHERE key = " : "consents WHERE channel = ");
    param(f.name);
    sql(missing ? " AND NOT " : " AND ");
    predicate([this, attribute] { sql(attribute ? "value" : "state"); });
    sql(")");
  }
  // `missing`: as for keyed(); nullopt to ask SQLite (a correlated lookup).
  void text(const FieldRef& f, std::optional<bool> missing,
            const std::function<void(const Emit&)>& predicate) {
    const bool keyed_field = f.field == Field::attribute || f.field == Field::consent;
    if (keyed_field && missing) return keyed(f, *missing, predicate);
    predicate([this, &f] { text_column(f); });
  }
  // Fields kept in the normalised form resolve() gives values (email_key lower-cased; country,
  // language and status as domain/validate.hpp writes them): = and in compare them exactly,
  // so that SQLite can use their indexes (customers_email_live, customers_country).
  static bool stored_normalised(Field f) {
    return f == Field::email || f == Field::country || f == Field::language || f == Field::status;
  }
  void exact_in(const FieldRef& f, const std::vector<const Value*>& values) {
    sql("(");
    text_column(f);
    sql(" IS NOT NULL AND ");
    text_column(f);
    sql(" IN (");
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (i > 0) sql(", ");
      param(f.field == Field::email ? util::to_lower_ascii(values[i]->text) : values[i]->text);
    }
    sql("))");
  }

  // Whether "unknown", the consent state of a customer without a row, is among `values`.
  static bool unknown_in(const FieldRef& f, const std::vector<const Value*>& values) {
    return f.field == Field::consent &&
           std::any_of(values.begin(), values.end(),
                       [](const Value* v) { return util::to_lower_ascii(v->text) == "unknown"; });
  }

  // count and money fields: never empty (0 without orders).
  void number_column(Field f) {
    switch (f) {
    case Field::orders:
      return metrics("coalesce(m.orders, 0)");
    case Field::revenue:
      return metrics("coalesce(m.revenue, 0)");
    case Field::aov:
      // revenue / orders rounded half away from zero (SQLite integer division truncates).
      return metrics("(CASE WHEN m.orders > 0 THEN (CASE WHEN m.revenue >= 0 "
                     "THEN 2 * m.revenue + m.orders ELSE 2 * m.revenue - m.orders END) "
                     "/ (2 * m.orders) ELSE 0 END)");
    default:
      unsupported("number field");
    }
  }
  // time fields: NULL when empty.
  void time_column(Field f) {
    switch (f) {
    case Field::created:
      return sql("c.created_at");
    case Field::first_order:
      return metrics("m.first_order");
    case Field::last_order:
      return metrics("m.last_order");
    default:
      unsupported("time field");
    }
  }
  // t >= low (when set) and t < high (when set), false when t is NULL.
  void time_range(Field f, std::optional<std::int64_t> low, std::optional<std::int64_t> high) {
    sql("coalesce(");
    if (low) {
      time_column(f);
      sql(" >= ");
      param(*low);
    }
    if (low && high) sql(" AND ");
    if (high) {
      time_column(f);
      sql(" < ");
      param(*high);
    }
    sql(", 0)");
  }

  // score fields: the customers scoring lo..hi (see RfmCuts); none without a metrics row.
  void score_range(Field f, std::int64_t lo, std::int64_t hi);
  const RfmCuts& cuts() {
    if (!cuts_) cuts_ = load_rfm_cuts(db_);
    return *cuts_;
  }

  void negated(bool negate, const Emit& positive) {
    if (!negate) return positive();
    sql("NOT (");
    positive();
    sql(")");
  }

  void node(const Compare& n);
  void node(const InList& n);
  void node(const Match& n);
  void node(const IsEmpty& n);
  void node(const Within& n) {
    sql("coalesce(");
    time_column(n.field.field);
    sql(" BETWEEN ");
    param(n.duration.since);
    sql(" AND ");
    param(now_);
    sql(", 0)");
  }
  void node(const OlderThan& n) { time_range(n.field.field, std::nullopt, n.duration.since); }
  void node(const Tag& n) {
    sql("c.id IN (SELECT customer_id FROM customer_tags WHERE tag = ");
    param(n.name);
    sql(")");
  }
  void node(const OptedIn& n) {
    sql("c.id IN (SELECT customer_id FROM consents WHERE channel = ");
    param(n.channel);
    sql(" AND state = 'opt-in')");
  }
  void node(const Bought& n) {
    sql("c.id IN (SELECT o.customer_id FROM order_items i JOIN orders o ON o.id = i.order_id "
        "WHERE i.sku = ");
    param(n.sku.text);
    sql(" AND o.status <> 'cancelled'");
    if (n.within) {
      sql(" AND o.placed_at BETWEEN ");
      param(n.within->since);
      sql(" AND ");
      param(now_);
    }
    sql(")");
  }
  void node(const SegmentRef& n) {
    if (!n.body) unsupported("segment:" + n.name);
    sql("(");
    expr(*n.body);
    sql(")");
  }
  void node(const Not& n) {
    sql("NOT (");
    expr(*n.operand);
    sql(")");
  }
  void node(const And& n) { list(n.operands, " AND "); }
  void node(const Or& n) { list(n.operands, " OR "); }
  void list(const std::vector<ExprPtr>& operands, std::string_view join) {
    sql("(");
    for (std::size_t i = 0; i < operands.size(); ++i) {
      if (i > 0) sql(join);
      expr(*operands[i]);
    }
    sql(")");
  }

  Database& db_;
  std::int64_t now_;
  SqlPredicate out_;
  std::optional<RfmCuts> cuts_;
};

} // namespace

namespace {

std::string_view score_column(Field f) {
  switch (f) {
  case Field::rfm_r:
    return "m.last_order";
  case Field::rfm_f:
    return "m.orders";
  case Field::rfm_m:
    return "m.revenue";
  default:
    throw std::logic_error("not a score field");
  }
}
std::size_t score_index(Field f) { return f == Field::rfm_r ? 0 : f == Field::rfm_f ? 1 : 2; }

} // namespace

void Compiler::score_range(Field f, std::int64_t lo, std::int64_t hi) {
  lo = std::max<std::int64_t>(lo, 1);
  hi = std::min<std::int64_t>(hi, 5);
  const auto& cut = cuts().cut[score_index(f)];
  // score >= s <=> value > cut[s]; nullopt: everyone scores >= s.
  const auto above = [&](std::int64_t s) { return cut[static_cast<std::size_t>(s)]; };
  if (lo > hi || (hi < 5 && !above(hi + 1))) return sql("0");
  metrics("(m.customer_id IS NOT NULL");
  if (lo >= 2 && above(lo)) {
    sql(" AND ");
    sql(score_column(f));
    sql(" > ");
    param(*above(lo));
  }
  if (hi < 5) {
    sql(" AND ");
    sql(score_column(f));
    sql(" <= ");
    param(*above(hi + 1));
  }
  sql(")");
}

void Compiler::node(const Compare& n) {
  const Field f = n.field.field;
  const Value& v = n.value;
  const bool ne = n.op == Op::ne;
  switch (info(f).type) {
  case FieldType::text:
    if (n.op != Op::eq && !ne) unsupported("text comparison");
    if (stored_normalised(f)) return negated(ne, [&] { exact_in(n.field, {&v}); });
    return negated(ne, [&] {
      text(n.field, unknown_in(n.field, {&v}),
           [&](const Emit& column) { text_compare(column, {&v}); });
    });
  case FieldType::count:
  case FieldType::money:
    sql("(");
    number_column(f);
    sql(" ");
    sql(segment::to_string(n.op));
    sql(" ");
    param(v.number);
    return sql(")");
  case FieldType::time:
    switch (n.op) {
    case Op::eq:
      return time_range(f, v.number, v.until);
    case Op::ne:
      return negated(true, [&] { time_range(f, v.number, v.until); });
    case Op::lt:
      return time_range(f, std::nullopt, v.number);
    case Op::le:
      return time_range(f, std::nullopt, v.until);
    case Op::gt:
      return time_range(f, v.until, std::nullopt);
    case Op::ge:
      return time_range(f, v.number, std::nullopt);
    }
    break;
  case FieldType::score:
    switch (n.op) {
    case Op::eq:
      return score_range(f, v.number, v.number);
    case Op::ne:
      return negated(true, [&] { score_range(f, v.number, v.number); });
    case Op::lt:
      return score_range(f, 1, v.number - 1);
    case Op::le:
      return score_range(f, 1, v.number);
    case Op::gt:
      return score_range(f, v.number + 1, 5);
    case Op::ge:
      return score_range(f, v.number, 5);
    }
    break;
  }
  unsupported("comparison");
}

void Compiler::node(const InList& n) {
  const Field f = n.field.field;
  negated(n.negated, [&] {
    switch (info(f).type) {
    case FieldType::text: {
      std::vector<const Value*> values;
      for (const auto& v : n.values) values.push_back(&v);
      if (stored_normalised(f)) return exact_in(n.field, values);
      return text(n.field, unknown_in(n.field, values),
                  [&](const Emit& column) { text_compare(column, values); });
    }
    case FieldType::count:
    case FieldType::money:
      sql("(");
      number_column(f);
      sql(" IN (");
      for (std::size_t i = 0; i < n.values.size(); ++i) {
        if (i > 0) sql(", ");
        param(n.values[i].number);
      }
      return sql("))");
    case FieldType::score:
      sql("(");
      for (std::size_t i = 0; i < n.values.size(); ++i) {
        if (i > 0) sql(" OR ");
        score_range(f, n.values[i].number, n.values[i].number);
      }
      return sql(")");
    case FieldType::time:
      break;
    }
    unsupported("in on a time field");
  });
}

void Compiler::node(const Match& n) {
  if (info(n.field.field).type != FieldType::text) unsupported("~ on a non-text field");
  // Whether "unknown" matches the pattern is SQLite's GLOB's to say: consent is looked up.
  const std::optional<bool> missing =
      n.field.field == Field::consent ? std::nullopt : std::optional(false);
  negated(n.negated, [&] {
    text(n.field, missing, [&](const Emit& column) { text_glob(column, n.pattern); });
  });
}

void Compiler::node(const IsEmpty& n) {
  const Field f = n.field.field;
  negated(n.negated, [&] {
    switch (info(f).type) {
    case FieldType::text:
      return text(n.field, n.field.field == Field::attribute,
                  [&](const Emit& column) { text_empty(column); });
    case FieldType::count:
    case FieldType::money:
      return sql("0");
    case FieldType::time:
      sql("(");
      time_column(f);
      return sql(" IS NULL)");
    case FieldType::score:
      return metrics("(m.customer_id IS NULL)");
    }
  });
}

namespace {

bool is_metric(Field f) {
  switch (f) {
  case Field::orders:
  case Field::revenue:
  case Field::aov:
  case Field::first_order:
  case Field::last_order:
  case Field::rfm_r:
  case Field::rfm_f:
  case Field::rfm_m:
    return true;
  default:
    return false;
  }
}

// Whether `e` is false for every customer without a customer_metrics row, whose counts and
// money are 0 and whose times and scores are empty (a conservative answer: false when unsure).
bool requires_metrics(const Expr& e) {
  const auto zero_value = [](const FieldRef& f) {
    return info(f.field).type == FieldType::count || info(f.field).type == FieldType::money;
  };
  const auto holds_for_zero = [](Op op, std::int64_t v) {
    switch (op) {
    case Op::eq:
      return 0 == v;
    case Op::ne:
      return 0 != v;
    case Op::lt:
      return 0 < v;
    case Op::le:
      return 0 <= v;
    case Op::gt:
      return 0 > v;
    case Op::ge:
      return 0 >= v;
    }
    return true;
  };
  return std::visit(
      [&](const auto& n) -> bool {
        using T = std::decay_t<decltype(n)>;
        if constexpr (std::is_same_v<T, Compare>) {
          if (!is_metric(n.field.field)) return false;
          return zero_value(n.field) ? !holds_for_zero(n.op, n.value.number) : n.op != Op::ne;
        } else if constexpr (std::is_same_v<T, InList>) {
          if (!is_metric(n.field.field) || n.negated) return false;
          if (!zero_value(n.field)) return true;
          return std::none_of(n.values.begin(), n.values.end(),
                              [](const Value& v) { return v.number == 0; });
        } else if constexpr (std::is_same_v<T, IsEmpty>) {
          // counts and money are never empty; times and scores are empty without a row
          return is_metric(n.field.field) && (zero_value(n.field) ? !n.negated : n.negated);
        } else if constexpr (std::is_same_v<T, Within> || std::is_same_v<T, OlderThan>) {
          return is_metric(n.field.field);
        } else if constexpr (std::is_same_v<T, And>) {
          return std::any_of(n.operands.begin(), n.operands.end(),
                             [](const ExprPtr& o) { return requires_metrics(*o); });
        } else if constexpr (std::is_same_v<T, Or>) {
          return std::all_of(n.operands.begin(), n.operands.end(),
                             [](const ExprPtr& o) { return requires_metrics(*o); });
        } else if constexpr (std::is_same_v<T, SegmentRef>) {
          return n.body != nullptr && requires_metrics(*n.body);
        } else {
          return false; // tags, consent, bought, match, not: no claim
        }
      },
      e.node);
}

} // namespace

SqlPredicate compile_segment(Database& db, const segment::Expr& expr, std::int64_t now) {
  Compiler compiler(db, now);
  compiler.expr(expr);
  auto compiled = compiler.take();
  compiled.requires_metrics = compiled.uses_metrics && requires_metrics(expr);
  return compiled;
}

} // namespace crm::store
