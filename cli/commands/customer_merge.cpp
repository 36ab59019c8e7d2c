// crm customer dupes|merge|unmerge|merges.
#include <iostream>

#include <fmt/format.h>

#include "actions/customer.hpp"
#include "actions/merge.hpp"
#include "app.hpp"
#include "util/strings.hpp"

namespace crm::cli {

namespace {

std::vector<render::Column> dupe_columns() {
  return {{"keep_id", "KEEP", true},
          {"other_id", "OTHER", true},
          {"score", "SCORE", true},
          {"keys", "KEYS"},
          {"keep_name", "KEEP NAME", false, true, 20},
          {"keep_email", "KEEP EMAIL", false, true, 28},
          {"other_name", "OTHER NAME", false, true, 20},
          {"other_email", "OTHER EMAIL", false, true, 28}};
}

std::vector<render::Column> merge_columns() {
  return {{"id", "ID", true},
          {"at", "AT"},
          {"keep_id", "KEEP", true},
          {"other_id", "OTHER", true},
          {"user", "BY"},
          {"interactions", "INTERACTIONS", true},
          {"followups", "FOLLOW-UPS", true},
          {"orders", "ORDERS", true},
          {"undone_at", "UNDONE"},
          {"command", "", false, false}};
}

// Table mode's dry run: each change to KEEP as "field: before -> after" (as edit prints it),
// then what moves between the two customers.
void print_changes(const actions::MergeResult& r, bool unmerging) {
  print_field_changes(r.keep_before, r.keep_after, r.changed);
  for (const auto& c : r.consent)
    std::cout << "consent." << c.channel << ": " << c.before.value_or("(none)") << " -> "
              << c.after.value_or("(none)") << '\n';
  const auto from = unmerging ? r.keep_before.id : r.other_before.id;
  const auto to = unmerging ? r.other_before.id : r.keep_before.id;
  std::cout << fmt::format(
      "moves: {} interaction(s), {} follow-up(s), {} order(s) from customer {} to {}\n",
      r.interactions.size(), r.followups.size(), r.orders.size(), from, to);
}

void add_dupes(CLI::App* customer, Cli& cli) {
  auto* dupes =
      customer->add_subcommand("dupes", "List likely duplicate customers, best matches first");
  dupes->footer(
      "Keys: email (case, +tags and gmail dots ignored), phone (last 9 digits), name+city.\n"
      "Score: email 60, phone 30, name+city 30, same company +10, same postcode +5; max 100.\n"
      "Example: crm customer dupes --by email,phone --min-score 60");
  auto input = std::make_shared<actions::FindDupes>();
  dupes->add_option("--by", input->by, "Keys to compare on: email, phone, name+city (default all)")
      ->delimiter(',');
  dupes->add_option("--min-score", input->min_score, "Only pairs scoring at least N (default 50)");
  dupes->add_option("--max-block", input->max_block,
                    "Skip a key shared by more than N customers (default 50)");
  on_run(dupes, cli, [input](Runner& r) {
    if (!r.quiet()) r.list_begin(dupe_columns());
    const auto summary = actions::find_dupes(r.ctx(), *input, [&r](util::Json row) {
      if (r.quiet())
        std::cout << row.find("keep_id")->as_int() << ' ' << row.find("other_id")->as_int() << '\n';
      else
        r.list_row(std::move(row));
    });
    if (!r.quiet()) r.list_end();
    r.note(
        fmt::format("{} candidate pair(s) among {} customer(s)", summary.pairs, summary.customers));
    if (summary.skipped_blocks > 0)
      r.note(fmt::format("skipped {} key(s) shared by more than {} customers (too common to "
                         "mean a duplicate; --max-block raises the limit): {}{}",
                         summary.skipped_blocks, input->max_block,
                         util::join(summary.skipped_examples, ", "),
                         summary.skipped_blocks > 3 ? ", ..." : ""));
    return 0;
  });
}

void add_merge(CLI::App* customer, Cli& cli) {
  auto* merge = customer->add_subcommand(
      "merge", "Merge customer OTHER into KEEP; prints the merge id (for unmerge)");
  merge->footer("KEEP and OTHER are ids, emails or ext:EXTERNAL_IDs.\n"
                "Example: crm customer merge 42 57 --prefer newest --dry-run");
  auto input = std::make_shared<actions::MergeCustomers>();
  merge->add_option("KEEP", input->keep, "The customer that stays")->required();
  merge->add_option("OTHER", input->other, "The duplicate, deleted after the merge")->required();
  merge->add_option("--prefer", input->prefer,
                    "When both have a field: keep (default), other, or newest (later update)");
  merge->add_flag("--dry-run", input->dry_run, "Show what would change, write nothing");
  on_run(merge, cli, [input](Runner& r) {
    const auto result = actions::merge_customers(r.ctx(), *input);
    if (r.quiet() || (r.format() == render::Format::table && !input->dry_run)) {
      if (!input->dry_run) std::cout << result.merge_id << '\n';
    } else if (r.format() != render::Format::table) {
      r.print_record(actions::merge_result_json(result));
    } else {
      print_changes(result, false);
    }
    const auto keep = result.keep_before.id, other = result.other_before.id;
    if (input->dry_run)
      r.note(fmt::format("dry run: would merge customer {} into {}; nothing was written", other,
                         keep));
    else
      r.note(fmt::format("merged customer {} into {} (merge {})", other, keep, result.merge_id));
    return 0;
  });
}

void add_unmerge(CLI::App* customer, Cli& cli) {
  auto* unmerge = customer->add_subcommand(
      "unmerge", "Undo a merge: both customers as before; prints OTHER's id");
  unmerge->footer("Example: crm customer unmerge 3   (crm customer merges lists the merge ids)");
  auto id = std::make_shared<std::int64_t>(0);
  auto dry_run = std::make_shared<bool>(false);
  unmerge->add_option("MERGE_ID", *id, "The id merge printed")->required();
  unmerge->add_flag("--dry-run", *dry_run, "Show what would change, write nothing");
  on_run(unmerge, cli, [id, dry_run](Runner& r) {
    const auto result = actions::unmerge(r.ctx(), *id, *dry_run);
    if (r.quiet() || (r.format() == render::Format::table && !*dry_run)) {
      if (!*dry_run) std::cout << result.other_before.id << '\n';
    } else if (r.format() != render::Format::table) {
      r.print_record(actions::merge_result_json(result));
    } else {
      print_changes(result, true);
    }
    r.note(fmt::format("{} merge {}: customer {} back, customer {} as before the merge",
                       *dry_run ? "dry run: would undo" : "undid", *id, result.other_before.id,
                       result.keep_before.id));
    return 0;
  });
}

void add_merges(CLI::App* customer, Cli& cli) {
  auto* merges = customer->add_subcommand("merges", "List merges, newest first");
  merges->footer("Example: crm customer merges --customer 42");
  auto ref = std::make_shared<std::optional<std::string>>();
  merges->add_option("--customer", *ref, "Only merges with this customer as KEEP or OTHER (REF)");
  on_run(merges, cli, [ref](Runner& r) {
    r.list_begin(merge_columns());
    for (auto& row : actions::list_merges(r.ctx(), *ref)) r.list_row(std::move(row));
    r.list_end();
    return 0;
  });
}

} // namespace

void add_customer_merge_commands(CLI::App* customer, Cli& cli) {
  add_dupes(customer, cli);
  add_merge(customer, cli);
  add_unmerge(customer, cli);
  add_merges(customer, cli);
}

} // namespace crm::cli
