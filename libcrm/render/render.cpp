#include "render/render.hpp"

#include <algorithm>

#include <fmt/core.h>

#include "util/error.hpp"
#include "util/strings.hpp"
#include "util/text.hpp"

// Line endings are "\n" in every format, CSV included (RFC 4180 says CRLF): the readers are
// scripts on Unix, where a stray "\r" ends up in the last field.
namespace crm::render {
namespace {

using util::Json;

constexpr std::string_view bold = "\x1b[1m";
constexpr std::string_view reset = "\x1b[0m";
constexpr std::string_view column_gap = "  ";

// Cells already cleaned for a terminal, laid out in aligned columns.
struct Grid {
  std::vector<std::string> headers;
  std::vector<bool> right_align;
  std::vector<std::vector<std::string>> rows;
};

std::string default_header(std::string_view key) {
  std::string header = util::to_upper_ascii(key);
  std::replace(header.begin(), header.end(), '_', ' ');
  return header;
}

std::string cell_text(const Json& row, std::string_view key) {
  const Json* value = row.find(key);
  return value == nullptr ? std::string() : value->to_text();
}

void trim_trailing_spaces(std::string& line) {
  const std::size_t end = line.find_last_not_of(' ');
  line.erase(end == std::string::npos ? 0 : end + 1);
}

std::vector<std::size_t> column_widths(const Grid& grid) {
  std::vector<std::size_t> widths;
  for (const std::string& header : grid.headers) widths.push_back(util::display_width(header));
  for (const auto& row : grid.rows) {
    for (std::size_t i = 0; i < row.size() && i < widths.size(); ++i)
      widths[i] = std::max(widths[i], util::display_width(row[i]));
  }
  return widths;
}

std::string grid_line(const std::vector<std::string>& cells, const Grid& grid,
                      const std::vector<std::size_t>& widths, std::string_view indent) {
  std::string line(indent);
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) line += column_gap;
    const std::string padding(widths[i] - util::display_width(cells[i]), ' ');
    line += grid.right_align[i] ? padding + cells[i] : cells[i] + padding;
  }
  trim_trailing_spaces(line);
  return line;
}

void write_grid(std::ostream& out, const Grid& grid, bool color, std::string_view indent) {
  if (grid.headers.empty()) return;
  const std::vector<std::size_t> widths = column_widths(grid);
  std::string header = grid_line(grid.headers, grid, widths, indent);
  if (color && header.size() > indent.size()) header.insert(indent.size(), bold).append(reset);
  out << header << '\n';
  for (const auto& row : grid.rows) out << grid_line(row, grid, widths, indent) << '\n';
}

Grid table_grid(const Table& table) {
  Grid grid;
  std::vector<const Column*> shown;
  for (const Column& column : table.columns) {
    if (!column.in_table) continue;
    shown.push_back(&column);
    const std::string& header = column.header.empty() ? default_header(column.key) : column.header;
    grid.headers.push_back(util::strip_controls(header));
    grid.right_align.push_back(column.right_align);
  }
  for (const Json& row : table.rows) {
    std::vector<std::string> cells;
    for (const Column* column : shown) {
      std::string text = util::strip_controls(cell_text(row, column->key));
      if (column->max_width) text = util::truncate_to_width(text, *column->max_width);
      cells.push_back(std::move(text));
    }
    grid.rows.push_back(std::move(cells));
  }
  return grid;
}

// A sub-table of a record: columns are the union of the objects' keys, in first-seen order.
Grid object_list_grid(const Json::Array& objects) {
  std::vector<std::string> keys;
  for (const Json& object : objects) {
    for (const auto& [key, value] : object.as_object()) {
      if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
    }
  }
  Grid grid;
  for (const std::string& key : keys)
    grid.headers.push_back(util::strip_controls(default_header(key)));
  grid.right_align.assign(keys.size(), false);
  for (const Json& object : objects) {
    std::vector<std::string> cells;
    cells.reserve(keys.size());
    for (const std::string& key : keys)
      cells.push_back(util::strip_controls(cell_text(object, key)));
    grid.rows.push_back(std::move(cells));
  }
  return grid;
}

// Quiet mode: rows without an id print nothing.
void write_id(std::ostream& out, const Json& row, std::string_view id_key) {
  const Json* id = row.find(id_key);
  if (id != nullptr && !id->is_null()) out << id->to_text() << '\n';
}

using FieldEncoder = std::string (*)(std::string_view);

void write_delimited_line(std::ostream& out, const std::vector<std::string>& fields,
                          FieldEncoder encode, char separator) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out << separator;
    out << encode(fields[i]);
  }
  out << '\n';
}

// Empty arrays count too: they print as a titled "(none)" rather than an empty value.
bool is_object_list(const Json& value) {
  if (!value.is_array()) return false;
  const Json::Array& elements = value.as_array();
  return std::all_of(elements.begin(), elements.end(), [](const Json& e) { return e.is_object(); });
}

void write_record_table(std::ostream& out, const Json& record, bool color) {
  std::vector<std::pair<std::string, std::string>> lines;
  std::vector<const Json::Object::value_type*> sections;
  std::size_t key_width = 0;
  for (const auto& member : record.as_object()) {
    if (is_object_list(member.second)) {
      sections.push_back(&member);
      continue;
    }
    lines.emplace_back(util::strip_controls(member.first),
                       util::strip_controls(member.second.to_text()));
    key_width = std::max(key_width, util::display_width(lines.back().first));
  }
  for (const auto& [key, value] : lines) {
    std::string line = key + std::string(key_width - util::display_width(key), ' ');
    line.append(column_gap).append(value);
    trim_trailing_spaces(line);
    out << line << '\n';
  }
  bool separate = !lines.empty();
  for (const auto* section : sections) {
    if (separate) out << '\n';
    separate = true;
    out << util::strip_controls(section->first) << '\n';
    const Json::Array& objects = section->second.as_array();
    if (objects.empty()) {
      out << "  (none)\n";
    } else {
      write_grid(out, object_list_grid(objects), color, "  ");
    }
  }
}

// csv/tsv of one record: nested values as compact JSON, scalars as their text.
void write_record_delimited(std::ostream& out, const Json& record, FieldEncoder encode,
                            char separator) {
  write_delimited_line(out, {"field", "value"}, encode, separator);
  for (const auto& [key, value] : record.as_object()) {
    const bool nested = value.is_array() || value.is_object();
    write_delimited_line(out, {key, nested ? value.dump() : value.to_text()}, encode, separator);
  }
}

} // namespace

Format parse_format(std::string_view name) {
  for (const Format format :
       {Format::table, Format::csv, Format::tsv, Format::json, Format::ndjson}) {
    if (format_name(format) == name) return format;
  }
  throw util::UsageError(
      fmt::format("unknown format '{}': use table, csv, tsv, json or ndjson", name));
}

std::string_view format_name(Format format) {
  switch (format) {
  case Format::table:
    return "table";
  case Format::csv:
    return "csv";
  case Format::tsv:
    return "tsv";
  case Format::json:
    return "json";
  case Format::ndjson:
    return "ndjson";
  }
  return "table";
}

void print_table(std::ostream& out, const Table& table, const Options& options) {
  RowWriter writer(out, table.columns, options);
  for (const Json& row : table.rows) writer.write(row);
  writer.finish();
}

RowWriter::RowWriter(std::ostream& out, std::vector<Column> columns, Options options)
    : out_(out), options_(std::move(options)) {
  table_.columns = std::move(columns);
}

void RowWriter::start() {
  if (started_ || options_.quiet) return;
  started_ = true;
  std::vector<std::string> keys;
  for (const Column& column : table_.columns) keys.push_back(column.key);
  if (options_.format == Format::csv) write_delimited_line(out_, keys, csv_field, ',');
  if (options_.format == Format::tsv) write_delimited_line(out_, keys, tsv_field, '\t');
}

void RowWriter::write(util::Json row) {
  start();
  ++count_;
  if (options_.quiet) return write_id(out_, row, options_.id_key);
  std::vector<std::string> fields;
  switch (options_.format) {
  case Format::table:
    table_.rows.push_back(std::move(row));
    return;
  case Format::csv:
  case Format::tsv:
    for (std::size_t i = 0; i < table_.columns.size(); ++i) {
      const Json* value = cell(row, i);
      fields.push_back(value == nullptr ? std::string() : value->to_text());
    }
    return options_.format == Format::csv ? write_delimited_line(out_, fields, csv_field, ',')
                                          : write_delimited_line(out_, fields, tsv_field, '\t');
  case Format::json:
    out_ << (count_ == 1 ? "[\n" : ",\n") << row.dump();
    return;
  case Format::ndjson:
    out_ << row.dump() << '\n';
    return;
  }
}

const Json* RowWriter::cell(const Json& row, std::size_t column) {
  if (where_.size() != table_.columns.size()) where_.assign(table_.columns.size(), 0);
  const std::string& key = table_.columns[column].key;
  if (row.is_object()) {
    const auto& members = row.as_object();
    if (where_[column] < members.size() && members[where_[column]].first == key)
      return &members[where_[column]].second;
    for (std::size_t i = 0; i < members.size(); ++i) {
      if (members[i].first != key) continue;
      where_[column] = i;
      return &members[i].second;
    }
  }
  return nullptr;
}

void RowWriter::finish() {
  start();
  if (options_.quiet) return;
  if (options_.format == Format::table) write_grid(out_, table_grid(table_), options_.color, "");
  if (options_.format == Format::json) out_ << (count_ == 0 ? "[]\n" : "\n]\n");
}

void print_record(std::ostream& out, const util::Json& record, const Options& options) {
  if (options.quiet) return write_id(out, record, options.id_key);
  switch (options.format) {
  case Format::table:
    return write_record_table(out, record, options.color);
  case Format::csv:
    return write_record_delimited(out, record, csv_field, ',');
  case Format::tsv:
    return write_record_delimited(out, record, tsv_field, '\t');
  case Format::json:
  case Format::ndjson:
    out << record.dump() << '\n';
    return;
  }
}

// Quoted also with leading or trailing blanks, which many readers would otherwise trim.
std::string csv_field(std::string_view value) {
  const auto blank = [](char c) { return c == ' ' || c == '\t'; };
  const bool needs_quotes = value.find_first_of(",\"\r\n") != std::string_view::npos ||
                            (!value.empty() && (blank(value.front()) || blank(value.back())));
  if (!needs_quotes) return std::string(value);
  std::string out = "\"";
  for (const char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string tsv_field(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (const char c : value) {
    switch (c) {
    case '\t':
      out += "\\t";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\r':
      out += "\\r";
      break;
    case '\\':
      out += "\\\\";
      break;
    default:
      out += c;
    }
  }
  return out;
}

} // namespace crm::render
