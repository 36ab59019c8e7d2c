// crm customer consent|note|history|followup.
#include <iostream>
#include <iterator>

#include <fmt/format.h>

#include "actions/timeline.hpp"
#include "app.hpp"
#include "util/error.hpp"

namespace crm::cli {

namespace {

render::Table interaction_table() {
  render::Table table;
  table.columns = {{"id", "ID", true}, {"customer_id", "", true, false}, {"at", "AT"},
                   {"kind", "KIND"},   {"channel", "CHANNEL"},           {"direction", "DIR"},
                   {"author", "BY"},   {"text", "TEXT", false, true, 60}};
  return table;
}

render::Table followup_table() {
  render::Table table;
  table.columns = {
      {"id", "ID", true}, {"customer_id", "CUSTOMER", true}, {"due", "DUE"},
      {"owner", "OWNER"}, {"text", "TEXT", false, true, 60}, {"created_at", "", false, false},
      {"done_at", "DONE"}};
  return table;
}

// Table mode and -q print the new id (for scripts: id=$(crm customer note ...)); the data
// formats print the record.
void print_one(Runner& r, const util::Json& record, const std::string& message, bool dry_run) {
  if (r.format() != render::Format::table && !r.quiet())
    r.print_record(record);
  else if (!dry_run)
    std::cout << record.find("id")->to_text() << '\n';
  r.note((dry_run ? "dry run: would have " : "") + message);
}

void add_consent(CLI::App* customer, Cli& cli) {
  auto* consent = customer->add_subcommand("consent", "Record a customer's consent for a channel");
  consent->footer("CHANNEL: email, sms, phone, postal. STATE: opt-in, opt-out, unknown.\n"
                  "Example: crm customer consent 42 email opt-in --source 'web form 2025-03'");
  auto ref = std::make_shared<std::string>();
  auto input = std::make_shared<actions::SetConsent>();
  consent->add_option("REF", *ref, "Customer id, email or ext:EXTERNAL_ID")->required();
  consent->add_option("CHANNEL", input->channel, "email, sms, phone or postal")->required();
  consent->add_option("STATE", input->state, "opt-in, opt-out or unknown")->required();
  consent->add_option("--source", input->source, "Where it came from (form, call, import...)")
      ->required();
  consent->add_option("--at", input->at, "When the customer gave it (default: now)");
  consent->add_flag("--dry-run", input->dry_run, "Validate, write nothing");
  on_run(consent, cli, [ref, input](Runner& r) {
    const auto json = actions::set_consent(r.ctx(), *ref, *input);
    if (r.quiet())
      std::cout << json.find("customer_id")->to_text() << '\n';
    else if (r.format() != render::Format::table)
      r.print_record(json);
    r.note(fmt::format("{}customer {}: {} {}", input->dry_run ? "dry run: would record " : "",
                       json.find("customer_id")->as_int(), json.find("channel")->as_string(),
                       json.find("state")->as_string()));
    return 0;
  });
}

void add_note_history(CLI::App* customer, Cli& cli) {
  auto* note = customer->add_subcommand(
      "note", "Log an interaction: a note, call, email, meeting, complaint");
  note->footer("Example: crm customer note 42 --kind call --direction in --text '问了发货时间'\n"
               "         echo 'long text' | crm customer note 42 --text -");
  auto ref = std::make_shared<std::string>();
  auto input = std::make_shared<actions::AddNote>();
  note->add_option("REF", *ref, "Customer id, email or ext:EXTERNAL_ID")->required();
  note->add_option("--kind", input->kind,
                   "note, call, email, meeting, complaint or service (default note)");
  note->add_option("--channel", input->channel, "How: phone, wechat, email, shop... (free text)");
  note->add_option("--direction", input->direction, "in (from the customer) or out");
  note->add_option("--text", input->text, "What was said; - reads standard input")->required();
  note->add_option("--at", input->at, "When (default: now)");
  note->add_option("--by", input->author, "Who (default: config audit.user or the OS user)");
  note->add_flag("--dry-run", input->dry_run, "Validate, write nothing");
  on_run(note, cli, [ref, input](Runner& r) {
    if (input->text == "-") input->text.assign(std::istreambuf_iterator<char>(std::cin), {});
    const auto json = actions::add_note(r.ctx(), *ref, *input);
    print_one(r, json, fmt::format("logged {} {}", input->kind, json.find("id")->to_text()),
              input->dry_run);
    return 0;
  });

  auto* history = customer->add_subcommand("history", "A customer's interactions, newest first");
  history->footer("Example: crm customer history 42 --kind complaint");
  auto history_ref = std::make_shared<std::string>();
  auto kind = std::make_shared<std::optional<std::string>>();
  auto limit = std::make_shared<std::optional<std::int64_t>>();
  history->add_option("REF", *history_ref, "Customer id, email or ext:EXTERNAL_ID")->required();
  history->add_option("--kind", *kind, "Only this kind");
  history->add_option("--limit", *limit, "At most N");
  on_run(history, cli, [history_ref, kind, limit](Runner& r) {
    auto table = interaction_table();
    table.rows = actions::customer_history(r.ctx(), *history_ref, *kind, *limit);
    r.print_table(std::move(table));
    return 0;
  });
}

void add_followup(CLI::App* customer, Cli& cli) {
  auto* followup = customer->add_subcommand("followup", "Follow-up reminders for sales staff");
  followup->require_subcommand(1);

  auto* add = followup->add_subcommand("add", "Add a follow-up for a customer");
  add->footer("Example: crm customer followup add 42 --due +3d --owner wang --text '回访报价'");
  auto ref = std::make_shared<std::string>();
  auto input = std::make_shared<actions::AddFollowup>();
  add->add_option("REF", *ref, "Customer id, email or ext:EXTERNAL_ID")->required();
  add->add_option("--due", input->due, "YYYY-MM-DD, today, tomorrow or +3d")->required();
  add->add_option("--owner", input->owner, "Who follows up (default: you)");
  add->add_option("--text", input->text, "What to do")->required();
  add->add_flag("--dry-run", input->dry_run, "Validate, write nothing");
  on_run(add, cli, [ref, input](Runner& r) {
    const auto json = actions::add_followup(r.ctx(), *ref, *input);
    print_one(r, json, fmt::format("follow-up due {}", json.find("due")->as_string()),
              input->dry_run);
    return 0;
  });

  auto* list = followup->add_subcommand("list", "Open follow-ups, soonest first");
  list->footer("Example: crm customer followup list --owner wang --due overdue");
  auto query = std::make_shared<actions::ListFollowups>();
  list->add_option("--owner", query->owner, "Only this owner's");
  list->add_option("--customer", query->customer, "Only this customer's (REF)");
  list->add_option("--due", query->due, "today, overdue, or a DATE (due on or before it)");
  list->add_flag("--all", query->include_done, "Include done ones");
  on_run(list, cli, [query](Runner& r) {
    auto table = followup_table();
    table.rows = actions::list_followups(r.ctx(), *query);
    r.print_table(std::move(table));
    return 0;
  });

  auto* done = followup->add_subcommand("done", "Mark a follow-up done");
  done->footer("Example: crm customer followup done 7");
  auto id = std::make_shared<std::int64_t>(0);
  auto dry_run = std::make_shared<bool>(false);
  done->add_option("ID", *id, "Follow-up id")->required();
  done->add_flag("--dry-run", *dry_run, "Check, change nothing");
  on_run(done, cli, [id, dry_run](Runner& r) {
    const auto json = actions::complete_followup(r.ctx(), *id, *dry_run);
    print_one(r, json, fmt::format("follow-up {} done", *id), *dry_run);
    return 0;
  });
}

} // namespace

void add_customer_timeline_commands(CLI::App* customer, Cli& cli) {
  add_consent(customer, cli);
  add_note_history(customer, cli);
  add_followup(customer, cli);
}

} // namespace crm::cli
