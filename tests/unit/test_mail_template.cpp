#include <doctest/doctest.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "mail/template.hpp"
#include "support.hpp"
#include "util/json.hpp"

using namespace crm;
using mail::Escape;
using mail::Template;
using mail::TemplateError;
using util::Json;

namespace {

Json json(std::string_view text) { return Json::parse(text); }

std::string render(std::string_view text, const Json& data, Escape escape = Escape::none) {
  return Template::parse(text, "t").render(data, escape);
}

std::string render(std::string_view text, const char* data, Escape escape = Escape::none) {
  return render(text, json(data), escape);
}

std::string render(std::string_view text, const std::string& data, Escape escape = Escape::none) {
  return render(text, json(data), escape);
}

std::string html(std::string_view text, std::string_view data) {
  return render(text, json(data), Escape::html);
}

// The message of the TemplateError that parse() throws, or "no error".
std::string parse_error(std::string_view text, std::string_view name = "t") {
  try {
    (void)Template::parse(text, name);
  } catch (const TemplateError& e) {
    return e.what();
  }
  return "no error";
}

std::string check_error(std::string_view text, const Json& schema) {
  const Template parsed = Template::parse(text, "text");
  try {
    parsed.check(schema);
  } catch (const TemplateError& e) {
    return e.what();
  }
  return "no error";
}

const char* const schema_text = R"({
  "first_name": "Ann", "last_name": "Lee", "email": "ann@example.com", "city": "Berlin",
  "tags": ["vip"], "owner": "bob", "created_at": "2025-01-01T00:00:00Z",
  "attributes": {"vip": "yes", "生日": "1990-01-01"},
  "metrics": {"orders": 3, "revenue": "120.50", "last_order_at": "2025-05-01T00:00:00Z"},
  "recent_orders": [{"id": "O-1", "placed_at": "2025-05-01T10:00:00Z", "total": "99.90",
                     "currency": "EUR", "status": "paid",
                     "items": [{"sku": "A1", "name": "Tea", "quantity": 2, "price": "9.95"}]}],
  "unsubscribe_url": "https://example.com/u/abc", "unsubscribe_address": "u+abc@example.com",
  "campaign": {"name": "spring", "subject": "Spring"}
})";

} // namespace

TEST_CASE("mail template: text and plain values") {
  CHECK(render("", "{}") == "");
  CHECK(render("Hello, world", "{}") == "Hello, world");
  CHECK(render("Hi {{name}}!", R"({"name":"Ann"})") == "Hi Ann!");
  CHECK(render("{{ name }}", R"({"name":"Ann"})") == "Ann");
  CHECK(render("{{n}} {{x}} {{big}}", R"({"n":42,"x":1.5,"big":-7})") == "42 1.5 -7");
  CHECK(render("{{t}}/{{f}}", R"({"t":true,"f":false})") == "true/false");
  CHECK(render("[{{z}}][{{missing}}]", R"({"z":null})") == "[][]");
  CHECK(render("[{{list}}][{{obj}}]", R"({"list":[1],"obj":{"a":1}})") == "[][]");
  CHECK(render("你好，{{名字}}！", R"({"名字":"王小明"})") == "你好，王小明！");
  CHECK(render("a } b { c }} d", "{}") == "a } b { c }} d");
  CHECK(render("{{a}}{{b}}{{a}}", R"({"a":"1","b":"2"})") == "121");
}

TEST_CASE("mail template: comments and standalone lines") {
  CHECK(render("a{{! a comment }}b", "{}") == "ab");
  CHECK(render("a{{! spans\nlines }}b", "{}") == "ab");
  CHECK(render("x\n  {{! alone }}\ny", "{}") == "x\ny");
  CHECK(render("Orders:\n{{#o}}\n- {{.}}\n{{/o}}\nEnd\n", R"({"o":["a","b"]})") ==
        "Orders:\n- a\n- b\nEnd\n");
  CHECK(render("Orders:\r\n{{#o}}\r\n- {{.}}\r\n{{/o}}\r\n", R"({"o":["a"]})") ==
        "Orders:\r\n- a\r\n");
  CHECK(render("{{^o}}\nnone\n{{/o}}", R"({"o":[]})") == "none\n");
  // Not alone on the line: the surrounding text stays.
  CHECK(render("[{{#t}}x{{/t}}]\n", R"({"t":true})") == "[x]\n");
  CHECK(render(" {{#t}} y{{/t}}\n", R"({"t":true})") == "  y\n");
  // A value tag alone on its line is not standalone.
  CHECK(render("{{v}}\n", R"({"v":"a"})") == "a\n");
}

TEST_CASE("mail template: sections over every kind of value") {
  CHECK(render("{{#o}}<{{id}}>{{/o}}", R"({"o":[{"id":1},{"id":2},{"id":3}]})") == "<1><2><3>");
  CHECK(render("{{#tags}}{{.}},{{/tags}}", R"({"tags":["a","b"]})") == "a,b,");
  CHECK(render("{{#tags}}{{.}},{{/tags}}", R"({"tags":[1,true,2.5]})") == "1,true,2.5,");
  CHECK(render("{{#c}}{{city}}{{/c}}", R"({"c":{"city":"Paris"}})") == "Paris");
  CHECK(render("{{#t}}yes{{/t}}", R"({"t":true})") == "yes");
  CHECK(render("{{#s}}[{{.}}]{{/s}}", R"({"s":"text"})") == "[text]");
  CHECK(render("{{#n}}[{{.}}]{{/n}}", R"({"n":5})") == "[5]");
  CHECK(render("{{#n}}[{{.}}]{{/n}}", R"({"n":0.5})") == "[0.5]");
  for (const char* falsy : {R"({"v":false})", R"({"v":null})", R"({"v":""})", R"({"v":0})",
                            R"({"v":0.0})", R"({"v":[]})", R"({"v":{}})", R"({})"}) {
    CAPTURE(falsy);
    CHECK(render("{{#v}}yes{{/v}}", falsy) == "");
    CHECK(render("{{^v}}no{{/v}}", falsy) == "no");
  }
  for (const char* truthy : {R"({"v":true})", R"({"v":"x"})", R"({"v":1})", R"({"v":[0]})",
                             R"({"v":{"a":1}})", R"({"v":-2.5})"}) {
    CAPTURE(truthy);
    CHECK(render("{{^v}}no{{/v}}", truthy) == "");
  }
}

TEST_CASE("mail template: nesting, the context stack and dotted names") {
  const Json data = json(R"({
    "name": "Ann", "currency": "EUR",
    "orders": [{"id": "O1", "items": [{"sku": "A"}, {"sku": "B"}]},
               {"id": "O2", "currency": "USD", "items": []}],
    "customer": {"address": {"city": "Lyon"}, "name": "Inner"}
  })");
  CHECK(
      render("{{#orders}}{{id}}({{#items}}{{sku}}{{id}}{{name}};{{/items}}{{^items}}none{{/items}}"
             "{{currency}}) {{/orders}}",
             data) == "O1(AO1Ann;BO1Ann;EUR) O2(noneUSD) ");
  CHECK(render("{{customer.address.city}}", data) == "Lyon");
  CHECK(render("{{customer.name}} {{name}}", data) == "Inner Ann");
  CHECK(render("{{#customer}}{{name}} {{address.city}}{{/customer}}", data) == "Inner Lyon");
  CHECK(render("{{#customer.address}}{{city}}{{/customer.address}}", data) == "Lyon");
  CHECK(render("[{{customer.missing}}][{{customer.address.city.x}}][{{nope.x}}]", data) ==
        "[][][]");
  // Once the first segment is found, the rest is not searched further out (Mustache).
  CHECK(render("{{#customer}}[{{address.zip}}]{{/customer}}", json(R"({
    "address": {"zip": "outer"}, "customer": {"address": {}}})")) == "[]");
  // Nested lists of strings.
  CHECK(render("{{#rows}}{{#.}}{{.}}{{/.}}|{{/rows}}", R"({"rows":[["a","b"],["c"]]})") == "ab|c|");
}

TEST_CASE("mail template: simple filters and chains") {
  CHECK(render(R"({{name | default: "朋友"}})", "{}") == "朋友");
  CHECK(render(R"({{name | default: "朋友"}})", R"({"name":null})") == "朋友");
  CHECK(render(R"({{name | default: "朋友"}})", R"({"name":""})") == "朋友");
  CHECK(render(R"({{name | default: "朋友"}})", R"({"name":[]})") == "朋友");
  CHECK(render(R"({{name | default: "朋友"}})", R"({"name":"Ann"})") == "Ann");
  CHECK(render(R"({{n | default: "x"}})", R"({"n":0})") == "0");
  CHECK(render(R"({{n | default: "x"}})", R"({"n":false})") == "false");
  CHECK(render(R"({{n | default: "say \"hi\" \\ | ok"}})", "{}") == R"(say "hi" \ | ok)");
  CHECK(render(R"({{n|default:"x"}})", "{}") == "x");
  CHECK(render("{{s | upper}}", R"({"s":"Ann Lee ß é"})") == "ANN LEE ß é");
  CHECK(render("{{s | lower}}", R"({"s":"ANN Lee É"})") == "ann lee É");
  CHECK(render(R"({{s | default: "friend" | upper}})", "{}") == "FRIEND");
  CHECK(render(R"({{s | upper | default: "friend"}})", "{}") == "friend");
  CHECK(render(R"({{s | truncate: 3 | upper}})", R"({"s":"abcdef"})") == "ABC…");
  CHECK(render(R"({{s | lower | upper | lower}})", R"({"s":"MiX"})") == "mix");
}

TEST_CASE("mail template: money keeps the given decimals and pads to two") {
  const auto money = [](const char* data) { return render("{{v | money}}", data); };
  CHECK(money(R"({"v":"1234.5"})") == "1,234.50");
  CHECK(money(R"({"v":"1234"})") == "1,234.00");
  CHECK(money(R"({"v":"1234.567"})") == "1,234.567");
  CHECK(money(R"({"v":"0.5"})") == "0.50");
  CHECK(money(R"({"v":"999"})") == "999.00");
  CHECK(money(R"({"v":"1000"})") == "1,000.00");
  CHECK(money(R"({"v":"1234567.89"})") == "1,234,567.89");
  CHECK(money(R"({"v":"-1234567.8"})") == "-1,234,567.80");
  CHECK(money(R"({"v":"+12"})") == "12.00");
  CHECK(money(R"({"v":"12."})") == "12.00");
  CHECK(money(R"({"v":1234})") == "1,234.00");
  CHECK(money(R"({"v":1234.5})") == "1,234.50");
  CHECK(money(R"({"v":0.30000000000000004})") == "0.30");
  CHECK(money(R"({"v":"about 12"})") == "about 12");
  CHECK(money(R"({"v":".5"})") == ".5");
  CHECK(money(R"({"v":"1,000"})") == "1,000");
  CHECK(money(R"({})") == "");
  CHECK(render(R"({{v | money | default: "-"}})", "{}") == "-");
}

TEST_CASE("mail template: date and date patterns render in UTC") {
  const std::string data = R"({"t":"2025-06-01T10:05:09Z","o":"2025-06-01T01:30:00+08:00",
                               "d":"2025-02-03","bad":"soon","bad2":"2025-13-45"})";
  CHECK(render("{{t | date}}", data) == "2025-06-01");
  CHECK(render("{{o | date}}", data) == "2025-05-31");
  CHECK(render("{{d | date}}", data) == "2025-02-03");
  CHECK(render(R"({{t | date: "%Y年%m月%d日"}})", data) == "2025年06月01日");
  CHECK(render(R"({{t | date: "%d/%m/%Y %H:%M:%S"}})", data) == "01/06/2025 10:05:09");
  CHECK(render(R"({{o | date: "%H:%M"}})", data) == "17:30");
  CHECK(render(R"({{t | date: "100%% %Y"}})", data) == "100% 2025");
  CHECK(render(R"({{t | date: ""}})", data) == "");
  CHECK(render("{{bad | date}}", data) == "soon");
  CHECK(render("{{bad2 | date}}", data) == "2025-13-45");
  CHECK(render("{{missing | date}}", data) == "");
  CHECK(render(R"({{missing | date | default: "never"}})", data) == "never");
}

TEST_CASE("mail template: truncate counts characters") {
  CHECK(render("{{s | truncate: 5}}", R"({"s":"Hello"})") == "Hello");
  CHECK(render("{{s | truncate: 5}}", R"({"s":"Hello!"})") == "Hello…");
  CHECK(render("{{s | truncate: 2}}", R"({"s":"王小明"})") == "王小…");
  CHECK(render("{{s | truncate: 3}}", R"({"s":"王小明"})") == "王小明");
  CHECK(render("{{s | truncate: 1}}", R"({"s":"é!"})") == "é…");
  CHECK(render("{{s | truncate: 1}}", R"({"s":""})") == "");
  CHECK(render("{{n | truncate: 2}}", R"({"n":12345})") == "12…");
}

TEST_CASE("mail template: escaping in HTML and text") {
  const std::string data = R"({"v":"<b>Tom & \"Jerry\" 's</b>","n":3})";
  CHECK(html("{{v}}", data) == "&lt;b&gt;Tom &amp; &quot;Jerry&quot; &#39;s&lt;/b&gt;");
  CHECK(render("{{v}}", data) == "<b>Tom & \"Jerry\" 's</b>");
  CHECK(html("{{{v}}}", data) == "<b>Tom & \"Jerry\" 's</b>");
  CHECK(html("{{& v}}", data) == "<b>Tom & \"Jerry\" 's</b>");
  CHECK(html("{{&v}}", data) == "<b>Tom & \"Jerry\" 's</b>");
  CHECK(html("{{v | upper}}", data) == "&lt;B&gt;TOM &amp; &quot;JERRY&quot; &#39;S&lt;/B&gt;");
  CHECK(html("{{{v | upper}}}", data) == "<B>TOM & \"JERRY\" 'S</B>");
  CHECK(html(R"({{x | default: "<none>"}})", data) == "&lt;none&gt;");
  CHECK(html("<p>{{n}}</p>", data) == "<p>3</p>");
  CHECK(html("{{#l}}{{.}}{{/l}}", R"({"l":["<",">"]})") == "&lt;&gt;");
  CHECK(mail::html_escape("a&b<c>d\"e'f 中") == "a&amp;b&lt;c&gt;d&quot;e&#39;f 中");
  CHECK(mail::html_escape("") == "");
}

TEST_CASE("mail template: structural errors name the tag's line and column") {
  CHECK(parse_error("a\n{{#x}}\nb\n  c") == "t:4:4: unclosed section 'x' opened at 2:1");
  CHECK(parse_error("{{#a}}{{#b}}{{/b}}") == "t:1:19: unclosed section 'a' opened at 1:1");
  CHECK(parse_error("x\n    {{#x}}{{/y}}") == "t:2:11: '{{/y}}' closes 'x' (opened at 2:5)");
  CHECK(parse_error("{{#a}}{{#b}}{{/a}}{{/b}}") == "t:1:13: '{{/a}}' closes 'b' (opened at 1:7)");
  CHECK(parse_error("ok\n{{/y}}") == "t:2:1: '{{/y}}' closes no open section");
  CHECK(parse_error("a {{}} b") == "t:1:3: empty tag '{{}}'");
  CHECK(parse_error("{{  }}") == "t:1:1: empty tag '{{  }}'");
  CHECK(parse_error("{{#}}") == "t:1:1: empty tag '{{#}}'");
  CHECK(parse_error("{{/ }}") == "t:1:1: empty tag '{{/ }}'");
  CHECK(parse_error("{{{}}}") == "t:1:1: empty tag '{{{}}}'");
  CHECK(parse_error("{{& }}") == "t:1:1: empty tag '{{& }}'");
  CHECK(parse_error("{{ | upper}}") == "t:1:1: empty tag '{{ | upper}}'");
  CHECK(parse_error("Hi {{name") == "t:1:4: unterminated tag: '{{' without '}}'");
  CHECK(parse_error("Hi {{{name}}") == "t:1:4: unterminated tag: '{{{' without '}}}'");
  CHECK(parse_error("{{! never closed") == "t:1:1: unterminated tag: '{{' without '}}'");
  CHECK(parse_error("{{first name}}") == "t:1:1: invalid name 'first name' in '{{first name}}'");
  CHECK(parse_error("{{a..b}}") == "t:1:1: invalid name 'a..b' in '{{a..b}}'");
  CHECK(parse_error("{{#a | upper}}{{/a}}") ==
        "t:1:1: invalid name 'a | upper' in '{{#a | upper}}'");
  CHECK(parse_error("{{> footer}}") ==
        "t:1:1: unsupported tag '{{> footer}}': partials are not supported");
  CHECK(parse_error("{{=<% %>=}}") ==
        "t:1:1: unsupported tag '{{=<% %>=}}': delimiters cannot be changed");
  CHECK(parse_error("{{x}}", "welcome.html") == "no error");
  CHECK(parse_error("{{/x}}", "welcome.html") ==
        "welcome.html:1:1: '{{/x}}' closes no open section");
}

TEST_CASE("mail template: filter errors") {
  CHECK(parse_error("{{n | uper}}") == "t:1:1: unknown filter 'uper' (did you mean 'upper'?)");
  CHECK(parse_error("\n {{n | defualt: \"x\"}}") ==
        "t:2:2: unknown filter 'defualt' (did you mean 'default'?)");
  CHECK(parse_error("{{n | shout}}") ==
        "t:1:1: unknown filter 'shout' (filters: default, upper, lower, money, date, truncate)");
  CHECK(parse_error("{{n | }}") == "t:1:1: empty filter after '|'");
  CHECK(parse_error("{{n | upper: 2}}") == "t:1:1: filter 'upper' takes no argument");
  CHECK(parse_error("{{n | lower: \"x\"}}") == "t:1:1: filter 'lower' takes no argument");
  CHECK(parse_error("{{n | money: 2}}") == "t:1:1: filter 'money' takes no argument");
  const std::string need_text = "t:1:1: filter 'default' needs a quoted text: default: \"TEXT\"";
  CHECK(parse_error("{{n | default}}") == need_text);
  CHECK(parse_error("{{n | default: x}}") == need_text);
  CHECK(parse_error("{{n | default: \"x}}") == need_text);
  CHECK(parse_error("{{n | default: \"a\"b\"}}") == need_text);
  CHECK(parse_error("{{n | default: \"a\\n\"}}") == need_text);
  const std::string need_number =
      "t:1:1: filter 'truncate' needs a whole number of characters above 0: truncate: N";
  CHECK(parse_error("{{n | truncate}}") == need_number);
  CHECK(parse_error("{{n | truncate: 0}}") == need_number);
  CHECK(parse_error("{{n | truncate: -3}}") == need_number);
  CHECK(parse_error("{{n | truncate: +3}}") == need_number);
  CHECK(parse_error("{{n | truncate: x}}") == need_number);
  CHECK(parse_error("{{n | truncate: \"5\"}}") == need_number);
  CHECK(parse_error("{{n | date: %Y}}") ==
        "t:1:1: filter 'date' needs a quoted pattern: date: \"%Y-%m-%d\"");
  CHECK(parse_error("{{n | date: \"%Y-%q\"}}") ==
        "t:1:1: filter 'date': unknown '%q' in \"%Y-%q\" (use %Y %m %d %H %M %S %%)");
  CHECK(parse_error("{{n | date: \"%Y %\"}}") ==
        "t:1:1: filter 'date': unknown '%' in \"%Y %\" (use %Y %m %d %H %M %S %%)");
  CHECK(parse_error("{{n | truncate: 3 | date: \"%d\"}}") == "no error");
  CHECK(parse_error("{{n | date: \"%年\"}}") ==
        "t:1:1: filter 'date': unknown '%年' in \"%年\" (use %Y %m %d %H %M %S %%)");
}

TEST_CASE("mail template: columns count characters, not bytes") {
  CHECK(parse_error("你好，{{名字") == "t:1:4: unterminated tag: '{{' without '}}'");
  CHECK(parse_error("亲爱的{{客户}}：\n  订单 {{#订单}}") ==
        "t:2:13: unclosed section '订单' opened at 2:6");
  CHECK(parse_error("亲爱的 {{名字 | 大写}}") == "t:1:5: unknown filter '大写' "
                                                 "(filters: default, upper, lower, money, date, "
                                                 "truncate)");
  CHECK(parse_error("😀é{{/x}}") == "t:1:3: '{{/x}}' closes no open section");
  const Json schema = json(R"({"名字":"王"})");
  CHECK(check_error("亲爱的{{名字}}，{{名子}}", schema) ==
        "text:1:11: unknown field '名子' (did you mean '名字'?)");
}

TEST_CASE("mail template: check accepts what a recipient's data can hold") {
  const Json schema = json(schema_text);
  const char* const good = R"(Hi {{first_name | default: "friend"}} {{last_name}},
{{#attributes.vip}}VIP {{attributes.vip | upper}} {{attributes.生日 | date}}{{/attributes.vip}}
{{#tags}}[{{.}}]{{/tags}}{{^tags}}no tags{{/tags}}
You ordered {{metrics.orders}} times, {{metrics.revenue | money}} in all.
{{#recent_orders}}
- {{id}} {{placed_at | date: "%d.%m.%Y"}} {{total | money}} {{currency}} {{first_name}}
{{#items}}  * {{quantity}} x {{name | truncate: 20}} @ {{price | money}} ({{id}}){{/items}}
{{/recent_orders}}
{{^recent_orders}}No orders yet.{{/recent_orders}}
{{#campaign}}{{name}}: {{subject}}{{/campaign}}
{{#metrics}}{{orders}}{{/metrics}}
{{#first_name}}{{.}}{{/first_name}}
Unsubscribe: {{{unsubscribe_url}}} or {{unsubscribe_address}}
)";
  CHECK(check_error(good, schema) == "no error");
}

TEST_CASE("mail template: check refuses unknown names and misused ones") {
  const Json schema = json(schema_text);
  CHECK(check_error("Hi {{frist_name}}", schema) ==
        "text:1:4: unknown field 'frist_name' (did you mean 'first_name'?)");
  CHECK(check_error("{{zzz}}", schema) == "text:1:1: unknown field 'zzz'");
  CHECK(check_error("{{attributes.vp}}", schema) ==
        "text:1:1: unknown field 'attributes.vp' (did you mean 'attributes.vip'?)");
  CHECK(check_error("{{metrics.orders.x}}", schema) ==
        "text:1:1: unknown field 'metrics.orders.x'");
  CHECK(check_error("{{#recent_orders}}{{totl}}{{/recent_orders}}", schema) ==
        "text:1:19: unknown field 'totl' (did you mean 'total'?)");
  CHECK(check_error("{{#recent_orders}}{{#items}}{{skux}}{{/items}}{{/recent_orders}}", schema) ==
        "text:1:29: unknown field 'skux' (did you mean 'sku'?)");
  // A name from an inner section is not visible outside it.
  CHECK(check_error("{{#recent_orders}}{{/recent_orders}}{{total}}", schema) ==
        "text:1:37: unknown field 'total'");
  CHECK(check_error("{{#recent_ordres}}{{/recent_ordres}}", schema) ==
        "text:1:1: unknown field 'recent_ordres' (did you mean 'recent_orders'?)");
  CHECK(check_error("\n{{^ordres}}x{{/ordres}}", schema) == "text:2:1: unknown field 'ordres'");
  CHECK(check_error("{{recent_orders}}", schema) ==
        "text:1:1: 'recent_orders' is a list: loop over it with "
        "{{#recent_orders}}...{{/recent_orders}}");
  CHECK(check_error("{{tags | default: \"x\"}}", schema) ==
        "text:1:1: 'tags' is a list: loop over it with {{#tags}}...{{/tags}}");
  CHECK(check_error("{{{attributes}}}", schema) ==
        "text:1:1: 'attributes' is an object: name one of its fields, like {{attributes.vip}}");
  CHECK(check_error("{{e}}", json(R"({"e":{}})")) == "text:1:1: 'e' is an object, not a value");
  CHECK(check_error("{{.}}", schema) == "text:1:1: '{{.}}' outside a section");
  CHECK(check_error("{{#recent_orders}}{{.}}{{/recent_orders}}", schema) ==
        "text:1:19: '{{.}}' is an object here: name one of its fields instead");
  CHECK(check_error("{{#recent_orders}}{{items}}{{/recent_orders}}", schema) ==
        "text:1:19: 'items' is a list: loop over it with {{#items}}...{{/items}}");
  // An empty list sample says nothing about its items: names inside are looked up outside.
  CHECK(check_error("{{#l}}{{.}}{{a}}{{/l}}", json(R"({"l":[],"a":1})")) == "no error");
  CHECK(check_error("{{#l}}{{zzz}}{{/l}}", json(R"({"l":[],"a":1})")) ==
        "text:1:7: unknown field 'zzz'");
  CHECK(check_error("{{x}}", json("[]")) == "text:1:1: unknown field 'x'");
}

TEST_CASE("mail template: a realistic message") {
  const Json data = json(R"({
    "first_name": "王", "last_name": "小明", "city": "上海",
    "attributes": {"vip": true},
    "metrics": {"orders": 2, "revenue": "3456.7"},
    "recent_orders": [
      {"id": "O-2", "placed_at": "2025-05-20T16:30:00Z", "total": "3000", "currency": "CNY",
       "items": [{"name": "绿茶礼盒 · 特级", "quantity": 2, "price": "1500"}]},
      {"id": "O-1", "placed_at": "2025-01-02T03:04:05Z", "total": "456.7", "currency": "CNY",
       "items": [{"name": "Tea <cup> & saucer", "quantity": 1, "price": "456.7"}]}],
    "unsubscribe_url": "https://example.com/u?t=a&b=c",
    "campaign": {"name": "spring"}
  })");
  const Template text = Template::parse(R"({{last_name | default: "朋友"}}，您好！
{{#attributes.vip}}
尊敬的 VIP 客户：
{{/attributes.vip}}
您共下单 {{metrics.orders}} 次，合计 ¥{{metrics.revenue | money}}。
{{#recent_orders}}
- {{id}} {{placed_at | date: "%Y年%m月%d日"}} ¥{{total | money}}
{{#items}}
  * {{name | truncate: 6}} × {{quantity}}
{{/items}}
{{/recent_orders}}
退订：{{unsubscribe_url}}
)",
                                        "text");
  text.check(json(schema_text));
  CHECK(text.render(data, Escape::none) == R"(小明，您好！
尊敬的 VIP 客户：
您共下单 2 次，合计 ¥3,456.70。
- O-2 2025年05月20日 ¥3,000.00
  * 绿茶礼盒 ·… × 2
- O-1 2025年01月02日 ¥456.70
  * Tea <c… × 1
退订：https://example.com/u?t=a&b=c
)");
  const Template page = Template::parse(
      "<ul>{{#recent_orders}}<li>{{#items}}{{name}}{{/items}}</li>{{/recent_orders}}</ul>"
      "<a href=\"{{unsubscribe_url}}\">x</a><a href=\"{{{unsubscribe_url}}}\">y</a>",
      "html");
  CHECK(page.render(data, Escape::html) ==
        "<ul><li>绿茶礼盒 · 特级</li><li>Tea &lt;cup&gt; &amp; saucer</li></ul>"
        "<a href=\"https://example.com/u?t=a&amp;b=c\">x</a>"
        "<a href=\"https://example.com/u?t=a&b=c\">y</a>");
}

TEST_CASE("mail template: parsed once, rendered many times, moved") {
  Template first = Template::parse("{{#o}}{{n | upper}}{{/o}}|{{x}}", "t");
  Template moved = std::move(first);
  std::string out;
  for (int i = 0; i < 3; ++i) {
    const Json data = json(R"({"o":[{"n":"a"},{"n":"b"}],"x":)" + std::to_string(i) + "}");
    moved.render(data, Escape::none, out);
  }
  CHECK(out == "AB|0AB|1AB|2");
  Template other = Template::parse("z", "u");
  other = std::move(moved);
  CHECK(other.render(json(R"({"x":"q"})"), Escape::html) == "|q");
}

namespace {

// A tiny independent reference: a template as a tree, printed to Mustache text and evaluated
// directly, to compare with the engine on random trees.
struct RefNode {
  enum class Kind { text, value, raw, upper, section, inverted } kind = Kind::text;
  std::string text; // text, or the name
  std::vector<RefNode> children;
};

std::string print(const std::vector<RefNode>& nodes) {
  std::string out;
  for (const RefNode& n : nodes) {
    switch (n.kind) {
    case RefNode::Kind::text:
      out += n.text;
      break;
    case RefNode::Kind::value:
      out += "{{" + n.text + "}}";
      break;
    case RefNode::Kind::raw:
      out += "{{{" + n.text + "}}}";
      break;
    case RefNode::Kind::upper:
      out += "{{ " + n.text + " | upper }}";
      break;
    case RefNode::Kind::section:
    case RefNode::Kind::inverted:
      out += (n.kind == RefNode::Kind::section ? "{{#" : "{{^") + n.text + "}}" +
             print(n.children) + "{{/" + n.text + "}}";
      break;
    }
  }
  return out;
}

const Json* ref_lookup(const std::vector<const Json*>& stack, const std::string& name) {
  if (name == ".") return stack.back();
  for (auto it = stack.rbegin(); it != stack.rend(); ++it) {
    if ((*it)->is_object())
      if (const Json* found = (*it)->find(name)) return found;
  }
  return nullptr;
}

std::string ref_text(const Json* v) {
  if (v == nullptr || v->is_null() || v->is_array() || v->is_object()) return "";
  if (v->is_string()) return v->as_string();
  return v->dump();
}

bool ref_truthy(const Json* v) {
  if (v == nullptr) return false;
  if (v->is_array()) return !v->as_array().empty();
  if (v->is_object()) return !v->as_object().empty();
  if (v->is_string()) return !v->as_string().empty();
  return !(v->dump() == "false" || v->dump() == "0" || v->is_null());
}

void ref_render(const std::vector<RefNode>& nodes, std::vector<const Json*>& stack, bool html_mode,
                std::string& out) {
  for (const RefNode& n : nodes) {
    const Json* v = n.kind == RefNode::Kind::text ? nullptr : ref_lookup(stack, n.text);
    std::string value = ref_text(v);
    switch (n.kind) {
    case RefNode::Kind::text:
      out += n.text;
      break;
    case RefNode::Kind::upper:
      for (char& c : value)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
      [[fallthrough]];
    case RefNode::Kind::value:
      out += html_mode ? mail::html_escape(value) : value;
      break;
    case RefNode::Kind::raw:
      out += value;
      break;
    case RefNode::Kind::inverted:
      if (!ref_truthy(v)) ref_render(n.children, stack, html_mode, out);
      break;
    case RefNode::Kind::section:
      if (!ref_truthy(v)) break;
      if (v->is_array()) {
        for (const Json& item : v->as_array()) {
          stack.push_back(&item);
          ref_render(n.children, stack, html_mode, out);
          stack.pop_back();
        }
      } else {
        stack.push_back(v);
        ref_render(n.children, stack, html_mode, out);
        stack.pop_back();
      }
      break;
    }
  }
}

std::vector<RefNode> random_nodes(test::Random& random, int depth) {
  static const std::vector<std::string> names = {"a",    "b",    "n",   "z", "t", "f",      "e",
                                                 "list", "tags", "obj", "v", ".", "missing"};
  static const std::vector<std::string> texts = {"x", " ", "<&>", "中文", "\n", "'\"", "}", "{"};
  std::vector<RefNode> nodes;
  const auto count = random.between(0, 4);
  for (std::int64_t i = 0; i < count; ++i) {
    RefNode node;
    const auto kind = random.below(depth < 3 ? 6 : 4);
    node.kind = static_cast<RefNode::Kind>(kind);
    if (node.kind == RefNode::Kind::text) {
      // "{" then "{" would make a tag: keep a text node from ending in '{'.
      node.text = random.pick(texts) + "x";
      if (!nodes.empty() && nodes.back().kind == RefNode::Kind::text) node.text = "y";
    } else {
      node.text = random.pick(names);
      if (node.kind >= RefNode::Kind::section) node.children = random_nodes(random, depth + 1);
    }
    nodes.push_back(std::move(node));
  }
  return nodes;
}

} // namespace

TEST_CASE("mail template: random templates agree with a reference renderer") {
  const Json data = json(R"({"a":"Ann & <Bo>","b":"b'q","n":3,"z":0,"t":true,"f":false,"e":"",
    "list":[{"v":"one","a":"inner"},{"v":"two"},{"b":"B2"}],"tags":["x","<y>",""],
    "obj":{"v":"ov","n":null}})");
  test::Random random(20250601);
  int compared = 0;
  for (int round = 0; round < 400; ++round) {
    std::vector<RefNode> tree = random_nodes(random, 0);
    // Every text ends in x or y and one comes first: no tag is alone on its line.
    tree.insert(tree.begin(), RefNode{RefNode::Kind::text, "s", {}});
    const std::string text = print(tree);
    CAPTURE(text);
    const Template parsed = Template::parse(text, "random");
    for (const bool html_mode : {false, true}) {
      std::vector<const Json*> stack{&data};
      std::string expected;
      ref_render(tree, stack, html_mode, expected);
      CHECK(parsed.render(data, html_mode ? Escape::html : Escape::none) == expected);
      ++compared;
    }
  }
  CHECK(compared == 800);
}
