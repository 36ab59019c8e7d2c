// crm customer add|show|list|edit|tag|untag|rm|restore|purge (the timeline verbs —
// consent, note, history, followup — are in customer_timeline.cpp).
#include <iostream>
#include <map>

#include <fmt/format.h>

#include "actions/customer.hpp"
#include "actions/order.hpp"
#include "app.hpp"
#include "domain/customer.hpp"
#include "util/error.hpp"
#include "util/strings.hpp"

namespace crm::cli {

namespace {

const char* field_help(const std::string& field) {
  static const std::map<std::string, const char*> help = {
      {"external_id", "Id in the source system (shop, old CRM); unique"},
      {"email", "Email address; unique among live customers (case-insensitive)"},
      {"phone", "Phone or mobile number, e.g. +86 138 0013 8000"},
      {"fax", "Fax number"},
      {"first_name", "Given name"},
      {"last_name", "Family name"},
      {"company", "Company name"},
      {"address_line1", "Postal address, first line"},
      {"address_line2", "Postal address, second line"},
      {"postcode", "Postal code"},
      {"city", "City"},
      {"region", "Region, province or state"},
      {"country", "Country, ISO 3166 alpha-2 code (CN, DE, US...)"},
      {"language", "Preferred language, e.g. zh-CN, en"},
      {"owner", "Sales rep responsible for the customer"},
      {"source", "Where the customer came from (shop, fair, referral...)"}};
  const auto it = help.find(field);
  return it == help.end() ? "" : it->second;
}

std::string option_name(const std::string& field) {
  std::string name = field;
  for (auto& c : name) c = c == '_' ? '-' : c;
  return "--" + name;
}

// Tables show the columns people scan; the data formats have every field, in JSON key order.
render::Table customer_table(render::Format format) {
  render::Table table;
  if (format != render::Format::table) {
    table.columns.push_back({"id"});
    for (const auto& field : domain::text_field_names()) {
      table.columns.push_back({field});
      if (field == "owner") table.columns.push_back({"status"});
    }
    for (const char* key : {"tags", "attributes", "created_at", "updated_at", "deleted_at",
                            "orders", "revenue", "aov", "first_order", "last_order"})
      table.columns.push_back({key});
    return table;
  }
  table.columns = {{"id", "ID", true},
                   {"name", "NAME", false, true, 24},
                   {"email", "EMAIL", false, true, 32},
                   {"phone", "PHONE"},
                   {"company", "COMPANY", false, true, 24},
                   {"city", "CITY"},
                   {"country", "COUNTRY"},
                   {"status", "STATUS"},
                   {"tags", "TAGS", false, true, 30},
                   {"orders", "ORDERS", true},
                   {"revenue", "REVENUE", true}};
  return table;
}

std::vector<std::string> keys_of(const std::vector<render::Column>& columns) {
  std::vector<std::string> keys;
  for (const auto& c : columns) keys.push_back(c.key);
  return keys;
}

util::Json list_row(Runner& r, const domain::Customer& c, const store::CustomerMetrics& m,
                    const domain::Currency& currency) {
  util::Json row = actions::customer_json(c);
  if (r.format() == render::Format::table) row.append("name", domain::display_name(c));
  util::Json metrics = actions::metrics_json(r.ctx(), m, currency); // keys customer_json lacks
  auto& members = row.as_object();
  for (auto& member : metrics.as_object()) members.push_back(std::move(member));
  return row;
}

// Table mode: each recent order as one short line (crm order show has the rest).
void slim_recent_orders(util::Json& record) {
  auto& members = record.as_object();
  for (auto& [key, value] : members) {
    if (key != "recent_orders") continue;
    for (auto& order : value.as_array()) {
      util::Json slim = util::Json::object();
      for (const char* field : {"id", "external_id", "placed_at", "status", "total", "refunded",
                                "currency", "tracking"})
        if (const auto* found = order.find(field)) slim.set(field, *found);
      order = std::move(slim);
    }
  }
}

void print_dry_run(const actions::Change& change) {
  print_field_changes(change.before, change.after, change.changed);
}

void print_change(Runner& r, const actions::Change& change, bool dry_run) {
  if (r.quiet())
    std::cout << change.after.id << '\n';
  else if (r.format() != render::Format::table)
    r.print_record(actions::customer_json(change.after));
  else if (dry_run)
    print_dry_run(change);
  if (change.changed.empty())
    r.note(fmt::format("customer {} unchanged", change.after.id));
  else
    r.note(fmt::format("{} customer {}: {}", dry_run ? "dry run: would update" : "updated",
                       change.after.id, util::join(change.changed, ", ")));
}

struct Verb {
  std::string_view done, would;
};

void print_customers(Runner& r, const std::vector<domain::Customer>& customers, Verb verb,
                     bool dry_run) {
  for (const auto& c : customers) std::cout << c.id << '\n';
  r.note(dry_run ? fmt::format("dry run: would {} {} customer(s)", verb.would, customers.size())
                 : fmt::format("{} {} customer(s)", verb.done, customers.size()));
}

void add_add(CLI::App* customer, Cli& cli) {
  auto* add = customer->add_subcommand("add", "Add a customer; prints the new id");
  add->footer(
      "Example: crm customer add --email li.lei@example.cn --first-name 雷 --last-name 李 \\\n"
      "           --country CN --tag vip --attr wechat=lilei88");
  auto input = std::make_shared<actions::AddCustomer>();
  auto values = std::make_shared<std::vector<std::string>>(domain::text_field_names().size() + 1);
  std::size_t i = 0;
  for (const auto& field : domain::text_field_names()) {
    add->add_option(option_name(field), (*values)[i++], field_help(field));
  }
  add->add_option("--status", values->back(),
                  "lead, active or inactive (config customer.default_status)");
  add->add_option("--tag", input->tags, "Tag (repeatable)");
  add->add_option("--attr", input->attributes, "Custom attribute NAME=VALUE (repeatable)");
  add->add_flag("--dry-run", input->dry_run, "Validate and show the customer, write nothing");
  on_run(add, cli, [input, values, add](Runner& r) {
    std::size_t index = 0;
    for (const auto& field : domain::text_field_names()) {
      if (add->count(option_name(field)) > 0) input->fields.emplace_back(field, (*values)[index]);
      ++index;
    }
    if (add->count("--status") > 0) input->fields.emplace_back("status", values->back());
    const auto c = actions::add_customer(r.ctx(), *input);
    if ((r.format() != render::Format::table || input->dry_run) && !r.quiet())
      r.print_record(actions::customer_json(c));
    else if (!input->dry_run)
      std::cout << c.id << '\n';
    if (input->dry_run) r.note("dry run: the customer is valid; nothing was written");
    return 0;
  });
}

void add_show_list(CLI::App* customer, Cli& cli) {
  auto* show = customer->add_subcommand("show", "Everything known about one customer");
  show->footer(
      "REF is an id, an email or ext:EXTERNAL_ID.\nExample: crm customer show alice@example.com");
  auto ref = std::make_shared<std::string>();
  show->add_option("REF", *ref, "Customer id, email or ext:EXTERNAL_ID")->required();
  on_run(show, cli, [ref](Runner& r) {
    auto record = actions::show_customer(r.ctx(), *ref);
    if (r.format() == render::Format::table) slim_recent_orders(record);
    r.print_record(std::move(record));
    return 0;
  });

  auto* list = customer->add_subcommand("list", "List customers");
  list->footer("Example: crm customer list --tag vip --country CN --sort -created --limit 20");
  auto input = std::make_shared<actions::ListCustomers>();
  auto deleted = std::make_shared<bool>(false);
  auto filter = std::make_shared<actions::SegmentFilter>();
  add_customer_filters(list, input->query);
  add_segment_filters(list, *filter);
  list->add_option("--sort", input->sort,
                   "Sort by a field (id, name, email, created, revenue, orders, last_order, "
                   "...); -FIELD descends");
  list->add_option("--limit", input->query.limit, "At most N customers");
  list->add_option("--offset", input->query.offset, "Skip the first N");
  list->add_flag("--deleted", *deleted, "List deleted customers instead (see rm, restore, purge)");
  on_run(list, cli, [input, deleted, filter](Runner& r) {
    if (*deleted) input->query.deleted = store::CustomerQuery::Deleted::only;
    actions::apply_segment_filter(r.ctx(), *filter, input->query);
    print_customer_list(r, *input, {});
    return 0;
  });
}

// The row's value for a --fields name: a key of the row, or attr.KEY.
util::Json pick(const util::Json& row, const std::string& field) {
  if (field.rfind("attr.", 0) == 0) {
    const auto* attributes = row.find("attributes");
    const auto* value = attributes != nullptr ? attributes->find(field.substr(5)) : nullptr;
    return value != nullptr ? *value : util::Json();
  }
  const auto* value = row.find(field);
  return value != nullptr ? *value : util::Json();
}

} // namespace

void print_customer_list(Runner& r, const actions::ListCustomers& input,
                         const std::vector<std::string>& fields) {
  auto columns = customer_table(r.format()).columns;
  if (!fields.empty()) {
    const auto all = customer_table(render::Format::json).columns;
    std::vector<render::Column> picked;
    for (const auto& field : fields) {
      const bool known = field.rfind("attr.", 0) == 0 ||
                         std::any_of(all.begin(), all.end(),
                                     [&](const render::Column& c) { return c.key == field; });
      if (!known)
        throw util::UsageError(fmt::format("--fields: unknown field '{}' (fields: {}, attr.KEY)",
                                           field, util::join(keys_of(all), ", ")));
      // The table's own header and alignment where the table has the column.
      const auto shown = std::find_if(columns.begin(), columns.end(),
                                      [&](const render::Column& c) { return c.key == field; });
      // attr.KEY keeps its key as written (the default header turns _ into a space).
      const bool attribute = field.rfind("attr.", 0) == 0;
      picked.push_back(
          shown != columns.end()
              ? *shown
              : render::Column{field, attribute ? util::to_upper_ascii(field) : std::string()});
      picked.back().in_table = true;
    }
    columns = std::move(picked);
  }
  r.list_begin(columns);
  const auto& currency = actions::metrics_currency(r.ctx());
  actions::list_customers(r.ctx(), input,
                          [&](const domain::Customer& c, const store::CustomerMetrics& m) {
                            util::Json row = list_row(r, c, m, currency);
                            if (fields.empty()) return r.list_row(std::move(row));
                            util::Json slim = util::Json::object();
                            for (const auto& field : fields) slim.set(field, pick(row, field));
                            r.list_row(std::move(slim));
                          });
  r.list_end();
}

namespace {

void add_edit_tag(CLI::App* customer, Cli& cli) {
  auto* edit = customer->add_subcommand("edit", "Change a customer's fields");
  edit->footer("Fields: " + util::join(domain::text_field_names(), ", ") +
               ", status, attr.NAME.\nExample: crm customer edit 42 --set city=上海 --unset fax "
               "--set attr.vip_level=3");
  auto ref = std::make_shared<std::string>();
  auto input = std::make_shared<actions::EditCustomer>();
  edit->add_option("REF", *ref, "Customer id, email or ext:EXTERNAL_ID")->required();
  edit->add_option("--set", input->set, "FIELD=VALUE (repeatable; an empty value clears)");
  edit->add_option("--unset", input->unset, "FIELD to clear (repeatable)");
  edit->add_flag("--dry-run", input->dry_run, "Show what would change, write nothing");
  on_run(edit, cli, [ref, input](Runner& r) {
    print_change(r, actions::edit_customer(r.ctx(), *ref, *input), input->dry_run);
    return 0;
  });

  for (const bool adding : {true, false}) {
    auto* sub =
        customer->add_subcommand(adding ? "tag" : "untag",
                                 adding ? "Add tags to a customer" : "Remove tags from a customer");
    sub->footer(adding ? "Example: crm customer tag 42 vip wholesale"
                       : "Example: crm customer untag 42 vip");
    auto tag_ref = std::make_shared<std::string>();
    auto tags = std::make_shared<std::vector<std::string>>();
    auto dry_run = std::make_shared<bool>(false);
    sub->add_option("REF", *tag_ref, "Customer id, email or ext:EXTERNAL_ID")->required();
    sub->add_option("TAG", *tags, "Tags")->required();
    sub->add_flag("--dry-run", *dry_run, "Show what would change, write nothing");
    on_run(sub, cli, [tag_ref, tags, dry_run, adding](Runner& r) {
      print_change(r, actions::tag_customer(r.ctx(), *tag_ref, *tags, adding, *dry_run), *dry_run);
      return 0;
    });
  }
}

void add_lifecycle(CLI::App* customer, Cli& cli) {
  struct Spec {
    const char* name;
    const char* help;
    const char* example;
  };
  for (const Spec spec :
       {Spec{"rm", "Delete customers (soft: restore brings them back)", "crm customer rm 42 43"},
        Spec{"restore", "Bring deleted customers back", "crm customer restore 42"},
        Spec{"purge", "Erase deleted customers for good, with their history",
             "crm customer purge --all-deleted --yes"}}) {
    auto* sub = customer->add_subcommand(spec.name, spec.help);
    sub->footer(fmt::format("Example: {}", spec.example));
    auto refs = std::make_shared<std::vector<std::string>>();
    auto dry_run = std::make_shared<bool>(false);
    auto all = std::make_shared<bool>(false);
    auto yes = std::make_shared<bool>(false);
    auto* positional = sub->add_option("REF", *refs, "Customer ids, emails or ext:EXTERNAL_IDs");
    sub->add_flag("--dry-run", *dry_run, "Show who would be affected, change nothing");
    const std::string name = spec.name;
    if (name == "purge") {
      sub->add_flag("--all-deleted", *all, "Every deleted customer");
      sub->add_flag("--yes", *yes, "Do not ask (required when not on a terminal)");
    } else {
      positional->required();
    }
    on_run(sub, cli, [name, refs, dry_run, all, yes](Runner& r) {
      if (name == "rm") {
        print_customers(r, actions::remove_customers(r.ctx(), *refs, *dry_run),
                        {"deleted", "delete"}, *dry_run);
      } else if (name == "restore") {
        print_customers(r, actions::restore_customers(r.ctx(), *refs, *dry_run),
                        {"restored", "restore"}, *dry_run);
      } else {
        if (refs->empty() && !*all) throw util::UsageError("purge: give REF... or --all-deleted");
        const auto targets = actions::purge_customers(r.ctx(), *refs, *all, true);
        if (!*dry_run && !targets.empty() &&
            !r.confirm(fmt::format("purge erases {} customer(s) and their history for good",
                                   targets.size()),
                       *yes))
          throw util::Error("purge cancelled: nothing was changed");
        print_customers(r,
                        *dry_run ? targets : actions::purge_customers(r.ctx(), *refs, *all, false),
                        {"purged", "purge"}, *dry_run);
      }
      return 0;
    });
  }
}

} // namespace

void print_field_changes(const domain::Customer& before_customer,
                         const domain::Customer& after_customer,
                         const std::vector<std::string>& changed) {
  const auto before = actions::customer_json(before_customer);
  const auto after = actions::customer_json(after_customer);
  const auto text = [](const util::Json& json, const std::string& field) {
    const auto* value = json.find(field);
    return value == nullptr || value->to_text().empty() ? std::string("(empty)") : value->to_text();
  };
  for (const auto& field : changed)
    std::cout << field << ": " << text(before, field) << " -> " << text(after, field) << '\n';
}

void add_customer_filters(CLI::App* sub, store::CustomerQuery& query) {
  sub->add_option("--tag", query.tags, "Only customers with this tag (repeatable: all of them)");
  sub->add_option("--status", query.status, "Only this status: lead, active, inactive");
  sub->add_option("--owner", query.owner, "Only customers of this owner");
  sub->add_option("--country", query.country, "Only this country (ISO code)");
  sub->add_option("--search", query.search, "Text in names, emails, phones, company, external id");
}

void add_customer_timeline_commands(CLI::App* customer, Cli& cli);
void add_customer_import_commands(CLI::App* customer, Cli& cli);
void add_customer_export_commands(CLI::App* customer, Cli& cli);
void add_customer_merge_commands(CLI::App* customer, Cli& cli);
void add_customer_privacy_commands(CLI::App* customer, Cli& cli);

void add_customer_commands(CLI::App& app, Cli& cli) {
  auto* customer = app.add_subcommand("customer", "Customers: the single customer view");
  customer->require_subcommand(1);
  add_add(customer, cli);
  add_show_list(customer, cli);
  add_edit_tag(customer, cli);
  add_lifecycle(customer, cli);
  add_customer_timeline_commands(customer, cli);
  add_customer_import_commands(customer, cli);
  add_customer_export_commands(customer, cli);
  add_customer_merge_commands(customer, cli);
  add_customer_privacy_commands(customer, cli);
}

} // namespace crm::cli
