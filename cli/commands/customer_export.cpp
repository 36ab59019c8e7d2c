// crm customer export: CSV by default (whatever output.format says), or --format tsv, json,
// ndjson given on the command line.
#include <iostream>

#include <fmt/format.h>

#include "actions/export.hpp"
#include "actions/segment.hpp"
#include "app.hpp"
#include "util/error.hpp"
#include "util/strings.hpp"

namespace crm::cli {

namespace {

char parse_delimiter(const std::string& text) {
  if (text == "tab" || text == "\\t") return '\t';
  if (text.size() != 1)
    throw util::UsageError(
        fmt::format("--delimiter '{}': give one ASCII character, e.g. ';' or tab", text));
  return text.front();
}

} // namespace

void add_customer_export_options(CLI::App* sub, Cli& cli, bool filters,
                                 const ExportPrepare& prepare) {
  auto input = std::make_shared<actions::ExportCustomers>();
  auto delimiter = std::make_shared<std::string>(",");
  auto deleted = std::make_shared<bool>(false);
  auto output = std::make_shared<std::string>();
  sub->add_option("--fields", input->fields,
                  "Columns, comma-separated: names above, id, updated_at, deleted_at, attr.KEY")
      ->type_name("LIST");
  auto segment_filter = std::make_shared<actions::SegmentFilter>();
  if (filters) {
    add_customer_filters(sub, input->query);
    add_segment_filters(sub, *segment_filter);
    sub->add_flag("--include-deleted", *deleted, "Deleted customers too (see deleted_at)");
  }
  sub->add_option("-o,--output", *output,
                  "Write to FILE (created mode 0600, complete or not at all); - is stdout")
      ->type_name("FILE");
  sub->add_flag("--force", input->force, "Replace FILE when it exists");
  sub->add_option("--encoding", input->encoding,
                  "Character encoding: UTF-8 (default), GB18030, GBK, UTF-16LE, ...")
      ->type_name("NAME");
  sub->add_flag("--bom", input->bom, "Start with a byte-order mark (Excel needs it for UTF-8)");
  sub->add_option("--delimiter", *delimiter, "CSV field separator: , (default), ; or tab")
      ->type_name("CHAR");
  sub->add_flag("--raw", input->raw,
                "Keep cells starting with = + - @ as they are (default: prefix ')");
  on_run(sub, cli, [input, delimiter, deleted, output, segment_filter, prepare, &cli](Runner& r) {
    if (*deleted) input->query.deleted = store::CustomerQuery::Deleted::include;
    actions::apply_segment_filter(r.ctx(), *segment_filter, input->query);
    if (prepare) prepare(r, *input);
    // The global --format picks the format only when given on this command line: a
    // configured output.format (table, usually) does not turn an export into a table.
    input->format =
        cli.globals.format ? render::parse_format(*cli.globals.format) : render::Format::csv;
    input->delimiter = parse_delimiter(*delimiter);
    if (!output->empty() && *output != "-") input->output = *output;
    actions::ExportSummary summary;
    with_export_progress(r, "customers", input->progress,
                         [&] { summary = actions::export_customers(r.ctx(), *input, std::cout); });
    if (!r.quiet())
      r.note(fmt::format("exported {} customer{} to {}", summary.customers,
                         summary.customers == 1 ? "" : "s",
                         input->output ? *output : std::string("stdout")));
    return 0;
  });
}

void add_customer_export_commands(CLI::App* customer, Cli& cli) {
  auto* sub = customer->add_subcommand("export", "Write customers as CSV (or TSV, JSON, NDJSON)");
  sub->footer(
      "CSV is the default here whatever output.format says; --format tsv|json|ndjson changes "
      "it.\n"
      "Columns: " +
      util::join(actions::default_export_fields(), ", ") +
      ", then attr.KEY for each attribute in use.\n"
      "Example: crm customer export --tag vip -o vip.csv --encoding GB18030\n"
      "         crm customer export --fields email,first_name,attr.wechat --bom > excel.csv");
  add_customer_export_options(sub, cli, true, nullptr);
}

} // namespace crm::cli
