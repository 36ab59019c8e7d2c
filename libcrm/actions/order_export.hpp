#pragma once
// crm order export: orders, their items, or both in one file, as CSV (the default), TSV, JSON
// or NDJSON, streamed from the store in order id order.
//
// The CSV columns are what `crm order import` reads back: an orders export and an --items
// export import as two files (`crm order import orders.csv --items items.csv`), a --flat
// export as one; exporting the imported store again gives the same bytes.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "actions/context.hpp"
#include "render/render.hpp"

namespace crm::actions {

enum class OrderExportLayout {
  orders, // a row per order
  items,  // a row per item: order_id, line, sku, name, quantity, unit_price
  flat,   // a row per item with its order's columns (what a one-file import reads)
};

// The CSV/TSV columns without --fields, in order.
const std::vector<std::string>& order_export_default_fields(OrderExportLayout layout);
// Every column --fields accepts: the defaults plus id, customer_id, value, created_at,
// updated_at (orders, flat) and amount (items, flat).
const std::vector<std::string>& order_export_field_names(OrderExportLayout layout);

struct ExportOrders {
  // The filters of `crm order list`: a customer REF, a status, placed_at in [from, to).
  std::optional<std::string> customer, status, from, to;
  OrderExportLayout layout = OrderExportLayout::orders;
  render::Format format = render::Format::csv; // csv, tsv, json or ndjson
  std::vector<std::string> fields;             // CSV/TSV only; empty: the defaults
  std::optional<std::string> encoding;         // CSV/TSV only; nullopt: UTF-8
  bool bom = false;                            // CSV/TSV only
  char delimiter = ',';                        // CSV only
  bool raw = false; // no formula neutralisation (csv::neutralise_formula) in CSV/TSV
  // Write into this file (complete or absent, mode 0600); an existing one is a ConflictError
  // unless `force`.
  std::optional<std::filesystem::path> output;
  bool force = false;
  std::function<void(std::int64_t)> progress; // orders written so far, every 10,000
};

struct OrderExportSummary {
  std::int64_t orders = 0;
  std::int64_t rows = 0; // rows written (orders, or items)
};

// Throws UsageError for a bad option or filter, NotFoundError for an unknown --customer,
// ConflictError for an existing output file without `force`, DataError naming the order and
// output line for a character the encoding lacks (the output file is then not created).
OrderExportSummary export_orders(Context& ctx, ExportOrders input, std::ostream& out);

} // namespace crm::actions
