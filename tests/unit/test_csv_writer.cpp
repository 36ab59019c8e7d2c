// csv::Writer: quoting, line endings, BOM, formula neutralisation, and Writer -> Reader round
// trips of random fields.
#include <doctest/doctest.h>

#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "csv/reader.hpp"
#include "csv/writer.hpp"
#include "util/error.hpp"

using crm::csv::neutralise_formula;
using crm::csv::Writer;
using crm::csv::WriterOptions;
using Fields = std::vector<std::string>;

namespace {

std::string written(const std::vector<Fields>& records, WriterOptions options = {}) {
  std::ostringstream out;
  Writer writer(out, options);
  for (const auto& record : records) writer.write(record);
  return out.str();
}

std::vector<Fields> read_back(const std::string& bytes, char delimiter, std::size_t chunk) {
  std::istringstream in(bytes);
  crm::csv::Reader reader(in, "round-trip",
                          {.delimiter = delimiter, .has_header = false, .chunk_bytes = chunk});
  std::vector<Fields> out;
  for (crm::csv::Record record; reader.next(record);) out.push_back(record.fields);
  return out;
}

// Pieces chosen to hit every rule: quotes, delimiters, line breaks, spaces at the ends, CJK,
// emoji, formula starters and the empty string.
constexpr const char* pieces[] = {"a",  "Z", "\"", ",",    ";",    "\t",  "|",  "\r",
                                  "\n", " ", "'",  "=",    "-",    "+",   "@",  "张三",
                                  "😀",  "é", "",   "\r\n", "\"\"", "1.5", "x y"};

Fields random_record(std::mt19937& random) {
  std::uniform_int_distribution<std::size_t> field_count(1, 6);
  std::uniform_int_distribution<std::size_t> piece_count(0, 5);
  std::uniform_int_distribution<std::size_t> piece(0, std::size(pieces) - 1);
  Fields record(field_count(random));
  for (auto& field : record) {
    for (std::size_t n = piece_count(random); n > 0; --n) field += pieces[piece(random)];
  }
  return record;
}

} // namespace

TEST_CASE("csv writer: quotes only what needs it, CRLF by default") {
  CHECK(written({{"a", "b c", ""}, {"x"}}) == "a,b c,\r\nx\r\n");
  CHECK(written({{"a,b", "say \"hi\"", "1\n2", "3\r4"}}) ==
        "\"a,b\",\"say \"\"hi\"\"\",\"1\n2\",\"3\r4\"\r\n");
  CHECK(written({{" lead", "trail\t", "\tboth "}}) == "\" lead\",\"trail\t\",\"\tboth \"\r\n");
  CHECK(written({{"a;b", "c,d"}}, {.delimiter = ';'}) == "\"a;b\";c,d\r\n");
  CHECK(written({{"a\tb", "c"}}, {.delimiter = '\t'}) == "\"a\tb\"\tc\r\n");
  CHECK(written({{"张三", "😀"}}) == "张三,😀\r\n");
}

TEST_CASE("csv writer: LF endings, the UTF-8 mark, and records of one or no fields") {
  CHECK(written({{"a", "b"}, {"c"}}, {.crlf = false}) == "a,b\nc\n");
  CHECK(written({{"a"}}, {.bom = true}) == "\xEF\xBB\xBF"
                                           "a\r\n");
  CHECK(written({}, {.bom = true}) == "\xEF\xBB\xBF");
  CHECK(written({{""}, {"", ""}, {}}) == "\"\"\r\n,\r\n\r\n");
}

TEST_CASE("csv writer: an impossible delimiter is a usage error") {
  std::ostringstream out;
  CHECK_THROWS_AS(Writer(out, {.delimiter = '"'}), crm::util::UsageError);
  CHECK_THROWS_AS(Writer(out, {.delimiter = '\n'}), crm::util::UsageError);
}

TEST_CASE("csv writer: formula neutralisation (OWASP CSV injection)") {
  CHECK(neutralise_formula("=1+2") == "'=1+2");
  CHECK(neutralise_formula("+cmd") == "'+cmd");
  CHECK(neutralise_formula("-2+3+cmd|' /C calc'!A0") == "'-2+3+cmd|' /C calc'!A0");
  CHECK(neutralise_formula("@SUM(A1)") == "'@SUM(A1)");
  CHECK(neutralise_formula("\t=1") == "'\t=1");
  CHECK(neutralise_formula("\r=1") == "'\r=1");
  CHECK(neutralise_formula("-") == "'-");
  CHECK(neutralise_formula("+") == "'+");
  CHECK(neutralise_formula("-1.") == "'-1.");
  CHECK(neutralise_formula("+1e5") == "'+1e5");
  CHECK(neutralise_formula("- 5") == "'- 5");
  // Plain numbers cannot carry a formula and stay as they are.
  CHECK(neutralise_formula("+8613800138000") == "+8613800138000");
  CHECK(neutralise_formula("-12.50") == "-12.50");
  CHECK(neutralise_formula("-0") == "-0");
  // Anything not starting with a trigger is left alone.
  CHECK(neutralise_formula("a=b") == "a=b");
  CHECK(neutralise_formula(" =1") == " =1");
  CHECK(neutralise_formula("'=1") == "'=1");
  CHECK(neutralise_formula("") == "");
  CHECK(neutralise_formula("＝1") == "＝1"); // the full-width sign is not a formula
}

TEST_CASE("csv writer: neutralise_formulas applies to every field, and quoting still holds") {
  const WriterOptions safe{.neutralise_formulas = true};
  CHECK(written({{"=HYPERLINK(\"x\")", "@a,b", "\tx", "-5", "ok"}}, safe) ==
        "\"'=HYPERLINK(\"\"x\"\")\",\"'@a,b\",\"'\tx\",-5,ok\r\n");
  CHECK(written({{"=1", "+1"}}) == "=1,+1\r\n"); // off by default
}

TEST_CASE("csv writer: what Writer writes, Reader reads back (random fields, fixed seed)") {
  std::mt19937 random(20240611);
  for (const char delimiter : {',', ';', '\t', '|'}) {
    for (const bool crlf : {true, false}) {
      CAPTURE(delimiter);
      CAPTURE(crlf);
      std::vector<Fields> records;
      records.reserve(300);
      for (int i = 0; i < 300; ++i) records.push_back(random_record(random));
      const std::string bytes = written(records, {.delimiter = delimiter, .crlf = crlf});
      CHECK(read_back(bytes, delimiter, 65536) == records);
      CHECK(read_back(bytes, delimiter, 3) == records);
      const std::string with_bom =
          written(records, {.delimiter = delimiter, .bom = true, .crlf = crlf});
      CHECK(read_back(with_bom, delimiter, 5) == records);
    }
  }
}

TEST_CASE("csv writer: a written file keeps its header through a sniffing Reader") {
  const std::vector<Fields> records{{"Name", "E-mail", "Note"},
                                    {"张三", "z@example.cn", "line 1\nline 2; \"quoted\""}};
  for (const char delimiter : {',', ';', '\t', '|'}) {
    CAPTURE(delimiter);
    std::istringstream in(written(records, {.delimiter = delimiter, .bom = true}));
    crm::csv::Reader reader(in, "t.csv");
    CHECK(reader.delimiter() == delimiter);
    CHECK(reader.header() == Fields{"name", "e-mail", "note"});
    crm::csv::Record record;
    REQUIRE(reader.next(record));
    CHECK(record.fields == records[1]);
  }
}
