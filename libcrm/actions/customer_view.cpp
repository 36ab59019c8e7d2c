// Customer actions that read many rows or change a customer's existence: list, show, rm,
// restore, purge.
#include <algorithm>

#include <fmt/format.h>

#include "actions/customer.hpp"
#include "actions/order.hpp"
#include "domain/validate.hpp"
#include "store/orders.hpp"
#include "store/timeline.hpp"
#include "util/error.hpp"
#include "util/strings.hpp"

namespace crm::actions {

namespace {

using domain::Customer;

util::Json consent_json(const Context& ctx, const domain::Consent& c) {
  return util::Json::object()
      .set("channel", c.channel)
      .set("state", c.state)
      .set("source", c.source)
      .set("at", ctx.time_json(c.at))
      .set("recorded_by", c.recorded_by);
}

template <typename Item, typename ToJson>
util::Json array_of(const std::vector<Item>& items, ToJson to_json) {
  util::Json array = util::Json::array();
  for (const auto& item : items) array.push_back(to_json(item));
  return array;
}

std::vector<Customer> resolve_all(Context& ctx, const std::vector<std::string>& refs) {
  std::vector<Customer> customers;
  for (const auto& ref : refs) customers.push_back(resolve_customer(ctx, ref));
  return customers;
}

} // namespace

util::Json interaction_json(const Context& ctx, const domain::Interaction& i) {
  return util::Json::object()
      .set("id", i.id)
      .set("customer_id", i.customer_id)
      .set("at", ctx.time_json(i.at))
      .set("kind", i.kind)
      .set("channel", i.channel ? util::Json(*i.channel) : util::Json())
      .set("direction", i.direction ? util::Json(*i.direction) : util::Json())
      .set("author", i.author)
      .set("text", i.text);
}

util::Json followup_json(const Context& ctx, const domain::Followup& f) {
  return util::Json::object()
      .set("id", f.id)
      .set("customer_id", f.customer_id)
      .set("due", f.due)
      .set("owner", f.owner)
      .set("text", f.text)
      .set("created_at", ctx.time_json(f.created_at))
      .set("done_at", ctx.time_json(f.done_at));
}

void normalize_filters(store::CustomerQuery& query) {
  if (query.status) query.status = domain::normalize_status(*query.status);
  if (query.country) query.country = domain::normalize_country(*query.country);
  for (auto& tag : query.tags) tag = domain::normalize_tag(tag);
}

void list_customers(
    Context& ctx, ListCustomers input,
    const std::function<void(const Customer&, const store::CustomerMetrics&)>& visit) {
  auto& query = input.query;
  std::string sort = util::trim(input.sort);
  query.descending = !sort.empty() && sort[0] == '-';
  if (query.descending) sort.erase(0, 1);
  if (sort == "name") sort = "last_name";
  if (sort == "created") sort = "created_at";
  const auto& columns = store::sortable_columns();
  if (std::find(columns.begin(), columns.end(), sort) == columns.end()) {
    std::string message = fmt::format("cannot sort by '{}'", sort);
    auto candidates = columns;
    candidates.insert(candidates.end(), {"name", "created"});
    if (auto near = util::nearest(sort, candidates))
      message += fmt::format(" (did you mean '{}'?)", *near);
    throw util::UsageError(message + "; use one of " + util::join(columns, ", ") +
                           ", name (prefix '-' for descending)");
  }
  query.sort = sort;
  normalize_filters(query);
  if (query.limit && *query.limit < 0) throw util::UsageError("--limit must be 0 or more");
  if (query.offset < 0) throw util::UsageError("--offset must be 0 or more");
  store::CustomerRepository(ctx.db()).for_each_with_metrics(query, visit);
}

util::Json show_customer(Context& ctx, std::string_view ref) {
  const Customer c = resolve_customer(ctx, ref);
  util::Json json = customer_json(c);
  if (c.forgotten_at) json.set("forgotten_at", ctx.time_json(c.forgotten_at));
  store::OrderRepository orders(ctx.db());
  util::Json metrics = metrics_json(ctx, orders.metrics(c.id));
  for (auto& [key, value] : metrics.as_object()) json.set(key, std::move(value));
  // The store's currency once an order fixed it, else the one the next order would fix.
  json.set("currency", orders.store_currency(std::string(default_currency(ctx).code)));
  store::ConsentRepository consents(ctx.db());
  const auto limit = ctx.settings().get_int("customer.show_interactions");
  json.set("consent",
           array_of(consents.current(c.id), [&](const auto& x) { return consent_json(ctx, x); }));
  json.set("consent_history",
           array_of(consents.history(c.id), [&](const auto& x) { return consent_json(ctx, x); }));
  const auto interactions =
      store::InteractionRepository(ctx.db()).for_customer(c.id, std::nullopt, limit);
  json.set("interactions",
           array_of(interactions, [&](const auto& x) { return interaction_json(ctx, x); }));
  store::FollowupQuery open;
  open.customer = c.id;
  const auto followups = store::FollowupRepository(ctx.db()).list(open);
  json.set("followups", array_of(followups, [&](const auto& x) { return followup_json(ctx, x); }));
  util::Json recent = util::Json::array();
  for (auto& order : recent_orders_json(ctx, c.id, ctx.settings().get_int("customer.show_orders")))
    recent.push_back(std::move(order));
  json.set("recent_orders", std::move(recent));
  return json;
}

std::vector<Customer> remove_customers(Context& ctx, const std::vector<std::string>& refs,
                                       bool dry_run) {
  auto customers = resolve_all(ctx, refs);
  for (const auto& c : customers) {
    if (c.deleted_at)
      throw util::ConflictError(fmt::format("customer {} is already deleted", c.id));
  }
  if (dry_run) return customers;
  store::Transaction transaction(ctx.db());
  store::CustomerRepository repo(ctx.db());
  for (auto& c : customers) {
    const auto before = customer_json(c);
    c.deleted_at = c.updated_at = ctx.now();
    repo.update(c);
    audit(ctx, "customer", c.id, "delete", before, customer_json(c));
  }
  transaction.commit();
  return customers;
}

std::vector<Customer> restore_customers(Context& ctx, const std::vector<std::string>& refs,
                                        bool dry_run) {
  auto customers = resolve_all(ctx, refs);
  for (const auto& c : customers) {
    if (c.forgotten_at)
      throw util::ConflictError(fmt::format(
          "customer {} was forgotten: its personal data is erased and it cannot be restored",
          c.id));
    if (!c.deleted_at) throw util::ConflictError(fmt::format("customer {} is not deleted", c.id));
  }
  store::Transaction transaction(ctx.db());
  store::CustomerRepository repo(ctx.db());
  for (auto& c : customers) {
    const auto before = customer_json(c);
    c.deleted_at.reset();
    c.updated_at = ctx.now();
    repo.update(c); // a live customer with the same email throws ConflictError
    audit(ctx, "customer", c.id, "restore", before, customer_json(c));
  }
  if (!dry_run) transaction.commit();
  return customers;
}

std::vector<Customer> purge_customers(Context& ctx, const std::vector<std::string>& refs,
                                      bool all_deleted, bool dry_run) {
  std::vector<Customer> customers = resolve_all(ctx, refs);
  if (all_deleted) {
    store::CustomerQuery query;
    query.deleted = store::CustomerQuery::Deleted::only;
    store::CustomerRepository(ctx.db()).for_each(
        query, [&](const Customer& c) { customers.push_back(c); });
  }
  for (const auto& c : customers) {
    if (!c.deleted_at)
      throw util::ConflictError(fmt::format(
          "customer {} is not deleted: run 'crm customer rm {}' first, then purge", c.id, c.id));
  }
  if (dry_run) return customers;
  store::Transaction transaction(ctx.db());
  store::CustomerRepository repo(ctx.db());
  for (const auto& c : customers) {
    audit(ctx, "customer", c.id, "purge", std::nullopt, std::nullopt);
    repo.purge(c.id); // also scrubs the entry above: its command line may name the customer
  }
  transaction.commit();
  return customers;
}

} // namespace crm::actions
