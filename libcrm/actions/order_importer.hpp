#pragma once
// The order import's engine (internal to order_import.cpp, order_import_parse.cpp and
// order_import_write.cpp, which define its parts): files read into orders, each order parsed
// from its rows and then created, compared or moved on, all in one write transaction.
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "actions/context.hpp"
#include "actions/csv_io.hpp"
#include "actions/order_import.hpp"
#include "actions/order_import_mapping.hpp"
#include "csv/reader.hpp"
#include "domain/money.hpp"
#include "domain/order.hpp"
#include "store/customers.hpp"
#include "store/order_imports.hpp"
#include "store/orders.hpp"

namespace crm::actions::order_import_detail {

using domain::CustomerId;
using domain::Order;
using domain::OrderId;

// The statuses an imported order passes through after pending (domain::status_path), plus
// the optional steps its file gives times for: paid before a cancel, delivered before a
// return.
std::vector<std::string> import_path(const std::string& status, bool paid, bool delivered);

// One problem of the order being imported: where, and what.
struct Problem {
  bool in_items = false; // in the items file (two-file mode)
  std::size_t line = 0;
  std::string text;
};

// The order being imported, as parsed from its rows (reused from order to order).
struct Draft {
  Order order;
  std::string key;      // the order_id cell
  std::string customer; // the customer key (an email normalised)
  std::array<std::optional<util::Timestamp>, store::timed_statuses.size()> at; // paid_at, ...
  bool refund_given = false;
  std::optional<std::int64_t> stated_subtotal, stated_total;
  std::size_t line = 0; // the order's first line
  const domain::Currency* currency = nullptr;
};

class OrderImporter {
public:
  OrderImporter(Context& ctx, const ImportOrders& input, const OrderImportHooks& hooks)
      : ctx_(ctx), in_(input), hooks_(hooks), db_(ctx.db()), orders_(db_), customers_(db_),
        imports_(db_) {}

  OrderImportSummary run();

private:
  // Setting up: options, column maps, the columns an import cannot do without.
  void check_options();
  void require_columns();
  void begin_batch();
  bool finish();

  // Reading: rows grouped into orders.
  bool next_row(csv::Reader& reader, csv::Record& row);
  void run_single(csv::Reader& reader);
  void run_two_files(csv::Reader& orders, csv::Reader& items);
  void read_items_group();
  void advance_items();
  void drain_deferred();
  bool reject_if_stray();
  void reject_items(const std::string& text);

  // One order: parse its rows, then create it, compare it, or move it on.
  void import_order(const csv::Record* order_row, std::span<const csv::Record> items);
  void collect_header(const csv::Record* order_row, std::span<const csv::Record> items);
  void parse_header();
  void parse_items(std::span<const csv::Record> items);
  std::optional<int> parse_item(const csv::Record& row, domain::OrderItem& item);
  void check_order(bool has_items);
  void check_times();
  bool check_width(const csv::Record& row, const FileMap& map, bool in_items);
  template <typename Parse> void parse_cell(Field f, Parse parse);
  std::optional<std::int64_t> amount(Field f);
  void settle(const csv::Record* order_row, std::span<const csv::Record> items);
  std::optional<CustomerId> find_customer(std::string& why, bool& missing);
  std::optional<CustomerId> create_customer();
  void create(CustomerId customer, const csv::Record* order_row,
              std::span<const csv::Record> items);
  void compare(const Order& stored, const csv::Record* order_row,
               std::span<const csv::Record> items);
  std::vector<std::string> differences(const Order& stored, std::optional<CustomerId> customer,
                                       const std::string& why);
  void move_on(const Order& stored, const std::vector<std::string>& steps);
  void write_events(OrderId id, const std::vector<std::string>& steps, util::Timestamp last_at,
                    std::int64_t refund, const domain::OptText& tracking);
  std::int64_t value_of(const Order& order);

  // Outcomes.
  void problem(bool in_items, std::size_t line, std::string text);
  void problem(std::string text) { problem(false, draft_.line, std::move(text)); }
  // `remember`: a later row with the key is "again" (false: the key's first row is pending).
  void reject(const csv::Record* order_row, std::span<const csv::Record> items,
              bool remember = true);
  void add_problem(const std::string& file, std::size_t line, const std::string& key,
                   const std::string& text);
  void outcome(std::string action, std::optional<OrderId> id, std::string detail);
  std::string again(std::size_t earlier) const;
  void mark_seen(OrderId id, std::size_t line);
  [[nodiscard]] std::size_t seen(OrderId id) const;
  [[nodiscard]] const FileMap& order_map() const { return map_; }
  [[nodiscard]] const FileMap& item_map() const { return two_files_ ? items_map_ : map_; }
  [[nodiscard]] std::string money(std::int64_t minor) const {
    return domain::format_amount(minor, *draft_.currency);
  }

  Context& ctx_;
  const ImportOrders& in_;
  const OrderImportHooks& hooks_;
  store::Database& db_;
  store::OrderRepository orders_;
  store::CustomerRepository customers_;
  store::OrderImportRepository imports_;

  bool two_files_ = false;
  bool by_email_ = false;
  FileMap map_, items_map_;
  Field customer_field_ = f_customer_external_id;
  std::vector<Field> header_fields_; // the order columns the orders file has, but order_id
  std::optional<RejectsFile> rejects_, items_rejects_;

  const domain::Currency* default_currency_ = nullptr;
  std::string store_currency_;
  bool currency_pinned_ = false;
  bool store_had_orders_ = false;
  bool check_suppressions_ = false;
  std::string default_status_;
  store::OrderImportBatch batch_;
  OrderImportSummary summary_;

  // The order being imported.
  Draft draft_;
  std::array<std::string_view, order_field_count> head_{}; // its order cells
  std::array<std::size_t, order_field_count> head_line_{}; // the line of each
  std::vector<Problem> problems_;
  std::string currency_text_; // the last currency cell, and what it was
  const domain::Currency* currency_of_text_ = nullptr;
  std::string customer_key_; // the last customer found, and its id
  CustomerId customer_id_ = 0;
  domain::OrderEvent event_;

  // What this run did, for a key that comes back: the first line of each order it created
  // or looked at, by order id; the first line of each key it rejected.
  std::vector<std::uint32_t> seen_;
  std::unordered_map<OrderId, std::size_t> seen_far_;
  std::unordered_map<std::string, std::size_t> rejected_keys_;

  // Two-file mode: the current group of item rows (one order id), the row after it, and the
  // orders whose items have not come yet.
  std::vector<csv::Record> rows_;
  std::size_t items_n_ = 0;
  bool items_more_ = false;
  bool items_checked_ = false;
  std::string items_key_;
  csv::Reader* items_reader_ = nullptr;
  std::unordered_map<std::string, csv::Record> deferred_;
};

} // namespace crm::actions::order_import_detail
