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

TEST_CASE("csv writer: output encodings through iconv") {
  CHECK(written({{"张三", "a"}}, {.encoding = "GBK"}) == "\xD5\xC5\xC8\xFD,a\r\n");
  CHECK(written({{"张三"}}, {.encoding = "gb18030"}) == "\xD5\xC5\xC8\xFD\r\n");
  CHECK(written({{"é"}}, {.encoding = "Latin-1"}) == "\xE9\r\n");
  CHECK(written({{"a", "é"}}, {.encoding = "UTF-16LE"}) == std::string("a\0,\0\xE9\0\r\0\n\0", 10));
  CHECK(written({{"a"}}, {.encoding = "utf8"}) == "a\r\n");
}

TEST_CASE("csv writer: the byte-order mark in the output encoding, Unicode encodings only") {
  CHECK(written({{"a"}}, {.bom = true, .encoding = "UTF-16LE"}) == std::string("\xFF\xFE"
                                                                               "a\0\r\0\n\0",
                                                                               8));
  CHECK(written({}, {.bom = true, .encoding = "utf-16be"}) == "\xFE\xFF");
  CHECK(written({}, {.bom = true, .encoding = "UTF-8"}) == "\xEF\xBB\xBF");
  std::ostringstream out;
  CHECK_THROWS_WITH_AS(Writer(out, {.bom = true, .encoding = "GBK"}),
                       "a byte-order mark needs a Unicode encoding (UTF-8, UTF-16LE...): GBK "
                       "has none",
                       crm::util::UsageError);
  CHECK(out.str().empty());
}

TEST_CASE("csv writer: unknown encodings and UTF-16 without a byte order are usage errors") {
  std::ostringstream out;
  CHECK_THROWS_WITH_AS(Writer(out, {.encoding = "KLINGON"}),
                       "unknown encoding 'KLINGON' (`iconv --list` shows the names)",
                       crm::util::UsageError);
  CHECK_THROWS_AS(Writer(out, {.encoding = "UTF-16"}), crm::util::UsageError);
  CHECK_THROWS_AS(crm::csv::Encoder("utf_32"), crm::util::UsageError);
}

TEST_CASE("csv writer: a character the encoding lacks fails the record, which is not written") {
  std::ostringstream out;
  Writer writer(out, {.encoding = "GBK"});
  writer.write({"ok", "张"});
  CHECK(writer.lines() == 1);
  CHECK_THROWS_WITH_AS(writer.write({"x", "5€, é, 😀"}),
                       "the character '😀' (U+1F600) cannot be written in GBK",
                       crm::util::DataError);
  CHECK(out.str() == "ok,\xD5\xC5\r\n");
  CHECK(writer.lines() == 1);
  writer.write({"a\nb"}); // the encoder is usable again; a line break in a field is a line
  CHECK(writer.lines() == 3);
  CHECK(out.str() == "ok,\xD5\xC5\r\n\"a\nb\"\r\n");
  crm::csv::Encoder latin("ISO-8859-1");
  CHECK_THROWS_WITH_AS(latin.encode("😀"),
                       "the character '😀' (U+1F600) cannot be written in "
                       "ISO-8859-1",
                       crm::util::DataError);
  CHECK(latin.encode("ü") == "\xFC");
}

TEST_CASE("csv writer: a record of views is written as the same record of strings") {
  const Fields record{"=1", "a,b", "", "张三", "x\ny", " lead"};
  const std::vector<std::string_view> views(record.begin(), record.end());
  for (const bool safe : {false, true}) {
    std::ostringstream out;
    Writer writer(out, {.neutralise_formulas = safe});
    writer.write(views);
    CHECK(out.str() == written({record}, {.neutralise_formulas = safe}));
    CHECK(writer.lines() == 2);
  }
}
