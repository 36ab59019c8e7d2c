// The order import, writing: an order created (with its customer when missing), compared
// with the stored one, or moved on to a later status (journalled); and undo, which reads the
// journal back. See order_importer.hpp.
#include <algorithm>
#include <utility>

#include <fmt/format.h>

#include "actions/customer.hpp"
#include "actions/order.hpp"
#include "actions/order_importer.hpp"
#include "actions/privacy.hpp"
#include "domain/validate.hpp"
#include "util/error.hpp"
#include "util/strings.hpp"

namespace crm::actions {

namespace order_import_detail {

namespace {

std::string plural(std::int64_t n, std::string_view word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

// An order's fields that moving it on changes, as journalled for undo (restored_order).
util::Json order_before_json(const Order& order) {
  return util::Json::object()
      .set("status", order.status)
      .set("refunded", order.refunded)
      .set("value", order.value)
      .set("tracking", order.tracking ? util::Json(*order.tracking) : util::Json())
      .set("updated_at", order.updated_at);
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
    // Merged into another customer since: its orders belong to the one kept (a re-import of
    // the shop's file after `crm customer merge` stays idempotent).
    if (const auto keep = imports_.merged_into(found->id)) {
      customer_key_ = draft_.customer;
      customer_id_ = *keep;
      return *keep;
    }
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
// `last_at`. The tracking number goes on the shipped event, or on the last one when the file
// has no time for shipped (so the timeline shows it all the same).
void OrderImporter::write_events(OrderId id, const std::vector<std::string>& steps,
                                 util::Timestamp last_at, std::int64_t refund,
                                 const domain::OptText& tracking) {
  event_.order_id = id;
  bool tracked = false;
  for (std::size_t k = 0; k < steps.size(); ++k) {
    const auto& status = steps[k];
    const auto i = static_cast<std::size_t>(
        std::find(store::timed_statuses.begin(), store::timed_statuses.end(), status) -
        store::timed_statuses.begin());
    const auto at = draft_.at[i];
    if (!at && k + 1 < steps.size()) continue;
    event_.kind = status;
    event_.at = at.value_or(last_at);
    const bool last = k + 1 == steps.size();
    event_.tracking = status == "shipped" || (last && !tracked && status != "cancelled")
                          ? tracking
                          : std::nullopt;
    tracked = tracked || event_.tracking.has_value();
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
  after.value = value_after_refund(stored, after.refunded); // the rate it was written at
  after.updated_at = ctx_.now();
  imports_.record_update(batch_.id, stored.id, order_before_json(stored).dump());
  orders_.update(after);
  write_events(stored.id, steps, ctx_.now(), refund, after.tracking);
  mark_seen(stored.id, draft_.line);
  ++summary_.updated;
  outcome("update", stored.id, util::join(changes, "; "));
}

} // namespace order_import_detail

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
  imports.for_each_update(batch_id, [&](domain::OrderId id, const std::string& text) {
    const auto current = orders.find(id);
    if (!current) return;
    orders.update(order_import_detail::restored_order(*current, util::Json::parse(text)));
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

} // namespace crm::actions
