// crm customer export-data|forget: what crm holds about one person, and erasing it.
#include <iostream>

#include <fmt/format.h>

#include "actions/privacy.hpp"
#include "app.hpp"
#include "util/error.hpp"

namespace crm::cli {

namespace {

void add_export_data(CLI::App* customer, Cli& cli) {
  auto* sub = customer->add_subcommand(
      "export-data", "Everything crm holds about one person, as one JSON document");
  sub->footer("Always JSON, whatever --format says. Works for deleted customers too (by id).\n"
              "Example: crm customer export-data li.na@example.cn -o li-na.json");
  auto ref = std::make_shared<std::string>();
  auto output = std::make_shared<std::string>();
  auto force = std::make_shared<bool>(false);
  sub->add_option("REF", *ref, "Customer id, email or ext:EXTERNAL_ID")->required();
  sub->add_option("-o,--output", *output,
                  "Write to FILE (created mode 0600, complete or not at all)");
  sub->add_flag("--force", *force, "Replace FILE when it exists");
  on_run(sub, cli, [ref, output, force](Runner& r) {
    const auto data =
        actions::export_personal_data(r.ctx(), *ref, fmt::format("crm {}", CRM_VERSION));
    const std::string text = data.dump() + '\n';
    if (output->empty()) {
      std::cout << text << std::flush;
      return 0;
    }
    actions::write_private_file(*output, text, *force);
    r.note(fmt::format("wrote the data of customer {} to {}",
                       data.find("customer")->find("id")->as_int(), *output));
    return 0;
  });
}

render::Table forget_table(Runner& r, const std::vector<actions::ForgetResult>& results) {
  render::Table table;
  table.columns = {{"id", "ID", true},
                   {"forgotten_at", "", false, false},
                   {"erased_fields", "ERASED FIELDS", false, true, 40},
                   {"attributes", "ATTRS", true},
                   {"consent_records", "CONSENT", true},
                   {"interactions", "NOTES", true},
                   {"followups", "FOLLOW-UPS", true},
                   {"audit_entries", "AUDIT", true},
                   {"import_records", "IMPORTS", true},
                   {"merges", "MERGES", true},
                   {"orders", "ORDERS", true},
                   {"suppressed", "SUPPRESSED"}};
  table.rows.reserve(results.size());
  for (const auto& result : results) table.rows.push_back(actions::forget_json(r.ctx(), result));
  return table;
}

void add_forget(CLI::App* customer, Cli& cli) {
  auto* sub = customer->add_subcommand(
      "forget", "Erase people's data for good; keep anonymous facts and suppress the address");
  sub->footer(
      "Erases names, email, phone, fax, company, address, postcode, city, region, external id,\n"
      "attributes, consent and follow-ups, and the texts of interactions; scrubs the audit log\n"
      "and the import and merge journals. Keeps the id, country, language, owner, source,\n"
      "status, tags and times. The email and phone stay suppressed, as hashes.\n"
      "Example: crm customer forget li.na@example.cn --yes");
  auto refs = std::make_shared<std::vector<std::string>>();
  auto dry_run = std::make_shared<bool>(false);
  auto yes = std::make_shared<bool>(false);
  sub->add_option("REF", *refs, "Customer ids, emails or ext:EXTERNAL_IDs")->required();
  sub->add_flag("--dry-run", *dry_run, "Show what would be erased, change nothing");
  sub->add_flag("--yes", *yes, "Do not ask (required when not on a terminal)");
  on_run(sub, cli, [refs, dry_run, yes](Runner& r) {
    auto results = actions::forget_customers(r.ctx(), *refs, true); // checks, rolled back
    std::vector<std::string> ids;
    ids.reserve(results.size());
    for (const auto& result : results) ids.push_back(std::to_string(result.before.id));
    if (!*dry_run) {
      if (!r.confirm(fmt::format("forget erases the personal data of {} customer(s) for good",
                                 results.size()),
                     *yes))
        throw util::Error("forget cancelled: nothing was changed");
      results = actions::forget_customers(r.ctx(), ids, false);
    }
    if (r.quiet()) {
      for (const auto& id : ids) std::cout << id << '\n';
    } else {
      r.print_table(forget_table(r, results));
    }
    r.note(*dry_run ? fmt::format("dry run: would forget {} customer(s); nothing was changed",
                                  results.size())
                    : fmt::format("forgot {} customer(s): personal data erased", results.size()));
    return 0;
  });
}

} // namespace

void add_customer_privacy_commands(CLI::App* customer, Cli& cli) {
  add_export_data(customer, cli);
  add_forget(customer, cli);
}

} // namespace crm::cli
