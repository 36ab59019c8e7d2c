// crm order add|show|list|status|timeline (import, imports and export: order_import.cpp).
#include <iostream>

#include <fmt/format.h>

#include "actions/order.hpp"
#include "app.hpp"
#include "domain/order.hpp"

namespace crm::cli {

namespace {

std::string status_help() {
  return "pending -> paid -> shipped -> delivered; pending|paid -> cancelled;\n"
         "shipped|delivered -> returned; returned -> returned (a further partial return).";
}

std::string money_text(const util::Json& order, std::string_view key) {
  return order.find(key)->as_string() + " " + order.find("currency")->as_string();
}

// Every key of order_json but items; a table shows the columns people scan.
render::Table order_table() {
  render::Table table;
  table.columns = {{"id", "ID", true},
                   {"external_id", "EXTERNAL ID", false, true, 20},
                   {"customer_id", "CUSTOMER", true},
                   {"placed_at", "PLACED"},
                   {"status", "STATUS"},
                   {"currency", "CUR"},
                   {"subtotal", "", true, false},
                   {"shipping", "", true, false},
                   {"discount", "", true, false},
                   {"total", "TOTAL", true},
                   {"refunded", "REFUNDED", true},
                   {"tracking", "TRACKING", false, true, 20},
                   {"created_at", "", false, false},
                   {"updated_at", "", false, false}};
  return table;
}

render::Table event_table() {
  render::Table table;
  table.columns = {{"id", "", true, false},
                   {"order_id", "", true, false},
                   {"at", "AT"},
                   {"kind", "EVENT"},
                   {"refund", "REFUND", true},
                   {"tracking", "TRACKING"},
                   {"author", "BY"},
                   {"note", "NOTE", false, true, 50},
                   {"recorded_at", "", false, false}};
  return table;
}

util::Json without_items(util::Json order) {
  auto& members = order.as_object();
  std::erase_if(members, [](const auto& member) { return member.first == "items"; });
  return order;
}

util::Json customer_line(const util::Json& customer) {
  std::string text = customer.find("id")->to_text();
  if (const auto* name = customer.find("name"); name != nullptr && !name->is_null())
    text += " " + name->as_string();
  if (const auto* email = customer.find("email"); email != nullptr && !email->is_null())
    text += " <" + email->as_string() + ">";
  return text;
}

// Table mode: amounts with their currency, the customer on one line, the value only when it
// is in another currency, events without the columns people do not need.
util::Json for_people(const util::Json& order) {
  const std::string currency = " " + order.find("currency")->as_string();
  const bool foreign =
      order.find("value_currency")->as_string() != order.find("currency")->as_string();
  util::Json shown = util::Json::object();
  for (const auto& [key, value] : order.as_object()) {
    if (key == "customer_id" || key == "currency" || key == "value_currency" ||
        (key == "value" && !foreign))
      continue;
    if (key == "customer") {
      shown.set(key, customer_line(value));
    } else if (key == "subtotal" || key == "shipping" || key == "discount" || key == "total" ||
               key == "refunded") {
      shown.set(key, value.as_string() + currency);
    } else if (key == "value") {
      shown.set(key, value.as_string() + " " + order.find("value_currency")->as_string());
    } else if (key == "events") {
      util::Json events = util::Json::array();
      for (const auto& event : value.as_array()) {
        util::Json row = util::Json::object();
        for (const auto& [field, item] : event.as_object()) {
          if (field != "id" && field != "order_id" && field != "recorded_at") row.set(field, item);
        }
        events.push_back(std::move(row));
      }
      shown.set(key, std::move(events));
    } else {
      shown.set(key, value);
    }
  }
  return shown;
}

void add_add(CLI::App* order, Cli& cli) {
  auto* add = order->add_subcommand("add", "Record an order; prints its id");
  add->footer(
      "ITEM is SKU:QTY:UNIT_PRICE[:NAME], the price in the order's currency (12.50 CNY,\n"
      "1200 JPY, 1.250 KWD). The total is computed: items + shipping - discount.\n"
      "Examples:\n"
      "  crm order add --customer li.na@example.cn --item TEA-01:2:59.00:龙井茶 --shipping 10\n"
      "  crm order add --customer ext:SHOP-1 --currency USD --item MUG:1:12.5 \\\n"
      "      --external-id WEB-1001 --placed-at 2025-05-01T10:00:00Z --status paid");
  auto input = std::make_shared<actions::AddOrder>();
  add->add_option("--customer", input->customer, "Customer id, email or ext:EXTERNAL_ID")
      ->required();
  add->add_option("--item", input->items, "SKU:QTY:UNIT_PRICE[:NAME] (repeatable)")->required();
  add->add_option("--currency", input->currency, "ISO 4217 code (default config money.currency)");
  add->add_option("--placed-at", input->placed_at,
                  "When it was placed: 2025-05-01, 2025-05-01T10:00:00+08:00 (default now)");
  add->add_option("--external-id", input->external_id, "Order number in the shop; unique");
  add->add_option("--status", input->status,
                  "pending (default), paid, shipped, delivered, cancelled or returned; the "
                  "steps before it become events");
  add->add_option("--shipping", input->shipping, "Shipping charged, e.g. 10.00");
  add->add_option("--discount", input->discount, "Discount on the whole order, e.g. 5.00");
  add->add_option("--note", input->note, "A note on the placed event");
  add->add_flag("--dry-run", input->dry_run, "Validate and show the order, write nothing");
  on_run(add, cli, [input](Runner& r) {
    const auto added = actions::add_order(r.ctx(), *input);
    const auto json = actions::order_json(r.ctx(), added);
    if (r.quiet()) {
      if (!input->dry_run) std::cout << added.id << '\n';
    } else if (r.format() != render::Format::table || input->dry_run) {
      r.print_record(json);
    } else {
      std::cout << added.id << '\n';
    }
    const std::string summary =
        fmt::format("{} item(s), total {}, {}, customer {}", added.items.size(),
                    money_text(json, "total"), added.status, added.customer_id);
    r.note(input->dry_run ? "dry run: the order is valid (" + summary + "); nothing was written"
                          : fmt::format("added order {}: {}", added.id, summary));
    return 0;
  });
}

void add_show(CLI::App* order, Cli& cli) {
  auto* show = order->add_subcommand("show", "One order: items, totals, customer, timeline");
  show->footer("Example: crm order show 12\n         crm order show ext:WEB-1001 --format json");
  auto ref = std::make_shared<std::string>();
  show->add_option("ORDER", *ref, "Order id or ext:EXTERNAL_ID")->required();
  on_run(show, cli, [ref](Runner& r) {
    const auto json = actions::show_order(r.ctx(), *ref);
    r.print_record(r.format() == render::Format::table ? for_people(json) : json);
    return 0;
  });
}

void add_list(CLI::App* order, Cli& cli) {
  auto* list = order->add_subcommand("list", "List orders, oldest first");
  list->footer("Example: crm order list --customer li.na@example.cn --status shipped\n"
               "         crm order list --from 2025-01-01 --to 2025-02-01 --sort -total "
               "--limit 10");
  auto input = std::make_shared<actions::ListOrders>();
  list->add_option("--customer", input->customer,
                   "Only this customer's orders (id, email, ext:ID)");
  list->add_option("--status", input->status, "Only orders in this status");
  list->add_option("--from", input->from, "Only orders placed at or after this time");
  list->add_option("--to", input->to, "Only orders placed before this time");
  list->add_option("--sort", input->sort,
                   "id, placed_at, total, status, customer_id or external_id; -FIELD descends");
  list->add_option("--limit", input->limit, "At most N orders");
  on_run(list, cli, [input](Runner& r) {
    r.list_begin(order_table().columns);
    actions::list_orders(r.ctx(), *input, [&r](const domain::Order& o) {
      r.list_row(without_items(actions::order_json(r.ctx(), o)));
    });
    r.list_end();
    return 0;
  });
}

void print_status_dry_run(const util::Json& before, const util::Json& after) {
  for (const char* key : {"status", "refunded", "tracking"}) {
    const auto text = [key](const util::Json& json) {
      const std::string value = json.find(key)->to_text();
      return value.empty() ? std::string("(empty)") : value;
    };
    if (text(before) != text(after))
      std::cout << key << ": " << text(before) << " -> " << text(after) << '\n';
  }
}

void add_status(CLI::App* order, Cli& cli) {
  auto* status = order->add_subcommand("status", "Move an order on: paid, shipped, delivered...");
  status->footer(status_help() +
                 "\nreturned refunds what is left unless --refund says how much.\n"
                 "Examples:\n"
                 "  crm order status 12 shipped --tracking SF1234567890 --note 顺丰\n"
                 "  crm order status ext:WEB-1001 returned --refund 20.00 --note 'one mug broken'");
  auto ref = std::make_shared<std::string>();
  auto input = std::make_shared<actions::ChangeStatus>();
  status->add_option("ORDER", *ref, "Order id or ext:EXTERNAL_ID")->required();
  status->add_option("STATUS", input->status, "paid, shipped, delivered, cancelled or returned")
      ->required();
  status->add_option("--note", input->note, "A note on the event");
  status->add_option("--at", input->at, "When it happened, e.g. '2025-05-04 15:30' (default now)");
  status->add_option("--tracking", input->tracking, "With shipped: the parcel's tracking number");
  status->add_option("--refund", input->refund,
                     "With returned: the amount refunded (default: all that is left)");
  status->add_flag("--dry-run", input->dry_run, "Show what would change, write nothing");
  on_run(status, cli, [ref, input](Runner& r) {
    const auto change = actions::change_order_status(r.ctx(), *ref, *input);
    const auto before = actions::order_json(r.ctx(), change.before);
    const auto after = actions::order_json(r.ctx(), change.after);
    if (r.quiet())
      std::cout << change.after.id << '\n';
    else if (r.format() != render::Format::table)
      r.print_record(after);
    else if (input->dry_run)
      print_status_dry_run(before, after);
    std::string message = fmt::format("order {}: {} -> {}", change.after.id, change.before.status,
                                      change.after.status);
    if (change.event.refund)
      message += fmt::format(", refunded {} ({} of {} in all)",
                             actions::order_event_json(r.ctx(), change.after, change.event)
                                 .find("refund")
                                 ->as_string(),
                             after.find("refunded")->as_string(), money_text(after, "total"));
    if (change.event.tracking) message += ", tracking " + *change.event.tracking;
    r.note(input->dry_run ? "dry run: would move " + message + "; nothing was written" : message);
    return 0;
  });
}

void add_timeline(CLI::App* order, Cli& cli) {
  auto* timeline = order->add_subcommand("timeline", "An order's events, oldest first");
  timeline->footer("Example: crm order timeline ext:WEB-1001");
  auto timeline_ref = std::make_shared<std::string>();
  timeline->add_option("ORDER", *timeline_ref, "Order id or ext:EXTERNAL_ID")->required();
  on_run(timeline, cli, [timeline_ref](Runner& r) {
    const auto events = actions::order_timeline(r.ctx(), *timeline_ref);
    r.list_begin(event_table().columns);
    for (const auto& event : events) r.list_row(event);
    r.list_end();
    return 0;
  });
}

} // namespace

void add_order_commands(CLI::App& app, Cli& cli) {
  auto* order = app.add_subcommand("order", "Orders: line items, status lifecycle, timeline");
  order->footer("Statuses: " + status_help());
  order->require_subcommand(1);
  add_add(order, cli);
  add_show(order, cli);
  add_list(order, cli);
  add_status(order, cli);
  add_timeline(order, cli);
  add_order_io_commands(*order, cli);
}

} // namespace crm::cli
