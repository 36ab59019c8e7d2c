// csv::Reader encodings: byte-order marks (and malformed ones), legacy encodings via iconv,
// invalid input named by line, and multibyte characters split across read chunks.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "csv/reader.hpp"
#include "util/error.hpp"

using crm::csv::Reader;
using crm::csv::ReaderOptions;
using crm::util::DataError;
using Fields = std::vector<std::string>;

namespace {

// Every record (header included when has_header is false), each prefixed by its line number.
std::vector<Fields> lines_and_fields(const std::string& bytes, const ReaderOptions& options) {
  std::istringstream in(bytes);
  Reader reader(in, "t.csv", options);
  std::vector<Fields> out;
  if (!reader.raw_header().empty()) out.push_back(reader.raw_header());
  for (crm::csv::Record record; reader.next(record);) {
    out.push_back({std::to_string(record.line)});
    out.back().insert(out.back().end(), record.fields.begin(), record.fields.end());
  }
  return out;
}

std::string encoding_of(const std::string& bytes, const ReaderOptions& options = {}) {
  std::istringstream in(bytes);
  return Reader(in, "t.csv", options).encoding();
}

template <typename Char> std::string encode(std::basic_string_view<Char> text, bool little) {
  std::string out;
  for (const Char unit : text) {
    for (std::size_t i = 0; i < sizeof(Char); ++i) {
      const std::size_t shift = 8 * (little ? i : sizeof(Char) - 1 - i);
      out += static_cast<char>((static_cast<std::uint32_t>(unit) >> shift) & 0xFFU);
    }
  }
  return out;
}
std::string utf16(std::u16string_view text, bool little) { return encode(text, little); }
std::string utf32(std::u32string_view text, bool little) { return encode(text, little); }

std::string file(const std::string& name) {
  std::ifstream in(std::string(CRM_SOURCE_DIR) + "/tests/data/csv/" + name, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

constexpr const char* bad_utf8 = "invalid UTF-8 (is the file GBK? try --encoding GB18030)";
constexpr const char* malformed_mark =
    "t.csv:1: malformed byte-order mark: FE FF (UTF-16) is followed by NUL bytes, as in a "
    "UTF-32 file whose mark was cut short; save the file again as UTF-8 or UTF-16";

} // namespace

TEST_CASE("csv encoding: a UTF-8 byte-order mark is removed") {
  const std::string text = "\xEF\xBB\xBFname,city\r\nAnn,Zürich\r\n";
  CHECK(lines_and_fields(text, {}) ==
        std::vector<Fields>{{"name", "city"}, {"2", "Ann", "Zürich"}});
  CHECK(encoding_of(text) == "UTF-8");
  CHECK(encoding_of("a,b\n") == "UTF-8");
  CHECK(encoding_of("a,b\n", {.encoding = "utf8"}) == "UTF-8");
}

TEST_CASE("csv encoding: UTF-16 and UTF-32 with a mark are transcoded, either byte order") {
  const std::u16string text16 = u"名前\tE-mail\r\n山田\tyamada@example.jp\r\n😀\t\"a\tb\"\r\n";
  const std::u32string text32 = U"名前\tE-mail\r\n山田\tyamada@example.jp\r\n😀\t\"a\tb\"\r\n";
  const std::vector<std::pair<std::string, std::string>> cases{
      {"\xFF\xFE" + utf16(text16, true), "UTF-16LE"},
      {"\xFE\xFF" + utf16(text16, false), "UTF-16BE"},
      {std::string("\xFF\xFE\0\0", 4) + utf32(text32, true), "UTF-32LE"},
      {std::string("\0\0\xFE\xFF", 4) + utf32(text32, false), "UTF-32BE"}};
  const std::vector<Fields> japanese{
      {"名前", "E-mail"}, {"2", "山田", "yamada@example.jp"}, {"3", "😀", "a\tb"}};
  for (const auto& the_case : cases) {
    CAPTURE(the_case.second);
    CHECK(encoding_of(the_case.first) == the_case.second);
    for (std::size_t chunk : {1, 2, 3, 5, 7, 65536}) {
      CAPTURE(chunk);
      CHECK(lines_and_fields(the_case.first, {.chunk_bytes = chunk}) == japanese);
    }
  }
}

TEST_CASE("csv encoding: a mark wins over the encoding given") {
  CHECK(lines_and_fields("\xEF\xBB\xBFx\nZürich\n", {.encoding = "GBK"}) ==
        std::vector<Fields>{{"x"}, {"2", "Zürich"}});
  CHECK(encoding_of("\xFF\xFE" + utf16(u"x\n", true), {.encoding = "Latin-1"}) == "UTF-16LE");
}

TEST_CASE("csv encoding: a UTF-16 mark followed by NUL units is malformed (cut UTF-32 mark)") {
  const std::string be = "\xFE\xFF" + utf32(U"a,b\n", false); // FE FF 00 00 00 61 ...
  const std::string le = "\xFE\xFF" + utf32(U"a,b\n", true);  // FE FF 61 00 00 00 ...
  CHECK_THROWS_WITH_AS(lines_and_fields(be, {}), malformed_mark, DataError);
  CHECK_THROWS_WITH_AS(lines_and_fields(le, {}), malformed_mark, DataError);
  CHECK_THROWS_WITH_AS(lines_and_fields(le, {.delimiter = ','}), malformed_mark, DataError);
  const std::string le16 = std::string("\xFF\xFE\x41\x00\x00\x00", 6);
  CHECK_THROWS_WITH_AS(lines_and_fields(le16, {}), doctest::Contains("FF FE (UTF-16)"), DataError);
  // FF FE 00 00 is the UTF-32LE mark, not UTF-16LE followed by a NUL.
  CHECK(encoding_of(std::string("\xFF\xFE\0\0", 4) + utf32(U"a\n", true)) == "UTF-32LE");
}

TEST_CASE("csv encoding: a cut UTF-8 mark and mark-less UTF-16 are errors, not garbage") {
  CHECK_THROWS_WITH_AS(lines_and_fields("\xEF\xBB"
                                        "a,b\n",
                                        {}),
                       (std::string("t.csv:1: ") + bad_utf8).c_str(), DataError);
  const std::string bare16 = utf16(u"a,b\nc,d\n", true);
  CHECK_THROWS_WITH_AS(lines_and_fields(bare16, {}), doctest::Contains("t.csv:1: NUL character"),
                       DataError);
  CHECK(lines_and_fields(bare16, {.encoding = "UTF-16LE"}) ==
        std::vector<Fields>{{"a", "b"}, {"2", "c", "d"}});
}

TEST_CASE("csv encoding: a UTF-16 or UTF-32 text cut short or with a lone surrogate") {
  const std::string odd = "\xFF\xFE" + utf16(u"a\nb\n", true) + "\x41";
  CHECK_THROWS_WITH_AS(lines_and_fields(odd, {.has_header = false}),
                       "t.csv:3: incomplete UTF-16LE character at the end of the input (41)",
                       DataError);
  const std::string lone =
      "\xFF\xFE" + utf16(u"a\nb\n", true) + std::string("\x00\xDC", 2) + utf16(u"c", true);
  CHECK_THROWS_WITH_AS(lines_and_fields(lone, {.has_header = false}),
                       "t.csv:3: invalid UTF-16LE byte sequence 00 DC 63 00 (is the encoding "
                       "right?)",
                       DataError);
  const std::string cut32 =
      std::string("\0\0\xFE\xFF", 4) + utf32(U"a\n", false) + std::string(2, '\0');
  CHECK_THROWS_WITH_AS(lines_and_fields(cut32, {.has_header = false}),
                       doctest::Contains("t.csv:2: incomplete UTF-32BE character"), DataError);
}

TEST_CASE("csv encoding: legacy encodings through iconv") {
  const auto one = [](const std::string& bytes, const std::string& encoding) {
    const auto all = lines_and_fields(bytes, {.encoding = encoding, .has_header = false});
    return all.size() == 1 ? all[0] : Fields{};
  };
  CHECK(one("\xD5\xC5\xC8\xFD,\xB1\xB1\xBE\xA9\n", "GBK") == Fields{"1", "张三", "北京"});
  CHECK(one("\xD5\xC5\xC8\xFD,\x95\x34\xB2\x35\n", "GB18030") == Fields{"1", "张三", "𠮷"});
  CHECK(one("\xA4\xA4\xA4\xE5,x\n", "Big5") == Fields{"1", "中文", "x"});
  CHECK(one("\x93\xFA\x96\x7B,x\n", "Shift_JIS") == Fields{"1", "日本", "x"});
  for (const char* latin1 : {"Latin-1", "latin1", "ISO-8859-1"}) {
    CAPTURE(latin1);
    CHECK(one("Jos\xE9,M\xE1laga\n", latin1) == Fields{"1", "José", "Málaga"});
  }
  CHECK(one("\x80 5,caf\xE9\n", "Windows-1252") == Fields{"1", "€ 5", "café"});
  CHECK(encoding_of("a\n", {.encoding = "gb18030"}) == "gb18030");
}

TEST_CASE("csv encoding: an unknown encoding is a usage error") {
  std::istringstream in("a\n");
  CHECK_THROWS_WITH_AS(Reader(in, "t.csv", {.encoding = "KLINGON"}),
                       "unknown encoding 'KLINGON' (`iconv --list` shows the names)",
                       crm::util::UsageError);
}

TEST_CASE("csv encoding: invalid UTF-8 is an error naming its line") {
  const ReaderOptions no_header{.has_header = false};
  const std::vector<std::pair<std::string, int>> cases{
      {"a\nb\n\xFF\n", 3},                   // not UTF-8 at all
      {"\xD5\xC5\xC8\xFD,x\n", 1},           // GBK read as UTF-8
      {"h\n\"x\ny\n\xC3(\",z\n", 4},         // in the third line of a quoted field
      {"h\r\n\"x\r\ny\r\n\xC3(\",z\r\n", 4}, // the same with CRLF
      {"a\n\xC0\xAF\n", 2},                  // overlong '/'
      {"a\nb\n\xED\xA0\x80\n", 3},           // an encoded surrogate
      {"\xF4\x90\x80\x80\n", 1},             // beyond U+10FFFF
      {"a\nabc\xE4\xB8", 2},                 // cut short by the end of the input
      {"a\n\x80x\n", 2}};                    // a stray continuation byte
  for (const auto& the_case : cases) {
    CAPTURE(the_case.first);
    const std::string expected = "t.csv:" + std::to_string(the_case.second) + ": " + bad_utf8;
    CHECK_THROWS_WITH_AS(lines_and_fields(the_case.first, no_header), expected.c_str(), DataError);
  }
}

TEST_CASE("csv encoding: invalid or cut-short legacy bytes name their line, any chunk size") {
  for (std::size_t chunk = 1; chunk <= 9; ++chunk) {
    CAPTURE(chunk);
    const ReaderOptions gbk{.encoding = "GBK", .has_header = false, .chunk_bytes = chunk};
    CHECK_THROWS_WITH_AS(lines_and_fields("a\r\n\xD5\xC5\r\n\x81\x20x\r\n", gbk),
                         "t.csv:3: invalid GBK byte sequence 81 20 78 0D (is the encoding "
                         "right?)",
                         DataError);
    CHECK_THROWS_WITH_AS(lines_and_fields("a\n\xD5", gbk),
                         "t.csv:2: incomplete GBK character at the end of the input (D5)",
                         DataError);
  }
}

TEST_CASE("csv encoding: UTF-8 sequences split across chunks") {
  const std::string text = "名前,メモ\n山田,\"😀 𠮷\r\n€\"\nÅsa,ünïcödé\n";
  const std::vector<Fields> expected{
      {"名前", "メモ"}, {"2", "山田", "😀 𠮷\r\n€"}, {"4", "Åsa", "ünïcödé"}};
  for (std::size_t chunk = 1; chunk <= 13; ++chunk) {
    CAPTURE(chunk);
    CHECK(lines_and_fields(text, {.chunk_bytes = chunk}) == expected);
    CHECK(lines_and_fields("\xEF\xBB\xBF" + text, {.chunk_bytes = chunk}) == expected);
  }
}

TEST_CASE("csv encoding: GBK, GB18030 and UTF-16 fixtures split across chunks") {
  const std::string utf8 = file("contacts_zh.utf8.csv");
  const std::string gbk = file("contacts_zh.gbk.csv");
  REQUIRE(gbk.size() == 250);
  const auto expected = lines_and_fields(utf8, {});
  REQUIRE(expected.size() == 5);
  CHECK(expected[2] == Fields{"3", "李四", "lisi@example.cn", "+86 139 0013 9000", "上海",
                              "地址：\n上海市浦东新区"});
  const std::vector<Fields> rare{{"name", "note"}, {"2", "𠮷野家", "😀 好评"}};
  const std::vector<Fields> unicode_text{{"Name", "E-mail", "City"},
                                         {"2", "José", "jose@example.es", "Málaga"},
                                         {"3", "王芳", "wang@example.cn", "杭州"}};
  for (std::size_t chunk = 1; chunk <= 17; ++chunk) {
    CAPTURE(chunk);
    CHECK(lines_and_fields(gbk, {.encoding = "GBK", .chunk_bytes = chunk}) == expected);
    CHECK(lines_and_fields(gbk, {.encoding = "GB18030", .chunk_bytes = chunk}) == expected);
    CHECK(lines_and_fields(file("rare_chars.gb18030.csv"),
                           {.encoding = "GB18030", .chunk_bytes = chunk}) == rare);
    CHECK(lines_and_fields(file("unicode_text.utf16le.txt"), {.chunk_bytes = chunk}) ==
          unicode_text);
  }
  CHECK_THROWS_WITH_AS(lines_and_fields(gbk, {}), (std::string("t.csv:1: ") + bad_utf8).c_str(),
                       DataError);
}
