// Order actions that read: show, timeline, list, a customer's recent orders and metrics, and
// the JSON of an order and its events (also what the write side audits).
#include <algorithm>

#include <fmt/format.h>

#include "actions/customer.hpp"
#include "actions/order.hpp"
#include "domain/validate.hpp"
#include "store/customers.hpp"
#include "util/error.hpp"
#include "util/strings.hpp"

namespace crm::actions {

namespace {

using domain::Order;

util::Json text_or_null(const domain::OptText& text) {
  return text ? util::Json(*text) : util::Json();
}

util::Json item_json(const domain::OrderItem& item, const domain::Currency& currency) {
  return util::Json::object()
      .set("line", item.line)
      .set("sku", item.sku)
      .set("name", text_or_null(item.name))
      .set("quantity", item.quantity)
      .set("unit_price", domain::format_amount(item.unit_price, currency))
      .set("amount",
           domain::format_amount(domain::money_mul(item.unit_price, item.quantity), currency));
}

} // namespace

util::Json order_json(const Context& ctx, const Order& order) {
  const auto& currency = domain::currency(order.currency);
  const auto money = [&](std::int64_t minor) { return domain::format_amount(minor, currency); };
  util::Json items = util::Json::array();
  for (const auto& item : order.items) items.push_back(item_json(item, currency));
  return util::Json::object()
      .set("id", order.id != 0 ? util::Json(order.id) : util::Json()) // null: not stored
      .set("external_id", text_or_null(order.external_id))
      .set("customer_id", order.customer_id)
      .set("placed_at", ctx.time_json(order.placed_at))
      .set("status", order.status)
      .set("currency", order.currency)
      .set("subtotal", money(order.subtotal))
      .set("shipping", money(order.shipping))
      .set("discount", money(order.discount))
      .set("total", money(order.total))
      .set("refunded", money(order.refunded))
      .set("tracking", text_or_null(order.tracking))
      .set("items", std::move(items))
      .set("created_at", ctx.time_json(order.created_at))
      .set("updated_at", ctx.time_json(order.updated_at));
}

util::Json order_event_json(const Context& ctx, const Order& order,
                            const domain::OrderEvent& event) {
  return util::Json::object()
      .set("id", event.id != 0 ? util::Json(event.id) : util::Json())
      .set("order_id", order.id != 0 ? util::Json(order.id) : util::Json())
      .set("at", ctx.time_json(event.at))
      .set("kind", event.kind)
      .set("note", text_or_null(event.note))
      .set("tracking", text_or_null(event.tracking))
      .set("refund",
           event.refund
               ? util::Json(domain::format_amount(*event.refund, domain::currency(order.currency)))
               : util::Json())
      .set("author", event.author)
      .set("recorded_at", ctx.time_json(event.recorded_at));
}

// The store's, whatever money.currency says now (a read path does not refuse; writes do, see
// store_currency).
const domain::Currency& metrics_currency(Context& ctx) {
  return domain::currency(
      store::OrderRepository(ctx.db()).store_currency(std::string(default_currency(ctx).code)));
}

util::Json metrics_json(Context& ctx, const store::CustomerMetrics& metrics) {
  return metrics_json(ctx, metrics, metrics_currency(ctx));
}

util::Json metrics_json(const Context& ctx, const store::CustomerMetrics& metrics,
                        const domain::Currency& currency) {
  return util::Json::object()
      .append("orders", metrics.orders)
      .append("revenue", domain::format_amount(metrics.revenue, currency))
      .append("aov", metrics.orders > 0
                         ? util::Json(domain::format_amount(
                               domain::money_div_round(metrics.revenue, metrics.orders), currency))
                         : util::Json())
      .append("first_order", ctx.time_json(metrics.first_order))
      .append("last_order", ctx.time_json(metrics.last_order));
}
util::Json show_order(Context& ctx, std::string_view ref) {
  const Order order = resolve_order(ctx, ref);
  util::Json json = util::Json::object();
  util::Json fields = order_json(ctx, order);
  for (auto& [key, value] : fields.as_object()) {
    json.set(key, std::move(value));
    if (key != "refunded") continue;
    // What the order is worth to the metrics: total - refunded in the store currency.
    const auto& currency = metrics_currency(ctx);
    json.set("value", domain::format_amount(order.value, currency));
    json.set("value_currency", currency.code);
  }
  util::Json customer = util::Json::object().set("id", order.customer_id);
  if (auto c = store::CustomerRepository(ctx.db()).find(order.customer_id)) {
    const std::string name = domain::display_name(*c);
    customer.set("name", name.empty() ? util::Json() : util::Json(name))
        .set("email", text_or_null(c->email));
  }
  json.set("customer", std::move(customer));
  util::Json events = util::Json::array();
  for (const auto& event : store::OrderRepository(ctx.db()).events(order.id))
    events.push_back(order_event_json(ctx, order, event));
  json.set("events", std::move(events));
  return json;
}

std::vector<util::Json> order_timeline(Context& ctx, std::string_view ref) {
  const Order order = resolve_order(ctx, ref);
  std::vector<util::Json> events;
  for (const auto& event : store::OrderRepository(ctx.db()).events(order.id))
    events.push_back(order_event_json(ctx, order, event));
  return events;
}

void list_orders(Context& ctx, const ListOrders& input,
                 const std::function<void(const Order&)>& visit) {
  store::OrderQuery query;
  std::string sort = util::trim(input.sort);
  query.descending = !sort.empty() && sort[0] == '-';
  if (query.descending) sort.erase(0, 1);
  if (sort == "placed" || sort == "date") sort = "placed_at";
  if (sort == "customer") sort = "customer_id";
  const auto& columns = store::order_sort_columns();
  if (std::find(columns.begin(), columns.end(), sort) == columns.end()) {
    std::string message = fmt::format("cannot sort orders by '{}'", sort);
    if (auto near = util::nearest(sort, columns))
      message += fmt::format(" (did you mean '{}'?)", *near);
    throw util::UsageError(message + "; use one of " + util::join(columns, ", ") +
                           " (prefix '-' for descending)");
  }
  query.sort = sort;
  if (input.status) query.status = domain::parse_order_status(*input.status);
  if (input.from) query.from = ctx.parse_time_option("--from", *input.from);
  if (input.to) query.to = ctx.parse_time_option("--to", *input.to);
  if (input.limit && *input.limit < 0) throw util::UsageError("--limit must be 0 or more");
  query.limit = input.limit;
  if (input.customer) query.customer = resolve_customer(ctx, *input.customer).id;
  store::OrderRepository(ctx.db()).for_each(query, visit);
}

std::vector<util::Json> recent_orders_json(Context& ctx, domain::CustomerId customer,
                                           std::int64_t limit) {
  store::OrderQuery query;
  query.customer = customer;
  query.descending = true;
  query.limit = limit;
  std::vector<util::Json> orders;
  store::OrderRepository(ctx.db()).for_each(query, [&](const Order& order) {
    util::Json json = order_json(ctx, order);
    auto& members = json.as_object();
    members.erase(std::remove_if(members.begin(), members.end(),
                                 [](const auto& member) { return member.first == "items"; }),
                  members.end());
    orders.push_back(std::move(json));
  });
  return orders;
}
} // namespace crm::actions
