#pragma once
// crm customer export: customers as CSV (the default), TSV, JSON or NDJSON, streamed from the
// store (memory does not grow with the number of customers).
#include <cstdint>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "actions/context.hpp"
#include "render/render.hpp"
#include "store/customers.hpp"

namespace crm::actions {

// The CSV/TSV columns without --fields, in order, before one `attr.KEY` column per attribute
// key the exported customers have (sorted by key). `crm customer import` reads them back.
const std::vector<std::string>& default_export_fields();
// Every column name --fields accepts besides attr.KEY: the defaults plus id, updated_at,
// deleted_at.
const std::vector<std::string>& export_field_names();

struct ExportCustomers {
  store::CustomerQuery query; // filters; limit and offset apply; always in id order
  render::Format format = render::Format::csv; // csv, tsv, json or ndjson
  // CSV/TSV only. Columns: names of export_field_names() or attr.KEY; empty: the defaults.
  std::vector<std::string> fields;
  std::optional<std::string> encoding; // CSV/TSV only; nullopt: UTF-8
  bool bom = false;                    // CSV/TSV only: start with U+FEFF in the encoding
  char delimiter = ',';                // CSV only
  bool raw = false; // no formula neutralisation (csv::neutralise_formula) in CSV/TSV
  // Write into this file instead of the stream: through a temporary file in the same
  // directory, renamed at the end, so the name never holds a partial export. An existing
  // file is a ConflictError unless `force`.
  std::optional<std::filesystem::path> output;
  bool force = false;
  // Called with the number of customers written so far, every 10,000 customers.
  std::function<void(std::int64_t)> progress;
};

struct ExportSummary {
  std::int64_t customers = 0;
};

// Writes the customers to `out` (or to input.output). Throws UsageError for a bad option
// (unknown field, an option the format does not take, unknown encoding), ConflictError for
// an existing output file without `force`, DataError naming the customer and output line
// for a character the encoding lacks (the output file is then not created; on a stream the
// customers before it have been written).
ExportSummary export_customers(Context& ctx, ExportCustomers input, std::ostream& out);

} // namespace crm::actions
