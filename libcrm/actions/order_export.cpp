#include "actions/order_export.hpp"

#include <algorithm>
#include <array>
#include <memory>
#include <ostream>

#include <fmt/format.h>

#include "actions/csv_io.hpp"
#include "actions/order.hpp"
#include "csv/dialect.hpp"
#include "csv/writer.hpp"
#include "domain/money.hpp"
#include "store/order_imports.hpp"
#include "util/error.hpp"
#include "util/file.hpp"
#include "util/strings.hpp"

namespace crm::actions {

namespace {

using domain::Order;
using domain::OrderItem;

constexpr std::int64_t progress_every = 10000;

// The columns an order export can write. Those from `line` on are an item's.
enum Col : std::size_t {
  c_order_id,
  c_customer_external_id,
  c_customer_email,
  c_placed_at,
  c_status,
  c_currency,
  c_subtotal,
  c_shipping,
  c_discount,
  c_total,
  c_refunded,
  c_tracking,
  c_paid_at,
  c_shipped_at,
  c_delivered_at,
  c_cancelled_at,
  c_returned_at,
  c_id,
  c_customer_id,
  c_value,
  c_created_at,
  c_updated_at,
  c_line,
  c_sku,
  c_name,
  c_quantity,
  c_unit_price,
  c_amount,
  col_count
};

constexpr std::array<std::string_view, col_count> col_names = {
    "order_id",       "customer_external_id",
    "customer_email", "placed_at",
    "status",         "currency",
    "subtotal",       "shipping",
    "discount",       "total",
    "refunded",       "tracking",
    "paid_at",        "shipped_at",
    "delivered_at",   "cancelled_at",
    "returned_at",    "id",
    "customer_id",    "value",
    "created_at",     "updated_at",
    "line",           "sku",
    "name",           "quantity",
    "unit_price",     "amount"};

bool is_item_col(Col c) { return c >= c_line; }
bool is_time_col(Col c) { return c >= c_paid_at && c <= c_returned_at; }

std::vector<std::string> names(std::initializer_list<Col> cols) {
  std::vector<std::string> out;
  for (const Col c : cols) out.emplace_back(col_names[c]);
  return out;
}

const std::vector<std::string>& order_defaults() {
  static const auto list =
      names({c_order_id, c_customer_external_id, c_customer_email, c_placed_at, c_status,
             c_currency, c_subtotal, c_shipping, c_discount, c_total, c_refunded, c_tracking,
             c_paid_at, c_shipped_at, c_delivered_at, c_cancelled_at, c_returned_at});
  return list;
}
const std::vector<std::string>& item_defaults() {
  static const auto list = names({c_order_id, c_line, c_sku, c_name, c_quantity, c_unit_price});
  return list;
}

Col col_named(const std::string& name) {
  return static_cast<Col>(std::find(col_names.begin(), col_names.end(), name) - col_names.begin());
}

std::vector<Col> chosen_columns(const ExportOrders& input) {
  const auto& known = order_export_field_names(input.layout);
  std::vector<Col> columns;
  if (input.fields.empty() && input.format != render::Format::json &&
      input.format != render::Format::ndjson) {
    for (const auto& name : order_export_default_fields(input.layout))
      columns.push_back(col_named(name));
    return columns;
  }
  if (input.fields.empty()) { // json: every field
    for (const auto& name : known) columns.push_back(col_named(name));
    return columns;
  }
  for (const auto& list : input.fields) {
    for (const auto& part : util::split(list, ',')) {
      const std::string name = util::trim(part);
      if (name.empty()) throw util::UsageError("--fields: an empty field name (two commas?)");
      if (std::find(known.begin(), known.end(), name) == known.end()) {
        std::string message = fmt::format("unknown field '{}'", name);
        if (auto near = util::nearest(name, known))
          message += fmt::format(" (did you mean '{}'?)", *near);
        throw util::UsageError(message + "; fields: " + util::join(known, ", "));
      }
      const Col c = col_named(name);
      if (std::find(columns.begin(), columns.end(), c) != columns.end())
        throw util::UsageError(fmt::format("--fields: '{}' is given twice", name));
      columns.push_back(c);
    }
  }
  return columns;
}

// One row's cells as text (CSV, TSV) or JSON values, filled column by column from the
// order (and the item) and the lookups they need.
class Rows {
public:
  // `all_orders`: every order is exported, in id order (status times come from one scan).
  Rows(Context& ctx, std::vector<Col> columns, bool all_orders)
      : ctx_(ctx), imports_(ctx.db()), columns_(std::move(columns)), cells_(columns_.size()),
        storage_(columns_.size()) {
    for (const Col c : columns_) {
      needs_customer_ = needs_customer_ || c == c_customer_external_id || c == c_customer_email;
      needs_times_ = needs_times_ || is_time_col(c);
    }
    if (needs_times_ && all_orders) scan_.emplace(ctx.db());
  }
  [[nodiscard]] const std::vector<Col>& columns() const noexcept { return columns_; }

  // Looks up what the order's cells need (customer keys, status times).
  void start(const Order& order) {
    order_ = &order;
    if (currency_ == nullptr || currency_->code != order.currency)
      currency_ = &domain::currency(order.currency);
    if (needs_customer_ && order.customer_id != customer_) {
      customer_ = order.customer_id;
      keys_ = imports_.customer_keys(customer_);
    }
    if (needs_times_) times_ = scan_ ? scan_->times(order.id) : imports_.status_times(order.id);
  }

  // The text cells for `item` (nullptr: an order row).
  std::span<const std::string_view> text(const OrderItem* item) {
    for (std::size_t i = 0; i < columns_.size(); ++i) fill(i, item);
    return cells_;
  }

  util::Json json(const OrderItem* item) {
    util::Json row = util::Json::object();
    for (std::size_t i = 0; i < columns_.size(); ++i) {
      const Col c = columns_[i];
      fill(i, item);
      if (c == c_id || c == c_customer_id || c == c_line || c == c_quantity)
        row.set(col_names[c],
                cells_[i].empty() ? util::Json() : util::Json(*util::parse_int(cells_[i])));
      else
        row.set(col_names[c], cells_[i].empty() ? util::Json() : util::Json(cells_[i]));
    }
    return row;
  }

private:
  std::string& made(std::size_t i) {
    storage_[i].clear();
    return storage_[i];
  }
  void money(std::size_t i, std::int64_t minor) {
    cells_[i] = made(i) = domain::format_amount(minor, *currency_);
  }
  void time(std::size_t i, std::optional<util::Timestamp> t) {
    if (t) cells_[i] = made(i) = iso_(*t);
  }
  void number(std::size_t i, std::int64_t n) { cells_[i] = made(i) = std::to_string(n); }
  static std::string_view opt(const domain::OptText& text) {
    return text ? std::string_view(*text) : std::string_view();
  }

  void fill(std::size_t i, const OrderItem* item) {
    const Order& o = *order_;
    std::string_view& cell = cells_[i];
    cell = {};
    const Col c = columns_[i];
    if (is_item_col(c) && item == nullptr) return;
    switch (c) {
    case c_order_id:
      cell = opt(o.external_id);
      break;
    case c_customer_external_id:
      cell = opt(keys_.first);
      break;
    case c_customer_email:
      cell = opt(keys_.second);
      break;
    case c_placed_at:
      time(i, o.placed_at);
      break;
    case c_status:
      cell = o.status;
      break;
    case c_currency:
      cell = o.currency;
      break;
    case c_subtotal:
      money(i, o.subtotal);
      break;
    case c_shipping:
      money(i, o.shipping);
      break;
    case c_discount:
      money(i, o.discount);
      break;
    case c_total:
      money(i, o.total);
      break;
    case c_refunded:
      money(i, o.refunded);
      break;
    case c_tracking:
      cell = opt(o.tracking);
      break;
    case c_id:
      number(i, o.id);
      break;
    case c_customer_id:
      number(i, o.customer_id);
      break;
    case c_value:
      cell = made(i) = domain::format_amount(o.value, store_currency());
      break;
    case c_created_at:
      time(i, o.created_at);
      break;
    case c_updated_at:
      time(i, o.updated_at);
      break;
    case c_line:
      number(i, item->line);
      break;
    case c_sku:
      cell = item->sku;
      break;
    case c_name:
      cell = opt(item->name);
      break;
    case c_quantity:
      number(i, item->quantity);
      break;
    case c_unit_price:
      money(i, item->unit_price);
      break;
    case c_amount:
      money(i, domain::money_mul(item->unit_price, item->quantity));
      break;
    default:
      time(i, times_[c - c_paid_at]);
      break; // paid_at .. returned_at
    }
  }

  const domain::Currency& store_currency() {
    // Read-only: an export works whatever money.currency says now (writers refuse a change).
    if (store_currency_ == nullptr)
      store_currency_ = &domain::currency(store::OrderRepository(ctx_.db()).store_currency(
          std::string(default_currency(ctx_).code)));
    return *store_currency_;
  }

  Context& ctx_;
  store::OrderImportRepository imports_;
  std::optional<store::StatusTimesScan> scan_;
  std::vector<Col> columns_;
  std::vector<std::string_view> cells_;
  std::vector<std::string> storage_;
  bool needs_customer_ = false, needs_times_ = false;
  const Order* order_ = nullptr;
  const domain::Currency* currency_ = nullptr;
  const domain::Currency* store_currency_ = nullptr;
  domain::CustomerId customer_ = 0;
  std::pair<domain::OptText, domain::OptText> keys_;
  std::array<std::optional<util::Timestamp>, store::timed_statuses.size()> times_;
  IsoTimes iso_;
};

// Where the rows go: CSV, TSV, or JSON (an array, or a row per line). The header is written
// with the first row (or at the end): a bad filter fails before any output.
class Sink {
public:
  Sink(std::ostream& out, const ExportOrders& input, const std::vector<Col>& columns)
      : out_(out), input_(input), columns_(columns) {}
  void start() {
    if (started_) return;
    started_ = true;
    std::vector<std::string_view> header;
    for (const Col c : columns_) header.push_back(col_names[c]);
    if (input_.format == render::Format::csv) {
      csv_.emplace(out_, csv::WriterOptions{.delimiter = input_.delimiter,
                                            .bom = input_.bom,
                                            .neutralise_formulas = !input_.raw,
                                            .encoding = input_.encoding});
      csv_->write(header); // the header: nothing to neutralise
    } else if (input_.format == render::Format::tsv) {
      tsv_.emplace(out_, input_.encoding, input_.bom, !input_.raw);
      tsv_->write(header, false);
    }
  }
  void write(Rows& rows, const OrderItem* item) {
    start();
    if (csv_) {
      csv_->write(rows.text(item));
    } else if (tsv_) {
      tsv_->write(rows.text(item), true);
    } else {
      if (input_.format == render::Format::json) out_ << (count_ == 0 ? "[\n" : ",\n");
      out_ << rows.json(item).dump();
      if (input_.format == render::Format::ndjson) out_ << '\n';
    }
    ++count_;
  }
  void finish() {
    start();
    if (input_.format == render::Format::json) out_ << (count_ == 0 ? "[]\n" : "\n]\n");
  }
  // The physical line the next row begins on (for messages).
  [[nodiscard]] std::size_t next_line() const {
    return csv_ ? csv_->lines() + 1 : tsv_ ? tsv_->lines() + 1 : count_ + 1;
  }

private:
  std::ostream& out_;
  const ExportOrders& input_;
  const std::vector<Col>& columns_;
  bool started_ = false;
  std::optional<csv::Writer> csv_;
  std::optional<TsvWriter> tsv_;
  std::size_t count_ = 0;
};

OrderExportSummary write_orders(Context& ctx, const ExportOrders& input, std::ostream& out) {
  ListOrders query;
  query.customer = input.customer;
  query.status = input.status;
  query.from = input.from;
  query.to = input.to;
  query.sort = "id";
  const bool all_orders = !input.customer && !input.status && !input.from && !input.to;
  Rows rows(ctx, chosen_columns(input), all_orders);
  Sink sink(out, input, rows.columns());
  store::OrderImportRepository imports(ctx.db());
  std::vector<OrderItem> items;
  OrderExportSummary summary;
  list_orders(ctx, query, [&](const Order& order) {
    try {
      rows.start(order);
      if (input.layout == OrderExportLayout::orders) {
        sink.write(rows, nullptr);
        ++summary.rows;
      } else {
        imports.items(order.id, items);
        for (const auto& item : items) {
          sink.write(rows, &item);
          ++summary.rows;
        }
      }
    } catch (const util::DataError& error) {
      throw util::DataError(fmt::format("order {} (line {} of the output): {}", order.id,
                                        sink.next_line(), error.what()));
    }
    if (++summary.orders % progress_every == 0 && input.progress) input.progress(summary.orders);
  });
  sink.finish();
  return summary;
}

} // namespace

const std::vector<std::string>& order_export_default_fields(OrderExportLayout layout) {
  static const std::vector<std::string> flat = [] {
    auto list = order_defaults();
    for (const auto& name : item_defaults())
      if (name != "order_id") list.push_back(name);
    return list;
  }();
  switch (layout) {
  case OrderExportLayout::orders:
    return order_defaults();
  case OrderExportLayout::items:
    return item_defaults();
  case OrderExportLayout::flat:
    break;
  }
  return flat;
}

const std::vector<std::string>& order_export_field_names(OrderExportLayout layout) {
  static const auto order_extras =
      names({c_id, c_customer_id, c_value, c_created_at, c_updated_at});
  static const auto all = [](OrderExportLayout l) {
    auto list = order_export_default_fields(l);
    if (l != OrderExportLayout::items)
      list.insert(list.end(), order_extras.begin(), order_extras.end());
    if (l != OrderExportLayout::orders) list.emplace_back("amount");
    return list;
  };
  static const std::vector<std::string> orders = all(OrderExportLayout::orders);
  static const std::vector<std::string> items = all(OrderExportLayout::items);
  static const std::vector<std::string> flat = all(OrderExportLayout::flat);
  switch (layout) {
  case OrderExportLayout::orders:
    return orders;
  case OrderExportLayout::items:
    return items;
  case OrderExportLayout::flat:
    break;
  }
  return flat;
}

OrderExportSummary export_orders(Context& ctx, ExportOrders input, std::ostream& out) {
  check_export_options(input.format, !input.fields.empty(), input.encoding.has_value(), input.bom,
                       input.raw, input.delimiter);
  if (input.format == render::Format::csv) csv::check_delimiter(input.delimiter);
  chosen_columns(input);                       // a bad name fails before any output
  csv::Encoder check_encoding(input.encoding); // so does a bad encoding
  if (input.bom) check_encoding.byte_order_mark();
  if (!input.output) return write_orders(ctx, input, out);
  util::AtomicFile file(*input.output, input.force);
  const auto summary = write_orders(ctx, input, file.stream());
  file.commit();
  return summary;
}

} // namespace crm::actions
