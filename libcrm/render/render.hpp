#pragma once
// One data model (rows of util::Json objects) printed as table, csv, tsv, json or ndjson.
// Table mode is for people: aligned by display width, control characters stripped.
// The others are for scripts: every column, stable keys, no decoration.
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "util/json.hpp"

namespace crm::render {

enum class Format { table, csv, tsv, json, ndjson };

// "table" | "csv" | "tsv" | "json" | "ndjson"; throws util::UsageError otherwise.
Format parse_format(std::string_view name);
std::string_view format_name(Format format);

struct Column {
  std::string key;    // key in each row object; also the CSV/TSV header
  std::string header; // table-mode header; empty = key upper-cased
  bool right_align = false;
  bool in_table = true;                 // shown in table mode (csv/tsv/json always have it)
  std::optional<std::size_t> max_width; // table mode: cut with "…" beyond this many columns
};

struct Table {
  std::vector<Column> columns;
  std::vector<util::Json> rows; // objects; json/ndjson print the whole object
};

struct Options {
  Format format = Format::table;
  bool quiet = false; // print only the value of `id_key`, one per line, in every format
  bool color = false; // table mode: bold header (only ever set when stdout is a terminal)
  std::string id_key = "id";
};

// A list: json prints one array (possibly []), ndjson one object per line, csv/tsv a header
// line then rows, table aligned columns (header always printed, even with no rows).
void print_table(std::ostream& out, const Table& table, const Options& options);

// Streams a list: every format but table writes each row as it arrives, so memory stays flat
// whatever the number of rows; table mode keeps them to align columns and prints on finish().
// The output is the same as print_table's.
class RowWriter {
public:
  RowWriter(std::ostream& out, std::vector<Column> columns, Options options);
  void write(util::Json row);
  // Closes the list (json's "]", table mode's grid); call once, after the last row.
  void finish();

private:
  void start();
  // The text of each column's cell: rows of one list usually have their keys at the same
  // places, so each column remembers where it found its key last time (no search per cell).
  const util::Json* cell(const util::Json& row, std::size_t column);
  std::ostream& out_;
  Table table_;
  Options options_;
  std::vector<std::size_t> where_; // per column: the member index its key was last found at
  std::size_t count_ = 0;
  bool started_ = false;
};

// One object (a "show"): json prints the object, ndjson the object on one line; table mode
// prints "key  value" lines aligned on the key, and each member that is an array of objects
// as a titled, indented sub-table; csv/tsv print two columns "field,value" with nested
// values as compact JSON. quiet prints only the id.
void print_record(std::ostream& out, const util::Json& record, const Options& options);

// CSV field quoting per RFC 4180 (quotes only when needed) and TSV escaping (\t \n \r \\).
std::string csv_field(std::string_view value);
std::string tsv_field(std::string_view value);

} // namespace crm::render
