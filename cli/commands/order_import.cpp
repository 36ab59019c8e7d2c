// crm order import (and --undo), crm order imports, crm order export.
#include <iostream>

#include <fmt/format.h>

#include "actions/csv_io.hpp"
#include "actions/order_export.hpp"
#include "actions/order_import.hpp"
#include "app.hpp"
#include "util/error.hpp"
#include "util/strings.hpp"

namespace crm::cli {

namespace {

struct ImportArgs {
  actions::ImportOrders input;
  std::optional<std::int64_t> undo;
};

std::string plural(std::int64_t n, std::string_view word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

std::string counts(const actions::OrderImportSummary& s) {
  std::string text = fmt::format("{} created, {} updated, {} unchanged, {} rejected", s.created,
                                 s.updated, s.unchanged, s.rejected);
  if (s.customers_created > 0)
    text += fmt::format("; {} created", plural(s.customers_created, "customer"));
  return text;
}

// "orders.csv (5 rows, 3 orders)", "orders.csv and items.csv (3 + 5 rows, 3 orders)"
std::string what(const actions::ImportOrders& in, const actions::OrderImportSummary& s) {
  const std::string file = in.file == "-" ? "standard input" : in.file;
  if (!in.items_file)
    return fmt::format("{} ({}, {})", file, plural(s.rows, "row"), plural(s.orders, "order"));
  return fmt::format("{} and {} ({} + {}, {})", file, *in.items_file, s.rows,
                     plural(s.item_rows, "row"), plural(s.orders, "order"));
}

int report(Runner& r, const actions::OrderImportSummary& s, const actions::ImportOrders& in) {
  for (const auto& problem : s.problems) std::cerr << problem << '\n';
  if (s.problems_omitted > 0)
    std::cerr << fmt::format("... and {} more problems{}\n", s.problems_omitted,
                             in.rejects ? fmt::format(" (the rows are in {})", *in.rejects)
                                        : std::string(" (--rejects FILE writes them all)"));
  if (!s.unmapped.empty() && !r.quiet())
    r.note(fmt::format("columns not imported: {} (map them with --map 'Header=field')",
                       util::join(s.unmapped, ", ")));
  if (r.quiet() && s.committed)
    std::cout << *s.batch << '\n';
  else if (r.format() != render::Format::table && !in.dry_run && !r.quiet())
    r.print_record(s.json());
  if (in.dry_run) {
    r.note(fmt::format("dry run: {}: would be {}; nothing was written", what(in, s), counts(s)));
    return s.rejected > 0 ? 5 : 0;
  }
  if (s.orders == 0 && s.rejected == 0) {
    r.note(fmt::format("{} has a header but no rows: nothing to import",
                       in.file == "-" ? "standard input" : in.file));
    return 0;
  }
  if (s.rejected > 0 && !in.skip_invalid) {
    std::cerr << fmt::format("crm: error: nothing imported from {}: {} of {} rejected; fix "
                             "them, or pass --skip-invalid to import the valid ones{}\n",
                             what(in, s), s.rejected, plural(s.orders, "order"),
                             in.rejects ? fmt::format(" (their rows are in {})", *in.rejects) : "");
    return 5;
  }
  if (!s.committed) {
    if (!r.quiet()) r.note(fmt::format("{}: {}; nothing changed", what(in, s), counts(s)));
    return s.rejected > 0 ? 5 : 0;
  }
  if (!r.quiet())
    r.note(fmt::format("imported {}: {} (batch {}; undo: crm order import --undo {})", what(in, s),
                       counts(s), *s.batch, *s.batch));
  return s.rejected > 0 ? 5 : 0;
}

int undo(Runner& r, std::int64_t batch, bool dry_run) {
  const auto s = actions::undo_order_import(r.ctx(), batch, dry_run);
  if (r.format() != render::Format::table) {
    r.print_record(util::Json::object()
                       .set("batch", s.batch)
                       .set("deleted", s.deleted)
                       .set("restored", s.restored)
                       .set("customers_deleted", s.customers_deleted)
                       .set("dry_run", dry_run));
  }
  r.note(fmt::format("{} order import batch {}: {} created orders {}, {} updated orders {}, {} "
                     "created customers {}",
                     dry_run ? "dry run: would undo" : "undid", s.batch, s.deleted,
                     dry_run ? "to delete" : "deleted", s.restored,
                     dry_run ? "to restore" : "restored", s.customers_deleted,
                     dry_run ? "to delete" : "deleted"));
  return 0;
}

int run_import(Runner& r, const ImportArgs& args) {
  const auto& input = args.input;
  if (args.undo) {
    if (!input.file.empty()) throw util::UsageError("--undo takes a batch number, not a FILE");
    return undo(r, *args.undo, input.dry_run);
  }
  if (input.file.empty())
    throw util::UsageError("order import: give FILE (or - for standard input), or --undo BATCH");
  actions::OrderImportHooks hooks;
  if (input.dry_run) {
    r.list_begin({{"line", "LINE", true},
                  {"action", "ACTION"},
                  {"order", "ORDER", true},
                  {"external_id", "EXTERNAL ID", false, true, 20},
                  {"detail", "DETAIL", false, true, 70}});
    hooks.row = [&r](const actions::OrderImportRow& row) {
      r.list_row(util::Json::object()
                     .set("line", static_cast<std::int64_t>(row.line))
                     .set("action", row.action)
                     .set("order", row.order ? util::Json(*row.order) : util::Json())
                     .set("external_id", row.external_id)
                     .set("detail", row.detail));
    };
  }
  actions::OrderImportSummary summary;
  with_import_progress(r, hooks.progress,
                       [&] { summary = actions::import_orders(r.ctx(), input, hooks); });
  if (input.dry_run) r.list_end();
  if (r.verbose()) r.note(fmt::format("read {} as {}", input.file, summary.encoding));
  return report(r, summary, input);
}

void add_import(CLI::App& order, Cli& cli) {
  auto* sub = order.add_subcommand(
      "import", "Import orders from CSV (one recorded batch; --undo reverts it)");
  sub->footer(
      "One file with a row per item (the order's columns repeated, or blank after its first "
      "row),\nor an orders file and --items ITEMS_FILE. Columns are found by name and alias "
      "(order_id,\nexternal_id, order_number, 订单号, customer_external_id, customer_email, "
      "placed_at, 下单时间,\nstatus, currency, sku, name, quantity/qty, unit_price/price, "
      "shipping, discount, total,\nrefunded, tracking, paid_at, shipped_at, delivered_at, "
      "cancelled_at, returned_at) or --map.\nAn order already imported (same order id) is "
      "unchanged, or moved on to a later status.\nNothing is written when an order is rejected, "
      "unless --skip-invalid.\n"
      "Examples:\n"
      "  crm order import shop-orders.csv --dry-run\n"
      "  crm order import orders.csv --items items.csv --create-missing-customers\n"
      "  crm order import 订单.csv --encoding GBK --customer-key email --map "
      "'买家邮箱=customer_email'\n"
      "  crm order import --undo 3");
  auto args = std::make_shared<ImportArgs>();
  auto& in = args->input;
  sub->add_option("FILE", in.file, "CSV file (orders, or a row per item), or - for standard input");
  sub->add_option("--items", in.items_file,
                  "Items file: order_id, line, sku, name, quantity, unit_price (FILE then has "
                  "a row per order)")
      ->type_name("ITEMS_FILE");
  sub->add_option("--encoding", in.encoding,
                  "Encoding of files without a byte-order mark: GBK, GB18030, Big5, "
                  "Shift_JIS, Latin-1, UTF-16LE... (default UTF-8)");
  sub->add_option("--delimiter", in.delimiter,
                  "Field separator: , ; | or tab (default: sniffed from the header)");
  sub->add_option("--map", in.maps,
                  "Header=field: read column Header into field (repeatable; an empty field "
                  "ignores the column)");
  sub->add_option("--map-file", in.map_file, "TOML file with a [columns] table of Header = field");
  sub->add_option("--customer-key", in.customer_key,
                  "How rows name their customer: external_id (default; column "
                  "customer_external_id or customer) or email (customer_email or customer)");
  sub->add_flag("--create-missing-customers", in.create_missing_customers,
                "Add a customer (with just that external id or email) for an unknown key");
  sub->add_flag("--skip-invalid", in.skip_invalid,
                "Import the valid orders even when some are rejected (exit code still 5)");
  sub->add_option("--rejects", in.rejects,
                  "Write the rejected orders' rows of FILE to this CSV, plus _line and _error");
  sub->add_option("--items-rejects", in.items_rejects,
                  "With --items: write the rejected orders' item rows to this CSV");
  sub->add_flag("--dry-run", in.dry_run, "Show what each order would do, write nothing");
  sub->add_option("--undo", args->undo,
                  "Revert order import batch BATCH: delete the orders (and customers) it "
                  "created, restore those it moved on")
      ->type_name("BATCH");
  on_run(sub, cli, [args](Runner& r) { return run_import(r, *args); });
}

void add_imports(CLI::App& order, Cli& cli) {
  auto* sub = order.add_subcommand("imports", "List order import batches, newest first");
  sub->footer("Example: crm order imports --limit 5");
  auto limit = std::make_shared<std::int64_t>(20);
  sub->add_option("--limit", *limit, "At most N batches (default 20)");
  on_run(sub, cli, [limit](Runner& r) {
    if (*limit < 0) throw util::UsageError("--limit must not be negative");
    r.list_begin({{"batch", "BATCH", true},
                  {"at", "AT"},
                  {"user", "USER"},
                  {"created", "CREATED", true},
                  {"updated", "UPDATED", true},
                  {"unchanged", "UNCHANGED", true},
                  {"rejected", "REJECTED", true},
                  {"customers_created", "CUSTOMERS", true},
                  {"undone_at", "UNDONE"},
                  {"file", "FILE", false, true, 40},
                  {"items_file", "ITEMS FILE", false, true, 40}});
    for (const auto& b : actions::list_order_imports(r.ctx(), *limit))
      r.list_row(actions::order_import_batch_json(r.ctx(), b));
    r.list_end();
    return 0;
  });
}

struct ExportArgs {
  actions::ExportOrders input;
  std::string delimiter = ",";
  std::string output;
  bool items = false, flat = false;
};

int run_export(Runner& r, Cli& cli, ExportArgs& args) {
  auto& input = args.input;
  // The global --format picks the format only when given on this command line: a configured
  // output.format (table, usually) does not turn an export into a table.
  input.format =
      cli.globals.format ? render::parse_format(*cli.globals.format) : render::Format::csv;
  input.delimiter = actions::parse_delimiter(args.delimiter).value_or(',');
  if (args.items && args.flat) throw util::UsageError("--items and --flat: choose one layout");
  input.layout = args.items  ? actions::OrderExportLayout::items
                 : args.flat ? actions::OrderExportLayout::flat
                             : actions::OrderExportLayout::orders;
  if (!args.output.empty() && args.output != "-") input.output = args.output;
  actions::OrderExportSummary summary;
  with_export_progress(r, "orders", input.progress,
                       [&] { summary = actions::export_orders(r.ctx(), input, std::cout); });
  if (!r.quiet()) {
    const std::string where = input.output ? args.output : std::string("stdout");
    if (input.layout == actions::OrderExportLayout::orders)
      r.note(fmt::format("exported {} to {}", plural(summary.orders, "order"), where));
    else
      r.note(fmt::format("exported {} of {} to {}", plural(summary.rows, "item"),
                         plural(summary.orders, "order"), where));
  }
  return 0;
}

void add_export(CLI::App& order, Cli& cli) {
  auto* sub = order.add_subcommand("export", "Write orders or their items as CSV (or TSV, JSON)");
  sub->footer(
      "CSV is the default here whatever output.format says; --format tsv|json|ndjson "
      "changes it.\nOrders: " +
      util::join(actions::order_export_default_fields(actions::OrderExportLayout::orders), ", ") +
      ".\nItems (--items): " +
      util::join(actions::order_export_default_fields(actions::OrderExportLayout::items), ", ") +
      ".\n--flat: a row per item with its order's columns (a one-file import).\n"
      "`crm order import ORDERS --items ITEMS` reads the two exports back.\n"
      "Examples:\n"
      "  crm order export -o orders.csv && crm order export --items -o items.csv\n"
      "  crm order export --status delivered --from 2025-01-01 --bom > excel.csv");
  auto args = std::make_shared<ExportArgs>();
  auto& in = args->input;
  sub->add_flag("--items", args->items,
                "A row per item: order_id, line, sku, name, quantity, "
                "unit_price");
  sub->add_flag("--flat", args->flat, "A row per item with its order's columns repeated");
  sub->add_option("--fields", in.fields,
                  "Columns, comma-separated: the defaults and id, customer_id, value, "
                  "created_at, updated_at, amount")
      ->type_name("LIST");
  sub->add_option("--customer", in.customer, "Orders of this customer (id, email, ext:ID)")
      ->type_name("REF");
  sub->add_option("--status", in.status, "Orders with this status")->type_name("STATUS");
  sub->add_option("--from", in.from, "Orders placed at or after TIME")->type_name("TIME");
  sub->add_option("--to", in.to, "Orders placed before TIME")->type_name("TIME");
  sub->add_option("-o,--output", args->output,
                  "Write to FILE (created mode 0600, complete or not at all); - is stdout")
      ->type_name("FILE");
  sub->add_flag("--force", in.force, "Replace FILE when it exists");
  sub->add_option("--encoding", in.encoding,
                  "Character encoding: UTF-8 (default), GB18030, GBK, UTF-16LE, ...")
      ->type_name("NAME");
  sub->add_flag("--bom", in.bom, "Start with a byte-order mark (Excel needs it for UTF-8)");
  sub->add_option("--delimiter", args->delimiter, "CSV field separator: , (default), ; or tab")
      ->type_name("CHAR");
  sub->add_flag("--raw", in.raw,
                "Keep cells starting with = + - @ as they are (default: prefix ')");
  on_run(sub, cli, [args, &cli](Runner& r) { return run_export(r, cli, *args); });
}

} // namespace

void add_order_io_commands(CLI::App& order, Cli& cli) {
  add_import(order, cli);
  add_imports(order, cli);
  add_export(order, cli);
}

} // namespace crm::cli
