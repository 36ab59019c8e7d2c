// Order actions that write (add, status change) and the money settings every order path
// shares; the read side is order_view.cpp.
#include "actions/order.hpp"

#include <fmt/format.h>

#include "actions/customer.hpp"
#include "domain/validate.hpp"
#include "util/error.hpp"
#include "util/strings.hpp"

namespace crm::actions {

namespace {

using domain::Order;

const domain::Currency& currency_of(const Order& order) { return domain::currency(order.currency); }

std::string money_text(std::int64_t minor, const domain::Currency& currency) {
  return fmt::format("{} {}", domain::format_amount(minor, currency), currency.code);
}

std::string single_line(std::string_view value, std::string_view field) {
  std::string text = domain::normalize_text(value, field);
  if (text.find('\n') != std::string::npos)
    throw util::UsageError(fmt::format("{} must be a single line", field));
  return text;
}

std::int64_t parse_money_option(std::string_view option, std::string_view text,
                                const domain::Currency& currency) {
  try {
    return domain::parse_amount(text, currency);
  } catch (const util::UsageError& e) {
    throw util::UsageError(fmt::format("{}: {}", option, e.what()));
  }
}

// "a", "a or b", "a, b or c"
std::string either(const std::vector<std::string>& words) {
  if (words.size() <= 1) return words.empty() ? std::string() : words.front();
  std::vector<std::string> head(words.begin(), words.end() - 1);
  return util::join(head, ", ") + " or " + words.back();
}
domain::OrderEvent make_event(Context& ctx, const Order& order, std::string kind,
                              util::Timestamp at) {
  domain::OrderEvent event;
  event.order_id = order.id;
  event.kind = std::move(kind);
  event.at = at;
  event.author = ctx.user();
  event.recorded_at = ctx.now();
  return event;
}

// The events of placing `order`: "placed" (with the note), then one per status on the way
// to its status, all at placed_at; a returned order's refund on its "returned" event.
std::vector<domain::OrderEvent> placing_events(Context& ctx, const Order& order,
                                               const domain::OptText& note) {
  std::vector<domain::OrderEvent> events{make_event(ctx, order, "placed", order.placed_at)};
  events.back().note = note;
  for (const auto& status : domain::status_path(order.status)) {
    events.push_back(make_event(ctx, order, status, order.placed_at));
    if (status == "returned") events.back().refund = order.refunded;
  }
  return events;
}

[[noreturn]] void illegal_transition(const Order& order, const std::string& to) {
  if (order.status == to)
    throw util::ConflictError(fmt::format("order {} is already {}", order.id, to));
  const auto next = domain::next_statuses(order.status);
  throw util::ConflictError(
      fmt::format("cannot move order {} from {} to {}: {}", order.id, order.status, to,
                  next.empty() ? fmt::format("{} is final", order.status)
                               : fmt::format("{} can become {}", order.status, either(next))));
}

// The amount a "returned" change refunds: --refund, else everything not yet refunded.
std::int64_t refund_amount(const Order& order, const ChangeStatus& input) {
  const auto& currency = currency_of(order);
  const std::int64_t left = domain::money_sub(order.total, order.refunded);
  if (order.status == "returned" && left == 0)
    throw util::ConflictError(fmt::format("order {} is refunded in full ({}): nothing is left "
                                          "to return",
                                          order.id, money_text(order.total, currency)));
  if (!input.refund) return left;
  const std::int64_t refund = parse_money_option("--refund", *input.refund, currency);
  if (refund == 0)
    throw util::UsageError(
        fmt::format("--refund must be more than 0 (leave it out to refund the {} left)",
                    money_text(left, currency)));
  if (refund > left)
    throw util::UsageError(fmt::format(
        "--refund {} is more than the {} left to refund on order {} (total {}, refunded {})",
        domain::format_amount(refund, currency), money_text(left, currency), order.id,
        domain::format_amount(order.total, currency),
        domain::format_amount(order.refunded, currency)));
  return refund;
}

// A timeline reads oldest first: a change cannot be dated before the order's last event.
void check_event_time(Context& ctx, const Order& order, util::Timestamp at) {
  domain::OrderEvent last;
  last.kind = "placed";
  last.at = order.placed_at;
  for (const auto& event : store::OrderRepository(ctx.db()).events(order.id)) {
    if (event.at >= last.at) last = event;
  }
  if (at < last.at)
    throw util::UsageError(fmt::format("--at {} is before the last event of order {} ({} at {})",
                                       util::format_iso_utc(at), order.id, last.kind,
                                       util::format_iso_utc(last.at)));
}

} // namespace

const domain::Currency& default_currency(const Context& ctx) {
  try {
    return domain::currency(ctx.settings().get_string("money.currency"));
  } catch (const util::UsageError& e) {
    throw util::UsageError(fmt::format("money.currency: {}", e.what()));
  }
}

const domain::Currency& store_currency(Context& ctx) {
  const auto& configured = default_currency(ctx);
  const std::string code =
      store::OrderRepository(ctx.db()).store_currency(std::string(configured.code));
  if (code != configured.code)
    throw util::UsageError(fmt::format(
        "money.currency is {} but this store keeps order values and metrics in {} (money.currency "
        "when its first order was written): set money.currency back to {} (e.g. -c "
        "money.currency={})",
        configured.code, code, code, code));
  return configured;
}

std::int64_t value_after_refund(const Order& before, std::int64_t refunded) {
  const std::int64_t left_before = domain::money_sub(before.total, before.refunded);
  const std::int64_t left = domain::money_sub(before.total, refunded);
  if (left <= 0 || left_before <= 0) return 0;
  return domain::money_share(before.value, left, left_before);
}

std::int64_t order_value(Context& ctx, const Order& order) {
  const std::int64_t left = domain::money_sub(order.total, order.refunded);
  const auto& target = store_currency(ctx);
  store::OrderRepository(ctx.db()).pin_store_currency(target.code);
  if (order.currency == target.code) return left;
  std::vector<std::pair<std::string, domain::Rate>> rates;
  try {
    rates = domain::parse_rates(ctx.settings().get_string("money.rates"));
  } catch (const util::UsageError& e) {
    throw util::UsageError(fmt::format("money.rates: {}", e.what()));
  }
  for (const auto& [code, rate] : rates) {
    if (code == order.currency) return domain::convert(left, currency_of(order), target, rate);
  }
  throw util::UsageError(fmt::format("no exchange rate for {0}: set money.rates to what one {0} "
                                     "is worth in {1} (e.g. -c money.rates={0}=RATE)",
                                     order.currency, target.code));
}
Order resolve_order(Context& ctx, std::string_view ref) {
  store::OrderRepository repo(ctx.db());
  const std::string text = util::trim(ref);
  std::optional<Order> found;
  if (text.rfind("ext:", 0) == 0) {
    found = repo.find_by_external_id(text.substr(4));
  } else if (auto id = util::parse_int(text); id && *id > 0) {
    found = repo.find(*id);
  } else {
    throw util::UsageError(
        fmt::format("invalid order reference '{}': use an order id or ext:EXTERNAL_ID", ref));
  }
  if (!found) throw util::NotFoundError(fmt::format("no order matches '{}'", ref));
  return *found;
}

namespace {

// The order as given, validated, without its customer; the note of its "placed" event.
std::pair<Order, domain::OptText> order_from_input(const Context& ctx, const AddOrder& input) {
  Order order;
  const auto& currency = input.currency ? domain::currency(*input.currency) : default_currency(ctx);
  order.currency = currency.code;
  if (input.items.empty())
    throw util::UsageError("an order needs at least one --item SKU:QTY:UNIT_PRICE[:NAME]");
  for (const auto& spec : input.items)
    order.items.push_back(domain::parse_item_spec(spec, currency));
  if (input.shipping) order.shipping = parse_money_option("--shipping", *input.shipping, currency);
  if (input.discount) order.discount = parse_money_option("--discount", *input.discount, currency);
  domain::compute_totals(order);
  order.status = domain::parse_order_status(input.status);
  if (order.status == "returned") order.refunded = order.total; // returned on arrival: in full
  order.placed_at =
      input.placed_at ? ctx.parse_time_option("--placed-at", *input.placed_at) : ctx.now();
  if (input.external_id) order.external_id = single_line(*input.external_id, "external id");
  order.created_at = order.updated_at = ctx.now();
  domain::OptText note;
  if (input.note) note = domain::normalize_text(*input.note, "note");
  return {std::move(order), std::move(note)};
}

// --tracking and --refund go with one status each.
void check_status_options(const std::string& status, const ChangeStatus& input) {
  if (input.tracking && status != "shipped")
    throw util::UsageError("--tracking goes with shipped (the parcel's tracking number); say "
                           "more with --note");
  if (input.refund && status != "returned")
    throw util::UsageError("--refund goes with returned only");
}

} // namespace

Order add_order(Context& ctx, const AddOrder& input) {
  auto [order, note] = order_from_input(ctx, input);
  // One write transaction from the first read: order_value pins the store currency on the
  // first order; a dry run rolls it all back.
  store::Transaction transaction(ctx.db());
  order.customer_id = resolve_live_customer(ctx, input.customer).id;
  store::OrderRepository repo(ctx.db());
  if (order.external_id) {
    if (auto other = repo.find_by_external_id(*order.external_id))
      throw util::ConflictError(
          fmt::format("external id {} is already used by order {}", *order.external_id, other->id));
  }
  order.value = order_value(ctx, order);
  if (input.dry_run) return order;
  order.id = repo.insert(order);
  for (const auto& event : placing_events(ctx, order, note)) repo.add_event(event);
  audit(ctx, "order", order.id, "add", std::nullopt, order_json(ctx, order), order.customer_id);
  transaction.commit();
  return order;
}

StatusChange change_order_status(Context& ctx, std::string_view ref, const ChangeStatus& input) {
  const std::string status = domain::parse_order_status(input.status);
  store::Transaction transaction(ctx.db()); // the order read is the order changed
  StatusChange change{resolve_order(ctx, ref), {}, {}};
  const Order& before = change.before;
  if (!domain::transition_allowed(before.status, status)) illegal_transition(before, status);
  check_status_options(status, input);
  Order after = before;
  auto& event = change.event;
  event = make_event(ctx, before, status,
                     input.at ? ctx.parse_time_option("--at", *input.at) : ctx.now());
  check_event_time(ctx, before, event.at);
  if (input.note) event.note = domain::normalize_text(*input.note, "note");
  if (input.tracking) event.tracking = after.tracking = single_line(*input.tracking, "tracking");
  after.status = status;
  after.updated_at = ctx.now();
  if (status == "returned") {
    event.refund = refund_amount(before, input);
    after.refunded = domain::money_add(before.refunded, *event.refund);
    after.value = value_after_refund(before, after.refunded);
  }
  change.after = after;
  if (input.dry_run) return change;
  store::OrderRepository repo(ctx.db());
  repo.update(after);
  event.id = repo.add_event(event);
  audit(ctx, "order", after.id, "status", order_json(ctx, before), order_json(ctx, after),
        after.customer_id);
  transaction.commit();
  return change;
}
std::int64_t recompute_metrics(Context& ctx) {
  store::Transaction transaction(ctx.db());
  const std::int64_t customers = store::OrderRepository(ctx.db()).recompute_all_metrics();
  transaction.commit();
  return customers;
}

} // namespace crm::actions
