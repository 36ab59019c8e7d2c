// csv::Reader on UTF-8 text: RFC 4180 rules, line endings, empty lines, line numbers, errors,
// header normalisation, delimiters. Encodings are in test_csv_encoding.cpp.
#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include "csv/dialect.hpp"
#include "csv/reader.hpp"
#include "util/error.hpp"

using crm::csv::Reader;
using crm::csv::ReaderOptions;
using crm::csv::Record;
using crm::util::DataError;
using Fields = std::vector<std::string>;

namespace {

struct Row {
  std::size_t line;
  Fields fields;
  bool operator==(const Row&) const = default;
};

std::vector<Row> rows(const std::string& bytes, const ReaderOptions& options = {}) {
  std::istringstream in(bytes);
  Reader reader(in, "t.csv", options);
  std::vector<Row> out;
  Record record;
  while (reader.next(record)) out.push_back({record.line, record.fields});
  return out;
}

// Without a header, so that every record is checked with its line.
std::vector<Row> records(const std::string& bytes) { return rows(bytes, {.has_header = false}); }

Fields header_of(const std::string& bytes) {
  std::istringstream in(bytes);
  return Reader(in, "t.csv").header();
}

} // namespace

TEST_CASE("csv: plain fields, the header and the record lines") {
  std::istringstream in("name,email,city\nAnn,ann@example.com,Oslo\nBob,bob@example.com,Rome\n");
  Reader reader(in, "t.csv");
  CHECK(reader.header() == Fields{"name", "email", "city"});
  CHECK(reader.delimiter() == ',');
  CHECK(reader.encoding() == "UTF-8");
  CHECK(reader.name() == "t.csv");
  Record record;
  REQUIRE(reader.next(record));
  CHECK(record.line == 2);
  CHECK(record.fields == Fields{"Ann", "ann@example.com", "Oslo"});
  REQUIRE(reader.next(record));
  CHECK(record.line == 3);
  CHECK(record.fields == Fields{"Bob", "bob@example.com", "Rome"});
  CHECK_FALSE(reader.next(record));
  CHECK_FALSE(reader.next(record)); // stays at the end
}

TEST_CASE("csv: without a header every record is returned") {
  CHECK(records("a,b\nc,d\n") == std::vector<Row>{{1, {"a", "b"}}, {2, {"c", "d"}}});
  std::istringstream in("a,b\n");
  CHECK(Reader(in, "t.csv", {.has_header = false}).header().empty());
}

TEST_CASE("csv: quoted fields hold delimiters, doubled quotes and line breaks") {
  CHECK(records("\"a,b\",\"say \"\"hi\"\"\",\"\"\"\"\n") ==
        std::vector<Row>{{1, {"a,b", "say \"hi\"", "\""}}});
  // Embedded LF, CRLF and CR are kept as they are; the next record's line counts them.
  CHECK(records("\"1\n2\",x\n\"3\r\n4\",y\r\n\"5\r6\",z\rlast\n") ==
        std::vector<Row>{
            {1, {"1\n2", "x"}}, {3, {"3\r\n4", "y"}}, {5, {"5\r6", "z"}}, {7, {"last"}}});
  CHECK(records("\"\n\n\n\",end\nnext\n") ==
        std::vector<Row>{{1, {"\n\n\n", "end"}}, {5, {"next"}}});
}

TEST_CASE("csv: CRLF, LF, CR and mixed line endings give the same records") {
  const std::vector<Row> expected{{1, {"a", "b"}}, {2, {"c", "d"}}, {3, {"e", "f"}}};
  CHECK(records("a,b\r\nc,d\r\ne,f\r\n") == expected);
  CHECK(records("a,b\nc,d\ne,f\n") == expected);
  CHECK(records("a,b\rc,d\re,f\r") == expected);
  CHECK(records("a,b\r\nc,d\re,f\n") == expected);
}

TEST_CASE("csv: a missing final line break") {
  CHECK(records("a,b\nc,d") == std::vector<Row>{{1, {"a", "b"}}, {2, {"c", "d"}}});
  CHECK(records("a,\"b\"") == std::vector<Row>{{1, {"a", "b"}}});
  CHECK(records("a,") == std::vector<Row>{{1, {"a", ""}}});
  CHECK(records("x") == std::vector<Row>{{1, {"x"}}});
}

TEST_CASE("csv: empty lines are skipped anywhere, and still counted") {
  CHECK(records("\n\r\na,b\n\n\r\rc,d\n\n\n") ==
        std::vector<Row>{{3, {"a", "b"}}, {7, {"c", "d"}}});
  CHECK(rows("\n\nname\n\nAnn\n") == std::vector<Row>{{5, {"Ann"}}});
}

TEST_CASE("csv: a line of spaces or of delimiters is a record") {
  CHECK(records("a,b\n  \n,,\n") ==
        std::vector<Row>{{1, {"a", "b"}}, {2, {"  "}}, {3, {"", "", ""}}});
}

TEST_CASE("csv: empty fields, quoted or not") {
  CHECK(records(",\n\"\"\n\"\",\"\"\na,,b\n") ==
        std::vector<Row>{{1, {"", ""}}, {2, {""}}, {3, {"", ""}}, {4, {"a", "", "b"}}});
}

TEST_CASE("csv: an empty input and a header-only input") {
  std::istringstream empty("");
  Reader reader(empty, "t.csv");
  Record record;
  CHECK(reader.header().empty());
  CHECK_FALSE(reader.next(record));
  CHECK(rows("name,email\n").empty());
  CHECK(rows("\n\n").empty());
}

TEST_CASE("csv: ragged rows are returned as they are") {
  CHECK(rows("a,b,c\n1\n1,2,3,4\n1,2\n") ==
        std::vector<Row>{{2, {"1"}}, {3, {"1", "2", "3", "4"}}, {4, {"1", "2"}}});
}

TEST_CASE("csv: a record reuses the caller's strings and shrinks to its own fields") {
  std::istringstream in("a,b,c,d\nx\n");
  Reader reader(in, "t.csv", {.has_header = false});
  Record record;
  REQUIRE(reader.next(record));
  REQUIRE(reader.next(record));
  CHECK(record.fields == Fields{"x"});
  CHECK(record.line == 2);
}

TEST_CASE("csv: quotes inside an unquoted field are data") {
  CHECK(records("5\" screen,a\"b\"c,x\"\n") ==
        std::vector<Row>{{1, {"5\" screen", "a\"b\"c", "x\""}}});
  CHECK(records(" \"a\",b\n") == std::vector<Row>{{1, {" \"a\"", "b"}}}); // not first: data
}

TEST_CASE("csv: spaces after a closing quote are skipped, other text is an error") {
  CHECK(records("\"a\"  ,\"b\" \n") == std::vector<Row>{{1, {"a", "b"}}});
  CHECK_THROWS_WITH_AS(records("ok\nok\n\"a\"b,c\n"),
                       "t.csv:3: text after a closing quote (a '\"' inside a quoted field must "
                       "be doubled)",
                       DataError);
  CHECK_THROWS_WITH_AS(records("\"multi\nline\" x\n"),
                       "t.csv:2: text after a closing quote (a '\"' inside a quoted field must "
                       "be doubled)",
                       DataError);
}

TEST_CASE("csv: an unterminated quote names the line where the field began") {
  CHECK_THROWS_WITH_AS(records("a,b\nc,d\ne,\"f\ng\nh\n"),
                       "t.csv:3: unterminated quoted field: the closing '\"' is missing",
                       DataError);
  CHECK_THROWS_WITH_AS(
      records("\""), "t.csv:1: unterminated quoted field: the closing '\"' is missing", DataError);
  CHECK_THROWS_WITH_AS(rows("h\n\n\"x\"\"\n"),
                       "t.csv:3: unterminated quoted field: the closing '\"' is missing",
                       DataError);
}

TEST_CASE("csv: a NUL character is an error naming its line") {
  CHECK_THROWS_WITH_AS(records(std::string("a\nb,\"x\ny\0z\"\n", 12)),
                       "t.csv:3: NUL character: binary data, or text in another encoding "
                       "(UTF-16 without a byte-order mark? try --encoding UTF-16LE)",
                       DataError);
}

TEST_CASE("csv: header names are trimmed (Unicode spaces, BOM) and lower-cased") {
  std::istringstream in(
      " E-Mail ,\xE3\x80\x80姓名\xE3\x80\x80,\xEF\xBB\xBFName\t,\"First Name\"\n");
  Reader reader(in, "t.csv");
  CHECK(reader.header() == Fields{"e-mail", "姓名", "name", "first name"});
  CHECK(reader.raw_header() ==
        Fields{" E-Mail ", "\xE3\x80\x80姓名\xE3\x80\x80", "\xEF\xBB\xBFName\t", "First Name"});
  CHECK(header_of("ÄBC,\xC2\xA0Mobile\xC2\xA0\n") == Fields{"Äbc", "mobile"}); // ASCII only
}

TEST_CASE("csv: a given delimiter is used as it is") {
  CHECK(rows("a!b,c\n1!2,3\n", {.delimiter = '!'}) == std::vector<Row>{{2, {"1", "2,3"}}});
  CHECK(rows("a b\n\"x y\" z\n", {.delimiter = ' '}) == std::vector<Row>{{2, {"x y", "z"}}});
  for (const char bad : {'"', '\r', '\n', '\0', '\xE3'}) {
    std::istringstream in("a\n");
    CHECK_THROWS_AS(Reader(in, "t.csv", {.delimiter = bad}), crm::util::UsageError);
  }
}

TEST_CASE("csv: the delimiter is sniffed among comma, semicolon, tab and bar") {
  using crm::csv::sniff_delimiter;
  CHECK(sniff_delimiter("a,b,c\n1,2,3\n") == ',');
  CHECK(sniff_delimiter("Name;Amount\nA;1,50\nB;2,00\n") == ';'); // ',' not in the header
  CHECK(sniff_delimiter("a\tb\n1\t2\n") == '\t');
  CHECK(sniff_delimiter("a|b|c\n1|2|3\n") == '|');
  CHECK(sniff_delimiter("\"x,y,z\";b\n\"1,2,3\";4\n") == ';'); // quoted commas do not count
  CHECK(sniff_delimiter("\"a\nb,c,d\";e\n1;2\n") == ';');      // nor quoted line breaks
  CHECK(sniff_delimiter("email\nann@example.com\n") == ',');   // none: the default
  CHECK(sniff_delimiter("") == ',');
  CHECK(sniff_delimiter("a,b;c\n1,2;3\n") == ','); // a tie: the earlier
  CHECK(sniff_delimiter("Name;Street, No.\nAnn;Main St 1\nBob;Elm St 2\n") == ';'); // steady
  CHECK(sniff_delimiter("a;b\n\n\n1;2") == ';'); // empty lines ignored
  CHECK(sniff_delimiter("a;b;c") == ';');        // one unterminated record
}

TEST_CASE("csv: the reader sniffs unless told, and reports the delimiter") {
  std::istringstream in("Name;Amount\nA;1,50\n");
  Reader reader(in, "t.csv");
  CHECK(reader.delimiter() == ';');
  Record record;
  REQUIRE(reader.next(record));
  CHECK(record.fields == Fields{"A", "1,50"});
  CHECK(rows("a;b\n1;2\n", {.delimiter = ','}) == std::vector<Row>{{2, {"1;2"}}});
}

TEST_CASE("csv: any chunk size gives the same records") {
  const std::string text = "h1;h2\r\n\"a;\"\"b\"\"\r\nc\";d\r\n\r\n\"\";\"x\"  \r\n"
                           "plain;\"q\"\"\"\r\"e\"\n\"\"\"\"\nlast;\"end\"";
  const std::vector<Row> expected{
      {2, {"a;\"b\"\r\nc", "d"}}, {5, {"", "x"}}, {6, {"plain", "q\""}}, {7, {"e"}}, {8, {"\""}},
      {9, {"last", "end"}}};
  for (std::size_t chunk = 1; chunk <= 40; ++chunk) {
    CAPTURE(chunk);
    CHECK(rows(text, {.chunk_bytes = chunk}) == expected);
  }
  CHECK(rows(text) == expected);
}

TEST_CASE("csv: errors keep their line with any chunk size") {
  for (std::size_t chunk = 1; chunk <= 8; ++chunk) {
    CAPTURE(chunk);
    const ReaderOptions options{.has_header = false, .chunk_bytes = chunk};
    CHECK_THROWS_WITH_AS(rows("a\r\nb\r\n\"c\r\nd", options),
                         "t.csv:3: unterminated quoted field: the closing '\"' is missing",
                         DataError);
    CHECK_THROWS_WITH_AS(rows("a\r\n\"b\r\nc\"d\n", options),
                         "t.csv:3: text after a closing quote (a '\"' inside a quoted field "
                         "must be doubled)",
                         DataError);
  }
}

TEST_CASE("csv: a field larger than the chunk size, and many records, stream through") {
  const std::string big(1 << 20, 'x');
  CHECK(records("\"" + big + "\"," + big + "\n") == std::vector<Row>{{1, {big, big}}});
  std::string many;
  for (int i = 0; i < 20000; ++i) many += std::to_string(i) + ",\"v\"\r\n";
  std::istringstream in(many);
  Reader reader(in, "t.csv", {.has_header = false, .chunk_bytes = 4096});
  Record record;
  std::size_t count = 0;
  while (reader.next(record)) {
    ++count;
    if (record.line != count || record.fields != Fields{std::to_string(count - 1), "v"}) break;
  }
  CHECK(count == 20000);
}
