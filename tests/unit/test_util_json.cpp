#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "util/error.hpp"
#include "util/json.hpp"

using crm::util::Json;
using crm::util::UsageError;

namespace {

std::string parse_error(std::string_view text) {
  try {
    (void)Json::parse(text);
  } catch (const UsageError& error) {
    return error.what();
  }
  return "(parsed)";
}

} // namespace

TEST_CASE("json: types and accessors") {
  CHECK(Json().type() == Json::Type::null);
  CHECK(Json(nullptr).is_null());
  CHECK(Json(true).as_bool());
  CHECK(Json(42).as_int() == 42);
  CHECK(Json(42L).type() == Json::Type::integer);
  CHECK(Json(42LL).as_double() == 42.0);
  CHECK(Json(1.5).type() == Json::Type::number);
  CHECK(Json(1.5).as_double() == 1.5);
  CHECK(Json("abc").as_string() == "abc");
  CHECK(Json(std::string_view("sv")).as_string() == "sv");
  CHECK(Json::array().is_array());
  CHECK(Json::object().is_object());
  CHECK_THROWS_AS((void)Json(1.5).as_int(), std::logic_error);
  CHECK_THROWS_AS((void)Json("1").as_double(), std::logic_error);
  CHECK_THROWS_AS((void)Json().as_string(), std::logic_error);
  CHECK_THROWS_AS((void)Json(1).as_bool(), std::logic_error);
  CHECK_THROWS_AS((void)Json::array().as_object(), std::logic_error);
  CHECK_THROWS_AS((void)Json::object().as_array(), std::logic_error);
  CHECK_THROWS_AS(Json().push_back(1), std::logic_error);
  CHECK_THROWS_AS(Json(1).set("a", 1), std::logic_error);
}

TEST_CASE("json: set replaces in place, find, push_back") {
  Json object = Json::object();
  object.set("b", 1).set("a", 2).set("b", 3);
  CHECK(object.dump() == R"({"b":3,"a":2})");
  REQUIRE(object.find("a") != nullptr);
  CHECK(object.find("a")->as_int() == 2);
  CHECK(object.find("missing") == nullptr);
  CHECK(Json(5).find("a") == nullptr);
  Json array = Json::array();
  array.push_back(1);
  array.push_back("two");
  CHECK(array.dump() == R"([1,"two"])");
  CHECK(array.as_array().size() == 2);
}

TEST_CASE("json: equality") {
  CHECK(Json(1) == Json(1));
  CHECK_FALSE(Json(1) == Json(1.0));
  CHECK(Json::parse(R"({"a":[1,{"b":null}]})") ==
        Json::parse(R"( { "a" : [ 1 , { "b" : null } ] } )"));
}

TEST_CASE("json: dump scalars") {
  CHECK(Json().dump() == "null");
  CHECK(Json(true).dump() == "true");
  CHECK(Json(false).dump() == "false");
  CHECK(Json(-7).dump() == "-7");
  CHECK(Json(std::numeric_limits<long long>::min()).dump() == "-9223372036854775808");
  CHECK(Json(0.1).dump() == "0.1");
  CHECK(Json(1.0).dump() == "1.0");
  CHECK(Json(-0.0).dump() == "-0.0");
  CHECK(Json(1e20).dump() == "1e+20");
  CHECK(Json(1e-7).dump() == "1e-07");
  CHECK(Json(123.456).dump() == "123.456");
  CHECK(Json(std::numeric_limits<double>::infinity()).dump() == "null");
  CHECK(Json(std::nan("")).dump() == "null");
}

TEST_CASE("json: dump escapes strings") {
  CHECK(Json("say \"hi\"").dump() == R"("say \"hi\"")");
  CHECK(Json("a\\b").dump() == R"("a\\b")");
  CHECK(Json("\n\t\r\b\f").dump() == R"("\n\t\r\b\f")");
  CHECK(Json(std::string("\x01\x1f\x1b", 3)).dump() == R"("\u0001\u001f\u001b")");
  CHECK(Json(std::string("a\0b", 3)).dump() == R"("a\u0000b")");
  CHECK(Json("\x7f").dump() == "\"\x7f\"");
  CHECK(Json("/").dump() == R"("/")");
  CHECK(Json("王小明 😀").dump() == "\"王小明 😀\"");
  CHECK(Json("a\xff"
             "b")
            .dump() == R"("a\ufffdb")");
  CHECK(Json("\xe4\xb8").dump() == R"("\ufffd\ufffd")");           // truncated sequence
  CHECK(Json("\xed\xa0\x80").dump() == R"("\ufffd\ufffd\ufffd")"); // encoded surrogate
  CHECK(Json("\xc0\xaf").dump() == R"("\ufffd\ufffd")");           // overlong
}

TEST_CASE("json: dump containers keep order") {
  Json row = Json::object();
  row.set("id", 1).set("name", "Anna").set("tags", Json(Json::Array{"vip", "b2b"}));
  row.set("address", Json::object().set("city", "Graz"));
  row.set("empty", Json::array()).set("none", Json::object());
  CHECK(
      row.dump() ==
      R"({"id":1,"name":"Anna","tags":["vip","b2b"],"address":{"city":"Graz"},"empty":[],"none":{}})");
  CHECK(Json(Json::Object{{"k\"", Json("v")}}).dump() == R"({"k\"":"v"})");
}

TEST_CASE("json: to_text") {
  CHECK(Json().to_text() == "");
  CHECK(Json(true).to_text() == "true");
  CHECK(Json(false).to_text() == "false");
  CHECK(Json(12).to_text() == "12");
  CHECK(Json(2.5).to_text() == "2.5");
  CHECK(Json(std::numeric_limits<double>::infinity()).to_text() == "");
  CHECK(Json("plain \"text\"\n").to_text() == "plain \"text\"\n");
  CHECK(Json(Json::Array{"vip", 2, nullptr, true}).to_text() == "vip, 2, , true");
  CHECK(Json::array().to_text() == "");
  CHECK(Json::parse(R"({"city":"Graz","zip":8010,"geo":{"lat":47.07}})").to_text() ==
        "city=Graz, zip=8010, geo=lat=47.07");
}

TEST_CASE("json: parse scalars") {
  CHECK(Json::parse("null").is_null());
  CHECK(Json::parse("true") == Json(true));
  CHECK(Json::parse(" false ") == Json(false));
  CHECK(Json::parse("0") == Json(0));
  CHECK(Json::parse("-0").type() == Json::Type::integer);
  CHECK(Json::parse("-0.0").dump() == "-0.0");
  CHECK(Json::parse("42") == Json(42));
  CHECK(Json::parse("-42") == Json(-42));
  CHECK(Json::parse("9223372036854775807").as_int() == std::numeric_limits<long long>::max());
  CHECK(Json::parse("-9223372036854775808").as_int() == std::numeric_limits<long long>::min());
  CHECK(Json::parse("9223372036854775808").type() == Json::Type::number);
  CHECK(Json::parse("9223372036854775808").as_double() == 9223372036854775808.0);
  CHECK(Json::parse("1.5") == Json(1.5));
  CHECK(Json::parse("1e2") == Json(100.0));
  CHECK(Json::parse("1E+2") == Json(100.0));
  CHECK(Json::parse("-2.5e-3") == Json(-0.0025));
  CHECK(Json::parse("1e-400") == Json(0.0));
  CHECK(Json::parse("0.0000001e-320") == Json(0.0));
  CHECK(Json::parse("\t\r\n 7 \n") == Json(7));
}

TEST_CASE("json: parse strings") {
  CHECK(Json::parse(R"("")") == Json(""));
  CHECK(Json::parse(R"("\"\\\/\b\f\n\r\t")").as_string() == "\"\\/\b\f\n\r\t");
  CHECK(Json::parse(R"("\u0041\u00e9\u4E2D")").as_string() == "Aé中");
  CHECK(Json::parse(R"("\u0000")").as_string() == std::string("\0", 1));
  CHECK(Json::parse(R"("\ud83d\ude00")").as_string() == "😀");
  CHECK(Json::parse(R"("\uD834\uDD1E")").as_string() == "\xF0\x9D\x84\x9E");
  CHECK(Json::parse("\"王小明\"").as_string() == "王小明");
  CHECK(Json::parse("\"\x7f\"").as_string() == "\x7f");
}

TEST_CASE("json: parse containers") {
  CHECK(Json::parse("[]") == Json::array());
  CHECK(Json::parse("{}") == Json::object());
  CHECK(Json::parse("[ ]").dump() == "[]");
  CHECK(Json::parse(R"([1, "a", [true, null], {"k": -1.5}])").dump() ==
        R"([1,"a",[true,null],{"k":-1.5}])");
  const Json object = Json::parse(R"({"b": 1, "a": {"c": [2]}})");
  CHECK(object.dump() == R"({"b":1,"a":{"c":[2]}})");
  CHECK(Json::parse(R"({"a": 1, "b": 2, "a": 3})").dump() == R"({"a":3,"b":2})");
  std::string deep;
  for (int i = 0; i < 500; ++i) deep += '[';
  for (int i = 0; i < 500; ++i) deep += ']';
  CHECK(Json::parse(deep).dump() == deep);
}

TEST_CASE("json: round trips") {
  const char* documents[] = {
      R"({"id":1,"name":"王小明","email":"wang@example.cn","tags":["vip","b2b"],"score":0.1})",
      R"([null,true,false,-1,1.0,1e+20,1.7976931348623157e+308,5e-324,"\u0001\n\"\\"])",
      R"({"nested":{"deeper":{"deepest":[[],{}]}},"":""})",
      R"(["😀 👩‍💻 é","\u001b[31mred"])",
  };
  for (const char* document : documents) {
    CAPTURE(document);
    const Json value = Json::parse(document);
    CHECK(value.dump() == document);
    CHECK(Json::parse(value.dump()) == value);
  }
  for (const double number : {0.1, 1.0 / 3.0, 2.0, -1e-300, 123456789.125, 1e16}) {
    CAPTURE(number);
    CHECK(Json::parse(Json(number).dump()).as_double() == number);
    CHECK(Json::parse(Json(number).dump()).type() == Json::Type::number);
  }
}

TEST_CASE("json: invalid documents report the offset") {
  CHECK(parse_error("") == "invalid JSON at offset 0: unexpected end of input");
  CHECK(parse_error("   ") == "invalid JSON at offset 3: unexpected end of input");
  CHECK(parse_error("x") == "invalid JSON at offset 0: expected a value, found 'x'");
  CHECK(parse_error("[1,]") == "invalid JSON at offset 3: expected a value, found ']'");
  CHECK(parse_error("[1 2]") == "invalid JSON at offset 3: expected ',' or ']', found '2'");
  CHECK(parse_error("[1") == "invalid JSON at offset 2: unexpected end of input");
  CHECK(parse_error(R"({"a" 1})") == "invalid JSON at offset 5: expected ':', found '1'");
  CHECK(parse_error(R"({"a":1,})") == "invalid JSON at offset 7: expected a string key, found '}'");
  CHECK(parse_error(R"({a:1})") == "invalid JSON at offset 1: expected a string key, found 'a'");
  CHECK(parse_error(R"({"a":1 "b":2})") ==
        "invalid JSON at offset 7: expected ',' or '}', found '\"'");
  CHECK(parse_error("1 2") == "invalid JSON at offset 2: expected the end of input, found '2'");
  CHECK(parse_error("{} x") == "invalid JSON at offset 3: expected the end of input, found 'x'");
  CHECK(parse_error("tru") == "invalid JSON at offset 0: expected 'true'");
  CHECK(parse_error("nul") == "invalid JSON at offset 0: expected 'null'");
  CHECK(parse_error("True") == "invalid JSON at offset 0: expected a value, found 'T'");
  CHECK(parse_error("[\x01]") == "invalid JSON at offset 1: expected a value, found byte 0x01");
}

TEST_CASE("json: invalid numbers") {
  CHECK(parse_error("01") == "invalid JSON at offset 0: leading zero in number");
  CHECK(parse_error("-01") == "invalid JSON at offset 0: leading zero in number");
  CHECK(parse_error("-") == "invalid JSON at offset 1: unexpected end of input");
  CHECK(parse_error("-a") == "invalid JSON at offset 1: expected a digit, found 'a'");
  CHECK(parse_error("1.") == "invalid JSON at offset 2: unexpected end of input");
  CHECK(parse_error("1.e3") == "invalid JSON at offset 2: expected a digit after '.', found 'e'");
  CHECK(parse_error(".5") == "invalid JSON at offset 0: expected a value, found '.'");
  CHECK(parse_error("+1") == "invalid JSON at offset 0: expected a value, found '+'");
  CHECK(parse_error("1e") == "invalid JSON at offset 2: unexpected end of input");
  CHECK(parse_error("1e+") == "invalid JSON at offset 3: unexpected end of input");
  CHECK(parse_error("[1e+x]") ==
        "invalid JSON at offset 4: expected a digit in the exponent, found 'x'");
  CHECK(parse_error("0x10") == "invalid JSON at offset 1: expected the end of input, found 'x'");
  CHECK(parse_error("[1e400]") == "invalid JSON at offset 1: number out of range");
  CHECK(parse_error("-1e400") == "invalid JSON at offset 0: number out of range");
  CHECK(parse_error("NaN") == "invalid JSON at offset 0: expected a value, found 'N'");
  CHECK(parse_error("Infinity") == "invalid JSON at offset 0: expected a value, found 'I'");
}

TEST_CASE("json: invalid strings") {
  CHECK(parse_error(R"("abc)") == "invalid JSON at offset 0: unterminated string");
  CHECK(parse_error(R"([1, "abc)") == "invalid JSON at offset 4: unterminated string");
  CHECK(parse_error("\"a\nb\"") ==
        "invalid JSON at offset 2: control character in string (escape it)");
  CHECK(parse_error("\"a\tb\"") ==
        "invalid JSON at offset 2: control character in string (escape it)");
  CHECK(parse_error(R"("\x")") == "invalid JSON at offset 1: invalid escape sequence");
  CHECK(parse_error(R"("\')") == "invalid JSON at offset 1: invalid escape sequence");
  CHECK(parse_error("\"\\") == "invalid JSON at offset 2: unexpected end of input");
  CHECK(parse_error(R"("\u12")") == "invalid JSON at offset 5: expected a hex digit, found '\"'");
  CHECK(parse_error(R"("\u12G4")") == "invalid JSON at offset 5: expected a hex digit, found 'G'");
  CHECK(parse_error(R"("\ud83d")") == "invalid JSON at offset 1: unpaired surrogate in \\u escape");
  CHECK(parse_error(R"("\ud83dx")") ==
        "invalid JSON at offset 1: unpaired surrogate in \\u escape");
  CHECK(parse_error(R"("\ud83d\u0041")") ==
        "invalid JSON at offset 1: unpaired surrogate in \\u escape");
  CHECK(parse_error(R"("\ude00")") == "invalid JSON at offset 1: unpaired surrogate in \\u escape");
  CHECK(parse_error("\"a\xff\"") == "invalid JSON at offset 2: invalid UTF-8 in string");
  CHECK(parse_error("\"\xc0\xaf\"") == "invalid JSON at offset 1: invalid UTF-8 in string");
  CHECK(parse_error("\"\xed\xa0\x80\"") == "invalid JSON at offset 1: invalid UTF-8 in string");
  CHECK(parse_error("\"\xe4\xb8\"") == "invalid JSON at offset 1: invalid UTF-8 in string");
}

TEST_CASE("json: nesting is limited") {
  std::string deep(600, '[');
  CHECK(parse_error(deep) == "invalid JSON at offset 512: nesting deeper than 512 levels");
  CHECK_THROWS_AS((void)Json::parse(deep), UsageError);
}
