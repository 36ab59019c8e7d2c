// The segment expression language, bottom layer: lexer, parser, resolve, printing, errors.
#include <doctest/doctest.h>

#include <fmt/format.h>
#include <map>
#include <random>
#include <string>
#include <tuple>

#include "segment/parser.hpp"
#include "util/strings.hpp"

using namespace crm;
using namespace crm::segment;

namespace {

// what() of the ExpressionError parse(text) throws, or "no error".
std::string parse_error(std::string_view text) {
  try {
    parse(text);
  } catch (const ExpressionError& error) {
    return error.what();
  }
  return "no error";
}

// Only the message line of parse_error.
std::string parse_message(std::string_view text) {
  const std::string error = parse_error(text);
  return error.substr(0, error.find('\n'));
}

// The caret line of parse_error (without the two-space indent).
std::string caret_of(std::string_view text) {
  const std::string error = parse_error(text);
  const std::size_t last = error.rfind('\n');
  return last == std::string::npos ? "" : error.substr(last + 3);
}

std::string canonical(std::string_view text) { return to_text(*parse(text)); }

// 2025-03-15T12:00:00Z, a Saturday.
constexpr std::int64_t now = 1742040000;

struct Saved {
  std::map<std::string, std::string, std::less<>> segments;
  ResolveContext context(std::string timezone = "UTC", int decimals = 2) const {
    ResolveContext result;
    result.now = now;
    result.timezone = std::move(timezone);
    result.currency_decimals = decimals;
    // copies: a context may outlive this Saved (Saved{}.context())
    result.lookup_segment = [segments =
                                 segments](std::string_view name) -> std::optional<std::string> {
      const auto found = segments.find(name);
      if (found == segments.end()) return std::nullopt;
      return found->second;
    };
    result.segment_names = [segments = segments] {
      std::vector<std::string> names;
      names.reserve(segments.size());
      for (const auto& entry : segments) names.push_back(entry.first);
      return names;
    };
    return result;
  }
};

ExprPtr compiled(std::string_view text, const ResolveContext& context) {
  return compile_text(text, context);
}

ExprPtr compiled(std::string_view text) { return compile_text(text, Saved{}.context()); }

std::string resolve_error(std::string_view text, const ResolveContext& context) {
  try {
    compile_text(text, context);
  } catch (const util::Error& error) {
    return error.what();
  }
  return "no error";
}

std::string resolve_error(std::string_view text) { return resolve_error(text, Saved{}.context()); }

template <typename Node> const Node& as(const Expr& expr) {
  REQUIRE(std::holds_alternative<Node>(expr.node));
  return std::get<Node>(expr.node);
}

const Value& compared(const Expr& expr) { return as<Compare>(expr).value; }

} // namespace

TEST_CASE("segment: the field catalogue lists every field once, in the documented order") {
  std::vector<std::string> names;
  for (const auto& field : fields()) {
    names.emplace_back(field.name);
    CHECK(!field.help.empty());
    CHECK(info(field.field).name == field.name);
  }
  CHECK(names ==
        std::vector<std::string>{"external_id", "email",   "phone",    "first_name",  "last_name",
                                 "company",     "city",    "postcode", "region",      "country",
                                 "language",    "owner",   "status",   "source",      "created",
                                 "orders",      "revenue", "aov",      "first_order", "last_order",
                                 "rfm.r",       "rfm.f",   "rfm.m",    "attr.",       "consent."});
  CHECK(info(Field::created).type == FieldType::time);
  CHECK(info(Field::orders).type == FieldType::count);
  CHECK(info(Field::revenue).type == FieldType::money);
  CHECK(info(Field::aov).type == FieldType::money);
  CHECK(info(Field::rfm_m).type == FieldType::score);
  CHECK(info(Field::attribute).type == FieldType::text);
  CHECK(info(Field::consent).type == FieldType::text);
  CHECK(info(Field::last_order).type == FieldType::time);
  CHECK(to_string(Op::eq) == "=");
  CHECK(to_string(Op::ne) == "!=");
  CHECK(to_string(Op::lt) == "<");
  CHECK(to_string(Op::le) == "<=");
  CHECK(to_string(Op::gt) == ">");
  CHECK(to_string(Op::ge) == ">=");
}

TEST_CASE("segment: caret_message puts the caret under the span, in display columns") {
  CHECK(caret_message("boom", "orders > x", Span{9, 1}) == "boom\n  orders > x\n           ^");
  CHECK(caret_message("boom", "revnue > 1", Span{0, 6}) == "boom\n  revnue > 1\n  ^~~~~~");
  CHECK(caret_message("end", "orders >", Span{8, 0}) == "end\n  orders >\n          ^");
  CHECK(caret_message("cjk", "tag:中文 and x", Span{15, 1}) ==
        "cjk\n  tag:中文 and x\n               ^");
  CHECK(caret_message("cjk", "city = \"北京\"", Span{7, 8}) ==
        "cjk\n  city = \"北京\"\n         ^~~~~~");
  // newlines and tabs show as spaces so that the caret stays under the fault
  CHECK(caret_message("nl", "a\nb\tc", Span{4, 1}) == "nl\n  a b c\n      ^");
  // a span past the end is clamped
  CHECK(caret_message("far", "ab", Span{10, 3}) == "far\n  ab\n    ^");
}

TEST_CASE("segment: every predicate form parses and prints canonically") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"tag:vip", "tag:vip"},
      {"tag:\"vip\"", "tag:vip"},
      {"tag: vip", "tag:vip"},
      {"tag:a/b:c.d-e_f", "tag:a/b:c.d-e_f"},
      {"opted_in:email", "opted_in:email"},
      {"opted_in:SMS", "opted_in:sms"},
      {"opted_in:postal", "opted_in:postal"},
      {"segment:vip", "segment:vip"},
      {"segment:\"big spenders\"", "segment:\"big spenders\""},
      {"bought(\"SKU-1\")", "bought(\"SKU-1\")"},
      {"bought ( 'SKU-1' ) within 30d", "bought(\"SKU-1\") within 30d"},
      {"bought(SKU-1)", "bought(\"SKU-1\")"},
      {"city = Berlin", "city = \"Berlin\""},
      {"city != 'Berlin'", "city != \"Berlin\""},
      {"postcode = 10115", "postcode = \"10115\""},
      {"email = bob@example.com", "email = \"bob@example.com\""},
      {"phone = +4930123", "phone = \"+4930123\""},
      {"orders = 3", "orders = 3"},
      {"orders != 3", "orders != 3"},
      {"orders<3", "orders < 3"},
      {"orders<=3", "orders <= 3"},
      {"orders>3", "orders > 3"},
      {"orders>=-3", "orders >= -3"},
      {"revenue > 99.5", "revenue > 99.5"},
      {"aov <= 0", "aov <= 0"},
      {"rfm.r = 5", "rfm.r = 5"},
      {"rfm.f in (4, 5)", "rfm.f in (4, 5)"},
      {"rfm.m not in (1,2)", "rfm.m not in (1, 2)"},
      {"orders in (1)", "orders in (1)"},
      {"country in (cn, 'de')", "country in (\"cn\", \"de\")"},
      {"first_name ~ \"Li*\"", "first_name ~ \"Li*\""},
      {"first_name !~ 'a?[bc]'", "first_name !~ \"a?[bc]\""},
      {"email ~ Li", "email ~ \"Li\""},
      {"company is empty", "company is empty"},
      {"company is not empty", "company is not empty"},
      {"last_order is empty", "last_order is empty"},
      {"rfm.r is not empty", "rfm.r is not empty"},
      {"created within 90d", "created within 90d"},
      {"last_order older than 6m", "last_order older than 6m"},
      {"created before 2025-01-31", "created < 2025-01-31"},
      {"created after 2025-01-31T10:20", "created > 2025-01-31T10:20"},
      {"created >= 2025-01-31T10:20:30Z", "created >= 2025-01-31T10:20:30Z"},
      {"created = 2025-01-31T10:20+08:00", "created = 2025-01-31T10:20+08:00"},
      {"created != 2025-01-31T10:20:30-05:00", "created != 2025-01-31T10:20:30-05:00"},
      {"attr.shoe_size = 42", "attr.shoe_size = \"42\""},
      {"attr.Shoe-Size is empty", "attr.Shoe-Size is empty"},
      {"consent.email = opt-in", "consent.email = \"opt-in\""},
      {"consent.SMS != unknown", "consent.sms != \"unknown\""},
      {"status = active", "status = \"active\""},
      {"city = \"say \\\"hi\\\" \\\\ there\"", "city = \"say \\\"hi\\\" \\\\ there\""},
      {"city = 'it\\'s'", "city = \"it's\""},
      {"city = \"a\\nb\\tc\"", "city = \"a\\nb\\tc\""},
      {"city = \"\"", "city = \"\""},
      {"Revenue > 1", "revenue > 1"},
      {"RFM.R = 1", "rfm.r = 1"},
  };
  for (const auto& entry : cases) {
    const std::string& input = entry.first;
    const std::string& expected = entry.second;
    CAPTURE(input);
    CHECK(canonical(input) == expected);
    CHECK(canonical(expected) == expected);
  }
}

TEST_CASE("segment: the parsed tree holds what was written") {
  auto expr = parse("orders >= 3");
  const auto& compare = as<Compare>(*expr);
  CHECK(compare.field.field == Field::orders);
  CHECK(compare.op == Op::ge);
  CHECK(compare.value.kind == Value::Kind::number);
  CHECK(compare.value.text == "3");
  CHECK(compare.value.span.offset == 10);
  CHECK(compare.value.span.length == 1);
  CHECK(compare.field.span.offset == 0);
  CHECK(compare.field.span.length == 6);
  CHECK(expr->span.offset == 0);
  CHECK(expr->span.length == 11);

  expr = parse("  attr.shoe_size in ('42', 43) ");
  const auto& list = as<InList>(*expr);
  CHECK(list.field.field == Field::attribute);
  CHECK(list.field.name == "shoe_size");
  CHECK(!list.negated);
  REQUIRE(list.values.size() == 2);
  CHECK(list.values[0].kind == Value::Kind::string); // text fields: always strings
  CHECK(list.values[0].text == "42");
  CHECK(list.values[0].span.offset == 21);
  CHECK(list.values[0].span.length == 4);
  CHECK(list.values[1].kind == Value::Kind::string);
  CHECK(list.values[1].text == "43");
  CHECK(expr->span.offset == 2);
  CHECK(expr->span.length == 28);

  expr = parse("created before 2025-01-31");
  CHECK(as<Compare>(*expr).op == Op::lt);
  CHECK(compared(*expr).kind == Value::Kind::date);
  expr = parse("created after 2025-01-31T10:00");
  CHECK(as<Compare>(*expr).op == Op::gt);
  CHECK(compared(*expr).kind == Value::Kind::datetime);

  expr = parse("consent.Email = opt-out");
  CHECK(as<Compare>(*expr).field.field == Field::consent);
  CHECK(as<Compare>(*expr).field.name == "email");

  expr = parse("tag:\"VIP\"");
  CHECK(as<Tag>(*expr).name == "VIP");
  CHECK(expr->span.length == 9);
  expr = parse("bought('A') within 2W");
  CHECK(as<Bought>(*expr).sku.text == "A");
  REQUIRE(as<Bought>(*expr).within.has_value());
  CHECK(as<Bought>(*expr).within->text == "2w");
  CHECK(expr->span.length == 21);
  CHECK(!as<Bought>(*parse("bought('A')")).within.has_value());
  expr = parse("segment:vip");
  CHECK(as<SegmentRef>(*expr).name == "vip");
  CHECK(as<SegmentRef>(*expr).body == nullptr);
  CHECK(as<IsEmpty>(*parse("city is not empty")).negated);
  CHECK(!as<IsEmpty>(*parse("city is empty")).negated);
  CHECK(as<Match>(*parse("city !~ 'x'")).negated);
  CHECK(as<Match>(*parse("city ~ 'x'")).pattern.text == "x");
  CHECK(as<Within>(*parse("created within 24h")).duration.text == "24h");
  CHECK(as<OlderThan>(*parse("created older than 1y")).duration.span.offset == 19);
}

TEST_CASE("segment: not binds tighter than and, and tighter than or") {
  auto expr = parse("tag:a or tag:b and tag:c");
  const auto& any = as<Or>(*expr);
  REQUIRE(any.operands.size() == 2);
  CHECK(as<Tag>(*any.operands[0]).name == "a");
  const auto& all = as<And>(*any.operands[1]);
  REQUIRE(all.operands.size() == 2);
  CHECK(as<Tag>(*all.operands[1]).name == "c");

  expr = parse("tag:a and tag:b or tag:c");
  CHECK(as<And>(*as<Or>(*expr).operands[0]).operands.size() == 2);

  expr = parse("not tag:a and tag:b");
  const auto& both = as<And>(*expr);
  CHECK(as<Tag>(*as<Not>(*both.operands[0]).operand).name == "a");

  expr = parse("not not tag:a");
  CHECK(as<Tag>(*as<Not>(*as<Not>(*expr).operand).operand).name == "a");

  expr = parse("not (tag:a or tag:b)");
  CHECK(as<Or>(*as<Not>(*expr).operand).operands.size() == 2);

  // chains of one operator are one node; parentheses keep their own node
  CHECK(as<And>(*parse("tag:a and tag:b and tag:c and tag:d")).operands.size() == 4);
  CHECK(as<Or>(*parse("tag:a or tag:b or tag:c")).operands.size() == 3);
  expr = parse("(tag:a and tag:b) and tag:c");
  CHECK(as<And>(*expr).operands.size() == 2);
  CHECK(as<And>(*as<And>(*expr).operands[0]).operands.size() == 2);

  expr = parse("(tag:a or tag:b) and tag:c");
  CHECK(as<Or>(*as<And>(*expr).operands[0]).operands.size() == 2);
  CHECK(as<And>(*expr).operands[0]->span.offset == 0);
  CHECK(as<And>(*expr).operands[0]->span.length == 16);

  CHECK(as<Tag>(*parse("((((tag:a))))")).name == "a");
}

TEST_CASE("segment: keywords are case-insensitive") {
  CHECK(canonical("TAG:a AND NOT tag:b OR tag:c") == "tag:a and not tag:b or tag:c");
  CHECK(canonical("city IS NOT EMPTY") == "city is not empty");
  CHECK(canonical("city Not In (x)") == "city not in (\"x\")");
  CHECK(canonical("created WITHIN 3D") == "created within 3d");
  CHECK(canonical("created Older Than 2Y") == "created older than 2y");
  CHECK(canonical("created BEFORE 2025-01-01") == "created < 2025-01-01");
  CHECK(canonical("created After 2025-01-01") == "created > 2025-01-01");
  CHECK(canonical("BOUGHT('x') WITHIN 1M") == "bought(\"x\") within 1m");
  CHECK(canonical("Opted_In:Email") == "opted_in:email");
  CHECK(canonical("SEGMENT:Vip") == "segment:Vip"); // names keep their case
  CHECK(canonical("ATTR.Size = 1") == "attr.Size = \"1\"");
}

TEST_CASE("segment: parentheses print only where the tree needs them") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"(tag:a or tag:b) and tag:c", "(tag:a or tag:b) and tag:c"},
      {"tag:a or (tag:b and tag:c)", "tag:a or tag:b and tag:c"},
      {"(tag:a and tag:b) or tag:c", "tag:a and tag:b or tag:c"},
      {"(tag:a and tag:b) and tag:c", "(tag:a and tag:b) and tag:c"},
      {"tag:a and (tag:b and tag:c)", "tag:a and (tag:b and tag:c)"},
      {"(tag:a or tag:b) or tag:c", "(tag:a or tag:b) or tag:c"},
      {"not (tag:a and tag:b)", "not (tag:a and tag:b)"},
      {"not (tag:a or tag:b)", "not (tag:a or tag:b)"},
      {"not (not tag:a)", "not not tag:a"},
      {"(not tag:a) and tag:b", "not tag:a and tag:b"},
      {"(tag:a)", "tag:a"},
      {"not (tag:a) or (tag:b)", "not tag:a or tag:b"},
      {"((tag:a or tag:b) and (tag:c or not tag:d)) or tag:e",
       "(tag:a or tag:b) and (tag:c or not tag:d) or tag:e"},
  };
  for (const auto& entry : cases) {
    const std::string& input = entry.first;
    const std::string& expected = entry.second;
    CAPTURE(input);
    CHECK(canonical(input) == expected);
    CHECK(canonical(expected) == expected);
  }
}

TEST_CASE("segment: to_text round-trips many expressions") {
  const std::vector<std::string> expressions = {
      "rfm.m >= 4 and last_order older than 90d",
      "tag:vip and not opted_in:email",
      "country = CN and (city = 上海 or city = '北京') and revenue >= 1000",
      "orders = 0 and created within 30d",
      "bought(\"COFFEE-1KG\") within 90d and not bought(\"MUG\")",
      "segment:vip or segment:\"big spenders\" or tag:\"大客户\"",
      "email ~ \"*@example.com\" and phone is empty",
      "consent.email = opt-out or consent.sms in (unknown, opt-out)",
      "status in (lead, active) and owner != \"li.na\"",
      "not (first_order is empty) and aov > 12.34",
      "attr.tier = gold and created before 2024-01-01",
      "created >= 2025-01-01 and created < 2025-02-01T00:00:00+08:00",
      "rfm.r in (4, 5) and rfm.f not in (1) and rfm.m is not empty",
      "language = zh-CN or language = en",
      "last_order within 12w or last_order older than 1y or last_order is empty",
      "company = \"A \\\"quoted\\\" \\\\ name\" or company = \"tab\\there\"",
      "not not not tag:x",
      "(((tag:a or tag:b) and tag:c) or (tag:d and (tag:e or tag:f))) and not tag:g",
  };
  for (const auto& text : expressions) {
    CAPTURE(text);
    const std::string once = canonical(text);
    CHECK(canonical(once) == once);
    CHECK(referenced_segments(*parse(once)) == referenced_segments(*parse(text)));
  }
  CHECK(canonical("tag:大客户") == "tag:大客户");
  CHECK(canonical("city = 上海") == "city = \"上海\"");
}

TEST_CASE("segment: syntax errors name the token and put the caret under it") {
  CHECK(parse_error("") == "empty expression\n  \n  ^");
  CHECK(parse_error("   ") == "empty expression\n     \n  ^");
  CHECK(parse_error("revenue >") == "expected a value after '>'\n  revenue >\n           ^");
  CHECK(parse_error("tag:a)") == "unexpected ')'\n  tag:a)\n       ^");
  CHECK(parse_error("(tag:a") == "unclosed '('\n  (tag:a\n  ^");
  CHECK(parse_error("city = \"abc") == "unterminated string\n  city = \"abc\n         ^");
  CHECK(parse_error("city = 'abc\\'") == "unterminated string\n  city = 'abc\\'\n         ^");
  CHECK(parse_error("city = \"a\\qb\"") ==
        "invalid escape '\\q' in string\n  city = \"a\\qb\"\n           ^~");
  CHECK(parse_error("created = 2025-02-30") ==
        "invalid date '2025-02-30'\n  created = 2025-02-30\n            ^~~~~~~~~~");
  CHECK(parse_error("revnue > 1") ==
        "unknown field 'revnue' (did you mean 'revenue'?)\n  revnue > 1\n  ^~~~~~");

  const std::vector<std::tuple<std::string, std::string, std::string>> cases = {
      {"tag:a and", "expected a condition after 'and'", "         ^"},
      {"tag:a or", "expected a condition after 'or'", "        ^"},
      {"not", "expected a condition after 'not'", "   ^"},
      {"tag:a and and tag:b", "expected a condition after 'and'", "          ^~~"},
      {"()", "expected a condition after '('", " ^"},
      {"and tag:a", "unexpected 'and'", "^~~"},
      {")", "unexpected ')'", "^"},
      {"= 3", "unexpected '='", "^"},
      {"'x'", "unexpected ''x''", "^~~"},
      {", tag:a", "unexpected ','", "^"},
      {"tag:a tag:b", "expected 'and' or 'or' before 'tag:b'", "      ^~~~~"},
      {"(tag:a tag:b)", "expected 'and', 'or' or ')' before 'tag:b'", "       ^~~~~"},
      {"tag:a (tag:b)", "expected 'and' or 'or' before '('", "      ^"},
      {"(tag:a))", "unexpected ')'", "       ^"},
      {"((tag:a)", "unclosed '('", "^"},
      {"orders", "expected an operator after 'orders'", "      ^"},
      {"orders 3", "expected an operator after 'orders'", "       ^"},
      {"orders == 3", "expected a value after '='", "        ^"},
      {"orders = )", "expected a value after '='", "         ^"},
      {"orders = and", "expected a value after '='", "         ^~~"},
      {"city = empty", "expected a value after '='", "       ^~~~~"},
      {"city is", "expected 'empty' after 'is'", "       ^"},
      {"city is not", "expected 'empty' after 'not'", "           ^"},
      {"city is nothing", "expected 'empty' after 'is'", "        ^~~~~~~"},
      {"city not", "expected 'in' after 'not'", "        ^"},
      {"city not = x", "expected 'in' after 'not'", "         ^"},
      {"city in", "expected '(' after 'in'", "       ^"},
      {"city in x", "expected '(' after 'in'", "        ^"},
      {"city in ()", "expected a value after '('", "         ^"},
      {"city in (a,)", "expected a value after ','", "           ^"},
      {"city in (a b)", "expected ',' or ')' after 'a'", "           ^"},
      {"city in (a", "unclosed '('", "        ^"},
      {"city ~", "expected a pattern after '~'", "      ^"},
      {"city ~ (", "expected a pattern after '~'", "       ^"},
      {"created within", "expected a duration such as 90d after 'within'", "              ^"},
      {"created older 9d", "expected 'than' after 'older'", "              ^~"},
      {"created older than", "expected a duration such as 90d after 'than'", "                  ^"},
      {"created before", "expected a value after 'before'", "              ^"},
      {"bought", "expected '(' after 'bought'", "      ^"},
      {"bought 'x'", "expected '(' after 'bought'", "       ^~~"},
      {"bought()", "expected a SKU after '('", "       ^"},
      {"bought('')", "empty SKU", "       ^~"},
      {"bought('x'", "expected ')' after ''x''", "          ^"},
      {"bought('x') within", "expected a duration such as 90d after 'within'",
       "                  ^"},
      {"tag:", "expected a tag name after 'tag:'", "    ^"},
      {"tag: and", "expected a tag name after 'tag:'", "     ^~~"},
      {"segment:", "expected a segment name after 'segment:'", "        ^"},
      {"segment:''", "empty segment name", "        ^~"},
      {"opted_in:", "expected a channel after 'opted_in:'", "         ^"},
      {"attr.", "expected an attribute name after 'attr.'", "     ^"},
      {"consent.", "expected a channel after 'consent.'", "        ^"},
      {"city = x *", "unexpected character '*'", "         ^"},
      {"city ! x", "unexpected character '!'", "     ^"},
      {"city = x; drop", "unexpected character ';'", "        ^"},
      {"city = x\x01", "unexpected character U+0001", "        ^"},
  };
  for (const auto& entry : cases) {
    const std::string& text = std::get<0>(entry);
    const std::string& message = std::get<1>(entry);
    const std::string& caret = std::get<2>(entry);
    CAPTURE(text);
    CHECK(parse_message(text) == message);
    CHECK(caret_of(text) == caret);
  }
}

TEST_CASE("segment: each type takes its own operators") {
  const std::string text_ops = "is text: use =, !=, in, ~ or is empty";
  const std::string number_ops = "=, !=, <, <=, >, >=, in or is empty";
  const std::string time_ops =
      "is a time: use =, !=, <, <=, >, >=, within, older than, before, after or is empty";
  const std::vector<std::tuple<std::string, std::string, std::string>> refused = {
      {"first_name < x", "first_name " + text_ops, "           ^"},
      {"city >= x", "city " + text_ops, "     ^~"},
      {"attr.size > 3", "attr.size " + text_ops, "          ^"},
      {"consent.email <= x", "consent.email " + text_ops, "              ^~"},
      {"city within 3d", "city " + text_ops, "     ^~~~~~"},
      {"city older than 3d", "city " + text_ops, "     ^~~~~"},
      {"city before 2025-01-01", "city " + text_ops, "     ^~~~~~"},
      {"city after 2025-01-01", "city " + text_ops, "     ^~~~~"},
      {"orders ~ '1*'", "orders is a count: use " + number_ops, "       ^"},
      {"orders !~ '1*'", "orders is a count: use " + number_ops, "       ^~"},
      {"orders within 3d", "orders is a count: use " + number_ops, "       ^~~~~~"},
      {"revenue ~ '1'", "revenue is an amount: use " + number_ops, "        ^"},
      {"aov older than 1d", "aov is an amount: use " + number_ops, "    ^~~~~"},
      {"rfm.r ~ '1'", "rfm.r is a score: use " + number_ops, "      ^"},
      {"rfm.r after 2025-01-01", "rfm.r is a score: use " + number_ops, "      ^~~~~"},
      {"created ~ '2025*'", "created " + time_ops, "        ^"},
      {"created in (2025-01-01)", "created " + time_ops, "        ^~"},
      {"created not in (2025-01-01)", "created " + time_ops, "        ^~~"},
      {"last_order !~ 'x'", "last_order " + time_ops, "           ^~"},
  };
  for (const auto& entry : refused) {
    const std::string& text = std::get<0>(entry);
    const std::string& message = std::get<1>(entry);
    const std::string& caret = std::get<2>(entry);
    CAPTURE(text);
    CHECK(parse_message(text) == message);
    CHECK(caret_of(text) == caret);
  }
  const std::vector<std::string> allowed = {"city = x",
                                            "city != x",
                                            "city in (x)",
                                            "city not in (x)",
                                            "city ~ x",
                                            "city !~ x",
                                            "city is empty",
                                            "city is not empty",
                                            "orders = 1",
                                            "orders != 1",
                                            "orders < 1",
                                            "orders <= 1",
                                            "orders > 1",
                                            "orders >= 1",
                                            "orders in (1, 2)",
                                            "orders not in (1)",
                                            "orders is empty",
                                            "orders is not empty",
                                            "revenue = 1",
                                            "revenue != 1.5",
                                            "revenue < 1",
                                            "revenue <= 1",
                                            "revenue > 1",
                                            "revenue >= 1",
                                            "aov in (1, 2.5)",
                                            "aov not in (1)",
                                            "aov is empty",
                                            "rfm.f = 1",
                                            "rfm.f != 2",
                                            "rfm.f < 3",
                                            "rfm.f <= 4",
                                            "rfm.f > 5",
                                            "rfm.f >= 1",
                                            "rfm.f in (1)",
                                            "rfm.f not in (5)",
                                            "rfm.f is empty",
                                            "created = 2025-01-01",
                                            "created != 2025-01-01",
                                            "created < 2025-01-01",
                                            "created <= 2025-01-01",
                                            "created > 2025-01-01",
                                            "created >= 2025-01-01",
                                            "created within 1d",
                                            "created older than 1d",
                                            "created before 2025-01-01",
                                            "created after 2025-01-01T00:00",
                                            "created is empty",
                                            "first_order is not empty"};
  for (const auto& text : allowed) {
    CAPTURE(text);
    CHECK(parse_error(text) == "no error");
  }
}

TEST_CASE("segment: literals are checked against the field's type") {
  const std::vector<std::tuple<std::string, std::string, std::string>> cases = {
      {"orders = 'x'", "orders is a count: expected a number", "         ^~~"},
      {"orders = \"3\"", "orders is a count: expected a number", "         ^~~"},
      {"orders = many", "orders is a count: expected a number", "         ^~~~"},
      {"orders = 1.5", "orders is a count: expected a whole number, not '1.5'", "         ^~~"},
      {"orders = 1.2.3", "invalid number '1.2.3'", "         ^~~~~"},
      {"orders = 90x", "invalid number '90x'", "         ^~~"},
      {"orders = 99999999999999999999", "number out of range '99999999999999999999'",
       "         ^~~~~~~~~~~~~~~~~~~~"},
      {"orders in (1, x)", "orders is a count: expected a number", "              ^"},
      {"revenue > 'x'", "revenue is an amount: expected a number", "          ^~~"},
      {"revenue > 1.", "invalid number '1.'", "          ^~"},
      {"revenue > .5", "invalid number '.5'", "          ^~"},
      {"revenue > 1,5", "expected 'and' or 'or' before ','", "           ^"},
      {"aov > 1e3", "invalid number '1e3'", "      ^~~"},
      {"rfm.r = 6", "rfm.r is a score: expected 1 to 5, not '6'", "        ^"},
      {"rfm.r = 0", "rfm.r is a score: expected 1 to 5, not '0'", "        ^"},
      {"rfm.r = -1", "rfm.r is a score: expected 1 to 5, not '-1'", "        ^~"},
      {"rfm.r = 2.5", "rfm.r is a score: expected 1 to 5, not '2.5'", "        ^~~"},
      {"rfm.r = '3'", "rfm.r is a score: expected 1 to 5, not ''3''", "        ^~~"},
      {"rfm.m in (4, 50)", "rfm.m is a score: expected 1 to 5, not '50'", "             ^~"},
      {"created = 2025-02-29", "invalid date '2025-02-29'", "          ^~~~~~~~~~"},
      {"created = 2025-13-01", "invalid date '2025-13-01'", "          ^~~~~~~~~~"},
      {"created = 2025-00-10", "invalid date '2025-00-10'", "          ^~~~~~~~~~"},
      {"created = 0000-01-01", "invalid date '0000-01-01'", "          ^~~~~~~~~~"},
      {"created = 2025-1-5", "invalid date '2025-1-5'", "          ^~~~~~~~"},
      {"created = 2025-01-01T25:00", "invalid datetime '2025-01-01T25:00'",
       "          ^~~~~~~~~~~~~~~~"},
      {"created = 2025-01-01T10:60", "invalid datetime '2025-01-01T10:60'",
       "          ^~~~~~~~~~~~~~~~"},
      {"created = 2025-01-01T10:00:61", "invalid datetime '2025-01-01T10:00:61'",
       "          ^~~~~~~~~~~~~~~~~~~"},
      {"created = 2025-01-01T10", "invalid datetime '2025-01-01T10'", "          ^~~~~~~~~~~~~"},
      {"created = 2025-01-01T10:00+19:00", "invalid datetime '2025-01-01T10:00+19:00'",
       "          ^~~~~~~~~~~~~~~~~~~~~~"},
      {"created = 2025-01-01T10:00X", "invalid datetime '2025-01-01T10:00X'",
       "          ^~~~~~~~~~~~~~~~~"},
      {"created = 2025-02-30T10:00", "invalid datetime '2025-02-30T10:00'",
       "          ^~~~~~~~~~~~~~~~"},
      {"created = 25:00", "invalid date '25:00'", "          ^~~~~"},
      {"created = 90",
       "created is a time: expected a date (YYYY-MM-DD) or a datetime "
       "(YYYY-MM-DDTHH:MM)",
       "          ^~"},
      {"created > '2025-01-01'",
       "created is a time: expected a date (YYYY-MM-DD) or a "
       "datetime (YYYY-MM-DDTHH:MM)",
       "          ^~~~~~~~~~~~"},
      {"created > today",
       "created is a time: expected a date (YYYY-MM-DD) or a datetime "
       "(YYYY-MM-DDTHH:MM)",
       "          ^~~~~"},
      {"created before 1.2.3", "invalid date '1.2.3'", "               ^~~~~"},
      {"created within 90x",
       "invalid duration '90x': use a number and h, d, w, m or y, such as "
       "90d",
       "               ^~~"},
      {"created within 90", "invalid duration '90': use a number and h, d, w, m or y, such as 90d",
       "               ^~"},
      {"created within d", "invalid duration 'd': use a number and h, d, w, m or y, such as 90d",
       "               ^"},
      {"created within 1min",
       "invalid duration '1min': use a number and h, d, w, m or y, such "
       "as 90d",
       "               ^~~~"},
      {"created within -3d",
       "invalid duration '-3d': use a number and h, d, w, m or y, such as "
       "90d",
       "               ^~~"},
      {"created within 1234567d",
       "invalid duration '1234567d': use a number and h, d, w, m or "
       "y, such as 90d",
       "               ^~~~~~~~"},
      {"created within '3d'", "expected a duration such as 90d after 'within'",
       "               ^~~~"},
  };
  for (const auto& entry : cases) {
    const std::string& text = std::get<0>(entry);
    const std::string& message = std::get<1>(entry);
    const std::string& caret = std::get<2>(entry);
    CAPTURE(text);
    CHECK(parse_message(text) == message);
    CHECK(caret_of(text) == caret);
  }
  for (const char* ok : {"created = 2024-02-29", "created = 2000-02-29", "created = 9999-12-31",
                         "created = 2025-01-01T23:59:59", "created = 2025-01-01T00:00Z",
                         "created = 2025-01-01T00:00+18:00", "created = 2025-01-01T00:00-12:30",
                         "orders = -1", "orders = 007", "revenue > -0.5", "aov = 1234567.89",
                         "created within 0d", "created within 999999y"}) {
    CAPTURE(ok);
    CHECK(parse_error(ok) == "no error");
  }
  CHECK(parse_message("created = 1900-02-29") == "invalid date '1900-02-29'");
}

TEST_CASE("segment: domain values are checked where they are written") {
  const std::vector<std::tuple<std::string, std::string, std::string>> cases = {
      {"status = vip", "invalid status 'vip': use one of lead, active, inactive", "         ^~~"},
      {"status in (lead, gone)", "invalid status 'gone': use one of lead, active, inactive",
       "                 ^~~~"},
      {"country = Germany",
       "invalid country 'Germany': expected an ISO 3166 alpha-2 code such as CN",
       "          ^~~~~~~"},
      {"country = XX", "invalid country 'XX': expected an ISO 3166 alpha-2 code such as CN",
       "          ^~"},
      {"language = 'z'", "invalid language 'z': expected a tag such as zh or zh-CN",
       "           ^~~"},
      {"consent.email = yes", "invalid consent state 'yes': use one of opt-in, opt-out, unknown",
       "                ^~~"},
      {"consent.fax = opt-in", "invalid channel 'fax': use one of email, sms, phone, postal",
       "        ^~~"},
      {"opted_in:fax", "invalid channel 'fax': use one of email, sms, phone, postal",
       "         ^~~"},
      {"opted_in:'e mail'", "invalid channel 'e mail': use one of email, sms, phone, postal",
       "         ^~~~~~~~"},
      {"tag:'a b'", "invalid tag 'a b': use letters, digits and - _ . : / (no spaces or commas)",
       "    ^~~~~"},
      {"tag:a@b", "invalid tag 'a@b': use letters, digits and - _ . : / (no spaces or commas)",
       "    ^~~"},
      {"attr.9lives = x",
       "invalid attribute name '9lives': use letters, digits, _ and -, starting with a letter",
       "     ^~~~~~"},
  };
  for (const auto& entry : cases) {
    const std::string& text = std::get<0>(entry);
    const std::string& message = std::get<1>(entry);
    const std::string& caret = std::get<2>(entry);
    CAPTURE(text);
    CHECK(parse_message(text) == message);
    CHECK(caret_of(text) == caret);
  }
  // glob patterns are not values: no domain check
  CHECK(parse_error("country ~ 'C*'") == "no error");
  CHECK(parse_error("status !~ 'x*'") == "no error");
}

TEST_CASE("segment: unknown fields suggest the nearest name") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"revnue > 1", "unknown field 'revnue' (did you mean 'revenue'?)"},
      {"Revnue > 1", "unknown field 'Revnue' (did you mean 'revenue'?)"},
      {"ordrs > 1", "unknown field 'ordrs' (did you mean 'orders'?)"},
      {"lastorder is empty", "unknown field 'lastorder' (did you mean 'last_order'?)"},
      {"rfm.x = 1", "unknown field 'rfm.x' (did you mean 'rfm.r'?)"},
      {"atr.shoe_size = 1", "unknown field 'atr.shoe_size' (did you mean 'attr.shoe_size'?)"},
      {"attrs.size = 1", "unknown field 'attrs.size' (did you mean 'attr.size'?)"},
      {"consnt.email = opt-in", "unknown field 'consnt.email' (did you mean 'consent.email'?)"},
      {"tags:vip", "unknown field 'tags:vip' (did you mean 'tag:vip'?)"},
      {"segmnt:vip", "unknown field 'segmnt:vip' (did you mean 'segment:vip'?)"},
      {"optedin:email", "unknown field 'optedin:email' (did you mean 'opted_in:email'?)"},
      {"tag = vip", "unknown field 'tag' (did you mean 'tag:'?)"},
      {"zzzzzz = 1", "unknown field 'zzzzzz'"},
      {"favourite_colour = red", "unknown field 'favourite_colour'"},
      {"北京 = 1", "unknown field '北京'"},
  };
  for (const auto& entry : cases) {
    const std::string& text = entry.first;
    const std::string& message = entry.second;
    CAPTURE(text);
    CHECK(parse_message(text) == message);
  }
  CHECK(caret_of("tag:a and ordrs > 1") == "          ^~~~~");
}

TEST_CASE("segment: Chinese tags and values, with carets under CJK text") {
  auto expr = parse("tag:大客户 and city = 上海");
  const auto& all = as<And>(*expr);
  CHECK(as<Tag>(*all.operands[0]).name == "大客户");
  CHECK(compared(*all.operands[1]).text == "上海");
  CHECK(compared(*parse("company = \"北京 科技\"")).text == "北京 科技");
  // each CJK character is two columns wide
  CHECK(parse_error("tag:大客户 and ordrs > 1") ==
        "unknown field 'ordrs' (did you mean 'orders'?)\n"
        "  tag:大客户 and ordrs > 1\n"
        "                 ^~~~~");
  CHECK(parse_error("city = 上海 and orders > x") == "orders is a count: expected a number\n"
                                                     "  city = 上海 and orders > x\n"
                                                     "                           ^");
  CHECK(parse_error("city = \"上海") == "unterminated string\n"
                                        "  city = \"上海\n"
                                        "         ^");
  CHECK(parse_error("城市 = 上海") == "unknown field '城市'\n"
                                      "  城市 = 上海\n"
                                      "  ^~~~");
  CHECK(parse_error("tag:'大 客户'") ==
        "invalid tag '大 客户': use letters, digits and - _ . : / (no spaces or commas)\n"
        "  tag:'大 客户'\n"
        "      ^~~~~~~~~");
}

TEST_CASE("segment: counts, scores and money literals resolve exactly") {
  CHECK(compared(*compiled("orders >= 12")).number == 12);
  CHECK(compared(*compiled("orders > -3")).number == -3);
  CHECK(compared(*compiled("orders = 007")).number == 7);
  CHECK(compared(*compiled("rfm.r = 5")).number == 5);
  CHECK(compared(*compiled("revenue > 10")).number == 1000);
  CHECK(compared(*compiled("revenue > 10.5")).number == 1050);
  CHECK(compared(*compiled("revenue > 10.05")).number == 1005);
  CHECK(compared(*compiled("revenue > 0.01")).number == 1);
  CHECK(compared(*compiled("revenue > -12.34")).number == -1234);
  CHECK(compared(*compiled("revenue > -0")).number == 0);
  CHECK(compared(*compiled("aov >= 92233720368547758.07")).number == INT64_MAX);
  // 0.1 + 0.2 style values stay exact: no floating point
  CHECK(compared(*compiled("revenue = 0.29")).number == 29);
  CHECK(compared(*compiled("revenue = 1.15")).number == 115);
  CHECK(compared(*compiled("revenue = 5", Saved{}.context("UTC", 0))).number == 5);
  CHECK(compared(*compiled("revenue = 1.234", Saved{}.context("UTC", 3))).number == 1234);
  CHECK(compared(*compiled("revenue = 1.2", Saved{}.context("UTC", 3))).number == 1200);
  const auto in_list = compiled("aov in (1, 2.5)");
  const auto& list = as<InList>(*in_list).values;
  CHECK(list[0].number == 100);
  CHECK(list[1].number == 250);
  CHECK(as<InList>(*compiled("rfm.f not in (2, 3)")).values[1].number == 3);

  CHECK(resolve_error("revenue > 10.505") ==
        "revenue takes at most 2 decimals: '10.505'\n  revenue > 10.505\n            ^~~~~~");
  CHECK(resolve_error("aov in (1, 2.999)") ==
        "aov takes at most 2 decimals: '2.999'\n  aov in (1, 2.999)\n             ^~~~~");
  CHECK(resolve_error("revenue > 10.5", Saved{}.context("UTC", 0)) ==
        "revenue takes no decimals: '10.5'\n  revenue > 10.5\n            ^~~~");
  CHECK(resolve_error("revenue > 10.00", Saved{}.context("UTC", 0)) ==
        "revenue takes no decimals: '10.00'\n  revenue > 10.00\n            ^~~~~");
  CHECK(resolve_error("revenue > 92233720368547758.08") ==
        "number out of range '92233720368547758.08'\n  revenue > 92233720368547758.08\n"
        "            ^~~~~~~~~~~~~~~~~~~~");
}

TEST_CASE("segment: dates are whole days in the configured time zone") {
  // UTC: 2025-01-31 is [2025-01-31T00:00Z, 2025-02-01T00:00Z)
  auto expr = compiled("created = 2025-01-31");
  CHECK(compared(*expr).number == 1738281600);
  CHECK(compared(*expr).until == 1738368000);
  // Asia/Shanghai (UTC+8): [2025-01-30T16:00Z, 2025-01-31T16:00Z)
  expr = compiled("created < 2025-01-31", Saved{}.context("Asia/Shanghai"));
  CHECK(compared(*expr).number == 1738252800);
  CHECK(compared(*expr).until == 1738339200);
  // month and year ends roll over
  expr = compiled("created > 2024-12-31", Saved{}.context("Asia/Shanghai"));
  CHECK(compared(*expr).number == 1735574400);
  CHECK(compared(*expr).until == 1735660800);
  expr = compiled("created > 2024-02-29");
  CHECK(compared(*expr).until - compared(*expr).number == 86400);
  // a fixed offset works as a zone too
  expr = compiled("created = 2025-01-31", Saved{}.context("+08:00"));
  CHECK(compared(*expr).number == 1738252800);
  // before/after are < and >, with the same values
  expr = compiled("last_order before 2025-01-31", Saved{}.context("Asia/Shanghai"));
  CHECK(as<Compare>(*expr).op == Op::lt);
  CHECK(compared(*expr).number == 1738252800);
}

TEST_CASE("segment: datetimes are one second, in the zone unless they carry an offset") {
  auto expr = compiled("created >= 2025-01-31T10:20:30");
  CHECK(compared(*expr).number == 1738318830);
  CHECK(compared(*expr).until == 1738318831);
  expr = compiled("created >= 2025-01-31T10:20", Saved{}.context("Asia/Shanghai"));
  CHECK(compared(*expr).number == 1738290000);
  CHECK(compared(*expr).until == 1738290001);
  expr = compiled("created >= 2025-01-31T10:20:30Z", Saved{}.context("Asia/Shanghai"));
  CHECK(compared(*expr).number == 1738318830);
  expr = compiled("created >= 2025-01-31T18:20:30+08:00");
  CHECK(compared(*expr).number == 1738318830);
  expr = compiled("created >= 2025-01-31T05:20:30-05:00", Saved{}.context("Asia/Shanghai"));
  CHECK(compared(*expr).number == 1738318830);
}

TEST_CASE("segment: durations count back from now") {
  const auto since = [](std::string_view text, std::string tz = "UTC") {
    return as<Within>(*compiled(text, Saved{}.context(std::move(tz)))).duration.since;
  };
  CHECK(since("created within 24h") == now - 86400);
  CHECK(since("created within 1h") == now - 3600);
  CHECK(since("created within 1d") == now - 86400);
  CHECK(since("created within 90d") == 1734264000); // 2024-12-15T12:00Z
  CHECK(since("created within 2w") == now - std::int64_t{14} * 86400);
  CHECK(since("created within 0d") == now);
  // m: calendar months, y: calendar years (2025-03-15 - 3m = 2024-12-15)
  CHECK(since("created within 3m") == 1734264000);
  CHECK(since("created within 1y") == 1710504000); // 2024-03-15T12:00Z
  CHECK(since("created within 1Y") == 1710504000);
  CHECK(since("created within 1m", "Asia/Shanghai") == 1739620800); // 2025-02-15T12:00Z
  CHECK(as<OlderThan>(*compiled("last_order older than 90d")).duration.since == 1734264000);
  const auto bought = compiled("bought('A') within 1d");
  CHECK(as<Bought>(*bought).within->since == now - 86400);
}

TEST_CASE("segment: resolve stores countries, languages, statuses and tags normalised") {
  CHECK(compared(*compiled("country = cn")).text == "CN");
  CHECK(as<InList>(*compiled("country in (de, Fr)")).values[1].text == "FR");
  CHECK(compared(*compiled("language = ZH-cn")).text == "zh-CN");
  CHECK(compared(*compiled("status = Active")).text == "active");
  CHECK(compared(*compiled("consent.sms = Opt-Out")).text == "opt-out");
  CHECK(compared(*compiled("city = Berlin")).text == "Berlin"); // other text: as written
  CHECK(as<Match>(*compiled("country ~ 'c*'")).pattern.text == "c*");
  CHECK(as<Tag>(*compiled("tag:' vip '")).name == "vip");
  CHECK(as<OptedIn>(*compiled("opted_in:EMAIL")).channel == "email");
}

TEST_CASE("segment: saved segments are inlined") {
  Saved saved;
  saved.segments = {{"vip", "revenue >= 1000"},
                    {"recent", "last_order within 30d"},
                    {"best", "segment:vip and segment:recent"}};
  auto expr = compiled("segment:best or tag:x", saved.context());
  const auto& best = as<SegmentRef>(*as<Or>(*expr).operands[0]);
  REQUIRE(best.body != nullptr);
  const auto& parts = as<And>(*best.body);
  const auto& vip = as<SegmentRef>(*parts.operands[0]);
  REQUIRE(vip.body != nullptr);
  CHECK(compared(*vip.body).number == 100000);
  CHECK(as<Within>(*as<SegmentRef>(*parts.operands[1]).body).duration.since ==
        now - std::int64_t{30} * 86400);
  // referenced_segments is direct references only
  CHECK(referenced_segments(*expr) == std::vector<std::string>{"best"});
  // the text of a saved segment resolves in the same zone and currency
  saved.segments["day"] = "created = 2025-01-31";
  expr = compiled("segment:day", saved.context("Asia/Shanghai"));
  CHECK(compared(*as<SegmentRef>(*expr).body).number == 1738252800);
  // the same segment twice is inlined twice
  expr = compiled("segment:vip and not segment:vip", saved.context());
  CHECK(as<SegmentRef>(*as<Not>(*as<And>(*expr).operands[1]).operand).body != nullptr);
}

TEST_CASE("segment: unknown segments are exit-3 errors with suggestions") {
  Saved saved;
  saved.segments = {{"vip", "tag:vip"}, {"inner", "segment:gone"}};
  const auto context = saved.context();
  try {
    compile_text("tag:a or segment:vipp", context);
    FAIL("expected an UnknownSegmentError");
  } catch (const UnknownSegmentError& error) {
    CHECK(std::string(error.what()) == "unknown segment 'vipp' (did you mean 'vip'?)\n"
                                       "  tag:a or segment:vipp\n"
                                       "           ^~~~~~~~~~~~");
    CHECK(error.name() == "vipp");
    CHECK(error.exit_code() == util::ExitCode::not_found);
  }
  CHECK(resolve_error("segment:nothing_like_it", context) ==
        "unknown segment 'nothing_like_it'\n  segment:nothing_like_it\n  ^~~~~~~~~~~~~~~~~~~~~~~");
  // within distance 2 only
  CHECK(resolve_error("segment:v", context).substr(0, 20) == "unknown segment 'v' ");
  CHECK(resolve_error("segment:abc", context).substr(0, 24) == "unknown segment 'abc'\n  ");
  // no lookup at all: every segment is unknown
  ResolveContext bare;
  CHECK(resolve_error("segment:vip", bare) ==
        "unknown segment 'vip'\n  segment:vip\n  ^~~~~~~~~~~");
  // inside a saved segment: the caret is under the saved text
  try {
    compile_text("segment:inner", context);
    FAIL("expected an UnknownSegmentError");
  } catch (const UnknownSegmentError& error) {
    CHECK(std::string(error.what()) == "in segment 'inner': unknown segment 'gone'\n"
                                       "  segment:gone\n"
                                       "  ^~~~~~~~~~~~");
    CHECK(error.name() == "gone");
  }
}

TEST_CASE("segment: errors inside a saved segment name the segment") {
  Saved saved;
  saved.segments = {{"vip", "revnue > 1"},
                    {"outer", "tag:a and segment:vip"},
                    {"money", "revenue > 1.234"},
                    {"broken", "city = 'x"}};
  const auto context = saved.context();
  try {
    compile_text("tag:b or segment:vip", context);
    FAIL("expected an ExpressionError");
  } catch (const ExpressionError& error) {
    CHECK(std::string(error.what()) ==
          "in segment 'vip': unknown field 'revnue' (did you mean 'revenue'?)\n"
          "  revnue > 1\n"
          "  ^~~~~~");
    CHECK(error.message() == "in segment 'vip': unknown field 'revnue' (did you mean 'revenue'?)");
    CHECK(error.text() == "revnue > 1");
    CHECK(error.span().offset == 0);
    CHECK(error.exit_code() == util::ExitCode::usage);
  }
  CHECK(resolve_error("segment:outer", context) ==
        "in segment 'outer': in segment 'vip': unknown field 'revnue' (did you mean 'revenue'?)\n"
        "  revnue > 1\n"
        "  ^~~~~~");
  CHECK(resolve_error("segment:money", context) ==
        "in segment 'money': revenue takes at most 2 decimals: '1.234'\n"
        "  revenue > 1.234\n"
        "            ^~~~~");
  CHECK(resolve_error("segment:broken", context) ==
        "in segment 'broken': unterminated string\n  city = 'x\n         ^");
}

TEST_CASE("segment: reference cycles are refused at the reference") {
  Saved saved;
  saved.segments = {{"self", "tag:x or segment:self"},
                    {"a", "segment:b"},
                    {"b", "tag:y and segment:a"},
                    {"c", "segment:d"},
                    {"d", "segment:e"},
                    {"e", "segment:c"},
                    {"top", "segment:a"},
                    {"ok", "segment:leaf and segment:leaf"},
                    {"leaf", "tag:z"}};
  const auto context = saved.context();
  CHECK(resolve_error("segment:self", context) ==
        "segment cycle: self -> self\n  segment:self\n  ^~~~~~~~~~~~");
  CHECK(resolve_error("tag:q and segment:a", context) ==
        "segment cycle: a -> b -> a\n  tag:q and segment:a\n            ^~~~~~~~~");
  CHECK(resolve_error("segment:c", context) ==
        "segment cycle: c -> d -> e -> c\n  segment:c\n  ^~~~~~~~~");
  CHECK(resolve_error("segment:top", context) ==
        "segment cycle: top -> a -> b -> a\n  segment:top\n  ^~~~~~~~~~~");
  CHECK_THROWS_AS(compile_text("segment:b", context), ExpressionError);
  // the same segment twice is no cycle
  CHECK_NOTHROW(compile_text("segment:ok and segment:leaf", context));
}

TEST_CASE("segment: referenced_segments lists direct references once, in order") {
  CHECK(referenced_segments(*parse("tag:a")).empty());
  CHECK(referenced_segments(*parse("segment:b or (segment:a and not segment:b) or segment:c")) ==
        std::vector<std::string>{"b", "a", "c"});
  CHECK(referenced_segments(*parse("segment:\"x y\" and segment:Vip")) ==
        std::vector<std::string>{"x y", "Vip"});
}

TEST_CASE("segment: ExpressionError keeps its parts and exits 2") {
  try {
    parse("orders > x");
    FAIL("expected an ExpressionError");
  } catch (const ExpressionError& error) {
    CHECK(error.message() == "orders is a count: expected a number");
    CHECK(error.text() == "orders > x");
    CHECK(error.span().offset == 9);
    CHECK(error.span().length == 1);
    CHECK(error.exit_code() == util::ExitCode::usage);
    // the first line has no trailing period
    CHECK(error.message().back() != '.');
  }
  // copies share their parts
  const ExpressionError original("m", "t", Span{0, 1});
  ExpressionError copy = original;
  CHECK(std::string(copy.what()) == "m\n  t\n  ^");
  CHECK(copy.message() == "m");
  copy = ExpressionError("seg", original);
  CHECK(std::string(copy.what()) == "in segment 'seg': m\n  t\n  ^");
}

TEST_CASE("segment: deep nesting is refused, not a crash") {
  std::string deep(500, '(');
  deep += "tag:a";
  deep += std::string(500, ')');
  CHECK(parse_message(deep) == "expression nested too deeply");
  std::string nots;
  for (int i = 0; i < 500; ++i) nots += "not ";
  CHECK(parse_message(nots + "tag:a") == "expression nested too deeply");
  std::string fine(100, '(');
  fine += "tag:a";
  fine += std::string(100, ')');
  CHECK(canonical(fine) == "tag:a");
}

TEST_CASE("segment: invalid UTF-8 is refused at the first bad byte") {
  CHECK(parse_error("city = \"a\xFF\"") ==
        "expression is not valid UTF-8\n  city = \"a\xFF\"\n           ^");
  CHECK(parse_message("tag:\xE4\xB8") == "expression is not valid UTF-8");
  CHECK(caret_of("tag:\xE4\xB8") == "    ^");
  CHECK(parse_message("tag:\xC0\xAF") == "expression is not valid UTF-8");     // overlong '/'
  CHECK(parse_message("tag:\xED\xA0\x80") == "expression is not valid UTF-8"); // surrogate
}

TEST_CASE("segment: inlining stops at 500 conditions and 16 levels (what SQLite can parse)") {
  Saved saved;
  // each level uses the next three times: 3^7 = 2187 conditions if nothing stopped it
  for (int level = 0; level < 7; ++level) {
    saved.segments[fmt::format("s{}", level)] =
        fmt::format("segment:s{0} or segment:s{0} or segment:s{0}", level + 1);
  }
  saved.segments["s7"] = "tag:x";
  const std::string error = resolve_error("segment:s0", saved.context());
  CAPTURE(error);
  CHECK(error.find("expression too large: more than 500 conditions (saved segments included)") !=
        std::string::npos);
  CHECK(error.rfind("in segment 's0': in segment 's1': ", 0) == 0);
  saved.segments["s5"] = "tag:x"; // 3^5 = 243 conditions, 10 levels
  CHECK(resolve_error("segment:s0", saved.context()) == "no error");

  // 16 levels: fine; 17: refused, at the segment reference that goes past.
  Saved chain;
  chain.segments["a"] = "not not not not not not not not not not not not not not tag:x"; // 14
  CHECK(resolve_error("not segment:a", chain.context()) == "no error");
  const std::string deep = resolve_error("not not segment:a", chain.context());
  CHECK(deep.find("expression nested too deeply: more than 16 levels") != std::string::npos);
  CHECK(deep.rfind("in segment 'a': ", 0) == 0);
  std::string nots;
  for (int i = 0; i < 16; ++i) nots += "not ";
  CHECK(resolve_error(nots + "tag:x") == "no error");
  CHECK(resolve_error("not " + nots + "tag:x").find("nested too deeply") != std::string::npos);
}

TEST_CASE("segment: mutated expressions either parse to a stable text or fail with a caret") {
  // Deterministic: the same sequences on every run. Valid predicates joined at random must
  // parse; with one token replaced or dropped they parse or fail with an ExpressionError.
  const std::vector<std::string> atoms = {"orders >= 3",
                                          "revenue > 99.5",
                                          "city = 上海",
                                          "city in ( a , \"b c\" )",
                                          "created within 90d",
                                          "last_order older than 6m",
                                          "tag:vip",
                                          "tag:大客户",
                                          "opted_in:email",
                                          "segment:s",
                                          "bought( \"SKU-1\" ) within 2w",
                                          "rfm.r not in ( 1 , 2 )",
                                          "attr.x is not empty",
                                          "consent.sms = opt-in",
                                          "email ~ \"*@x.cn\"",
                                          "status != active",
                                          "created before 2025-01-31",
                                          "first_order after 2025-01-31T10:00+08:00",
                                          "aov <= -1",
                                          "country = cn"};
  const std::vector<std::string> vocabulary = {
      "and",    "or",    "not",     "(",      ")",    ",",  "in",  "is",         "empty",
      "within", "older", "than",    "before", "=",    "!=", "<",   ">=",         "~",
      "orders", "city",  "created", "rfm.r",  "tag:", "3",  "2.5", "2025-02-30", "25:00",
      "90x",    "\"x\"", "'",       "opt-in", "北京", "*",  "6",   "1.2.3"};
  std::mt19937 random(20250131);
  const auto pick = [&random](const std::vector<std::string>& from) -> const std::string& {
    return from[random() % from.size()];
  };
  std::size_t failed = 0;
  for (int round = 0; round < 5000; ++round) {
    std::string text = pick(atoms);
    for (std::size_t more = random() % 4; more > 0; --more) {
      const std::string next = (random() % 3 == 0 ? "not " : "") + pick(atoms);
      text = random() % 3 == 0 ? fmt::format("( {} ) or {}", text, next)
                               : fmt::format("{} {} {}", text, random() % 2 ? "and" : "or", next);
    }
    CAPTURE(text);
    const std::string once = to_text(*parse(text));
    CHECK(to_text(*parse(once)) == once);
    auto words = util::split(text, ' ');
    const std::size_t at = random() % words.size();
    if (random() % 2) {
      words[at] = pick(vocabulary);
    } else {
      words.erase(words.begin() + static_cast<std::ptrdiff_t>(at));
    }
    const std::string mutated = util::join(words, " ");
    CAPTURE(mutated);
    try {
      const std::string printed = to_text(*parse(mutated));
      CHECK(to_text(*parse(printed)) == printed);
    } catch (const ExpressionError& error) {
      ++failed;
      CHECK(error.span().offset + error.span().length <= mutated.size());
      CHECK(error.message().find('\n') == std::string::npos);
    }
  }
  MESSAGE(failed << " of 5000 mutations refused");
  CHECK(failed > 1000);
}

TEST_CASE("segment: the ideographic and no-break spaces separate words like a space") {
  CHECK(to_text(*parse("tag:vip　and　city = 上海")) == R"(tag:vip and city = "上海")");
  CHECK(to_text(*parse("tag:vip or tag:x")) == "tag:vip or tag:x");
  CHECK(to_text(*parse("tag:大客户　and orders > 1")) == "tag:大客户 and orders > 1");
}
