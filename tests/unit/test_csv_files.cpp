// csv::Reader on real files: Salesforce Data Loader's test CSVs (../shared/data/contacts) and
// the Excel-shaped fixtures of tests/data/csv (see its README.md).
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "csv/reader.hpp"
#include "util/error.hpp"

using crm::csv::Reader;
using crm::csv::ReaderOptions;
using Fields = std::vector<std::string>;

namespace {

constexpr const char* contacts = CRM_SHARED_DATA "/contacts/";

struct Parsed {
  Fields header;
  std::vector<Fields> records; // each starts with its line number
  char delimiter = 0;
  std::string encoding;
};

Parsed parse(const std::string& path, const ReaderOptions& options = {}) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  Reader reader(in, std::filesystem::path(path).filename().string(), options);
  Parsed parsed{reader.header(), {}, reader.delimiter(), reader.encoding()};
  for (crm::csv::Record record; reader.next(record);) {
    parsed.records.push_back({std::to_string(record.line)});
    parsed.records.back().insert(parsed.records.back().end(), record.fields.begin(),
                                 record.fields.end());
  }
  return parsed;
}

} // namespace

TEST_CASE("csv files: csvtext in UTF-8, with a UTF-8 mark and with UTF-16 marks") {
  const std::map<std::string, std::string> files{{"csvtext.csv", "UTF-8"},
                                                 {"csvtext_BOM_UTF8.csv", "UTF-8"},
                                                 {"csvtext_BOM_UTF16LE.csv", "UTF-16LE"},
                                                 {"csvtext_BOM_UTF16BE.csv", "UTF-16BE"}};
  const std::vector<Fields> rows{{"2", "row1-1", "row1-2", "row1-3"},
                                 {"3", "row2-1", "row2-2", "row2-3"}};
  for (const auto& file : files) {
    CAPTURE(file.first);
    const Parsed parsed = parse(std::string(contacts) + file.first);
    CHECK(parsed.header == Fields{"column1", "column2", "column3"});
    CHECK(parsed.records == rows);
    CHECK(parsed.encoding == file.second);
    CHECK(parsed.delimiter == ',');
  }
}

TEST_CASE("csv files: the UTF-32 files with a cut-short mark are errors at line 1") {
  for (const char* name : {"csvtext_BOM_UTF32LE.csv", "csvtext_BOM_UTF32BE.csv"}) {
    CAPTURE(name);
    const std::string expected = std::string(name) +
                                 ":1: malformed byte-order mark: FE FF (UTF-16) is followed by NUL "
                                 "bytes, as in a UTF-32 file whose mark was cut short; save the "
                                 "file again as UTF-8 or UTF-16";
    CHECK_THROWS_WITH_AS(parse(std::string(contacts) + name), expected.c_str(),
                         crm::util::DataError);
    // An encoding given does not help: the mark decides, and it is malformed.
    CHECK_THROWS_AS(parse(std::string(contacts) + name, {.encoding = "UTF-32LE"}),
                    crm::util::DataError);
  }
}

TEST_CASE("csv files: escaped quotes, and a custom separator") {
  const Parsed quotes = parse(std::string(contacts) + "csvEscapedQuotes.csv");
  CHECK(quotes.records == std::vector<Fields>{{"2", "\"The Best\" Account", "bla"},
                                              {"3", "The \"Best\" Account", "bla"}});
  const Parsed sniffed = parse(std::string(contacts) + "csvSeparator.csv");
  CHECK(sniffed.header == Fields{"column1", "column2!some", "column3"});
  CHECK(sniffed.records.at(1) == Fields{"3", "col21", "col22!somev2", "col23"});
  const Parsed bang = parse(std::string(contacts) + "csvSeparator.csv", {.delimiter = '!'});
  CHECK(bang.header == Fields{"column1,column2", "some,column3"});
  CHECK(bang.records.at(0) == Fields{"2", "col11,col12", "somev1,col13"});
}

TEST_CASE("csv files: HTML and base64 inside quoted fields, spaces kept") {
  const Parsed accounts = parse(std::string(contacts) + "accountsForInsert.csv");
  CHECK(accounts.header == Fields{"name", "numemp", "industry", "richtext"});
  REQUIRE(accounts.records.size() == 4);
  CHECK(accounts.records[0] ==
        Fields{"2", "Company A", "25", "Heavy Industry",
               std::string("    4 <span style=\" font-size: 172px;\">leading spaces and</span>") +
                   " 2 trailing <h1>spaces</h1>  "});
  CHECK(accounts.records[3] == Fields{"5", "Company D", "58", "Fiber Optics",
                                      "    4 leading spaces and 2 trailing spaces  "});
  const Parsed rtf = parse(std::string(contacts) + "acctsWithBinaryDataInRTF.csv");
  CHECK(rtf.header == Fields{"name", "richtext__c"});
  REQUIRE(rtf.records.size() == 1);
  CHECK(rtf.records[0].at(2).rfind("<img alt=\"testBinaryDataInRTF\" src=\"data:image/png;base64,"
                                   "iVBORw0KGgo",
                                   0) == 0);
  CHECK(rtf.records[0].at(2).size() == 185);
}

TEST_CASE("csv files: ISO dates, and an email wrapped in ideographic spaces") {
  for (const char* name : {"dateEndingInZ.csv", "dateOnlyWithTimeZone.csv",
                           "dateUsingDefaultTimeZone.csv", "dateWithTimeZone.csv"}) {
    CAPTURE(name);
    const Parsed dates = parse(std::string(contacts) + name);
    CHECK(dates.header.at(0) == "name");
    CHECK(dates.header.at(6) == "oracle_id__c");
    for (const auto& record : dates.records) CHECK(record.size() == dates.header.size() + 1);
  }
  CHECK(parse(std::string(contacts) + "dateWithTimeZone.csv").records.at(1).at(8) ==
        "2010-10-14T12:00:00.000Z-0300");
  const Parsed task = parse(std::string(contacts) + "insertTaskWithContactAsWhoCsv.csv");
  CHECK(task.header == Fields{"subject", "who:contact-email"});
  CHECK(task.records == std::vector<Fields>{{"2", "testPolymorphicLookup",
                                             " contactFor@PolymorphicMappingOfTask.com"
                                             "\u3000 \u3000"}});
}

TEST_CASE("csv files: every file of the contacts folder is covered above") {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(contacts)) {
    if (entry.path().extension() == ".csv") names.push_back(entry.path().filename().string());
  }
  CHECK(names.size() == 15);
}

TEST_CASE("csv files: an Excel semicolon export with a UTF-8 mark and decimal commas") {
  const Parsed excel =
      parse(std::string(CRM_SOURCE_DIR) + "/tests/data/csv/excel_semicolon_bom.csv");
  CHECK(excel.delimiter == ';');
  CHECK(excel.header == Fields{"kundennummer", "name", "umsatz", "notiz"});
  CHECK(excel.records ==
        std::vector<Fields>{{"2", "1001", "Müller GmbH", "1.234,56", "Lieferung; Tor 2"},
                            {"3", "1002", "Ørsted & Søn", "-12,50", "Zeile 1\nZeile 2"}});
}
