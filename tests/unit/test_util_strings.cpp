#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "util/strings.hpp"

using namespace crm;

namespace {

using Parts = std::vector<std::string>;

std::string ideographic_space() { return "\xE3\x80\x80"; } // U+3000
std::string no_break_space() { return "\xC2\xA0"; }        // U+00A0

// `space` on both sides of `word`.
std::string padded(const std::string& space, std::string_view word) {
  std::string out = space;
  out += word;
  out += space;
  return out;
}

} // namespace

TEST_CASE("trim removes ASCII whitespace at both ends only") {
  CHECK(util::trim("  hello  ") == "hello");
  CHECK(util::trim("\t\n\v\f\r hello \r\n") == "hello");
  CHECK(util::trim("a b  c") == "a b  c");
  CHECK(util::trim("  a b  ") == "a b");
  CHECK(util::trim("") == "");
  CHECK(util::trim(" \t\n ") == "");
  CHECK(util::trim("x") == "x");
  CHECK(util::trim(std::string_view("\0a\0", 3)) == std::string("\0a\0", 3)); // NUL is not space
}

TEST_CASE("trim removes U+3000 ideographic spaces around an email") {
  const std::string text =
      ideographic_space() + ideographic_space() + "li@example.cn" + ideographic_space();
  CHECK(util::trim(text) == "li@example.cn");
  CHECK(util::trim(ideographic_space() + " li@example.cn \t" + ideographic_space()) ==
        "li@example.cn");
}

TEST_CASE("trim removes every Unicode space the header lists") {
  const std::vector<std::string> spaces = {
      "\xC2\xA0",     "\xE1\x9A\x80", "\xE2\x80\x80", "\xE2\x80\x81", "\xE2\x80\x82",
      "\xE2\x80\x83", "\xE2\x80\x84", "\xE2\x80\x85", "\xE2\x80\x86", "\xE2\x80\x87",
      "\xE2\x80\x88", "\xE2\x80\x89", "\xE2\x80\x8A", "\xE2\x80\x8B", "\xE2\x80\xAF",
      "\xE2\x81\x9F", "\xE3\x80\x80", "\xEF\xBB\xBF"};
  for (const auto& space : spaces) {
    CAPTURE(space);
    CHECK(util::trim(padded(space, "x")) == "x");
    CHECK(util::trim(padded(space, "")) == "");
  }
  CHECK(util::trim("\xEF\xBB\xBFname,email") == "name,email"); // a BOM at the start of a CSV cell
}

TEST_CASE("trim keeps other characters, inner spaces and broken sequences") {
  CHECK(util::trim("\xE2\x80\x8C"
                   "x") == "\xE2\x80\x8C"
                           "x");                         // U+200C zero-width non-joiner
  CHECK(util::trim("x\xE2\x80\xA8") == "x\xE2\x80\xA8"); // U+2028 is not listed
  CHECK(util::trim("\xE4\xB8\xAD" + ideographic_space() + "\xE6\x96\x87") ==
        "\xE4\xB8\xAD" + ideographic_space() + "\xE6\x96\x87"); // 中　文
  CHECK(util::trim(" \xE4\xB8\xAD ") == "\xE4\xB8\xAD");
  CHECK(util::trim("x\xE3\x80") == "x\xE3\x80");   // truncated U+3000 stays
  CHECK(util::trim("\x80\x80 x") == "\x80\x80 x"); // stray continuation bytes stay
  CHECK(util::trim("x \xC2") ==
        "x \xC2"); // a lone lead byte stays, and so does the space before it
  CHECK(util::trim("\xE0\x82\xA0x") == "\xE0\x82\xA0x");    // overlong U+00A0 is not a space
  CHECK(util::trim("x\x80" + no_break_space()) == "x\x80"); // an invalid byte before a space
}

TEST_CASE("ASCII case mapping leaves other bytes alone") {
  CHECK(util::to_lower_ascii("Hello WORLD 123 @[`{") == "hello world 123 @[`{");
  CHECK(util::to_upper_ascii("Hello world 123 @[`{") == "HELLO WORLD 123 @[`{");
  CHECK(util::to_lower_ascii("\xC3\x84") == "\xC3\x84"); // Ä untouched
  CHECK(util::to_upper_ascii("\xC3\xA4") == "\xC3\xA4"); // ä untouched
  CHECK(util::to_lower_ascii("") == "");
  CHECK(util::to_upper_ascii("az") == "AZ");
  CHECK(util::to_lower_ascii("AZ") == "az");
}

TEST_CASE("split keeps empty fields") {
  CHECK(util::split("a,b,c", ',') == Parts{"a", "b", "c"});
  CHECK(util::split("a,,c", ',') == Parts{"a", "", "c"});
  CHECK(util::split(",a,", ',') == Parts{"", "a", ""});
  CHECK(util::split("abc", ',') == Parts{"abc"});
  CHECK(util::split("", ',') == Parts{""});
  CHECK(util::split(",", ',') == Parts{"", ""});
  CHECK(util::split("a\x1f"
                    "b",
                    '\x1f') == Parts{"a", "b"});
  CHECK(util::split("example.co.uk", '.') == Parts{"example", "co", "uk"});
}

TEST_CASE("join puts the separator between parts") {
  CHECK(util::join({"a", "b", "c"}, ", ") == "a, b, c");
  CHECK(util::join({"a"}, ", ") == "a");
  CHECK(util::join({}, ", ") == "");
  CHECK(util::join({"", ""}, "-") == "-");
  CHECK(util::join({"x", "y"}, "") == "xy");
  CHECK(util::join(util::split("a,,b", ','), ",") == "a,,b");
}

TEST_CASE("split_assignment splits at the first '='") {
  using Pair = std::pair<std::string, std::string>;
  CHECK(util::split_assignment("city=Berlin") == Pair{"city", "Berlin"});
  CHECK(util::split_assignment("note=a=b") == Pair{"note", "a=b"});
  CHECK(util::split_assignment("city=") == Pair{"city", ""});
  CHECK(util::split_assignment(" key = value ") == Pair{" key ", " value "}); // callers trim
  CHECK_FALSE(util::split_assignment("city").has_value());
  CHECK_FALSE(util::split_assignment("=Berlin").has_value());
  CHECK_FALSE(util::split_assignment("").has_value());
  CHECK_FALSE(util::split_assignment("=").has_value());
}

TEST_CASE("parse_int accepts whole base-10 integers only") {
  CHECK(util::parse_int("0") == 0);
  CHECK(util::parse_int("42") == 42);
  CHECK(util::parse_int("-42") == -42);
  CHECK(util::parse_int("+42") == 42);
  CHECK(util::parse_int("007") == 7);
  CHECK(util::parse_int("9223372036854775807") == std::numeric_limits<std::int64_t>::max());
  CHECK(util::parse_int("-9223372036854775808") == std::numeric_limits<std::int64_t>::min());
  for (const char* bad :
       {"", "+", "-", " 1", "1 ", "1a", "a1", "0x10", "1.5", "1e3", "--1", "+-1", "-+1", "++1",
        "9223372036854775808", "-9223372036854775809", "\xEF\xBC\x91" /* fullwidth 1 */}) {
    CAPTURE(bad);
    CHECK_FALSE(util::parse_int(bad).has_value());
  }
}

TEST_CASE("is_valid_utf8 accepts well-formed UTF-8 only") {
  for (const char* good : {"", "plain ascii", "\xC3\xA4", "\xE4\xB8\xAD\xE6\x96\x87",
                           "\xF0\x9F\x98\x80", "\xF4\x8F\xBF\xBF" /* U+10FFFF */,
                           "\xEE\x80\x80" /* U+E000 */, "\xED\x9F\xBF" /* U+D7FF */}) {
    CAPTURE(good);
    CHECK(util::is_valid_utf8(good));
  }
  for (const char* bad :
       {"\x80", "\xBF", "\xC0\x80", "\xC1\xBF", "\xC3", "\xE4\xB8", "\xE0\x80\x80", "\xE0\x9F\xBF",
        "\xED\xA0\x80" /* surrogate */, "\xF0\x8F\xBF\xBF", "\xF4\x90\x80\x80" /* above U+10FFFF */,
        "\xF5\x80\x80\x80", "\xFF", "\xFE", "a\xC3(", "\xE4\xB8\xADx\x80"}) {
    CAPTURE(bad);
    CHECK_FALSE(util::is_valid_utf8(bad));
  }
  CHECK(util::is_valid_utf8(std::string_view("a\0b", 3)));
}

TEST_CASE("edit_distance counts inserts, deletes, substitutions and adjacent swaps") {
  CHECK(util::edit_distance("", "") == 0);
  CHECK(util::edit_distance("abc", "") == 3);
  CHECK(util::edit_distance("", "abc") == 3);
  CHECK(util::edit_distance("abc", "abc") == 0);
  CHECK(util::edit_distance("kitten", "sitting") == 3);
  CHECK(util::edit_distance("sitting", "kitten") == 3);
  CHECK(util::edit_distance("flaw", "lawn") == 2);
  CHECK(util::edit_distance("revnue", "revenue") == 1);
  CHECK(util::edit_distance("ab", "ba") == 1);      // one swap
  CHECK(util::edit_distance("\xC3\xA4", "a") == 1); // characters, not bytes
  CHECK(util::edit_distance("大客户", "大客") == 1);
  CHECK(util::edit_distance("北京", "南京") == 1);
  CHECK(util::edit_distance("回头客", "头回客") == 1); // one swap
  CHECK(util::edit_distance("\xFF", "a") == 1);        // an invalid byte is one character
}

TEST_CASE("nearest suggests the closest likely typo") {
  const std::vector<std::string> columns = {"name", "email", "created", "revenue", "orders"};
  CHECK(util::nearest("revnue", columns) == std::optional<std::string>("revenue"));
  CHECK(util::nearest("emal", columns) == std::optional<std::string>("email"));
  CHECK(util::nearest("emial", columns) == std::optional<std::string>("email")); // a swap costs 1
  CHECK(util::edit_distance("ctiy", "city") == 1);
  CHECK(util::edit_distance("ca", "abc") == 3);
  CHECK(util::nearest("nme", columns) == std::optional<std::string>("name"));
  CHECK(util::nearest("orders", columns) == std::optional<std::string>("orders"));
  CHECK(util::nearest("created_at", columns) == std::optional<std::string>("created")); // 3 <= 10/3
  CHECK_FALSE(util::nearest("zzzzzz", columns).has_value());
  CHECK_FALSE(util::nearest("phone", columns).has_value());
  CHECK_FALSE(util::nearest("revenue", {}).has_value());
}

TEST_CASE("nearest uses max(1, size / 3) as the limit and the first of equals") {
  CHECK(util::nearest("ab", {"xb"}) == std::optional<std::string>("xb")); // 1 <= max(1, 0)
  CHECK_FALSE(util::nearest("ab", {"xy"}).has_value());                   // 2 > 1
  CHECK(util::nearest("abcdef", {"abcdXY"}) == std::optional<std::string>("abcdXY")); // 2 <= 2
  CHECK_FALSE(util::nearest("abcdef", {"abcXYZ"}).has_value());                       // 3 > 2
  CHECK(util::nearest("cat", {"bat", "hat", "cab"}) == std::optional<std::string>("bat"));
  CHECK(util::nearest("cat", {"cot", "cat"}) ==
        std::optional<std::string>("cat")); // exact beats first
}
