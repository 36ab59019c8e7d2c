#include <doctest/doctest.h>

#include <sstream>
#include <string>

#include "render/render.hpp"
#include "util/error.hpp"
#include "util/json.hpp"

using crm::render::Column;
using crm::render::Format;
using crm::render::Options;
using crm::render::Table;
using crm::util::Json;

namespace {

std::string render_table(const Table& table, Format format, bool quiet = false,
                         bool color = false) {
  std::ostringstream out;
  Options options;
  options.format = format;
  options.quiet = quiet;
  options.color = color;
  crm::render::print_table(out, table, options);
  return out.str();
}

std::string render_record(const Json& record, Format format, bool quiet = false,
                          bool color = false) {
  std::ostringstream out;
  Options options;
  options.format = format;
  options.quiet = quiet;
  options.color = color;
  crm::render::print_record(out, record, options);
  return out.str();
}

Column column(std::string key, std::string header = {}, bool right_align = false) {
  Column result;
  result.key = std::move(key);
  result.header = std::move(header);
  result.right_align = right_align;
  return result;
}

Table customers() {
  Table table;
  table.columns = {column("id", "ID", true), column("name"), column("email")};
  table.rows.push_back(Json::parse(R"({"id":1,"name":"王小明","email":"wang@example.cn"})"));
  table.rows.push_back(Json::parse(R"({"id":12,"name":"Anna","email":"anna@example.com"})"));
  return table;
}

Table quoting() {
  Table table;
  table.columns = {column("id"), column("name"), column("note")};
  table.rows.push_back(Json::parse(R"({"id":1,"name":"a,b","note":"say \"hi\""})"));
  table.rows.push_back(Json::parse(R"({"id":2,"name":"line1\nline2","note":" padded "})"));
  table.rows.push_back(Json::parse(R"({"id":3,"name":null,"note":"tab\there\\ \r"})"));
  table.rows.push_back(Json::parse(R"({"id":4,"tags":["vip","b2b"]})"));
  return table;
}

Json customer_record() {
  return Json::parse(R"({"id":7,"name":"王小明","email":"wang@example.cn","tags":["vip","b2b"],)"
                     R"("address":{"city":"Graz","zip":"8010"},"phone":null,)"
                     R"("orders":[{"id":1,"total":"12.50 EUR","status":"paid"},)"
                     R"({"id":22,"total":"7.00 EUR","note":"gift"}],"notes":[]})");
}

} // namespace

TEST_CASE("render: parse_format and format_name") {
  CHECK(crm::render::parse_format("table") == Format::table);
  CHECK(crm::render::parse_format("csv") == Format::csv);
  CHECK(crm::render::parse_format("tsv") == Format::tsv);
  CHECK(crm::render::parse_format("json") == Format::json);
  CHECK(crm::render::parse_format("ndjson") == Format::ndjson);
  for (const Format format :
       {Format::table, Format::csv, Format::tsv, Format::json, Format::ndjson})
    CHECK(crm::render::parse_format(crm::render::format_name(format)) == format);
  CHECK_THROWS_WITH_AS(crm::render::parse_format("xml"),
                       "unknown format 'xml': use table, csv, tsv, json or ndjson",
                       crm::util::UsageError);
  CHECK_THROWS_AS(crm::render::parse_format("TABLE"), crm::util::UsageError);
  CHECK_THROWS_AS(crm::render::parse_format(""), crm::util::UsageError);
}

TEST_CASE("render: csv_field quotes only when needed") {
  CHECK(crm::render::csv_field("") == "");
  CHECK(crm::render::csv_field("plain") == "plain");
  CHECK(crm::render::csv_field("王小明") == "王小明");
  CHECK(crm::render::csv_field("a,b") == "\"a,b\"");
  CHECK(crm::render::csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(crm::render::csv_field("a\nb") == "\"a\nb\"");
  CHECK(crm::render::csv_field("a\rb") == "\"a\rb\"");
  CHECK(crm::render::csv_field(" lead") == "\" lead\"");
  CHECK(crm::render::csv_field("trail ") == "\"trail \"");
  CHECK(crm::render::csv_field("\ttab") == "\"\ttab\"");
  CHECK(crm::render::csv_field("in side") == "in side");
}

TEST_CASE("render: tsv_field escapes") {
  CHECK(crm::render::tsv_field("plain text") == "plain text");
  CHECK(crm::render::tsv_field("a\tb\nc\rd\\e") == "a\\tb\\nc\\rd\\\\e");
  CHECK(crm::render::tsv_field("say \"hi\", ok") == "say \"hi\", ok");
}

TEST_CASE("render: table aligns CJK by display width") {
  CHECK(render_table(customers(), Format::table) == "ID  NAME    EMAIL\n"
                                                    " 1  王小明  wang@example.cn\n"
                                                    "12  Anna    anna@example.com\n");
}

TEST_CASE("render: table with emoji and combining marks") {
  Table table;
  table.columns = {column("name"), column("city")};
  table.rows.push_back(Json::parse(R"({"name":"Zoe\u0308","city":"Wien"})"));
  table.rows.push_back(Json::parse(R"({"name":"😀 Joy","city":"東京"})"));
  table.rows.push_back(Json::parse(R"({"name":"👩‍💻 Dev","city":"Graz"})"));
  CHECK(render_table(table, Format::table) == "NAME    CITY\n"
                                              "Zoe\xCC\x88     Wien\n"
                                              "😀 Joy  東京\n"
                                              "👩‍💻 Dev  Graz\n");
}

TEST_CASE("render: table headers, hidden columns, truncation, no trailing spaces") {
  Table table;
  table.columns = {column("id", "", true), column("created_at"), column("note"), column("secret")};
  table.columns[2].max_width = 6;
  table.columns[3].in_table = false;
  table.rows.push_back(
      Json::parse(R"({"id":1,"created_at":"2024-01-02","note":"Annabelle Lee","secret":"s"})"));
  table.rows.push_back(Json::parse(R"({"id":100,"created_at":"","note":"","secret":"t"})"));
  table.rows.push_back(Json::parse(R"({"id":2,"created_at":"x","note":"王小明王"})"));
  CHECK(render_table(table, Format::table) == " ID  CREATED AT  NOTE\n"
                                              "  1  2024-01-02  Annab…\n"
                                              "100\n"
                                              "  2  x           王小…\n");
}

TEST_CASE("render: table strips control characters, other formats keep the data") {
  Table table;
  table.columns = {column("id"), column("name")};
  table.rows.push_back(Json::parse(R"({"id":1,"name":"\u001b[31mEvil\u001b[0m"})"));
  table.rows.push_back(Json::parse(R"({"id":2,"name":"\u001b]0;pwned\u0007Bob"})"));
  table.rows.push_back(Json::parse(R"({"id":3,"name":"two\nlines\ttab"})"));
  CHECK(render_table(table, Format::table) == "ID  NAME\n"
                                              "1   Evil\n"
                                              "2   Bob\n"
                                              "3   two lines tab\n");
  CHECK(render_table(table, Format::ndjson) == "{\"id\":1,\"name\":\"\\u001b[31mEvil\\u001b[0m\"}\n"
                                               "{\"id\":2,\"name\":\"\\u001b]0;pwned\\u0007Bob\"}\n"
                                               "{\"id\":3,\"name\":\"two\\nlines\\ttab\"}\n");
  CHECK(render_table(table, Format::tsv) == "id\tname\n"
                                            "1\t\x1b[31mEvil\x1b[0m\n"
                                            "2\t\x1b]0;pwned\x07"
                                            "Bob\n"
                                            "3\ttwo\\nlines\\ttab\n");
}

TEST_CASE("render: color makes only the header bold") {
  CHECK(render_table(customers(), Format::table, false, true) == "\x1b[1mID  NAME    EMAIL\x1b[0m\n"
                                                                 " 1  王小明  wang@example.cn\n"
                                                                 "12  Anna    anna@example.com\n");
  CHECK(render_table(customers(), Format::csv, false, true) ==
        render_table(customers(), Format::csv));
  CHECK(render_table(customers(), Format::json, false, true) ==
        render_table(customers(), Format::json));
}

TEST_CASE("render: csv") {
  CHECK(render_table(quoting(), Format::csv) == "id,name,note\n"
                                                "1,\"a,b\",\"say \"\"hi\"\"\"\n"
                                                "2,\"line1\nline2\",\" padded \"\n"
                                                "3,,\"tab\there\\ \r\"\n"
                                                "4,,\n");
  CHECK(render_table(customers(), Format::csv) == "id,name,email\n"
                                                  "1,王小明,wang@example.cn\n"
                                                  "12,Anna,anna@example.com\n");
}

TEST_CASE("render: csv and tsv include columns hidden in the table, nested values as text") {
  Table table;
  table.columns = {column("id"), column("tags"), column("address")};
  table.columns[1].in_table = false;
  table.rows.push_back(Json::parse(R"({"id":1,"tags":["vip","b2b"],"address":{"city":"Graz"}})"));
  CHECK(render_table(table, Format::csv) == "id,tags,address\n1,\"vip, b2b\",city=Graz\n");
  CHECK(render_table(table, Format::tsv) == "id\ttags\taddress\n1\tvip, b2b\tcity=Graz\n");
  CHECK(render_table(table, Format::table) == "ID  ADDRESS\n1   city=Graz\n");
}

TEST_CASE("render: tsv") {
  CHECK(render_table(quoting(), Format::tsv) == "id\tname\tnote\n"
                                                "1\ta,b\tsay \"hi\"\n"
                                                "2\tline1\\nline2\t padded \n"
                                                "3\t\ttab\\there\\\\ \\r\n"
                                                "4\t\t\n");
}

TEST_CASE("render: json and ndjson print whole rows") {
  Table table = customers();
  table.rows[1].set("vip", true);
  CHECK(render_table(table, Format::json) ==
        "[\n"
        "{\"id\":1,\"name\":\"王小明\",\"email\":\"wang@example.cn\"},\n"
        "{\"id\":12,\"name\":\"Anna\",\"email\":\"anna@example.com\",\"vip\":true}\n"
        "]\n");
  CHECK(render_table(table, Format::ndjson) ==
        "{\"id\":1,\"name\":\"王小明\",\"email\":\"wang@example.cn\"}\n"
        "{\"id\":12,\"name\":\"Anna\",\"email\":\"anna@example.com\",\"vip\":true}\n");
  Table one = customers();
  one.rows.pop_back();
  CHECK(render_table(one, Format::json) ==
        "[\n{\"id\":1,\"name\":\"王小明\",\"email\":\"wang@example.cn\"}\n]\n");
}

TEST_CASE("render: empty table in each format") {
  Table table = customers();
  table.rows.clear();
  CHECK(render_table(table, Format::table) == "ID  NAME  EMAIL\n");
  CHECK(render_table(table, Format::table, false, true) == "\x1b[1mID  NAME  EMAIL\x1b[0m\n");
  CHECK(render_table(table, Format::csv) == "id,name,email\n");
  CHECK(render_table(table, Format::tsv) == "id\tname\temail\n");
  CHECK(render_table(table, Format::json) == "[]\n");
  CHECK(render_table(table, Format::ndjson) == "");
  CHECK(render_table(table, Format::table, true) == "");
}

TEST_CASE("render: quiet prints only ids, in every format") {
  Table table = customers();
  table.rows.push_back(Json::parse(R"({"name":"no id"})"));
  table.rows.push_back(Json::parse(R"({"id":null,"name":"null id"})"));
  table.rows.push_back(Json::parse(R"({"id":"c-7","name":"text id"})"));
  for (const Format format :
       {Format::table, Format::csv, Format::tsv, Format::json, Format::ndjson}) {
    CAPTURE(crm::render::format_name(format));
    CHECK(render_table(table, format, true) == "1\n12\nc-7\n");
  }
  std::ostringstream out;
  Options options;
  options.quiet = true;
  options.id_key = "email";
  crm::render::print_table(out, customers(), options);
  CHECK(out.str() == "wang@example.cn\nanna@example.com\n");
}

TEST_CASE("render: record in table mode") {
  CHECK(render_record(customer_record(), Format::table) == "id       7\n"
                                                           "name     王小明\n"
                                                           "email    wang@example.cn\n"
                                                           "tags     vip, b2b\n"
                                                           "address  city=Graz, zip=8010\n"
                                                           "phone\n"
                                                           "\n"
                                                           "orders\n"
                                                           "  ID  TOTAL      STATUS  NOTE\n"
                                                           "  1   12.50 EUR  paid\n"
                                                           "  22  7.00 EUR           gift\n"
                                                           "\n"
                                                           "notes\n"
                                                           "  (none)\n");
}

TEST_CASE("render: record in table mode with color bolds sub-table headers") {
  const Json record = Json::parse(R"({"id":7,"orders":[{"id":1,"total":"12.50 EUR"}]})");
  CHECK(render_record(record, Format::table, false, true) == "id  7\n"
                                                             "\n"
                                                             "orders\n"
                                                             "  \x1b[1mID  TOTAL\x1b[0m\n"
                                                             "  1   12.50 EUR\n");
}

TEST_CASE("render: record with only sub-tables, and control characters") {
  CHECK(render_record(Json::parse(R"({"orders":[]})"), Format::table) == "orders\n  (none)\n");
  const Json record =
      Json::parse(R"({"na\u001b[2Jme":"\u001b[31mEvil\nLine","list":[{"k":"\u001b]0;x\u0007v"}]})");
  CHECK(render_record(record, Format::table) == "name  Evil Line\n\nlist\n  K\n  v\n");
  CHECK(render_record(Json::object(), Format::table) == "");
}

TEST_CASE("render: record aligns CJK sub-table cells") {
  const Json record = Json::parse(
      R"({"contacts":[{"name":"王小明","role":"owner"},{"name":"Anna","role":"buyer"}]})");
  CHECK(render_record(record, Format::table) == "contacts\n"
                                                "  NAME    ROLE\n"
                                                "  王小明  owner\n"
                                                "  Anna    buyer\n");
}

TEST_CASE("render: record as csv and tsv") {
  const Json record = Json::parse(
      R"({"id":7,"name":"a,b","note":"say \"hi\"\nbye","tags":["vip"],"address":{"city":"Graz"},"phone":null})");
  CHECK(render_record(record, Format::csv) == "field,value\n"
                                              "id,7\n"
                                              "name,\"a,b\"\n"
                                              "note,\"say \"\"hi\"\"\nbye\"\n"
                                              "tags,\"[\"\"vip\"\"]\"\n"
                                              "address,\"{\"\"city\"\":\"\"Graz\"\"}\"\n"
                                              "phone,\n");
  CHECK(render_record(record, Format::tsv) == "field\tvalue\n"
                                              "id\t7\n"
                                              "name\ta,b\n"
                                              "note\tsay \"hi\"\\nbye\n"
                                              "tags\t[\"vip\"]\n"
                                              "address\t{\"city\":\"Graz\"}\n"
                                              "phone\t\n");
}

TEST_CASE("render: record as json, ndjson and quiet") {
  const Json record = customer_record();
  const std::string line = record.dump() + "\n";
  CHECK(render_record(record, Format::json) == line);
  CHECK(render_record(record, Format::ndjson) == line);
  CHECK(render_record(Json::parse(R"({"id":1,"name":"x"})"), Format::json) ==
        "{\"id\":1,\"name\":\"x\"}\n");
  CHECK(render_record(record, Format::table, true) == "7\n");
  CHECK(render_record(record, Format::csv, true) == "7\n");
  CHECK(render_record(Json::parse(R"({"name":"x"})"), Format::json, true) == "");
}

TEST_CASE("RowWriter streams exactly what print_table prints, in every format") {
  crm::render::Table table;
  table.columns = {{"id", "ID", true}, {"name"}};
  table.rows = {Json::object().set("id", 1).set("name", "王小明"),
                Json::object().set("id", 2).set("name", "a,b")};
  for (const auto format :
       {crm::render::Format::table, crm::render::Format::csv, crm::render::Format::tsv,
        crm::render::Format::json, crm::render::Format::ndjson}) {
    for (const bool quiet : {false, true}) {
      for (const std::size_t rows : {std::size_t{0}, std::size_t{1}, std::size_t{2}}) {
        crm::render::Options options;
        options.format = format;
        options.quiet = quiet;
        crm::render::Table part = table;
        part.rows.resize(rows);
        std::ostringstream whole, streamed;
        crm::render::print_table(whole, part, options);
        crm::render::RowWriter writer(streamed, part.columns, options);
        for (const auto& row : part.rows) writer.write(row);
        writer.finish();
        CAPTURE(crm::render::format_name(format));
        CAPTURE(rows);
        CHECK(streamed.str() == whole.str());
      }
    }
  }
  crm::render::Options json;
  json.format = crm::render::Format::json;
  std::ostringstream out;
  crm::render::RowWriter writer(out, table.columns, json);
  writer.write(table.rows[0]);
  CHECK(out.str() == "[\n{\"id\":1,\"name\":\"王小明\"}"); // written before the list ends
  writer.finish();
  CHECK(out.str() == "[\n{\"id\":1,\"name\":\"王小明\"}\n]\n");
}
