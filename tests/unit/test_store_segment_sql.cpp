// Segment expressions compiled to SQL (store/segment_sql) against an independent in-memory
// evaluator (segment_oracle): random expressions from the grammar over a small, varied store
// must select exactly the same customers. Plus injection, RFM and "no literal in the SQL".
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "domain/customer.hpp"
#include "domain/order.hpp"
#include "segment/ast.hpp"
#include "segment/parser.hpp"
#include "segment_oracle.hpp"
#include "store/customers.hpp"
#include "store/database.hpp"
#include "store/orders.hpp"
#include "store/segment_sql.hpp"
#include "util/time.hpp"

#include "support.hpp"

using namespace crm;
using segment::Expr;
using segment::ExprPtr;
using segment::Field;
using segment::FieldType;
using segment::Op;
using segment::Value;

namespace {

using test::Random;

std::int64_t at(std::string_view text, std::string_view tz = "UTC") {
  return util::parse_time(text, 0, tz);
}

const std::int64_t now = at("2025-06-15T12:00:00Z");
const std::vector<std::string> zones = {"UTC", "Asia/Shanghai"};
const std::vector<std::string> dates = {"2024-02-29", "2024-12-31", "2025-01-01", "2025-03-10",
                                        "2025-06-14", "2025-06-15", "2025-06-16"};
const std::vector<std::string> datetimes = {"2025-03-10T10:20",     "2025-03-10T10:20:30",
                                            "2025-03-10T02:20:30Z", "2025-03-10T10:20:30+08:00",
                                            "2025-06-15T12:00",     "2025-06-15T20:00:00"};
const std::vector<std::string> durations = {"24h", "1d", "7d", "30d", "90d",
                                            "2w",  "1m", "6m", "1y",  "400d"};
const std::vector<std::string> tags = {"vip", "VIP", "b2b", "campaign:2024", "客户", "a.b/c-d_e"};
const std::vector<std::string> attribute_keys = {"shoe_size", "tier", "nickname"};
const std::vector<std::string> channels = {"email", "sms", "phone", "postal"};
const std::vector<std::string> states = {"opt-in", "opt-out", "unknown"};
const std::vector<std::string> skus = {"SKU-1", "sku-1", "TEA-01", "茶-1", "A*B", "X_Y"};
const std::vector<std::string> order_statuses = {"pending",   "paid",      "shipped",
                                                 "delivered", "cancelled", "returned"};
const std::vector<std::string> injections = {
    "'; DROP TABLE customers; --", "\" OR 1=1", "%", "_", "*", "a\\b", "?"};

// Instants the data and the literals share, so that boundaries (midnights, now - 90d, a
// datetime's second) are hit exactly, one second either side too.
std::vector<std::int64_t> interesting_instants() {
  std::vector<std::int64_t> base = {now};
  for (const auto& tz : zones) {
    for (const auto& d : dates) base.push_back(util::parse_time(d, now, tz));
    for (const auto& t : datetimes) base.push_back(util::parse_time(t, now, tz));
    for (const auto& d : durations) base.push_back(util::parse_time("-" + d, now, tz));
  }
  std::vector<std::int64_t> all;
  for (const auto t : base)
    for (const std::int64_t delta : {-1, 0, 1}) all.push_back(t + delta);
  return all;
}

std::int64_t pick_instant(Random& rng, const std::vector<std::int64_t>& instants) {
  if (rng.percent(60)) return rng.pick(instants);
  return rng.between(at("2023-06-01"), at("2026-01-01"));
}

// Flips the case of some ASCII letters (text comparisons ignore ASCII case).
std::string vary_case(Random& rng, std::string text) {
  for (char& c : text) {
    if (rng.percent(30) && c >= 'a' && c <= 'z')
      c = static_cast<char>(c - 'a' + 'A');
    else if (rng.percent(30) && c >= 'A' && c <= 'Z')
      c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

// ---- the store -------------------------------------------------------------------------

std::optional<std::string> pick_text(Random& rng, const std::vector<std::string>& pool) {
  if (rng.percent(12)) return std::nullopt;
  if (rng.percent(8)) return std::string();
  if (rng.percent(4)) return rng.pick(injections);
  return vary_case(rng, rng.pick(pool));
}

domain::Customer random_customer(Random& rng, int i, const std::vector<std::int64_t>& instants) {
  domain::Customer c;
  if (rng.percent(70)) c.external_id = fmt::format("EXT-{}", i);
  if (rng.percent(80))
    c.email =
        rng.percent(20) ? fmt::format("王{}@例子.cn", i) : fmt::format("User{}@Example.com", i);
  c.phone = pick_text(rng, {"+86 138 0000 0000", "+49 30 1234", "010-1234"});
  c.first_name = pick_text(rng, {"Alice", "alice", "Bob", "王", "小明", "Zoë", "o'Brien", "a*b"});
  c.last_name = pick_text(rng, {"Smith", "SMITH", "李", "van der Berg", "[x]", "x?y"});
  c.company = pick_text(rng, {"Acme", "ACME Ltd", "阿里巴巴", "Shop-1"});
  c.city = pick_text(rng, {"Shanghai", "shanghai", "上海", "Berlin", "New York", "Zürich"});
  c.postcode = pick_text(rng, {"200000", "10115", "8001"});
  c.region = pick_text(rng, {"Bavaria", "浙江", "NY"});
  c.country = rng.percent(85) ? std::optional(rng.pick<std::string>({"CN", "DE", "US", "FR"}))
                              : std::nullopt;
  c.language = rng.percent(80) ? std::optional(rng.pick<std::string>({"zh", "zh-CN", "en", "de"}))
                               : std::nullopt;
  c.owner = pick_text(rng, {"li", "anna", "Anna"});
  c.source = pick_text(rng, {"web", "import", "fair-2024", "微信"});
  c.status = rng.pick<std::string>({"lead", "active", "inactive"});
  std::set<std::string> tag_set;
  for (const auto& tag : tags)
    if (rng.percent(25)) tag_set.insert(tag);
  c.tags.assign(tag_set.begin(), tag_set.end());
  for (const auto& key : attribute_keys)
    if (rng.percent(50))
      c.attributes.emplace_back(
          key, pick_text(rng, {"42", "Gold", "gold", "金", "4*2", ""}).value_or(std::string("41")));
  c.created_at = c.updated_at = pick_instant(rng, instants);
  if (rng.percent(10)) c.deleted_at = c.created_at + 10;
  return c;
}

void add_orders(Random& rng, store::Database& db, domain::CustomerId customer,
                const std::vector<std::int64_t>& instants) {
  store::OrderRepository orders(db);
  const std::int64_t count = rng.percent(30) ? 0 : rng.between(1, 4);
  for (std::int64_t n = 0; n < count; ++n) {
    domain::Order o;
    o.customer_id = customer;
    o.placed_at = o.created_at = o.updated_at = pick_instant(rng, instants);
    o.status = rng.pick(order_statuses);
    o.currency = "CNY";
    const std::int64_t lines = rng.between(1, 3);
    for (int line = 1; line <= lines; ++line) {
      const std::int64_t price =
          rng.percent(20) ? rng.pick<std::int64_t>({100, 250, 333}) : rng.between(0, 20000);
      o.items.push_back({line, rng.pick(skus), std::nullopt, 1, price});
      o.subtotal += price;
    }
    o.total = o.value = o.subtotal;
    orders.insert(o);
  }
}

void add_consents(Random& rng, store::Database& db, domain::CustomerId customer) {
  for (const auto& channel : channels) {
    if (rng.percent(35)) continue;
    db.prepare("INSERT INTO consents (customer_id, channel, state, source, at, recorded_at, "
               "recorded_by) VALUES (?, ?, ?, 'test', 0, 0, 'test')")
        .bind_all(customer, channel, rng.pick(states))
        .run();
  }
}

// About `count` customers with every kind of field, tag, attribute, consent and order.
void build_store(store::Database& db, std::uint64_t seed, int count) {
  Random rng(seed);
  const auto instants = interesting_instants();
  store::CustomerRepository customers(db);
  for (int i = 0; i < count; ++i) {
    const auto id = customers.insert(random_customer(rng, i, instants));
    add_orders(rng, db, id, instants);
    add_consents(rng, db, id);
  }
}

// ---- the expression generator ----------------------------------------------------------

template <typename Node> ExprPtr make(Node node) {
  auto e = std::make_unique<Expr>();
  e->node = std::move(node);
  return e;
}

Value string_value(std::string text) {
  Value v;
  v.text = std::move(text);
  return v;
}

// What the literals are drawn from: values in the store (so comparisons hit) and a few others.
struct Pools {
  std::map<std::string, std::vector<std::string>> text; // field name or attr.NAME -> values
  std::vector<std::int64_t> money;
};

Pools pools_from(const test::SegmentOracle& oracle) {
  Pools pools;
  for (const auto& c : oracle.customers()) {
    for (const auto& [name, value] : c.text)
      if (value && !value->empty()) pools.text[name].push_back(*value);
    for (const auto& [key, value] : c.attributes) pools.text["attr." + key].push_back(value);
    if (c.metrics) {
      pools.money.push_back(c.metrics->revenue);
      pools.money.push_back(c.metrics->revenue / c.metrics->orders);
      pools.money.push_back(c.metrics->revenue / c.metrics->orders + 1);
    }
  }
  return pools;
}

// Which node kinds, fields and operator forms the generator produced.
struct Coverage {
  std::set<std::size_t> nodes; // Expr::node index
  std::set<std::string> fields, forms;
};

struct SavedSegment {
  std::string name, text;
  std::function<ExprPtr(std::int64_t now, const std::string& tz)> body;
};

class Generator {
public:
  Generator(std::uint64_t seed, Pools pools, std::string tz, const std::vector<SavedSegment>& saved)
      : rng_(seed), pools_(std::move(pools)), tz_(std::move(tz)), saved_(saved) {}

  ExprPtr expr(int depth) {
    ExprPtr e;
    const std::int64_t kind = depth >= 4 ? 3 : rng_.below(depth == 1 ? 3 : 6);
    if (kind == 0) {
      e = make(segment::Not{expr(depth + 1)});
    } else if (kind == 1 || kind == 2) {
      std::vector<ExprPtr> operands;
      const std::int64_t n = rng_.between(2, 3);
      for (std::int64_t i = 0; i < n; ++i) operands.push_back(expr(depth + 1));
      e = kind == 1 ? make(segment::And{std::move(operands)})
                    : make(segment::Or{std::move(operands)});
    } else {
      e = leaf();
    }
    coverage.nodes.insert(e->node.index());
    return e;
  }
  Coverage coverage;

private:
  ExprPtr leaf() {
    switch (rng_.below(12)) {
    case 0:
      return make(segment::Tag{rng_.pick(tags) + (rng_.percent(10) ? "x" : "")});
    case 1:
      return make(segment::OptedIn{rng_.pick(channels)});
    case 2: {
      segment::Bought b{string_value(rng_.percent(10) ? rng_.pick(injections) : rng_.pick(skus)),
                        std::nullopt};
      if (rng_.percent(50)) b.within = duration();
      return make(std::move(b));
    }
    case 3: {
      const auto& s = rng_.pick(saved_);
      return make(segment::SegmentRef{s.name, s.body(now, tz_)});
    }
    default:
      return field_predicate(rng_.pick(segment::fields()));
    }
  }

  segment::FieldRef field_ref(const segment::FieldInfo& info) {
    segment::FieldRef ref{info.field, "", {}};
    if (info.field == Field::attribute) ref.name = rng_.pick(attribute_keys);
    if (info.field == Field::consent) ref.name = rng_.pick(channels);
    coverage.fields.insert(std::string(info.name));
    return ref;
  }

  ExprPtr field_predicate(const segment::FieldInfo& info) {
    auto ref = field_ref(info);
    const auto type = info.type;
    const std::int64_t form = rng_.below(type == FieldType::time ? 5 : 4);
    const std::string type_name = type == FieldType::text    ? "text"
                                  : type == FieldType::count ? "count"
                                  : type == FieldType::money ? "money"
                                  : type == FieldType::time  ? "time"
                                                             : "score";
    if (form == 0 && type == FieldType::text) {
      coverage.forms.insert(type_name + " ~");
      return make(segment::Match{ref, rng_.percent(40), string_value(glob(ref))});
    }
    if (form == 0 || (form == 1 && type == FieldType::time)) {
      if (type != FieldType::time) return is_empty(ref, type_name);
      coverage.forms.insert(type_name + " within/older");
      if (rng_.percent(50)) return make(segment::Within{ref, duration()});
      return make(segment::OlderThan{ref, duration()});
    }
    if (form == 1) {
      segment::InList in{ref, rng_.percent(40), {}};
      const std::int64_t n = rng_.between(1, 3);
      for (std::int64_t i = 0; i < n; ++i) in.values.push_back(value(ref, type));
      coverage.forms.insert(type_name + (in.negated ? " not in" : " in"));
      return make(std::move(in));
    }
    if (form == 2) return is_empty(ref, type_name);
    const bool ordered = type != FieldType::text;
    const Op op = static_cast<Op>(rng_.below(ordered ? 6 : 2));
    coverage.forms.insert(type_name + " " + std::string(segment::to_string(op)));
    return make(segment::Compare{ref, op, value(ref, type)});
  }

  ExprPtr is_empty(const segment::FieldRef& ref, const std::string& type_name) {
    const bool negated = rng_.percent(50);
    coverage.forms.insert(type_name + (negated ? " is not empty" : " is empty"));
    return make(segment::IsEmpty{ref, negated});
  }

  segment::Duration duration() {
    segment::Duration d;
    d.text = rng_.pick(durations);
    d.since = util::parse_time("-" + d.text, now, tz_);
    return d;
  }

  Value value(const segment::FieldRef& ref, FieldType type);
  std::string text(const segment::FieldRef& ref);
  std::string glob(const segment::FieldRef& ref);

  Random rng_;
  Pools pools_;
  std::string tz_;
  const std::vector<SavedSegment>& saved_;
};

std::string money_text(std::int64_t minor, Random& rng) {
  const std::string sign = minor < 0 ? "-" : "";
  const std::int64_t a = minor < 0 ? -minor : minor;
  if (a % 100 == 0 && rng.percent(50)) return fmt::format("{}{}", sign, a / 100);
  if (a % 10 == 0 && rng.percent(50)) return fmt::format("{}{}.{}", sign, a / 100, a % 100 / 10);
  return fmt::format("{}{}.{:02d}", sign, a / 100, a % 100);
}

Value Generator::value(const segment::FieldRef& ref, FieldType type) {
  Value v;
  switch (type) {
  case FieldType::text:
    v.text = text(ref);
    return v;
  case FieldType::count:
  case FieldType::score:
    v.kind = Value::Kind::number;
    v.number = type == FieldType::score ? rng_.between(1, 5) : rng_.between(-1, 5);
    v.text = std::to_string(v.number);
    return v;
  case FieldType::money:
    v.kind = Value::Kind::number;
    v.number = rng_.percent(70) && !pools_.money.empty() ? rng_.pick(pools_.money)
                                                         : rng_.between(-500, 60000);
    v.text = money_text(v.number, rng_);
    return v;
  case FieldType::time:
    break;
  }
  if (rng_.percent(50)) {
    v.kind = Value::Kind::date;
    v.text = rng_.pick(dates);
    v.number = util::parse_time(v.text, now, tz_);
    v.until = util::parse_time(util::local_date(v.number + 30 * 3600, tz_), now, tz_);
    coverage.forms.insert("date");
  } else {
    v.kind = Value::Kind::datetime;
    v.text = rng_.pick(datetimes);
    v.number = util::parse_time(v.text, now, tz_);
    v.until = v.number + 1;
    coverage.forms.insert("datetime");
  }
  return v;
}

std::string Generator::text(const segment::FieldRef& ref) {
  switch (ref.field) {
  // resolve() normalises these (parse(to_text(e)) would differ from e): canonical forms.
  case Field::status:
    return rng_.pick<std::string>({"lead", "active", "inactive"});
  case Field::country:
    return rng_.pick<std::string>({"CN", "DE", "US", "JP"});
  case Field::language:
    return rng_.pick<std::string>({"zh", "zh-CN", "en", "de", "fr"});
  case Field::consent:
    return rng_.pick(states);
  default:
    break;
  }
  if (rng_.percent(10)) return rng_.pick(injections);
  if (rng_.percent(5)) return "nobody";
  const std::string key = ref.field == Field::attribute
                              ? "attr." + ref.name
                              : std::string(segment::info(ref.field).name);
  const auto found = pools_.text.find(key);
  if (found == pools_.text.end() || found->second.empty()) return "nobody";
  return vary_case(rng_, rng_.pick(found->second));
}

// A pattern from a stored value with parts replaced by * ? and sets, or a fixed one.
std::string Generator::glob(const segment::FieldRef& ref) {
  static const std::vector<std::string> fixed = {
      "*",        "?*",     "a*",  "*王*", "[a-m]*", "[^a-m]*", "[]]*",  "*[0-9]", "[",
      "s?anghai", "[A-Z]*", "*-*", "??",   "[!a]*",  "*[-x]",   "[a-]*", "opt-*"};
  if (rng_.percent(40)) return rng_.pick(fixed);
  std::string source = text(ref), out;
  for (std::size_t i = 0; i < source.size();) {
    std::size_t len = 1;
    while (i + len < source.size() && (static_cast<unsigned char>(source[i + len]) & 0xC0) == 0x80)
      ++len;
    const std::string ch = source.substr(i, len);
    const std::int64_t r = rng_.below(100);
    if (r < 10)
      out += "?";
    else if (r < 16)
      out += "*";
    else if (r < 20)
      out += "[" + ch + "x]";
    else if (ch == "*" || ch == "?" || ch == "[")
      out += "[" + ch + "]";
    else
      out += ch;
    i += len;
  }
  return out;
}

// ---- running both ------------------------------------------------------------------------

struct SqlResult {
  std::set<std::int64_t> members;   // live customers for which the predicate is 1
  std::vector<std::int64_t> not_01; // customers (deleted too) for which it is not 0 or 1
  std::int64_t count = -1;          // the count the commands get
};

SqlResult run_sql(store::Database& db, const store::SqlPredicate& p) {
  const std::string join =
      p.uses_metrics ? " LEFT JOIN customer_metrics m ON m.customer_id = c.id" : "";
  SqlResult result;
  store::Statement q(db,
                     "SELECT c.id, c.deleted_at IS NULL, (" + p.sql + ") FROM customers c" + join);
  for (std::size_t i = 0; i < p.params.size(); ++i) q.bind(static_cast<int>(i + 1), p.params[i]);
  while (q.step()) {
    const bool ok = !q.is_null(2) && (q.get_int(2) == 0 || q.get_int(2) == 1);
    if (!ok) result.not_01.push_back(q.get_int(0));
    if (ok && q.get_int(1) == 1 && q.get_int(2) == 1) result.members.insert(q.get_int(0));
  }
  // What the commands run (store::customer_filter: an inner JOIN when requires_metrics).
  store::CustomerQuery query;
  query.where = p;
  result.count = store::CustomerRepository(db).count(query);
  return result;
}

std::string describe(const store::SqlPredicate& p) {
  std::string out = p.sql + "\n  params:";
  for (const auto& v : p.params)
    out += std::visit([](const auto& x) { return fmt::format(" [{}]", x); }, v);
  return out;
}

std::string ids(const std::set<std::int64_t>& set) {
  return fmt::format("{}", fmt::join(set, ","));
}

// The saved segments the generator refers to: their text, and the tree resolve() must make.
std::vector<SavedSegment> saved_segments() {
  const auto vip = [](std::int64_t, const std::string&) {
    std::vector<ExprPtr> both;
    both.push_back(make(segment::Tag{"vip"}));
    Value v;
    v.kind = Value::Kind::number;
    v.text = "100";
    v.number = 10000;
    both.push_back(make(segment::Compare{{Field::revenue, "", {}}, Op::gt, v}));
    return make(segment::And{std::move(both)});
  };
  const auto recent = [vip](std::int64_t at_now, const std::string& tz) {
    std::vector<ExprPtr> either;
    segment::Duration d{"90d", {}, util::parse_time("-90d", at_now, tz)};
    either.push_back(make(segment::Within{{Field::last_order, "", {}}, d}));
    either.push_back(make(segment::SegmentRef{"vip", vip(at_now, tz)}));
    return make(segment::Or{std::move(either)});
  };
  return {{"vip", "tag:vip and revenue > 100", vip},
          {"recent", "last_order within 90d or segment:vip", recent}};
}

struct Context {
  store::Database& db;
  const test::SegmentOracle& oracle;
  std::string tz;
  const std::vector<SavedSegment>& saved;
};

// Compiles `e` and checks SQL against the oracle; false (with a message) on a difference.
bool agree(const Context& ctx, const Expr& e, const std::string& text) {
  const auto compiled = store::compile_segment(ctx.db, e, now);
  const SqlResult sql = run_sql(ctx.db, compiled);
  const auto expected = ctx.oracle.members(e, now);
  const bool ok = sql.members == expected && sql.not_01.empty() &&
                  sql.count == static_cast<std::int64_t>(expected.size());
  if (!ok)
    FAIL_CHECK(fmt::format(
        "expression: {}\n  tz {}\n  SQL: {}\n  SQL members:    {}\n  oracle members: "
        "{}\n  not 0/1: {}",
        text, ctx.tz, describe(compiled), ids(sql.members), ids(expected), sql.not_01.size()));
  return ok;
}

} // namespace

// ---- tests -------------------------------------------------------------------------------

TEST_CASE("segment sql: random expressions select exactly the oracle's customers") {
  const auto saved = saved_segments();
  std::size_t checked = 0, failures = 0;
  Coverage coverage;
  for (std::uint64_t seed = 1; seed <= 4 && failures < 10; ++seed) {
    auto db = store::Database::open_memory();
    build_store(db, seed, 120);
    const test::SegmentOracle oracle(db);
    const std::string tz = zones[seed % 2];
    Generator generator(seed * 7919, pools_from(oracle), tz, saved);
    segment::ResolveContext context{now, tz, 2, [&](std::string_view name) {
                                      for (const auto& s : saved)
                                        if (s.name == name) return std::optional(s.text);
                                      return std::optional<std::string>();
                                    }};
    const Context ctx{db, oracle, tz, saved};
    for (int i = 0; i < 1000 && failures < 10; ++i) {
      const ExprPtr generated = generator.expr(1);
      const std::string text = segment::to_text(*generated);
      ExprPtr parsed;
      try {
        parsed = segment::compile_text(text, context);
      } catch (const std::exception& error) {
        FAIL_CHECK(fmt::format("{} does not parse: {}", text, error.what()));
        ++failures;
        continue;
      }
      CHECK_MESSAGE(segment::to_text(*parsed) == text, text);
      // The same tree, resolved the same way: the same SQL and parameters.
      const auto want = store::compile_segment(db, *generated, now);
      const auto got = store::compile_segment(db, *parsed, now);
      if (want.sql != got.sql || want.params != got.params) {
        FAIL_CHECK(fmt::format("{}\n  generated: {}\n  parsed:    {}", text, describe(want),
                               describe(got)));
        ++failures;
      }
      if (!agree(ctx, *parsed, text)) ++failures;
      ++checked;
    }
    coverage.nodes.insert(generator.coverage.nodes.begin(), generator.coverage.nodes.end());
    coverage.fields.insert(generator.coverage.fields.begin(), generator.coverage.fields.end());
    coverage.forms.insert(generator.coverage.forms.begin(), generator.coverage.forms.end());
  }
  MESSAGE(fmt::format("{} random expressions checked", checked));
  CHECK(failures == 0);
  CHECK(checked == 4000);
  CHECK(coverage.nodes.size() == std::variant_size_v<decltype(Expr::node)>);
  CHECK(coverage.fields.size() == segment::fields().size());
  for (const char* form : {"text =",
                           "text !=",
                           "text in",
                           "text not in",
                           "text ~",
                           "text is empty",
                           "text is not empty",
                           "count <",
                           "count >=",
                           "count in",
                           "count is empty",
                           "money !=",
                           "money <=",
                           "money not in",
                           "money is not empty",
                           "time =",
                           "time !=",
                           "time <",
                           "time <=",
                           "time >",
                           "time >=",
                           "time within/older",
                           "time is empty",
                           "score =",
                           "score >",
                           "score in",
                           "score not in",
                           "score is empty",
                           "date",
                           "datetime"})
    CHECK_MESSAGE(coverage.forms.count(form) == 1, form);
}

TEST_CASE("segment sql: the oracle's glob is SQLite's GLOB") {
  auto db = store::Database::open_memory();
  Random rng(99);
  const std::vector<std::string> pieces = {"a", "b", "王", "*", "?", "[", "]", "^", "-", "x", "!"};
  const std::vector<std::string> texts = {"",  "a", "ab",  "ba", "王", "a王b", "]",
                                          "-", "^", "abx", "[",  "!",  "a-b",  "王王"};
  int compared = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string pattern;
    for (std::int64_t n = rng.between(0, 6); n > 0; --n) pattern += rng.pick(pieces);
    const std::string& text = rng.pick(texts);
    store::Statement q(db, "SELECT ? GLOB ?");
    q.bind(1, text).bind(2, pattern);
    REQUIRE(q.step());
    CHECK_MESSAGE(test::glob_match(pattern, text) == (q.get_int(0) == 1),
                  fmt::format("'{}' GLOB '{}'", text, pattern));
    ++compared;
  }
  CHECK(compared == 3000);
}

TEST_CASE("segment sql: injection-like values are compared literally") {
  auto db = store::Database::open_memory();
  store::CustomerRepository customers(db);
  std::map<std::string, domain::CustomerId> id_of;
  for (const auto& name : injections) {
    domain::Customer c;
    c.first_name = name;
    id_of[name] = customers.insert(c);
  }
  domain::Customer plain;
  plain.first_name = "plain";
  id_of["plain"] = customers.insert(plain);
  const test::SegmentOracle oracle(db);
  const std::vector<SavedSegment> saved;
  const Context ctx{db, oracle, "UTC", saved};
  for (const auto& name : injections) {
    const auto e = make(segment::Compare{{Field::first_name, "", {}}, Op::eq, string_value(name)});
    CHECK(agree(ctx, *e, name));
    const auto members = run_sql(db, store::compile_segment(db, *e, now)).members;
    CHECK_MESSAGE(members == std::set<std::int64_t>{id_of[name]}, name);
    const auto tag = make(segment::Tag{name});
    CHECK(run_sql(db, store::compile_segment(db, *tag, now)).members.empty());
  }
  store::Statement q(db, "SELECT count(*) FROM customers");
  REQUIRE(q.step());
  CHECK(q.get_int(0) == static_cast<std::int64_t>(injections.size() + 1));
}

TEST_CASE("segment sql: compiled SQL holds no literal value, only parameters") {
  auto db = store::Database::open_memory();
  const std::string marker = "zq7marker";
  const auto compile_text = [&](const std::string& text) {
    segment::ResolveContext context{now, "UTC", 2, [&](std::string_view) {
                                      return std::optional<std::string>("attr." + marker + " = x");
                                    }};
    return store::compile_segment(db, *segment::compile_text(text, context), now);
  };
  for (const std::string& text : std::vector<std::string>{
           "first_name = \"" + marker + "\"", "attr." + marker + " is empty", "tag:" + marker,
           "bought(\"" + marker + "\") within 3d", "city ~ \"*" + marker + "*\"",
           "owner not in (a, " + marker + ")", "segment:s" + marker, "revenue > 9876543.21",
           "orders in (98765, 1)", "created < 2025-04-03", "rfm.m >= 3",
           "consent.sms = opt-in and opted_in:postal"}) {
    const auto p = compile_text(text);
    CHECK_MESSAGE(p.sql.find(marker) == std::string::npos, p.sql);
    CHECK_MESSAGE(p.sql.find("98765") == std::string::npos, p.sql);
    CHECK_MESSAGE(p.sql.find("2025") == std::string::npos, p.sql);
    CHECK_MESSAGE(p.sql.find("17") == std::string::npos, p.sql); // no timestamp
    CHECK_MESSAGE(p.sql.find("postal") == std::string::npos, p.sql);
    CHECK_MESSAGE(p.sql.find("sms") == std::string::npos, p.sql);
    CHECK((!p.params.empty() || text == "rfm.m >= 3")); // an empty store: no cuts to bind
    CHECK(static_cast<std::size_t>(std::count(p.sql.begin(), p.sql.end(), '?')) == p.params.size());
  }
  const auto p = compile_text("first_name = \"" + marker + "\"");
  CHECK(std::find(p.params.begin(), p.params.end(), store::SqlValue(marker)) != p.params.end());
  CHECK(compile_text("revenue > 9876543.21").params ==
        std::vector<store::SqlValue>{std::int64_t{987654321}});
}

TEST_CASE("segment sql: before and after mean < and >") {
  auto db = store::Database::open_memory();
  const segment::ResolveContext context{now, "Asia/Shanghai", 2, {}};
  const auto sql = [&](const std::string& text) {
    const auto p = store::compile_segment(db, *segment::compile_text(text, context), now);
    return std::pair(p.sql, p.params);
  };
  CHECK(sql("created before 2025-01-01") == sql("created < 2025-01-01"));
  CHECK(sql("last_order after 2025-01-01T10:00") == sql("last_order > 2025-01-01T10:00"));
  CHECK(sql("created before 2025-01-01") != sql("created > 2025-01-01"));
}

TEST_CASE("segment sql: RFM scores follow the definition, ties included") {
  CHECK(store::rfm_score(0, 10) == 1);
  CHECK(store::rfm_score(1, 10) == 1);
  CHECK(store::rfm_score(2, 10) == 2);
  CHECK(store::rfm_score(9, 10) == 5);
  CHECK(store::rfm_score(3, 7) == 3); // 1 + floor(15 / 7)

  auto db = store::Database::open_memory();
  store::CustomerRepository customers(db);
  // revenue with ties: L = 0 0 2 3 3 3 6 7 8 9 -> M = 1 1 2 2 2 2 4 4 5 5
  const std::vector<std::int64_t> revenue = {10, 10, 20, 30, 30, 30, 40, 50, 60, 70};
  const std::vector<int> expected_m = {1, 1, 2, 2, 2, 2, 4, 4, 5, 5};
  std::vector<domain::CustomerId> ids;
  for (std::size_t i = 0; i < revenue.size(); ++i) {
    ids.push_back(customers.insert(domain::Customer{}));
    db.prepare("INSERT INTO customer_metrics (customer_id, orders, revenue, first_order, "
               "last_order) VALUES (?, ?, ?, ?, ?)")
        .bind_all(ids.back(), std::int64_t{1 + static_cast<std::int64_t>(i % 3)}, revenue[i],
                  std::int64_t{1000}, std::int64_t{5000 - 100 * static_cast<std::int64_t>(i)})
        .run();
  }
  const auto without_orders = customers.insert(domain::Customer{});

  const auto cuts = store::load_rfm_cuts(db);
  CHECK(cuts.customers == 10);
  CHECK(cuts.cut[2][2] == 10); // largest revenue scoring < 2
  CHECK(cuts.cut[2][3] == 30);
  CHECK(cuts.cut[2][4] == 30);
  CHECK(cuts.cut[2][5] == 50);
  CHECK(cuts.cut[1][2] == 1); // orders 1 2 3 1 2 3 1 2 3 1: four 1s (L 0), three 2s (L 4)
  CHECK(cuts.cut[1][3] == 1);
  CHECK(cuts.cut[1][4] == 2);
  CHECK(cuts.cut[1][5] == 3); // 3 has L = 7: F 4, so nobody scores F 5

  const test::SegmentOracle oracle(db);
  for (std::size_t i = 0; i < ids.size(); ++i) CHECK(oracle.customers()[i].rfm[2] == expected_m[i]);
  const auto members = [&](Op op, int score) {
    Value v;
    v.kind = Value::Kind::number;
    v.number = score;
    v.text = std::to_string(score);
    const auto e = make(segment::Compare{{Field::rfm_m, "", {}}, op, v});
    return run_sql(db, store::compile_segment(db, *e, now)).members;
  };
  for (int score = 1; score <= 5; ++score) {
    std::set<std::int64_t> expected;
    for (std::size_t i = 0; i < ids.size(); ++i)
      if (expected_m[i] == score) expected.insert(ids[i]);
    CHECK_MESSAGE(members(Op::eq, score) == expected, score);
    CHECK(members(Op::ne, score).count(without_orders) == 1);
  }
  CHECK(members(Op::ge, 1).size() == 10);
  CHECK(members(Op::lt, 3) ==
        std::set<std::int64_t>{ids[0], ids[1], ids[2], ids[3], ids[4], ids[5]});
  const auto empty = make(segment::IsEmpty{{Field::rfm_r, "", {}}, false});
  CHECK(run_sql(db, store::compile_segment(db, *empty, now)).members ==
        std::set<std::int64_t>{without_orders});
}

TEST_CASE("segment sql: RFM cuts of an empty store select nobody") {
  auto db = store::Database::open_memory();
  store::CustomerRepository(db).insert(domain::Customer{});
  const auto cuts = store::load_rfm_cuts(db);
  CHECK(cuts.customers == 0);
  for (const auto& column : cuts.cut)
    for (const auto& cut : column) CHECK(!cut);
  Value v;
  v.kind = Value::Kind::number;
  v.number = 1;
  const auto e = make(segment::Compare{{Field::rfm_f, "", {}}, Op::ge, v});
  CHECK(run_sql(db, store::compile_segment(db, *e, now)).members.empty());
}
