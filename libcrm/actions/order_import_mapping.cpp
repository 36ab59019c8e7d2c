#include "actions/order_import_mapping.hpp"

#include <algorithm>
#include <optional>
#include <unordered_map>
#include <utility>

#include <fmt/format.h>

#include "domain/order.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

namespace crm::actions {

namespace order_import_detail {

namespace {

std::optional<Field> field_named(std::string_view name) {
  const auto at = std::find(field_names.begin(), field_names.end(), name);
  if (at == field_names.end()) return std::nullopt;
  return static_cast<Field>(at - field_names.begin());
}

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

// Which columns a file of a two-file import may give: the orders file the order's, the
// items file the item's (order_id both).
enum class Role { single, orders, items };

bool allowed(Field f, Role role) {
  if (role == Role::single || f == f_order_id) return true;
  return (role == Role::orders) == (f < order_field_count);
}

// The columns of one file: --map first, then field names and aliases; `used` marks the maps
// it took. The generic checks (duplicate headers, two columns for one field) are
// map_columns', given every decision.
FileMap map_file(const std::vector<std::string>& raw, const std::string& name, Role role,
                 const std::vector<ExplicitMap>& maps, std::vector<bool>& used,
                 std::vector<std::string>& unmapped) {
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
    if (!take) unmapped.push_back(header);
  }
  const Mapping mapping = map_columns(raw, decided, false, name);
  for (std::size_t i = 0; i < mapping.columns.size(); ++i) {
    if (const auto field = field_named(mapping.columns[i].field))
      map.column[*field] = static_cast<std::ptrdiff_t>(i);
  }
  return map;
}

} // namespace

std::string order_status(std::string_view cell) {
  static const std::unordered_map<std::string, std::string> words = {
      {"canceled", "cancelled"}, {"待付款", "pending"},   {"待支付", "pending"},
      {"已付款", "paid"},        {"已支付", "paid"},      {"已发货", "shipped"},
      {"已签收", "delivered"},   {"已送达", "delivered"}, {"已收货", "delivered"},
      {"已取消", "cancelled"},   {"已退货", "returned"},  {"已退款", "returned"}};
  const auto it = words.find(util::to_lower_ascii(util::trim(cell)));
  return it != words.end() ? it->second : domain::parse_order_status(cell);
}

std::vector<ExplicitMap> explicit_maps(const ImportOrders& in) {
  return actions::explicit_maps(in.map_file, in.maps, order_field);
}

FileMaps map_files(const ImportOrders& in, const std::vector<ExplicitMap>& maps,
                   const std::vector<std::string>& header,
                   const std::vector<std::string>* items_header) {
  const bool two_files = items_header != nullptr;
  FileMaps files;
  std::vector<bool> used(maps.size(), false);
  files.orders = map_file(header, in.file, two_files ? Role::orders : Role::single, maps, used,
                          files.unmapped);
  if (two_files)
    files.items = map_file(*items_header, *in.items_file, Role::items, maps, used, files.unmapped);
  for (std::size_t m = 0; m < maps.size(); ++m) {
    if (used[m]) continue;
    if (!two_files)
      throw util::UsageError(fmt::format("{}: {} has no column '{}'; its columns: {}",
                                         maps[m].origin, in.file, maps[m].header,
                                         util::join(files.orders.headers, ", ")));
    throw util::UsageError(
        fmt::format("{}: neither {} nor {} has a column '{}'; their columns: {}; {}",
                    maps[m].origin, in.file, *in.items_file, maps[m].header,
                    util::join(files.orders.headers, ", "), util::join(files.items.headers, ", ")));
  }
  return files;
}

} // namespace order_import_detail

using order_import_detail::aliases;
using order_import_detail::field_names;

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

} // namespace crm::actions
