#include "actions/order_import.hpp"

#include <algorithm>
#include <array>
#include <filesystem>
#include <span>
#include <unordered_map>

#include <fmt/format.h>

#include "actions/csv_io.hpp"
#include "actions/customer.hpp"
#include "actions/import.hpp"
#include "actions/import_mapping.hpp"
#include "actions/order.hpp"
#include "actions/privacy.hpp"
#include "csv/reader.hpp"
#include "domain/validate.hpp"
#include "settings/settings.hpp"
#include "store/customers.hpp"
#include "store/orders.hpp"
#include "store/suppressions.hpp"
#include "util/error.hpp"
#include "util/strings.hpp"
#include "util/text.hpp"

namespace crm::actions {

namespace {

namespace fs = std::filesystem;
using domain::CustomerId;
using domain::Order;
using domain::OrderId;

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

constexpr std::array<std::string_view, field_count> field_names = {
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

std::optional<Field> field_named(std::string_view name) {
  const auto at = std::find(field_names.begin(), field_names.end(), name);
  if (at == field_names.end()) return std::nullopt;
  return static_cast<Field>(at - field_names.begin());
}

// The time column of timed_statuses[i] (paid_at, shipped_at, ...).
Field time_field(std::size_t i) { return static_cast<Field>(f_paid_at + i); }

const std::unordered_map<std::string, Field>& aliases() {
  static const std::unordered_map<std::string, Field> table = [] {
    const std::vector<std::pair<Field, std::vector<const char*>>> groups = {
        {f_order_id,
         {"external_id", "order_number", "order_no", "order_num", "order_nr", "order#", "order",
          "ordernumber", "bestellnummer", "订单号", "订单编号", "订单ID", "订单", "单号",
          "外部订单号", "注文番号"}},
        {f_customer_external_id,
         {"customer_id", "customer_no", "customer_number", "customer_ref", "client_id", "client_no",
          "member_id", "客户编号", "客户号", "客户ID", "会员编号", "会员号", "会员ID"}},
        {f_customer_email,
         {"email", "e-mail", "email_address", "buyer_email", "contact_email", "邮箱", "客户邮箱",
          "电子邮件", "电子邮箱"}},
        {f_customer, {"client", "buyer", "客户", "买家", "会员"}},
        {f_placed_at,
         {"placed", "order_date", "ordered_at", "order_datetime", "order_time", "created_at",
          "created", "date", "purchase_date", "purchased_at", "datetime", "下单时间", "下单日期",
          "订单日期", "订单时间", "创建时间", "日期", "购买时间"}},
        {f_status, {"order_status", "state", "状态", "订单状态"}},
        {f_currency, {"currency_code", "币种", "货币"}},
        {f_subtotal, {"sub_total", "items_total", "小计", "商品金额", "商品总额", "商品总价"}},
        {f_shipping,
         {"shipping_fee", "shipping_cost", "shipping_amount", "freight", "postage", "运费",
          "邮费"}},
        {f_discount, {"discount_amount", "discount_total", "优惠", "折扣", "优惠金额", "折扣金额"}},
        {f_total,
         {"order_total", "grand_total", "total_amount", "总计", "合计", "订单金额", "订单总额",
          "总金额", "实付金额"}},
        {f_refunded, {"refund", "refund_amount", "refunded_amount", "退款", "退款金额", "已退款"}},
        {f_tracking,
         {"tracking_number", "tracking_no", "tracking_code", "tracking_id", "运单号", "快递单号",
          "物流单号"}},
        {f_paid_at, {"payment_date", "paid_date", "payment_time", "付款时间", "支付时间"}},
        {f_shipped_at, {"ship_date", "shipped_date", "shipping_date", "fulfilled_at", "发货时间"}},
        {f_delivered_at, {"delivery_date", "delivered_date", "签收时间", "收货时间", "送达时间"}},
        {f_cancelled_at,
         {"canceled_at", "cancelled_date", "canceled_date", "cancel_date", "取消时间"}},
        {f_returned_at, {"return_date", "returned_date", "refunded_at", "退货时间", "退款时间"}},
        {f_line, {"line_no", "line_number", "position", "行号", "序号"}},
        {f_sku,
         {"product_sku", "item_sku", "lineitem_sku", "product_code", "item_code", "product_id",
          "item_id", "article_number", "商品编号", "商品编码", "货号", "商品SKU"}},
        {f_name,
         {"product_name", "item_name", "lineitem_name", "product", "item", "title", "product_title",
          "description", "商品名称", "商品名", "商品", "品名", "名称"}},
        {f_quantity, {"qty", "lineitem_quantity", "count", "units", "数量", "件数"}},
        {f_unit_price,
         {"price", "item_price", "lineitem_price", "price_per_unit", "单价", "价格", "售价"}},
    };
    std::unordered_map<std::string, Field> out;
    for (std::size_t f = 0; f < field_count; ++f) out.emplace(header_key(field_names[f]), Field(f));
    for (const auto& [field, names] : groups)
      for (const char* name : names) out.emplace(header_key(name), field);
    return out;
  }();
  return table;
}

std::string field_list() {
  std::vector<std::string> names(field_names.begin(), field_names.end());
  return util::join(names, ", ");
}

// A --map or --map-file target: a field name, or "" (empty or "-") to ignore the column.
std::string order_field(std::string_view name) {
  const std::string field = util::trim(name);
  if (field.empty() || field == "-") return "";
  if (field_named(field)) return field;
  std::string message = fmt::format("unknown field '{}'", field);
  const std::vector<std::string> names(field_names.begin(), field_names.end());
  if (auto near = util::nearest(field, names))
    message += fmt::format(" (did you mean '{}'?)", *near);
  throw util::UsageError(message + "; fields: " + field_list() + ", or empty to ignore");
}

ExplicitMap parse_order_map(std::string_view option) {
  const auto eq = option.rfind('=');
  if (eq == std::string_view::npos || util::trim(option.substr(0, eq)).empty())
    throw util::UsageError(fmt::format(
        "--map '{}': expected 'Header=field' (an empty field ignores the column)", option));
  const std::string origin = fmt::format("--map '{}'", option);
  try {
    return {util::trim(option.substr(0, eq)), order_field(option.substr(eq + 1)), origin};
  } catch (const util::UsageError& e) {
    throw util::UsageError(fmt::format("{}: {}", origin, e.what()));
  }
}

// Which columns a file of a two-file import may give: the orders file the order's, the
// items file the item's (order_id both).
enum class Role { single, orders, items };

bool allowed(Field f, Role role) {
  if (role == Role::single || f == f_order_id) return true;
  return (role == Role::orders) == (f < order_field_count);
}

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

std::string_view ascii_trim(std::string_view s) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

// A cell as the import reads it: without the formula guard and the blanks around it.
std::string_view cell(const csv::Record& row, const FileMap& map, Field f) {
  const auto c = map.column[f];
  if (c < 0 || static_cast<std::size_t>(c) >= row.fields.size()) return {};
  return ascii_trim(without_formula_guard(row.fields[static_cast<std::size_t>(c)]));
}

bool edge_is_wide(std::string_view s) {
  return !s.empty() && (static_cast<unsigned char>(s.front()) >= 0x80 ||
                        static_cast<unsigned char>(s.back()) >= 0x80);
}
// Unicode blanks at the edges ("　" U+3000, U+00A0) are rare: only then util::trim.
std::string text(std::string_view cell) {
  return edge_is_wide(cell) ? util::trim(cell) : std::string(cell);
}
bool blank(std::string_view cell) {
  return cell.empty() || (edge_is_wide(cell) && util::trim(cell).empty());
}

std::string plural(std::int64_t n, std::string_view word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

// A status cell: a status name, or what shops write for it ("canceled", "已发货").
std::string order_status(std::string_view cell) {
  static const std::unordered_map<std::string, std::string> words = {
      {"canceled", "cancelled"}, {"待付款", "pending"},   {"待支付", "pending"},
      {"已付款", "paid"},        {"已支付", "paid"},      {"已发货", "shipped"},
      {"已签收", "delivered"},   {"已送达", "delivered"}, {"已收货", "delivered"},
      {"已取消", "cancelled"},   {"已退货", "returned"},  {"已退款", "returned"}};
  const auto it = words.find(util::to_lower_ascii(util::trim(cell)));
  return it != words.end() ? it->second : domain::parse_order_status(cell);
}

// The statuses an imported order passes through after pending (domain::status_path), plus
// the optional steps its file gives times for: paid before a cancel, delivered before a
// return.
std::vector<std::string> import_path(const std::string& status, bool paid, bool delivered) {
  auto path = domain::status_path(status);
  if (status == "cancelled" && paid) path.insert(path.begin(), "paid");
  if (status == "returned" && delivered) path.insert(path.end() - 1, "delivered");
  return path;
}

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
  std::vector<ExplicitMap> explicit_maps() const;
  FileMap map_file(const csv::Reader& reader, const std::string& name, Role role,
                   const std::vector<ExplicitMap>& maps, std::vector<bool>& used);
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

// --- setting up ---

void OrderImporter::check_options() {
  if (in_.customer_key != "external_id" && in_.customer_key != "email")
    throw util::UsageError(
        fmt::format("--customer-key '{}': use external_id or email", in_.customer_key));
  by_email_ = in_.customer_key == "email";
  two_files_ = in_.items_file.has_value();
  if (two_files_ && *in_.items_file == "-" && in_.file == "-")
    throw util::UsageError("FILE and --items cannot both be standard input");
  if (!two_files_ && in_.items_rejects)
    throw util::UsageError("--items-rejects goes with --items (a two-file import)");
  if (two_files_ && in_.rejects.has_value() != in_.items_rejects.has_value())
    throw util::UsageError("with --items, give both --rejects and --items-rejects (the rejected "
                           "orders' rows of each file), or neither");
}

std::vector<ExplicitMap> OrderImporter::explicit_maps() const {
  std::vector<ExplicitMap> maps;
  if (in_.map_file) {
    for (const auto& entry : settings::read_string_table(*in_.map_file, "columns")) {
      const std::string origin = fmt::format("{}:{}", *in_.map_file, entry.line);
      try {
        maps.push_back({entry.key, order_field(entry.value), origin});
      } catch (const util::UsageError& e) {
        throw util::UsageError(fmt::format("{}: {}", origin, e.what()));
      }
    }
  }
  for (const auto& option : in_.maps) maps.push_back(parse_order_map(option)); // win over file
  return maps;
}

// The columns of one file: --map first, then field names and aliases. The generic checks
// (duplicate headers, two columns for one field) are map_columns', given every decision.
FileMap OrderImporter::map_file(const csv::Reader& reader, const std::string& name, Role role,
                                const std::vector<ExplicitMap>& maps, std::vector<bool>& used) {
  const auto& raw = reader.raw_header();
  FileMap map;
  map.name = name;
  map.width = raw.size();
  std::vector<std::string> folded;
  for (const auto& header : raw) {
    map.headers.push_back(util::trim(header));
    folded.push_back(util::fold_case(map.headers.back()));
  }
  std::vector<ExplicitMap> decided;
  std::vector<bool> explicit_column(raw.size(), false);
  for (std::size_t m = 0; m < maps.size(); ++m) {
    const auto at = std::find(folded.begin(), folded.end(), util::fold_case(maps[m].header));
    if (at == folded.end()) continue;
    const auto field = maps[m].field.empty() ? std::nullopt : field_named(maps[m].field);
    if (field && !allowed(*field, role))
      throw util::UsageError(fmt::format("{}: {} is a column of the {} file, not of {}",
                                         maps[m].origin, maps[m].field,
                                         role == Role::orders ? "items" : "orders", name));
    used[m] = true;
    explicit_column[static_cast<std::size_t>(at - folded.begin())] = true;
    decided.push_back(maps[m]);
  }
  for (std::size_t i = 0; i < raw.size(); ++i) {
    const std::string& header = map.headers[i];
    if (explicit_column[i] || header.empty()) continue;
    if (header == "_line" || header == "_error") { // what a rejects file adds
      decided.push_back({header, "", "rejects"});
      continue;
    }
    const auto field = order_field_for_header(header);
    const bool take = field && allowed(*field_named(*field), role);
    decided.push_back({header, take ? *field : "", "header"});
    if (!take) summary_.unmapped.push_back(header);
  }
  const Mapping mapping = map_columns(raw, decided, false, name);
  for (std::size_t i = 0; i < mapping.columns.size(); ++i) {
    if (const auto field = field_named(mapping.columns[i].field))
      map.column[*field] = static_cast<std::ptrdiff_t>(i);
  }
  return map;
}

void OrderImporter::require_columns() {
  const auto missing = [](const FileMap& map, std::string_view field, std::string_view hint) {
    return util::UsageError(
        fmt::format("{} has no {} column (its columns: {}): map one with --map 'Header={}'{}",
                    map.name, field, util::join(map.headers, ", "), field, hint));
  };
  for (const FileMap* map : {&order_map(), &item_map()}) {
    if (!map->has(f_order_id))
      throw missing(*map, "order_id", " (order_id, external_id, order_number, 订单号, ...)");
  }
  const std::string_view items_hint =
      two_files_ ? "" : " (a file with a row per order? give its items with --items ITEMS_FILE)";
  if (!item_map().has(f_sku)) throw missing(item_map(), "sku", items_hint);
  if (!item_map().has(f_unit_price)) throw missing(item_map(), "unit_price", items_hint);
  if (!order_map().has(f_placed_at)) throw missing(order_map(), "placed_at", "");
  const Field wanted = by_email_ ? f_customer_email : f_customer_external_id;
  customer_field_ = order_map().has(wanted) ? wanted : f_customer;
  if (!order_map().has(customer_field_))
    throw util::UsageError(fmt::format(
        "--customer-key {}: {} has no {} (or customer) column (its columns: {}): map one with "
        "--map 'Header={}', or use --customer-key {}",
        in_.customer_key, order_map().name, field_names[wanted],
        util::join(order_map().headers, ", "), field_names[wanted],
        by_email_ ? "external_id" : "email"));
  for (std::size_t f = 1; f < order_field_count; ++f) {
    if (order_map().has(Field(f))) header_fields_.push_back(Field(f));
  }
}

void OrderImporter::begin_batch() {
  const auto absolute = [](const std::string& file) {
    return file == "-" ? file : fs::absolute(file).lexically_normal().string();
  };
  batch_.file = absolute(in_.file);
  if (in_.items_file) batch_.items_file = absolute(*in_.items_file);
  batch_.at = ctx_.now();
  batch_.os_user = ctx_.user();
  batch_.command = ctx_.command_line();
  batch_.id = imports_.begin(batch_);
  event_.author = ctx_.user();
  event_.recorded_at = ctx_.now();
  event_.batch_id = batch_.id;
}

OrderImportSummary OrderImporter::run() {
  check_options();
  const auto maps = explicit_maps();
  std::vector<bool> used(maps.size(), false);
  csv::ReaderOptions options;
  options.encoding = in_.encoding;
  options.delimiter = parse_delimiter(in_.delimiter);
  const auto open = [&options](InputFile& input, const std::string& name) {
    auto reader = std::make_unique<csv::Reader>(input.stream(), name, options);
    if (reader->raw_header().empty())
      throw util::DataError(
          fmt::format("{}:1: the file is empty: expected a header line naming the columns", name));
    return reader;
  };
  InputFile input(in_.file);
  const auto reader = open(input, in_.file);
  summary_.encoding = reader->encoding();
  std::optional<InputFile> items_input;
  std::unique_ptr<csv::Reader> items_reader;
  if (two_files_) {
    items_input.emplace(*in_.items_file);
    items_reader = open(*items_input, *in_.items_file);
  }
  map_ = map_file(*reader, in_.file, two_files_ ? Role::orders : Role::single, maps, used);
  if (two_files_) items_map_ = map_file(*items_reader, *in_.items_file, Role::items, maps, used);
  for (std::size_t m = 0; m < maps.size(); ++m) {
    if (used[m]) continue;
    if (!two_files_)
      throw util::UsageError(fmt::format("{}: {} has no column '{}'; its columns: {}",
                                         maps[m].origin, in_.file, maps[m].header,
                                         util::join(map_.headers, ", ")));
    throw util::UsageError(
        fmt::format("{}: neither {} nor {} has a column '{}'; their columns: {}; {}",
                    maps[m].origin, in_.file, *in_.items_file, maps[m].header,
                    util::join(map_.headers, ", "), util::join(items_map_.headers, ", ")));
  }
  require_columns();
  // A dry run writes nothing, not even the rejects files: its table shows every reject.
  if (in_.rejects && !in_.dry_run)
    rejects_.emplace(*in_.rejects, reader->raw_header(), reader->delimiter());
  if (in_.items_rejects && !in_.dry_run)
    items_rejects_.emplace(*in_.items_rejects, items_reader->raw_header(),
                           items_reader->delimiter());

  // A bulk write: a larger page cache keeps the index pages in memory (48 MiB at most).
  db_.exec("PRAGMA cache_size = -49152");
  store::Transaction transaction(db_);
  store_currency_ = store_currency(ctx_).code; // UsageError when money.currency moved away
  default_currency_ = &default_currency(ctx_);
  store_had_orders_ = imports_.has_orders();
  check_suppressions_ =
      in_.create_missing_customers && by_email_ && store::SuppressionRepository(db_).count() > 0;
  default_status_ = ctx_.settings().get_string("customer.default_status");
  begin_batch();
  if (two_files_)
    run_two_files(*reader, *items_reader);
  else
    run_single(*reader);
  if (hooks_.progress) hooks_.progress(summary_.rows + summary_.item_rows);
  if (rejects_) rejects_->finish();
  if (items_rejects_) items_rejects_->finish();
  if (!finish()) {
    transaction.rollback();
    return summary_;
  }
  transaction.commit();
  summary_.batch = batch_.id;
  summary_.committed = true;
  return summary_;
}

// Records the batch when the run is to be committed: not for a dry run, nor when an order
// was rejected (without skip_invalid) or nothing changed.
bool OrderImporter::finish() {
  batch_.created = summary_.created;
  batch_.updated = summary_.updated;
  batch_.unchanged = summary_.unchanged;
  batch_.rejected = summary_.rejected;
  if (summary_.rejected > 0 && !in_.skip_invalid) return false;
  if (in_.dry_run || summary_.created + summary_.updated == 0) return false;
  if (batch_.first_order)
    orders_.refresh_metrics_for_orders(*batch_.first_order, *batch_.last_order);
  audit(ctx_, "order_import", batch_.id, "import", std::nullopt,
        order_import_batch_json(ctx_, batch_));
  batch_.audit_id = db_.last_insert_rowid();
  imports_.finish(batch_);
  return true;
}

// --- reading ---

bool OrderImporter::next_row(csv::Reader& reader, csv::Record& row) {
  if (store::interrupted()) throw util::InterruptedError(); // Ctrl-C between statements
  if (!reader.next(row)) return false;
  std::int64_t& count = &reader == items_reader_ ? summary_.item_rows : summary_.rows;
  ++count;
  const std::int64_t all = summary_.rows + summary_.item_rows;
  if (hooks_.progress && all % 4096 == 0) hooks_.progress(all);
  return true;
}

// One file: the rows of an order follow each other; the row after them starts the next.
void OrderImporter::run_single(csv::Reader& reader) {
  rows_.resize(1);
  bool more = next_row(reader, rows_[0]);
  std::string key;
  while (more) {
    key.assign(cell(rows_[0], map_, f_order_id));
    std::size_t n = 1;
    for (;;) {
      if (n == rows_.size()) rows_.emplace_back();
      more = next_row(reader, rows_[n]);
      if (!more || key.empty() || cell(rows_[n], map_, f_order_id) != key) break;
      ++n;
    }
    import_order(nullptr, {rows_.data(), n});
    if (more) std::swap(rows_[0], rows_[n]);
  }
}

// The next group of item rows (one order id) into rows_[0, items_n_); rows_[0] holds its
// first row (read ahead), rows_[items_n_] the row after it when items_more_.
void OrderImporter::read_items_group() {
  items_checked_ = false;
  if (!items_more_) {
    items_n_ = 0;
    return;
  }
  items_key_.assign(cell(rows_[0], items_map_, f_order_id));
  std::size_t n = 1;
  for (;;) {
    if (n == rows_.size()) rows_.emplace_back();
    items_more_ = next_row(*items_reader_, rows_[n]);
    if (!items_more_ || items_key_.empty() || cell(rows_[n], items_map_, f_order_id) != items_key_)
      break;
    ++n;
  }
  items_n_ = n;
}

void OrderImporter::advance_items() {
  if (items_more_) std::swap(rows_[0], rows_[items_n_]);
  read_items_group();
}

// The items of orders that came before them in the orders file.
void OrderImporter::drain_deferred() {
  while (items_n_ > 0 && !deferred_.empty()) {
    const auto it = deferred_.find(items_key_);
    if (it == deferred_.end()) return;
    const csv::Record order = std::move(it->second);
    deferred_.erase(it);
    import_order(&order, {rows_.data(), items_n_});
    advance_items();
  }
}

// The current item group is for an order this run has imported or rejected already (its items
// are not together), or has no order id: rejected, and the next group read.
bool OrderImporter::reject_if_stray() {
  std::optional<std::size_t> earlier;
  if (items_key_.empty()) {
    reject_items(fmt::format("column '{}' is empty: which order are these items of?",
                             items_map_.header(f_order_id)));
    return true;
  }
  if (const auto it = rejected_keys_.find(items_key_); it != rejected_keys_.end())
    earlier = it->second;
  else if (const auto found = imports_.order_by_external_id(items_key_))
    if (const auto line = seen(found->first)) earlier = line;
  if (!earlier) return false;
  reject_items(fmt::format("these items are apart from the order's other rows (line {} of {}): "
                           "keep the items of one order together",
                           *earlier, map_.name));
  return true;
}

void OrderImporter::reject_items(const std::string& text) {
  ++summary_.orders; // the items of an order that is not there (or not there again)
  ++summary_.rejected;
  add_problem(items_map_.name, rows_[0].line, items_key_, text);
  if (items_rejects_)
    for (std::size_t i = 0; i < items_n_; ++i) items_rejects_->write(rows_[i], text);
  if (hooks_.row) hooks_.row({rows_[0].line, "reject", std::nullopt, items_key_, text});
  advance_items();
  drain_deferred();
}

// Two files: the orders file leads; each order takes the next group of item rows when it is
// for that order. Orders and item groups that come in a different order wait in memory
// (deferred_) for each other; in files listing the orders alike nothing waits.
void OrderImporter::run_two_files(csv::Reader& orders, csv::Reader& items) {
  items_reader_ = &items;
  rows_.resize(1);
  items_more_ = next_row(items, rows_[0]);
  read_items_group();
  csv::Record order;
  std::string key;
  while (next_row(orders, order)) {
    key.assign(cell(order, map_, f_order_id));
    if (!key.empty()) {
      if (const auto it = deferred_.find(key); it != deferred_.end()) {
        ++summary_.orders;
        problems_.clear();
        draft_.key = key;
        draft_.line = order.line;
        problem(again(it->second.line));
        reject(&order, {}, false); // the first row still waits for its items
        continue;
      }
      while (items_n_ > 0 && items_key_ != key && !items_checked_)
        items_checked_ = !reject_if_stray();
    }
    if (key.empty() || (items_n_ > 0 && items_key_ == key)) {
      import_order(&order, key.empty() ? std::span<const csv::Record>()
                                       : std::span<const csv::Record>(rows_.data(), items_n_));
      if (!key.empty()) {
        advance_items();
        drain_deferred();
      }
      continue;
    }
    deferred_.emplace(key, std::move(order));
  }
  while (items_n_ > 0) {
    if (!reject_if_stray()) reject_items(fmt::format("no such order in {}", map_.name));
  }
  std::vector<csv::Record> waiting;
  for (auto& [waiting_key, record] : deferred_) waiting.push_back(std::move(record));
  deferred_.clear();
  std::sort(waiting.begin(), waiting.end(),
            [](const csv::Record& a, const csv::Record& b) { return a.line < b.line; });
  for (const auto& record : waiting) import_order(&record, {});
}

// --- one order ---

void OrderImporter::import_order(const csv::Record* order_row, std::span<const csv::Record> items) {
  ++summary_.orders;
  problems_.clear();
  const csv::Record& first = order_row != nullptr ? *order_row : items.front();
  draft_.line = first.line;
  draft_.key = text(cell(first, order_map(), f_order_id));
  if (draft_.key.empty()) {
    problem(fmt::format("column '{}' is empty: every order needs its order id",
                        order_map().header(f_order_id)));
    return reject(order_row, items);
  }
  if (const auto it = rejected_keys_.find(draft_.key); it != rejected_keys_.end()) {
    problem(again(it->second));
    return reject(order_row, items);
  }
  if (items.empty()) { // two files, and no items came for it: imported twice?
    if (const auto found = imports_.order_by_external_id(draft_.key))
      if (const auto line = seen(found->first)) {
        problem(again(line));
        return reject(order_row, items);
      }
  }
  collect_header(order_row, items);
  parse_header();
  parse_items(items);
  if (problems_.empty()) check_order(!items.empty());
  if (!problems_.empty()) return reject(order_row, items);
  settle(order_row, items);
}

std::string OrderImporter::again(std::size_t earlier) const {
  if (two_files_)
    return fmt::format("twice in {} (lines {} and {})", map_.name, earlier, draft_.line);
  return fmt::format("again after other orders (first at line {}): the rows of one order must "
                     "be together; sort the file by order id",
                     earlier);
}

bool OrderImporter::check_width(const csv::Record& row, const FileMap& map, bool in_items) {
  const auto& fields = row.fields;
  if (fields.size() == map.width) return true;
  bool extra_empty = fields.size() > map.width;
  for (std::size_t i = map.width; extra_empty && i < fields.size(); ++i)
    extra_empty = util::trim(fields[i]).empty();
  if (extra_empty) return true;
  problem(in_items, row.line,
          fmt::format("{} fields, but the header has {}", fields.size(), map.width));
  return false;
}

// The order's cells: its row in the orders file, or (one file) the first value of each column
// among its rows; a different value on a later row is a problem (blank cells take the first).
void OrderImporter::collect_header(const csv::Record* order_row,
                                   std::span<const csv::Record> items) {
  const FileMap& map = order_map();
  if (order_row != nullptr) {
    check_width(*order_row, map, false);
    for (const Field f : header_fields_) {
      head_[f] = cell(*order_row, map, f);
      head_line_[f] = order_row->line;
    }
    return;
  }
  for (const Field f : header_fields_) {
    head_[f] = {};
    head_line_[f] = items.front().line;
    for (const auto& row : items) {
      const std::string_view value = cell(row, map, f);
      if (blank(value)) continue;
      if (head_[f].empty()) {
        head_[f] = value;
        head_line_[f] = row.line;
      } else if (value != head_[f]) {
        problem(false, row.line,
                f == f_currency
                    ? fmt::format("two currencies in one order: {} here, {} on line {}", value,
                                  head_[f], head_line_[f])
                    : fmt::format("column '{}': '{}' here, but '{}' on line {}: the order's "
                                  "columns must agree on all its rows",
                                  map.header(f), value, head_[f], head_line_[f]));
      }
    }
  }
}

// Runs `parse` on the order cell of `f` when it is not blank; its UsageError becomes a
// problem naming the column.
template <typename Parse> void OrderImporter::parse_cell(Field f, Parse parse) {
  if (!order_map().has(f) || blank(head_[f])) return;
  try {
    parse(head_[f]);
  } catch (const util::UsageError& e) {
    problem(false, head_line_[f], fmt::format("column '{}': {}", order_map().header(f), e.what()));
  }
}

std::optional<std::int64_t> OrderImporter::amount(Field f) {
  std::optional<std::int64_t> value;
  if (draft_.currency != nullptr)
    parse_cell(f, [&](std::string_view c) { value = domain::parse_amount(c, *draft_.currency); });
  return value;
}

void OrderImporter::parse_header() {
  Order& o = draft_.order;
  o.external_id = draft_.key;
  o.customer_id = 0;
  o.status = "pending";
  o.tracking.reset();
  o.subtotal = o.total = o.refunded = o.value = 0;
  draft_.customer.clear();
  draft_.at.fill(std::nullopt);
  const FileMap& map = order_map();
  if (blank(head_[customer_field_])) {
    const Field other = by_email_ ? f_customer_external_id : f_customer_email;
    const bool hint = map.has(other) && !blank(head_[other]);
    problem(false, head_line_[customer_field_],
            fmt::format("column '{}' is empty: whose order is it?{}", map.header(customer_field_),
                        hint ? fmt::format(" (--customer-key {} reads column '{}')",
                                           by_email_ ? "external_id" : "email", map.header(other))
                             : std::string()));
  }
  parse_cell(customer_field_, [&](std::string_view c) {
    draft_.customer = by_email_ ? domain::normalize_email(c) : text(c);
  });
  if (blank(head_[f_placed_at]))
    problem(
        false, head_line_[f_placed_at],
        fmt::format("column '{}' is empty: when was the order placed?", map.header(f_placed_at)));
  parse_cell(f_placed_at, [&](std::string_view c) { o.placed_at = ctx_.parse_time(c); });
  parse_cell(f_status, [&](std::string_view c) { o.status = order_status(c); });
  draft_.currency = default_currency_;
  if (map.has(f_currency) && !blank(head_[f_currency])) {
    if (currency_of_text_ != nullptr && head_[f_currency] == currency_text_) {
      draft_.currency = currency_of_text_; // the same as the order before
    } else {
      draft_.currency = nullptr;
      parse_cell(f_currency, [&](std::string_view c) {
        draft_.currency = currency_of_text_ = &domain::currency(c);
        currency_text_.assign(c);
      });
    }
  }
  if (draft_.currency != nullptr) o.currency = draft_.currency->code;
  o.shipping = amount(f_shipping).value_or(0);
  o.discount = amount(f_discount).value_or(0);
  const auto refunded = amount(f_refunded);
  draft_.refund_given = refunded.has_value();
  o.refunded = refunded.value_or(0);
  draft_.stated_subtotal = amount(f_subtotal);
  draft_.stated_total = amount(f_total);
  parse_cell(f_tracking,
             [&](std::string_view c) { o.tracking = domain::normalize_text(c, "tracking"); });
  for (std::size_t i = 0; i < draft_.at.size(); ++i)
    parse_cell(time_field(i), [&](std::string_view c) { draft_.at[i] = ctx_.parse_time(c); });
}

void OrderImporter::parse_items(std::span<const csv::Record> items) {
  auto& list = draft_.order.items;
  list.resize(items.size());
  std::vector<std::pair<int, std::size_t>> lines; // (line column, file line) when given
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (const auto line = parse_item(items[i], list[i])) lines.emplace_back(*line, items[i].line);
  }
  if (lines.empty() || !problems_.empty()) return;
  // Lines given: the items in their order, each line once.
  const FileMap& map = item_map();
  if (lines.size() != items.size()) {
    problem(two_files_, items.front().line,
            fmt::format("column '{}' is set on some of the order's rows only", map.header(f_line)));
    return;
  }
  for (std::size_t i = 0; i < list.size(); ++i) list[i].line = lines[i].first;
  std::sort(lines.begin(), lines.end());
  for (std::size_t i = 1; i < lines.size(); ++i) {
    if (lines[i].first == lines[i - 1].first)
      problem(two_files_, lines[i].second,
              fmt::format("line {} twice (rows at lines {} and {})", lines[i].first,
                          lines[i - 1].second, lines[i].second));
  }
  std::stable_sort(list.begin(), list.end(),
                   [](const auto& a, const auto& b) { return a.line < b.line; });
}

// One item row into `item`; returns its line column when it has one.
std::optional<int> OrderImporter::parse_item(const csv::Record& row, domain::OrderItem& item) {
  const FileMap& map = item_map();
  if (!check_width(row, map, two_files_)) return std::nullopt;
  const auto fail = [&](Field f, const std::string& why) {
    problem(two_files_, row.line, fmt::format("column '{}': {}", map.header(f), why));
  };
  const auto value = [&](Field f) { return map.has(f) ? cell(row, map, f) : std::string_view(); };
  if (const auto sku = value(f_sku); blank(sku))
    fail(f_sku, "empty: every item needs its SKU");
  else
    item.sku = text(sku);
  item.name.reset();
  if (const auto name = value(f_name); !blank(name)) {
    try {
      item.name = domain::normalize_text(name, "name");
    } catch (const util::UsageError& e) {
      fail(f_name, e.what());
    }
  }
  item.quantity = 1;
  if (const auto quantity = value(f_quantity); !blank(quantity)) {
    const auto n = util::parse_int(text(quantity));
    if (!n)
      fail(f_quantity, fmt::format("'{}' is not a whole number", quantity));
    else if (*n <= 0)
      fail(f_quantity, *n < 0 ? fmt::format("negative quantity {}", *n)
                              : std::string("the quantity must be greater than 0"));
    else
      item.quantity = *n;
  }
  if (const auto price = value(f_unit_price); blank(price)) {
    fail(f_unit_price, "empty: every item needs its unit price");
  } else if (draft_.currency != nullptr) {
    try {
      item.unit_price = domain::parse_amount(price, *draft_.currency);
    } catch (const util::UsageError& e) {
      fail(f_unit_price, e.what());
    }
  }
  const auto line = value(f_line);
  if (blank(line)) return std::nullopt;
  const auto n = util::parse_int(text(line));
  if (n && *n > 0 && *n <= 1000000) return static_cast<int>(*n);
  fail(f_line, fmt::format("'{}' is not a line number (1, 2, ...)", line));
  return std::nullopt;
}

// The order as a whole: totals, refund, and which status times it may have.
void OrderImporter::check_order(bool has_items) {
  Order& o = draft_.order;
  if (!has_items) {
    problem(fmt::format("no items in {}", items_map_.name));
    return;
  }
  try {
    domain::compute_totals(o);
  } catch (const util::UsageError& e) {
    problem(e.what());
    return;
  }
  const std::string code(draft_.currency->code);
  if (o.status == "returned") {
    if (!draft_.refund_given)
      o.refunded = o.total; // returned, no amount: refunded in full
    else if (o.refunded == 0)
      problem(false, head_line_[f_refunded],
              fmt::format("column '{}' is 0, but a returned order refunds something (leave it "
                          "empty for a full refund)",
                          order_map().header(f_refunded)));
  } else if (o.refunded != 0) {
    problem(false, head_line_[f_refunded],
            fmt::format("column '{}': {} {}, but only a returned order has a refund (this one is "
                        "{})",
                        order_map().header(f_refunded), money(o.refunded), code, o.status));
  }
  if (draft_.stated_subtotal && *draft_.stated_subtotal != o.subtotal)
    problem(false, head_line_[f_subtotal],
            fmt::format("subtotal {} {} in the file, but the items add up to {} {}",
                        money(*draft_.stated_subtotal), code, money(o.subtotal), code));
  if (draft_.stated_total && *draft_.stated_total != o.total)
    problem(false, head_line_[f_total],
            fmt::format("total {} {} in the file, but the items, shipping and discount make {} {}",
                        money(*draft_.stated_total), code, money(o.total), code));
  check_times();
}

// The status times: only for statuses the order went through, none before it was placed.
void OrderImporter::check_times() {
  const Order& o = draft_.order;
  const auto path = import_path(o.status, draft_.at[0].has_value(), draft_.at[2].has_value());
  for (std::size_t i = 0; i < draft_.at.size(); ++i) {
    if (!draft_.at[i]) continue;
    const Field f = time_field(i);
    const std::string_view status = store::timed_statuses[i];
    if (std::find(path.begin(), path.end(), status) == path.end())
      problem(false, head_line_[f],
              fmt::format("column '{}' is set, but a {} order was never {}", order_map().header(f),
                          o.status, status));
    else if (*draft_.at[i] < o.placed_at)
      problem(false, head_line_[f],
              fmt::format("column '{}': {} is before the order was placed ({})",
                          order_map().header(f), util::format_iso_utc(*draft_.at[i]),
                          util::format_iso_utc(o.placed_at)));
  }
}

// --- writing ---

void OrderImporter::settle(const csv::Record* order_row, std::span<const csv::Record> items) {
  if (store_had_orders_) {
    if (auto stored = orders_.find_by_external_id(draft_.key)) {
      if (const auto line = seen(stored->id)) {
        problem(again(line));
        return reject(order_row, items);
      }
      return compare(*stored, order_row, items);
    }
  }
  std::string why;
  bool missing = false;
  auto customer = find_customer(why, missing);
  if (!customer && missing && in_.create_missing_customers) {
    // Into a store that had no orders there was no lookup above: make sure the order is not
    // this file's again before a customer is created for it.
    if (!store_had_orders_) {
      if (const auto found = imports_.order_by_external_id(draft_.key)) {
        problem(again(seen(found->first)));
        return reject(order_row, items);
      }
    }
    customer = create_customer();
    if (!customer) return reject(order_row, items);
  }
  if (!customer) {
    problem(false, head_line_[customer_field_], why);
    return reject(order_row, items);
  }
  create(*customer, order_row, items);
}

// The customer of the draft, by --customer-key. Nothing found: nullopt, `why` says why, and
// `missing` tells a customer that does not exist from a deleted one.
std::optional<CustomerId> OrderImporter::find_customer(std::string& why, bool& missing) {
  missing = false;
  if (draft_.customer == customer_key_ && customer_id_ != 0) return customer_id_;
  const auto found = by_email_
                         ? imports_.live_customer_by_email_key(domain::email_key(draft_.customer))
                         : imports_.customer_by_external_id(draft_.customer);
  if (found && found->deleted) {
    why = fmt::format("customer {} (external id {}) is deleted: restore it first ('crm customer "
                      "restore {}')",
                      found->id, draft_.customer, found->id);
    return std::nullopt;
  }
  if (!found) {
    missing = true;
    why = fmt::format("no customer with {} {}: add it first, or pass "
                      "--create-missing-customers",
                      by_email_ ? "email" : "external id", draft_.customer);
    return std::nullopt;
  }
  customer_key_ = draft_.customer;
  customer_id_ = found->id;
  return found->id;
}

std::optional<CustomerId> OrderImporter::create_customer() {
  domain::Customer c;
  try {
    if (by_email_)
      c.email = draft_.customer;
    else
      c.external_id = domain::normalize_field("external_id", draft_.customer);
  } catch (const util::UsageError& e) {
    problem(false, head_line_[customer_field_],
            fmt::format("column '{}': {}", order_map().header(customer_field_), e.what()));
    return std::nullopt;
  }
  if (check_suppressions_) {
    if (auto message = forgotten_contact_message(db_, c); !message.empty()) {
      problem(false, head_line_[customer_field_], message);
      return std::nullopt;
    }
  }
  c.status = default_status_;
  c.created_at = c.updated_at = ctx_.now();
  c.id = customers_.insert_checked(c);
  if (!batch_.first_customer) batch_.first_customer = c.id;
  batch_.last_customer = c.id;
  ++summary_.customers_created;
  customer_key_ = draft_.customer;
  customer_id_ = c.id;
  return c.id;
}

// actions::order_value, without its per-order setting lookups for an order in the store
// currency once the first call has pinned that currency.
std::int64_t OrderImporter::value_of(const Order& order) {
  if (currency_pinned_ && order.currency == store_currency_)
    return domain::money_sub(order.total, order.refunded);
  std::int64_t value = 0;
  try {
    value = order_value(ctx_, order);
  } catch (const util::UsageError& e) { // no exchange rate: a setting, not this order's fault
    throw util::UsageError(
        fmt::format("{}:{}: order {}: {}", map_.name, draft_.line, draft_.key, e.what()));
  }
  currency_pinned_ = true;
  return value;
}

void OrderImporter::create(CustomerId customer, const csv::Record* order_row,
                           std::span<const csv::Record> items) {
  Order& o = draft_.order;
  o.customer_id = customer;
  o.batch_id = batch_.id;
  o.created_at = o.updated_at = ctx_.now();
  o.value = value_of(o);
  OrderId id = 0;
  try {
    id = orders_.insert(o, false);
  } catch (const util::ConflictError&) { // only into a store that had no orders: this file's
    const auto found = imports_.order_by_external_id(draft_.key);
    problem(again(found ? seen(found->first) : 0));
    return reject(order_row, items);
  }
  if (!batch_.first_order) batch_.first_order = id;
  batch_.last_order = id;
  mark_seen(id, draft_.line);
  event_.order_id = id;
  event_.kind = "placed";
  event_.at = o.placed_at;
  event_.tracking.reset();
  event_.refund.reset();
  orders_.add_event(event_);
  // The final status without its time: when the last step before it happened.
  util::Timestamp last_at = o.placed_at;
  for (const auto& at : draft_.at)
    if (at) last_at = std::max(last_at, *at);
  write_events(id, import_path(o.status, draft_.at[0].has_value(), draft_.at[2].has_value()),
               last_at, o.refunded, o.tracking);
  ++summary_.created;
  if (hooks_.row)
    outcome("create", id,
            fmt::format("{}, {} {}, {}", plural(static_cast<std::int64_t>(o.items.size()), "item"),
                        money(o.total), o.currency, o.status));
}

// An event per step that has its time in the file; the last step always, at its time or at
// `last_at`.
void OrderImporter::write_events(OrderId id, const std::vector<std::string>& steps,
                                 util::Timestamp last_at, std::int64_t refund,
                                 const domain::OptText& tracking) {
  event_.order_id = id;
  for (std::size_t k = 0; k < steps.size(); ++k) {
    const auto& status = steps[k];
    const auto i = static_cast<std::size_t>(
        std::find(store::timed_statuses.begin(), store::timed_statuses.end(), status) -
        store::timed_statuses.begin());
    const auto at = draft_.at[i];
    if (!at && k + 1 < steps.size()) continue;
    event_.kind = status;
    event_.at = at.value_or(last_at);
    event_.tracking = status == "shipped" ? tracking : std::nullopt;
    event_.refund = status == "returned" ? std::optional(refund) : std::nullopt;
    orders_.add_event(event_);
  }
}

// An order already in the store: the same (unchanged), a later status (moved on), or
// different (a problem: an order is imported once).
void OrderImporter::compare(const Order& stored, const csv::Record* order_row,
                            std::span<const csv::Record> items) {
  std::string why;
  bool missing = false;
  const auto customer = find_customer(why, missing);
  const auto diffs = differences(stored, customer, why);
  const Order& file = draft_.order;
  if (!diffs.empty()) {
    problem(fmt::format("differs from order {} in the store: {} (an order is imported once; "
                        "change it with crm order status)",
                        stored.id, util::join(diffs, "; ")));
    return reject(order_row, items);
  }
  if (file.status == stored.status) {
    if (file.status == "returned" && file.refunded > stored.refunded)
      return move_on(stored, {"returned"}); // a further refund
    mark_seen(stored.id, draft_.line);
    ++summary_.unchanged;
    if (hooks_.row) outcome("unchanged", stored.id, "");
    return;
  }
  // The steps from the stored status to the file's (import_path, counting the stored one).
  std::vector<std::string> steps;
  if (file.status != "pending") {
    const auto path = import_path(file.status, draft_.at[0] || stored.status == "paid",
                                  draft_.at[2] || stored.status == "delivered");
    const auto at = std::find(path.begin(), path.end(), stored.status);
    if (stored.status == "pending")
      steps = path;
    else if (at != path.end())
      steps.assign(at + 1, path.end());
  }
  if (steps.empty()) {
    const auto next = domain::next_statuses(stored.status);
    problem(false, head_line_[f_status],
            fmt::format("status: {} in the store (order {}), {} in the file: {}", stored.status,
                        stored.id, file.status,
                        next.empty() ? fmt::format("{} is final", stored.status)
                                     : fmt::format("{} can only become {}", stored.status,
                                                   util::join(next, " or "))));
    return reject(order_row, items);
  }
  move_on(stored, steps);
}

std::vector<std::string> OrderImporter::differences(const Order& stored,
                                                    std::optional<CustomerId> customer,
                                                    const std::string& why) {
  const Order& file = draft_.order;
  std::vector<std::string> diffs;
  const auto differ = [&diffs](std::string_view what, const std::string& in_store,
                               const std::string& in_file) {
    if (in_store != in_file)
      diffs.push_back(fmt::format("{}: {} in the store, {} in the file", what, in_store, in_file));
  };
  if (!customer)
    diffs.push_back(fmt::format("customer: {}", why));
  else if (*customer != stored.customer_id)
    diffs.push_back(fmt::format("customer: {} in the store, {} ({}) in the file",
                                stored.customer_id, *customer, draft_.customer));
  differ("currency", stored.currency, file.currency);
  if (!diffs.empty() && stored.currency != file.currency) return diffs; // amounts mean nothing
  differ("placed_at", util::format_iso_utc(stored.placed_at), util::format_iso_utc(file.placed_at));
  const auto& currency = *draft_.currency;
  const auto item_text = [&currency](const domain::OrderItem& i) {
    return fmt::format("{} x {} at {}{}", i.quantity, i.sku,
                       domain::format_amount(i.unit_price, currency),
                       i.name ? fmt::format(" ({})", *i.name) : std::string());
  };
  if (stored.items.size() != file.items.size()) {
    differ("items", plural(static_cast<std::int64_t>(stored.items.size()), "item"),
           plural(static_cast<std::int64_t>(file.items.size()), "item"));
  } else {
    for (std::size_t i = 0; i < stored.items.size(); ++i) {
      const auto a = item_text(stored.items[i]), b = item_text(file.items[i]);
      if (a != b) {
        differ(fmt::format("item {}", i + 1), a, b);
        break;
      }
    }
  }
  differ("shipping", money(stored.shipping), money(file.shipping));
  differ("discount", money(stored.discount), money(file.discount));
  // A refund goes up with a return only; a tracking number is added once.
  if (file.refunded < stored.refunded ||
      (file.refunded > stored.refunded && file.status != "returned"))
    differ("refunded", money(stored.refunded), money(file.refunded));
  if (file.tracking && stored.tracking)
    differ("tracking", *stored.tracking, *file.tracking);
  else if (file.tracking && file.status == stored.status)
    differ("tracking", "(none)", *file.tracking);
  return diffs;
}

util::Json order_before_json(const Order& order) {
  return util::Json::object()
      .set("status", order.status)
      .set("refunded", order.refunded)
      .set("value", order.value)
      .set("tracking", order.tracking ? util::Json(*order.tracking) : util::Json())
      .set("updated_at", order.updated_at);
}

void OrderImporter::move_on(const Order& stored, const std::vector<std::string>& steps) {
  const Order& file = draft_.order;
  Order after = stored;
  after.status = file.status;
  std::int64_t refund = 0;
  std::vector<std::string> changes{fmt::format("status: {} -> {}", stored.status, file.status)};
  if (file.status == "returned") {
    refund = file.refunded - stored.refunded;
    after.refunded = file.refunded;
    changes.push_back(
        fmt::format("refunded: {} -> {}", money(stored.refunded), money(after.refunded)));
  }
  if (file.tracking && !stored.tracking) {
    after.tracking = file.tracking;
    changes.push_back(fmt::format("tracking: {}", *after.tracking));
  }
  after.value = value_of(after);
  after.updated_at = ctx_.now();
  imports_.record_update(batch_.id, stored.id, order_before_json(stored).dump());
  orders_.update(after);
  write_events(stored.id, steps, ctx_.now(), refund, after.tracking);
  mark_seen(stored.id, draft_.line);
  ++summary_.updated;
  outcome("update", stored.id, util::join(changes, "; "));
}

// --- outcomes ---

void OrderImporter::problem(bool in_items, std::size_t line, std::string text) {
  problems_.push_back({in_items && two_files_, line, std::move(text)});
}

void OrderImporter::add_problem(const std::string& file, std::size_t line, const std::string& key,
                                const std::string& text) {
  if (summary_.problems.size() >= max_problems) {
    ++summary_.problems_omitted;
    return;
  }
  summary_.problems.push_back(key.empty()
                                  ? fmt::format("{}:{}: {}", file, line, text)
                                  : fmt::format("{}:{}: order {}: {}", file, line, key, text));
}

void OrderImporter::reject(const csv::Record* order_row, std::span<const csv::Record> items,
                           bool remember) {
  ++summary_.rejected;
  std::vector<std::string> texts;
  for (const auto& p : problems_) {
    add_problem(p.in_items ? items_map_.name : map_.name, p.line, draft_.key, p.text);
    texts.push_back(p.text);
  }
  const std::string error = util::join(texts, "; ");
  if (two_files_) {
    if (rejects_ && order_row != nullptr) rejects_->write(*order_row, error);
    if (items_rejects_)
      for (const auto& row : items) items_rejects_->write(row, error);
  } else if (rejects_) {
    for (const auto& row : items) rejects_->write(row, error);
  }
  if (remember && !draft_.key.empty()) rejected_keys_.emplace(draft_.key, draft_.line);
  outcome("reject", std::nullopt, error);
}

void OrderImporter::outcome(std::string action, std::optional<OrderId> id, std::string detail) {
  if (hooks_.row)
    hooks_.row(OrderImportRow{draft_.line, std::move(action), id, draft_.key, std::move(detail)});
}

constexpr OrderId dense_ids = OrderId{1} << 26; // seen_ holds ids below this (4 bytes each)

void OrderImporter::mark_seen(OrderId id, std::size_t line) {
  if (id > 0 && id < dense_ids) {
    const auto i = static_cast<std::size_t>(id);
    if (i >= seen_.size()) seen_.resize(std::max(i + 1, seen_.size() * 2));
    seen_[i] = static_cast<std::uint32_t>(std::min<std::size_t>(line, UINT32_MAX));
  } else {
    seen_far_[id] = line;
  }
}

std::size_t OrderImporter::seen(OrderId id) const {
  if (id > 0 && id < dense_ids)
    return static_cast<std::size_t>(id) < seen_.size() ? seen_[static_cast<std::size_t>(id)] : 0;
  const auto it = seen_far_.find(id);
  return it == seen_far_.end() ? 0 : it->second;
}

Order restored_order(Order order, const util::Json& before) {
  order.status = before.find("status")->as_string();
  order.refunded = before.find("refunded")->as_int();
  order.value = before.find("value")->as_int();
  const auto* tracking = before.find("tracking");
  order.tracking = tracking->is_null() ? domain::OptText() : domain::OptText(tracking->as_string());
  order.updated_at = before.find("updated_at")->as_int();
  return order;
}

} // namespace

const std::vector<std::string>& order_import_fields() {
  static const std::vector<std::string> fields(field_names.begin(), field_names.end());
  return fields;
}

std::optional<std::string> order_field_for_header(std::string_view header) {
  const std::string trimmed = util::trim(header);
  if (trimmed == "_line" || trimmed == "_error") return std::nullopt; // a rejects file's
  const auto& table = aliases();
  const auto it = table.find(header_key(header));
  if (it == table.end()) return std::nullopt;
  return std::string(field_names[it->second]);
}

util::Json OrderImportSummary::json() const {
  return util::Json::object()
      .set("batch", batch ? util::Json(*batch) : util::Json())
      .set("created", created)
      .set("updated", updated)
      .set("unchanged", unchanged)
      .set("rejected", rejected)
      .set("customers_created", customers_created);
}

OrderImportSummary import_orders(Context& ctx, const ImportOrders& input,
                                 const OrderImportHooks& hooks) {
  OrderImporter importer(ctx, input, hooks);
  return importer.run();
}

OrderUndoSummary undo_order_import(Context& ctx, std::int64_t batch_id, bool dry_run) {
  store::OrderImportRepository imports(ctx.db());
  store::Transaction transaction(ctx.db());
  const auto batch = imports.find(batch_id);
  if (!batch) throw util::NotFoundError(fmt::format("no order import batch {}", batch_id));
  if (batch->undone_at)
    throw util::ConflictError(fmt::format("order import batch {} was already undone ({})", batch_id,
                                          util::format_iso_utc(*batch->undone_at)));
  const auto later = imports.later_changes(*batch, 11);
  if (!later.empty()) {
    std::vector<std::string> which;
    for (std::size_t i = 0; i < later.size() && i < 10; ++i)
      which.push_back(fmt::format("order {} ({})", later[i].order, later[i].what));
    throw util::ConflictError(fmt::format(
        "order import batch {} cannot be undone: later changes touched its orders: {}{}; "
        "nothing was changed",
        batch_id, util::join(which, ", "), later.size() > 10 ? ", ..." : ""));
  }
  OrderUndoSummary summary;
  summary.batch = batch_id;
  store::OrderRepository orders(ctx.db());
  imports.for_each_update(batch_id, [&](OrderId id, const std::string& text) {
    const auto current = orders.find(id);
    if (!current) return;
    orders.update(restored_order(*current, util::Json::parse(text)));
    ++summary.restored;
  });
  imports.delete_events(batch_id);
  const auto removed = imports.delete_created_orders(*batch);
  summary.deleted = removed.orders;
  for (const auto customer : removed.customers) orders.refresh_metrics(customer);
  summary.customers_deleted = imports.delete_created_customers(*batch);
  if (dry_run) {
    transaction.rollback();
    return summary;
  }
  imports.mark_undone(batch_id, ctx.now());
  audit(ctx, "order_import", batch_id, "undo", std::nullopt,
        util::Json::object()
            .set("deleted", summary.deleted)
            .set("restored", summary.restored)
            .set("customers_deleted", summary.customers_deleted));
  transaction.commit();
  return summary;
}

std::vector<store::OrderImportBatch> list_order_imports(Context& ctx, std::int64_t limit) {
  return store::OrderImportRepository(ctx.db()).list(limit);
}

util::Json order_import_batch_json(const Context& ctx, const store::OrderImportBatch& b) {
  const std::int64_t customers = b.first_customer ? *b.last_customer - *b.first_customer + 1 : 0;
  return util::Json::object()
      .set("batch", b.id)
      .set("at", ctx.time_json(b.at))
      .set("user", b.os_user)
      .set("created", b.created)
      .set("updated", b.updated)
      .set("unchanged", b.unchanged)
      .set("rejected", b.rejected)
      .set("customers_created", customers)
      .set("undone_at", ctx.time_json(b.undone_at))
      .set("file", b.file)
      .set("items_file", b.items_file ? util::Json(*b.items_file) : util::Json());
}

} // namespace crm::actions
