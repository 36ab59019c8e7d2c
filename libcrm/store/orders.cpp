#include "store/orders.hpp"

#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>

#include "util/error.hpp"

namespace crm::store {

namespace {

using domain::Order;
using domain::OrderEvent;
using domain::OrderId;

constexpr std::string_view order_columns =
    "o.id, o.external_id, o.customer_id, o.placed_at, o.status, o.currency, o.subtotal, "
    "o.shipping, o.discount, o.total, o.refunded, o.value, o.tracking, o.batch_id, "
    "o.created_at, o.updated_at";

Order read_order(const Statement& row) {
  Order o;
  o.id = row.get_int(0);
  o.external_id = row.get_opt_text(1);
  o.customer_id = row.get_int(2);
  o.placed_at = row.get_int(3);
  o.status = row.get_text(4);
  o.currency = row.get_text(5);
  o.subtotal = row.get_int(6);
  o.shipping = row.get_int(7);
  o.discount = row.get_int(8);
  o.total = row.get_int(9);
  o.refunded = row.get_int(10);
  o.value = row.get_int(11);
  o.tracking = row.get_opt_text(12);
  o.batch_id = row.get_opt_int(13);
  o.created_at = row.get_int(14);
  o.updated_at = row.get_int(15);
  return o;
}

// The metrics of every customer, from the orders: what customer_metrics must hold.
constexpr std::string_view metrics_from_orders =
    "SELECT customer_id, count(*) AS orders, sum(value) AS revenue, min(placed_at) AS "
    "first_order, max(placed_at) AS last_order FROM orders WHERE status != 'cancelled' "
    "GROUP BY customer_id";

CustomerMetrics read_metrics(const Statement& row, int first) {
  CustomerMetrics m;
  m.orders = row.get_int(first);
  m.revenue = row.get_int(first + 1);
  m.first_order = row.get_opt_int(first + 2);
  m.last_order = row.get_opt_int(first + 3);
  return m;
}

} // namespace

const std::vector<std::string>& order_sort_columns() {
  static const std::vector<std::string> columns = {"id",     "placed_at",   "total",
                                                   "status", "customer_id", "external_id"};
  return columns;
}

OrderId OrderRepository::insert(const Order& order, bool refresh) {
  auto& insert = db_.cached(
      "INSERT INTO orders (external_id, customer_id, placed_at, status, currency, subtotal, "
      "shipping, discount, total, refunded, value, tracking, batch_id, created_at, updated_at) "
      "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  insert.bind_all(order.external_id, order.customer_id, order.placed_at, order.status,
                  order.currency, order.subtotal, order.shipping, order.discount, order.total,
                  order.refunded, order.value, order.tracking, order.batch_id, order.created_at,
                  order.updated_at);
  try {
    insert.run();
  } catch (const util::ConflictError&) {
    insert.reset();
    if (order.external_id)
      if (auto other = find_by_external_id(*order.external_id))
        throw util::ConflictError(fmt::format("external id {} is already used by order {}",
                                              *order.external_id, other->id));
    throw;
  }
  const OrderId id = db_.last_insert_rowid();
  write_items(order, id);
  if (refresh) refresh_metrics(order.customer_id);
  return id;
}

void OrderRepository::write_items(const Order& order, OrderId id) {
  auto& item = db_.cached("INSERT INTO order_items (order_id, line, sku, name, quantity, "
                          "unit_price) VALUES (?,?,?,?,?,?)");
  for (const auto& i : order.items) {
    item.bind_all(id, i.line, i.sku, i.name, i.quantity, i.unit_price).run();
    item.reset();
  }
}

void OrderRepository::update(const Order& order) {
  auto& before = db_.cached("SELECT customer_id FROM orders WHERE id = ?");
  before.bind(1, order.id);
  if (!before.step()) throw util::NotFoundError(fmt::format("no order {}", order.id));
  const domain::CustomerId previous = before.get_int(0);
  before.reset();
  db_.cached("UPDATE orders SET customer_id=?, status=?, refunded=?, value=?, tracking=?, "
             "updated_at=? WHERE id=?")
      .bind_all(order.customer_id, order.status, order.refunded, order.value, order.tracking,
                order.updated_at, order.id)
      .run();
  refresh_metrics(order.customer_id);
  if (previous != order.customer_id) refresh_metrics(previous);
}

std::optional<Order> OrderRepository::find(OrderId id) {
  auto& q = db_.cached(fmt::format("SELECT {} FROM orders o WHERE o.id = ?", order_columns));
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  Order order = read_order(q);
  q.reset();
  auto& items = db_.cached("SELECT line, sku, name, quantity, unit_price FROM order_items "
                           "WHERE order_id = ? ORDER BY line");
  items.bind(1, id);
  while (items.step()) {
    domain::OrderItem item;
    item.line = static_cast<int>(items.get_int(0));
    item.sku = items.get_text(1);
    item.name = items.get_opt_text(2);
    item.quantity = items.get_int(3);
    item.unit_price = items.get_int(4);
    order.items.push_back(std::move(item));
  }
  return order;
}

std::optional<Order> OrderRepository::find_by_external_id(std::string_view external_id) {
  auto& q = db_.cached("SELECT id FROM orders WHERE external_id = ?");
  q.bind(1, external_id);
  if (!q.step()) return std::nullopt;
  const OrderId id = q.get_int(0);
  q.reset();
  return find(id);
}

namespace {

struct OrderFilter {
  std::string where;
  std::vector<std::int64_t> params;
};

OrderFilter order_filter(const OrderQuery& query, std::vector<std::string>& text_params) {
  OrderFilter f;
  std::vector<std::string> terms;
  if (query.customer) {
    terms.emplace_back("o.customer_id = ?");
    f.params.push_back(*query.customer);
  }
  if (query.from) {
    terms.emplace_back("o.placed_at >= ?");
    f.params.push_back(*query.from);
  }
  if (query.to) {
    terms.emplace_back("o.placed_at < ?");
    f.params.push_back(*query.to);
  }
  if (query.status) {
    terms.emplace_back("o.status = ?"); // bound last, as text
    text_params.push_back(*query.status);
  }
  for (std::size_t i = 0; i < terms.size(); ++i)
    f.where += (i == 0 ? " WHERE " : " AND ") + terms[i];
  return f;
}

void bind_filter(Statement& q, const OrderFilter& f, const std::vector<std::string>& text,
                 int& index) {
  for (const auto value : f.params) q.bind(++index, value);
  for (const auto& value : text) q.bind(++index, value);
}

} // namespace

void OrderRepository::for_each(const OrderQuery& query,
                               const std::function<void(const Order&)>& visit) {
  const auto& columns = order_sort_columns();
  if (std::find(columns.begin(), columns.end(), query.sort) == columns.end())
    throw std::logic_error("unchecked order sort column " + query.sort);
  std::vector<std::string> text;
  const OrderFilter f = order_filter(query, text);
  const std::string direction = query.descending ? " DESC" : "";
  const std::string tie = query.sort == "id" ? "" : ", o.id" + direction;
  Statement q(db_, fmt::format("SELECT {} FROM orders o{} ORDER BY o.{}{}{} LIMIT ? OFFSET ?",
                               order_columns, f.where, query.sort, direction, tie));
  int index = 0;
  bind_filter(q, f, text, index);
  q.bind(++index, query.limit.value_or(-1));
  q.bind(++index, query.offset);
  while (q.step()) visit(read_order(q));
}

std::int64_t OrderRepository::count(const OrderQuery& query) {
  std::vector<std::string> text;
  const OrderFilter f = order_filter(query, text);
  Statement q(db_, "SELECT count(*) FROM orders o" + f.where);
  int index = 0;
  bind_filter(q, f, text, index);
  q.step();
  return q.get_int(0);
}

void OrderRepository::remove(const std::vector<OrderId>& ids) {
  std::vector<domain::CustomerId> customers;
  auto& owner = db_.cached("SELECT customer_id FROM orders WHERE id = ?");
  auto& erase = db_.cached("DELETE FROM orders WHERE id = ?");
  for (const auto id : ids) {
    owner.reset();
    owner.bind(1, id);
    if (owner.step()) customers.push_back(owner.get_int(0));
    owner.reset();
    erase.reset();
    erase.bind(1, id).run();
  }
  std::sort(customers.begin(), customers.end());
  customers.erase(std::unique(customers.begin(), customers.end()), customers.end());
  for (const auto customer : customers) refresh_metrics(customer);
}

std::int64_t OrderRepository::add_event(const OrderEvent& event) {
  db_.cached("INSERT INTO order_events (order_id, at, kind, note, tracking, refund, author, "
             "recorded_at, batch_id) VALUES (?,?,?,?,?,?,?,?,?)")
      .bind_all(event.order_id, event.at, event.kind, event.note, event.tracking, event.refund,
                event.author, event.recorded_at, event.batch_id)
      .run();
  return db_.last_insert_rowid();
}

std::vector<OrderEvent> OrderRepository::events(OrderId order) {
  auto& q = db_.cached("SELECT id, order_id, at, kind, note, tracking, refund, author, "
                       "recorded_at, batch_id FROM order_events WHERE order_id = ? "
                       "ORDER BY at, id");
  q.bind(1, order);
  std::vector<OrderEvent> events;
  while (q.step()) {
    OrderEvent e;
    e.id = q.get_int(0);
    e.order_id = q.get_int(1);
    e.at = q.get_int(2);
    e.kind = q.get_text(3);
    e.note = q.get_opt_text(4);
    e.tracking = q.get_opt_text(5);
    e.refund = q.get_opt_int(6);
    e.author = q.get_text(7);
    e.recorded_at = q.get_int(8);
    e.batch_id = q.get_opt_int(9);
    events.push_back(std::move(e));
  }
  return events;
}

std::vector<OrderId> OrderRepository::order_ids(domain::CustomerId customer) {
  auto& q = db_.cached("SELECT id FROM orders WHERE customer_id = ? ORDER BY placed_at, id");
  q.bind(1, customer);
  std::vector<OrderId> ids;
  while (q.step()) ids.push_back(q.get_int(0));
  return ids;
}

void OrderRepository::move(const std::vector<OrderId>& ids, domain::CustomerId to) {
  std::vector<domain::CustomerId> touched{to};
  auto& owner = db_.cached("SELECT customer_id FROM orders WHERE id = ?");
  auto& set = db_.cached("UPDATE orders SET customer_id = ? WHERE id = ?");
  for (const auto id : ids) {
    owner.reset();
    owner.bind(1, id);
    if (!owner.step()) throw util::NotFoundError(fmt::format("no order {}", id));
    touched.push_back(owner.get_int(0));
    owner.reset();
    set.reset();
    set.bind_all(to, id).run();
  }
  std::sort(touched.begin(), touched.end());
  touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
  for (const auto customer : touched) refresh_metrics(customer);
}

CustomerMetrics OrderRepository::metrics(domain::CustomerId customer) {
  auto& q = db_.cached("SELECT orders, revenue, first_order, last_order FROM customer_metrics "
                       "WHERE customer_id = ?");
  q.bind(1, customer);
  CustomerMetrics m;
  if (q.step()) m = read_metrics(q, 0);
  m.customer_id = customer;
  return m;
}

void OrderRepository::refresh_metrics(domain::CustomerId customer) {
  // One customer's orders through orders_customer: a handful of rows.
  db_.cached("DELETE FROM customer_metrics WHERE customer_id = ?").bind(1, customer).run();
  db_.cached("INSERT INTO customer_metrics (customer_id, orders, revenue, first_order, "
             "last_order) SELECT customer_id, count(*), sum(value), min(placed_at), "
             "max(placed_at) FROM orders WHERE customer_id = ?1 AND status != 'cancelled' "
             "GROUP BY customer_id")
      .bind(1, customer)
      .run();
}

void OrderRepository::refresh_metrics_for_orders(OrderId first, OrderId last) {
  // The customers of the range (an IN list SQLite builds once, in memory), then their whole
  // order history, not only the range's orders: they may have had orders before. A temporary
  // table here cost 50 MB more at the end of a 2.4M-order import (bench/RESULTS.md).
  constexpr std::string_view customers =
      "(SELECT customer_id FROM orders WHERE id BETWEEN ?1 AND ?2)";
  db_.cached(fmt::format("DELETE FROM customer_metrics WHERE customer_id IN {}", customers))
      .bind_all(first, last)
      .run();
  db_.cached(fmt::format("INSERT INTO customer_metrics (customer_id, orders, revenue, "
                         "first_order, last_order) SELECT customer_id, count(*), sum(value), "
                         "min(placed_at), max(placed_at) FROM orders WHERE status != "
                         "'cancelled' AND customer_id IN {} GROUP BY customer_id",
                         customers))
      .bind_all(first, last)
      .run();
}

std::int64_t OrderRepository::recompute_all_metrics() {
  db_.exec("DELETE FROM customer_metrics");
  db_.exec(fmt::format("INSERT INTO customer_metrics (customer_id, orders, revenue, first_order, "
                       "last_order) {}",
                       metrics_from_orders));
  Statement q(db_, "SELECT count(*) FROM customer_metrics");
  q.step();
  return q.get_int(0);
}

std::vector<MetricsMismatch> OrderRepository::check_metrics(std::int64_t limit) {
  // Both directions: rows that differ or are missing, and rows that should not exist.
  Statement q(db_,
              fmt::format("WITH actual AS ({0}) "
                          "SELECT a.customer_id, m.orders, m.revenue, m.first_order, m.last_order, "
                          "a.orders, a.revenue, a.first_order, a.last_order "
                          "FROM actual a LEFT JOIN customer_metrics m "
                          "ON m.customer_id = a.customer_id "
                          "WHERE m.customer_id IS NULL OR m.orders != a.orders "
                          "OR m.revenue != a.revenue OR m.first_order != a.first_order "
                          "OR m.last_order != a.last_order "
                          "UNION ALL "
                          "SELECT m.customer_id, m.orders, m.revenue, m.first_order, m.last_order, "
                          "0, 0, NULL, NULL FROM customer_metrics m "
                          "WHERE m.customer_id NOT IN (SELECT customer_id FROM actual) "
                          "ORDER BY 1 LIMIT ?",
                          metrics_from_orders));
  q.bind(1, limit);
  std::vector<MetricsMismatch> mismatches;
  while (q.step()) {
    MetricsMismatch m;
    m.customer_id = q.get_int(0);
    if (!q.is_null(1)) m.stored = read_metrics(q, 1);
    m.actual = read_metrics(q, 5);
    m.stored.customer_id = m.actual.customer_id = m.customer_id;
    mismatches.push_back(std::move(m));
  }
  return mismatches;
}

std::string OrderRepository::store_currency(const std::string& fallback) {
  auto& q = db_.cached("SELECT value FROM meta WHERE key = 'currency'");
  if (q.step()) return q.get_text(0);
  return fallback;
}

void OrderRepository::pin_store_currency(std::string_view code) {
  db_.cached("INSERT OR IGNORE INTO meta (key, value) VALUES ('currency', ?)").bind(1, code).run();
}

} // namespace crm::store
