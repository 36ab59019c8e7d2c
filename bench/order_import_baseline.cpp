// crm-bench-order-import-baseline: the yardstick of issue 4 ("importing the orders and items
// takes at most 1.5x a minimal C++ prepared-insert loop into the same schema"): a minimal loop
// that loads a crm-bench-gen-orders file (a row per item, the order's columns repeated) into
// a store that holds its customers (made by crm-bench-gen, or `crm init` + customer import).
//
//   crm-bench-order-import-baseline --db STORE --csv FILE [--cache-kib N]
//
// --cache-kib N sets SQLite's page cache (PRAGMA cache_size = -N) as `crm order import` does
// for its transaction (49152: 48 MiB); without it the loop runs with SQLite's default (2 MiB).
//
// In one transaction, with crm's connection settings (WAL, synchronous=NORMAL, foreign keys
// on) and prepared statements reused: one order_import_batches row; per order one SELECT of
// the customer by external_id, one INSERT into orders (subtotal and total computed from the
// items with domain's exact money code; a returned order without a refunded amount refunded
// in full; value = total - refunded), one INSERT per item, and one INSERT into order_events
// per event (placed, then each status the order went through: domain::status_path, plus paid
// before a cancel and delivered before a return when the file has their times); then the one
// set-based recompute of customer_metrics for the customers of the new orders. Lines are split
// on commas (the generated file has no quoted field); times are the generator's
// YYYY-MM-DDTHH:MM:SSZ. No validation beyond what computing needs, no duplicate check, no
// audit. Reports "crm-bench-order-import-baseline: orders=N items=M events=E seconds=S
// orders_per_s=R" on stderr.
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iostream>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <pwd.h>
#include <sqlite3.h>

#include "baseline.hpp"
#include <unistd.h>

#include "domain/money.hpp"
#include "domain/order.hpp"

namespace {

using crm::bench::chomp;
using crm::bench::split;
using crm::bench::Sqlite;

using namespace crm;

// A prepared statement, reused: bind, step, reset.
class Statement {
public:
  Statement(Sqlite& db, const std::string& sql) : db_(db) {
    if (sqlite3_prepare_v2(db.handle(), sql.c_str(), -1, &stmt_, nullptr) != SQLITE_OK)
      db.fail(sql);
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  void bind(int i, std::int64_t v) { sqlite3_bind_int64(stmt_, i, v); }
  void bind(int i, std::string_view v) {
    sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
  }
  void bind_null(int i) { sqlite3_bind_null(stmt_, i); }
  void bind_text_or_null(int i, std::string_view v) {
    if (v.empty()) {
      bind_null(i);
    } else {
      bind(i, v);
    }
  }
  void bind_int_or_null(int i, const std::optional<std::int64_t>& v) {
    if (v) {
      bind(i, *v);
    } else {
      bind_null(i);
    }
  }
  // Steps once; true when a row came back.
  bool step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc != SQLITE_DONE) db_.fail("step");
    return false;
  }
  std::int64_t column(int i) { return sqlite3_column_int64(stmt_, i); }
  void reset() { sqlite3_reset(stmt_); }

private:
  Sqlite& db_;
  sqlite3_stmt* stmt_ = nullptr;
};

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

// "2024-03-05T14:07:09Z" -> Unix seconds.
std::int64_t parse_time(std::string_view t) {
  const auto num = [&](std::size_t at, std::size_t n) {
    std::int64_t v = 0;
    for (std::size_t i = at; i < at + n; ++i) {
      if (t[i] < '0' || t[i] > '9') throw std::runtime_error("bad time " + std::string(t));
      v = v * 10 + (t[i] - '0');
    }
    return v;
  };
  if (t.size() != 20 || t[4] != '-' || t[7] != '-' || t[10] != 'T' || t[19] != 'Z')
    throw std::runtime_error("bad time '" + std::string(t) + "'");
  const auto days = days_from_civil(num(0, 4), static_cast<unsigned>(num(5, 2)),
                                    static_cast<unsigned>(num(8, 2)));
  return days * 86400 + num(11, 2) * 3600 + num(14, 2) * 60 + num(17, 2);
}

std::optional<std::int64_t> optional_time(std::string_view t) {
  if (t.empty()) return std::nullopt;
  return parse_time(t);
}

struct Columns {
  std::size_t order_id, customer, placed_at, status, currency, shipping, discount, refunded,
      tracking, line, sku, name, quantity, unit_price;
  std::size_t at[5]; // paid_at, shipped_at, delivered_at, cancelled_at, returned_at
};
constexpr std::string_view timed[5] = {"paid", "shipped", "delivered", "cancelled", "returned"};

Columns find_columns(const std::vector<std::string_view>& header) {
  const auto index = [&](std::string_view name) {
    for (std::size_t i = 0; i < header.size(); ++i)
      if (header[i] == name) return i;
    throw std::runtime_error("no column " + std::string(name));
  };
  Columns c{};
  c.order_id = index("order_id");
  c.customer = index("customer_external_id");
  c.placed_at = index("placed_at");
  c.status = index("status");
  c.currency = index("currency");
  c.shipping = index("shipping");
  c.discount = index("discount");
  c.refunded = index("refunded");
  c.tracking = index("tracking");
  c.line = index("line");
  c.sku = index("sku");
  c.name = index("name");
  c.quantity = index("quantity");
  c.unit_price = index("unit_price");
  for (std::size_t i = 0; i < 5; ++i) c.at[i] = index(std::string(timed[i]) + "_at");
  return c;
}

// Who runs it, as crm records it: the login name of the effective user.
std::string os_user() {
  if (const passwd* pw = getpwuid(geteuid()); pw != nullptr && pw->pw_name != nullptr)
    return pw->pw_name;
  return "unknown";
}

struct Counts {
  std::int64_t orders = 0, items = 0, events = 0;
};

class Importer {
public:
  Importer(Sqlite& db, const std::string& file)
      : db_(db), now_(static_cast<std::int64_t>(std::time(nullptr))), author_(os_user()),
        find_customer_(db, "SELECT id FROM customers WHERE external_id = ?"),
        insert_order_(db, "INSERT INTO orders (external_id, customer_id, placed_at, status, "
                          "currency, subtotal, shipping, discount, total, refunded, value, "
                          "tracking, batch_id, created_at, updated_at) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        insert_item_(db, "INSERT INTO order_items (order_id, line, sku, name, quantity, "
                         "unit_price) VALUES (?, ?, ?, ?, ?, ?)"),
        insert_event_(db, "INSERT INTO order_events (order_id, at, kind, tracking, refund, "
                          "author, recorded_at, batch_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)") {
    Statement batch(db, "INSERT INTO order_import_batches (file, at, os_user, command) "
                        "VALUES (?, ?, ?, 'crm-bench-order-import-baseline')");
    batch.bind(1, file);
    batch.bind(2, now_);
    batch.bind(3, author_);
    batch.step();
    batch_ = sqlite3_last_insert_rowid(db.handle());
  }

  // `rows`: the fields of one order's consecutive lines.
  void order(const Columns& c, const std::vector<std::vector<std::string_view>>& rows) {
    const auto& head = rows.front();
    if (!currency_) {
      currency_ = &domain::currency(head[c.currency]);
      Statement pin(db_, "INSERT OR IGNORE INTO meta (key, value) VALUES ('currency', ?)");
      pin.bind(1, currency_->code);
      pin.step();
    } else if (head[c.currency] != currency_->code) {
      throw std::runtime_error("the baseline takes one currency; got " +
                               std::string(head[c.currency]));
    }
    domain::Order o;
    o.status = std::string(head[c.status]);
    o.currency = std::string(currency_->code);
    for (const auto& row : rows) {
      domain::OrderItem item;
      item.sku = std::string(row[c.sku]);
      item.quantity = std::stoll(std::string(row[c.quantity]));
      item.unit_price = domain::parse_amount(row[c.unit_price], *currency_);
      o.items.push_back(std::move(item));
    }
    o.shipping = domain::parse_amount(head[c.shipping], *currency_);
    o.discount = domain::parse_amount(head[c.discount], *currency_);
    domain::compute_totals(o);
    const bool refund_given = !head[c.refunded].empty();
    o.refunded = refund_given ? domain::parse_amount(head[c.refunded], *currency_) : 0;
    if (o.status == "returned" && !refund_given) o.refunded = o.total;
    const auto placed_at = parse_time(head[c.placed_at]);

    find_customer_.bind(1, head[c.customer]);
    if (!find_customer_.step())
      throw std::runtime_error("no customer " + std::string(head[c.customer]));
    const auto customer = find_customer_.column(0);
    find_customer_.reset();

    int i = 0;
    insert_order_.bind(++i, head[c.order_id]);
    insert_order_.bind(++i, customer);
    insert_order_.bind(++i, placed_at);
    insert_order_.bind(++i, head[c.status]);
    insert_order_.bind(++i, currency_->code);
    insert_order_.bind(++i, o.subtotal);
    insert_order_.bind(++i, o.shipping);
    insert_order_.bind(++i, o.discount);
    insert_order_.bind(++i, o.total);
    insert_order_.bind(++i, o.refunded);
    insert_order_.bind(++i, o.total - o.refunded);
    insert_order_.bind_text_or_null(++i, head[c.tracking]);
    insert_order_.bind(++i, batch_);
    insert_order_.bind(++i, now_);
    insert_order_.bind(++i, now_);
    insert_order_.step();
    insert_order_.reset();
    const auto id = sqlite3_last_insert_rowid(db_.handle());
    if (first_ == 0) first_ = id;
    last_ = id;

    for (std::size_t k = 0; k < rows.size(); ++k) {
      const auto& row = rows[k];
      insert_item_.bind(1, id);
      insert_item_.bind(2, std::stoll(std::string(row[c.line])));
      insert_item_.bind(3, row[c.sku]);
      insert_item_.bind_text_or_null(4, row[c.name]);
      insert_item_.bind(5, o.items[k].quantity);
      insert_item_.bind(6, o.items[k].unit_price);
      insert_item_.step();
      insert_item_.reset();
      ++counts_.items;
    }

    std::optional<std::int64_t> at[5];
    for (std::size_t t = 0; t < 5; ++t) at[t] = optional_time(head[c.at[t]]);
    event(id, placed_at, "placed", "", std::nullopt);
    auto path = domain::status_path(o.status);
    if (o.status == "cancelled" && at[0]) path.insert(path.begin(), "paid");
    if (o.status == "returned" && at[2]) path.insert(path.end() - 1, "delivered");
    for (std::size_t k = 0; k < path.size(); ++k) {
      std::size_t t = 0;
      while (timed[t] != path[k]) ++t;
      if (!at[t] && k + 1 < path.size()) continue;
      event(id, at[t].value_or(placed_at), path[k],
            path[k] == "shipped" ? head[c.tracking] : std::string_view(),
            path[k] == "returned" ? std::optional(o.refunded) : std::nullopt);
    }
    ++counts_.orders;
  }

  // The batch's range, the customers' metrics, and the totals.
  Counts finish() {
    if (first_ != 0) {
      Statement update(db_, "UPDATE order_import_batches SET first_order = ?, last_order = ?, "
                            "created = ? WHERE id = ?");
      update.bind(1, first_);
      update.bind(2, last_);
      update.bind(3, counts_.orders);
      update.bind(4, batch_);
      update.step();
      const std::string customers = "SELECT DISTINCT customer_id FROM orders WHERE id BETWEEN " +
                                    std::to_string(first_) + " AND " + std::to_string(last_);
      db_.exec("DELETE FROM customer_metrics WHERE customer_id IN (" + customers + ")");
      db_.exec("INSERT INTO customer_metrics (customer_id, orders, revenue, first_order, "
               "last_order) SELECT customer_id, count(*), sum(value), min(placed_at), "
               "max(placed_at) FROM orders WHERE status != 'cancelled' AND customer_id IN (" +
               customers + ") GROUP BY customer_id");
    }
    return counts_;
  }

private:
  void event(std::int64_t order, std::int64_t at, std::string_view kind, std::string_view tracking,
             const std::optional<std::int64_t>& refund) {
    insert_event_.bind(1, order);
    insert_event_.bind(2, at);
    insert_event_.bind(3, kind);
    insert_event_.bind_text_or_null(4, tracking);
    insert_event_.bind_int_or_null(5, refund);
    insert_event_.bind(6, author_);
    insert_event_.bind(7, now_);
    insert_event_.bind(8, batch_);
    insert_event_.step();
    insert_event_.reset();
    ++counts_.events;
  }

  Sqlite& db_;
  std::int64_t now_;
  std::string author_;
  Statement find_customer_, insert_order_, insert_item_, insert_event_;
  std::int64_t batch_ = 0, first_ = 0, last_ = 0;
  const domain::Currency* currency_ = nullptr;
  Counts counts_;
};

Counts import(Sqlite& db, std::istream& in, const std::string& file) {
  std::string header_line;
  if (!std::getline(in, header_line)) throw std::runtime_error("empty CSV");
  const auto header = split(chomp(header_line));
  const Columns c = find_columns(header);
  if (c.order_id != 0) throw std::runtime_error("order_id must be the first column");
  db.exec("BEGIN IMMEDIATE");
  Importer importer(db, file);
  // The lines of the order being read; its rows point into them.
  std::vector<std::string> lines;
  std::vector<std::vector<std::string_view>> rows;
  std::string line;
  std::size_t used = 0;
  const auto flush = [&] {
    if (used == 0) return;
    rows.clear();
    for (std::size_t k = 0; k < used; ++k) rows.push_back(split(chomp(lines[k])));
    for (const auto& row : rows)
      if (row.size() != header.size()) throw std::runtime_error("bad line: " + std::string(row[0]));
    importer.order(c, rows);
    used = 0;
  };
  std::string current;
  while (std::getline(in, line)) {
    const auto id = std::string_view(line).substr(0, line.find(','));
    if (id != current) {
      flush();
      current.assign(id);
    }
    if (used == lines.size()) lines.emplace_back();
    lines[used++].swap(line);
  }
  flush();
  const Counts counts = importer.finish();
  db.exec("COMMIT");
  return counts;
}

} // namespace

int main(int argc, char** argv) {
  const std::string_view usage =
      "usage: crm-bench-order-import-baseline --db STORE --csv FILE [--cache-kib N]";
  std::string db_path, csv_path, cache_kib;
  bool bad = argc % 2 == 0;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string_view arg = argv[i];
    if (arg == "--db")
      db_path = argv[i + 1];
    else if (arg == "--csv")
      csv_path = argv[i + 1];
    else if (arg == "--cache-kib" &&
             std::string_view(argv[i + 1]).find_first_not_of("0123456789") ==
                 std::string_view::npos)
      cache_kib = argv[i + 1];
    else
      bad = true;
  }
  if (db_path.empty() || csv_path.empty() || bad) {
    std::cerr << usage << '\n';
    return 2;
  }
  try {
    const auto start = std::chrono::steady_clock::now();
    std::ifstream in(csv_path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + csv_path);
    Sqlite db(db_path);
    if (!cache_kib.empty()) db.exec("PRAGMA cache_size = -" + cache_kib);
    const Counts counts = import(db, in, csv_path);
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    std::cerr << "crm-bench-order-import-baseline: orders=" << counts.orders
              << " items=" << counts.items << " events=" << counts.events
              << " seconds=" << elapsed.count() << " orders_per_s="
              << static_cast<std::int64_t>(static_cast<double>(counts.orders) / elapsed.count())
              << '\n';
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "crm-bench-order-import-baseline: " << e.what() << '\n';
    return 1;
  }
}
