#pragma once
// Which CSV column goes to which order field, for `crm order import` (internal: the public
// side is order_import_fields and order_field_for_header in order_import.hpp).
//
// A column is mapped by --map 'Header=field' or --map-file (an empty field ignores the
// column), else by its header being a field name or a known alias ("Order Number", "订单号",
// "qty", ...). In a two-file import the orders file may map only the order's fields
// and the items file only the item's (order_id both). Columns named _line and _error (what a
// rejects file adds) are never imported. The generic checks (duplicate headers, two columns
// for one field) are actions::map_columns'.
#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "actions/csv_io.hpp"
#include "actions/import_mapping.hpp"
#include "actions/order_import.hpp"
#include "csv/reader.hpp"
#include "util/strings.hpp"

namespace crm::actions::order_import_detail {

// The columns an order import reads. Those before f_line describe the order, the others an
// item; order_id is in both files of a two-file import.
enum Field : std::size_t {
  f_order_id,
  f_customer_external_id,
  f_customer_email,
  f_customer,
  f_placed_at,
  f_status,
  f_currency,
  f_subtotal,
  f_shipping,
  f_discount,
  f_total,
  f_refunded,
  f_tracking,
  f_paid_at,
  f_shipped_at,
  f_delivered_at,
  f_cancelled_at,
  f_returned_at,
  f_line,
  f_sku,
  f_name,
  f_quantity,
  f_unit_price,
  field_count
};
constexpr std::size_t order_field_count = f_line;

inline constexpr std::array<std::string_view, field_count> field_names = {
    "order_id",       "customer_external_id",
    "customer_email", "customer",
    "placed_at",      "status",
    "currency",       "subtotal",
    "shipping",       "discount",
    "total",          "refunded",
    "tracking",       "paid_at",
    "shipped_at",     "delivered_at",
    "cancelled_at",   "returned_at",
    "line",           "sku",
    "name",           "quantity",
    "unit_price"};

// The time column of timed_statuses[i] (paid_at, shipped_at, ...).
constexpr Field time_field(std::size_t i) { return static_cast<Field>(f_paid_at + i); }

// A status cell: a status name, or what shops write for it ("canceled", "已发货"). Throws
// UsageError.
std::string order_status(std::string_view cell);

// The columns of one file.
struct FileMap {
  std::string name;                                 // as in messages
  std::array<std::ptrdiff_t, field_count> column{}; // -1: the file has no such column
  std::vector<std::string> headers;                 // trimmed, for messages
  std::size_t width = 0;
  FileMap() { column.fill(-1); }
  [[nodiscard]] bool has(Field f) const { return column[f] >= 0; }
  [[nodiscard]] const std::string& header(Field f) const {
    return headers[static_cast<std::size_t>(column[f])];
  }
};

// --map-file's entries, then --map's (which win). Throws UsageError naming the entry.
std::vector<ExplicitMap> explicit_maps(const ImportOrders& in);

struct FileMaps {
  FileMap orders;                    // in.file: the orders file, or the only file
  FileMap items;                     // in.items_file (two-file mode)
  std::vector<std::string> unmapped; // headers of the columns not imported, file by file
};
// The column maps of in.file (`header`) and, in two-file mode, in.items_file (`items_header`;
// null in one-file mode). Throws UsageError for a --map that names a field of the other file
// or a column no file has, DataError ("FILE:1: ...") as map_columns.
FileMaps map_files(const ImportOrders& in, const std::vector<ExplicitMap>& maps,
                   const std::vector<std::string>& header,
                   const std::vector<std::string>* items_header);

// --- cells, as the import reads them (inline: they run for every cell) ---

inline std::string_view ascii_trim(std::string_view s) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

// A cell as the import reads it: without the formula guard and the blanks around it.
inline std::string_view cell(const csv::Record& row, const FileMap& map, Field f) {
  const auto c = map.column[f];
  if (c < 0 || static_cast<std::size_t>(c) >= row.fields.size()) return {};
  return ascii_trim(without_formula_guard(row.fields[static_cast<std::size_t>(c)]));
}

inline bool edge_is_wide(std::string_view s) {
  return !s.empty() && (static_cast<unsigned char>(s.front()) >= 0x80 ||
                        static_cast<unsigned char>(s.back()) >= 0x80);
}
// Unicode blanks at the edges ("　" U+3000, U+00A0) are rare: only then util::trim.
inline std::string text(std::string_view cell) {
  return edge_is_wide(cell) ? util::trim(cell) : std::string(cell);
}
inline bool blank(std::string_view cell) {
  return cell.empty() || (edge_is_wide(cell) && util::trim(cell).empty());
}

} // namespace crm::actions::order_import_detail
