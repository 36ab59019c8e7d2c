#pragma once
// `crm order import`: orders from CSV, as one recorded batch that --undo reverts.
//
// Input: one file with a row per item (the order's columns repeated on each row, or left
// blank after its first row), or an orders file plus an items file (`items_file`). The rows
// of one order must be together; in two-file mode the files may list the orders in
// different orders (orders wait, in memory, for their items).
//
// Idempotent on the order's external id (the order_id column): an order already in the store
// and the same is unchanged; one whose file status is a later status is moved on (with
// events; journalled for undo); any other difference is a problem of that order. Every order
// is applied in one transaction that is committed only when no order was rejected, or with
// skip_invalid (then the valid orders are). A dry run does the same work and rolls it back.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "actions/context.hpp"
#include "domain/order.hpp"
#include "store/order_imports.hpp"
#include "util/json.hpp"

namespace crm::actions {

// The columns an order import reads, for --map and the documentation.
// Orders: order_id, customer_external_id, customer_email, customer (the key of
// --customer-key), placed_at, status, currency, subtotal, shipping, discount, total, refunded,
// tracking, paid_at, shipped_at, delivered_at, cancelled_at, returned_at.
// Items: order_id, line, sku, name, quantity, unit_price.
const std::vector<std::string>& order_import_fields();
// The field a header means by itself (a field name or a known alias: "Order Number",
// "订单号", "qty", ...), if any.
std::optional<std::string> order_field_for_header(std::string_view header);

struct ImportOrders {
  std::string file;                         // a path, or "-" for standard input
  std::optional<std::string> items_file;    // two-file mode: the items (a path)
  std::optional<std::string> encoding;      // both files
  std::optional<std::string> delimiter;     // ",", ";", "|", "tab"; nullopt: sniffed per file
  std::vector<std::string> maps;            // "Header=field", for whichever file has Header
  std::optional<std::string> map_file;      // TOML with a [columns] table
  std::string customer_key = "external_id"; // external_id | email
  bool create_missing_customers = false;
  bool skip_invalid = false;
  std::optional<std::string> rejects;       // rejected rows of `file`: + _line, _error
  std::optional<std::string> items_rejects; // two-file mode: rejected rows of the items file
  bool dry_run = false;
};

// What happened to one order.
struct OrderImportRow {
  std::size_t line = 0; // the order's first line (its row in the orders file)
  std::string action;   // create | update | unchanged | reject
  std::optional<domain::OrderId> order;
  std::string external_id; // the order_id cell
  std::string detail;      // status change, "3 items, 25.00 CNY, delivered", or why rejected
};

struct OrderImportSummary {
  std::optional<std::int64_t> batch; // none for a dry run or when nothing was committed
  std::int64_t rows = 0;             // item rows (single file) or order rows (two files)
  std::int64_t item_rows = 0;        // two-file mode: rows of the items file
  std::int64_t orders = 0;           // orders seen
  std::int64_t created = 0, updated = 0, unchanged = 0, rejected = 0;
  std::int64_t customers_created = 0;
  std::vector<std::string> problems; // "FILE:LINE: order K: reason", the first max_problems
  std::int64_t problems_omitted = 0;
  std::vector<std::string> unmapped; // columns not imported (header names)
  std::string encoding;
  bool committed = false; // false: a dry run, nothing to write, or orders rejected

  [[nodiscard]] util::Json json() const;
};

struct OrderImportHooks {
  std::function<void(const OrderImportRow&)> row; // each order's outcome (dry run, -v)
  std::function<void(std::int64_t)> progress;     // rows read so far, now and then
};

// Throws UsageError (bad options, unreadable file, --map trouble, no order_id column) or
// DataError (a broken file: bad encoding, unterminated quote, duplicate columns). Rejected
// orders are not an exception: the summary lists them, and without skip_invalid nothing was
// committed.
OrderImportSummary import_orders(Context& ctx, const ImportOrders& input,
                                 const OrderImportHooks& hooks = {});

struct OrderUndoSummary {
  std::int64_t batch = 0;
  std::int64_t deleted = 0, restored = 0, customers_deleted = 0;
};
// Reverts a batch: deletes the orders it created (and the customers it created that nothing
// else refers to), restores the orders it moved on. Throws NotFoundError (no such batch) or
// ConflictError (already undone, or later changes touched its orders: the message says which).
OrderUndoSummary undo_order_import(Context& ctx, std::int64_t batch, bool dry_run);

std::vector<store::OrderImportBatch> list_order_imports(Context& ctx, std::int64_t limit);
// A batch as `crm order imports` lists it and the audit log records it.
util::Json order_import_batch_json(const Context& ctx, const store::OrderImportBatch& batch);

} // namespace crm::actions
