// The order import, one order's rows: its cells parsed into the draft, then checked as a
// whole (totals, refund, status times). See order_importer.hpp.
#include <algorithm>
#include <utility>

#include <fmt/format.h>

#include "actions/order_importer.hpp"
#include "domain/validate.hpp"
#include "util/error.hpp"
#include "util/strings.hpp"

namespace crm::actions::order_import_detail {

std::vector<std::string> import_path(const std::string& status, bool paid, bool delivered) {
  auto path = domain::status_path(status);
  if (status == "cancelled" && paid) path.insert(path.begin(), "paid");
  if (status == "returned" && delivered) path.insert(path.end() - 1, "delivered");
  return path;
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

} // namespace crm::actions::order_import_detail
