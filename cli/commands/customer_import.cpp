// crm customer import (and --undo), crm customer imports.
#include <iostream>

#include <fmt/format.h>

#include "actions/import.hpp"
#include "app.hpp"
#include "util/error.hpp"
#include "util/strings.hpp"

namespace crm::cli {

namespace {

struct ImportArgs {
  actions::ImportCustomers input;
  std::optional<std::int64_t> undo;
};

std::string delimiter_name(char c) {
  if (c == '\t') return "tab";
  return std::string(1, c);
}

std::string rows(std::int64_t n) { return fmt::format("{} row{}", n, n == 1 ? "" : "s"); }

std::string counts(const actions::ImportSummary& s) {
  return fmt::format("{} created, {} updated, {} unchanged, {} rejected", s.created, s.updated,
                     s.unchanged, s.rejected);
}

int report(Runner& r, const actions::ImportSummary& s, const actions::ImportCustomers& in) {
  for (const auto& problem : s.problems) std::cerr << problem << '\n';
  if (s.problems_omitted > 0)
    std::cerr << fmt::format("... and {} more rejected rows{}\n", s.problems_omitted,
                             in.rejects ? fmt::format(" (all are in {})", *in.rejects)
                                        : std::string(" (--rejects FILE writes them all)"));
  if (!s.unmapped.empty() && !r.quiet())
    r.note(fmt::format("columns not imported: {} (map them with --map 'Header=field', or keep "
                       "them as attributes with --keep-unmapped)",
                       util::join(s.unmapped, ", ")));
  if (r.quiet() && s.committed)
    std::cout << *s.batch << '\n';
  else if (r.format() != render::Format::table && !in.dry_run && !r.quiet())
    r.print_record(s.json());
  const std::string file = in.file == "-" ? "standard input" : in.file;
  if (in.dry_run) {
    r.note(fmt::format("dry run: {} of {}: would be {}; nothing was written", rows(s.rows), file,
                       counts(s)));
    return s.rejected > 0 ? 5 : 0;
  }
  if (s.rows == 0) {
    r.note(fmt::format("{} has a header but no rows: nothing to import", file));
    return 0;
  }
  if (!s.committed) {
    std::cerr << fmt::format("crm: error: nothing imported from {}: {} of {} rejected; fix "
                             "them, or pass --skip-invalid to import the valid rows{}\n",
                             file, s.rejected, rows(s.rows),
                             in.rejects ? fmt::format(" (they are in {})", *in.rejects) : "");
    return 5;
  }
  if (!r.quiet())
    r.note(fmt::format("imported {} ({}): {} (batch {}; undo: crm customer import --undo {})", file,
                       rows(s.rows), counts(s), *s.batch, *s.batch));
  return s.rejected > 0 ? 5 : 0;
}

void add_import(CLI::App* customer, Cli& cli) {
  auto* sub = customer->add_subcommand(
      "import", "Import customers from CSV (one recorded batch; --undo reverts it)");
  sub->footer("Columns are mapped by header (email, E-mail, First Name, Mobile, 邮箱, 姓名, 手机, "
              "attr.NAME, ...)\nor with --map. Nothing is written when a row is rejected, unless "
              "--skip-invalid.\n"
              "Examples:\n"
              "  crm customer import shop.csv --dry-run\n"
              "  crm customer import export.csv --encoding GBK --map '会员号=external_id' \\\n"
              "      --match external_id --skip-invalid --rejects rejects.csv\n"
              "  crm customer import --undo 7");
  auto args = std::make_shared<ImportArgs>();
  auto& in = args->input;
  sub->add_option("FILE", in.file, "CSV file, or - for standard input");
  sub->add_option("--encoding", in.encoding,
                  "Encoding when the file has no byte-order mark: GBK, GB18030, Big5, Shift_JIS, "
                  "Latin-1, Windows-1252, UTF-16LE... (default UTF-8)");
  sub->add_option("--delimiter", in.delimiter,
                  "Field separator: , ; | or tab (default: sniffed from the header)");
  sub->add_option("--map", in.maps,
                  "Header=field: read column Header into field (repeatable; empty field "
                  "ignores the column)");
  sub->add_option("--map-file", in.map_file, "TOML file with a [columns] table of Header = field");
  sub->add_flag("--keep-unmapped", in.keep_unmapped,
                "Keep unmapped columns as attributes named after their headers");
  sub->add_option("--match", in.match,
                  "Field that finds an existing customer: email, external_id or phone "
                  "(default email)");
  sub->add_option("--default-country", in.default_country,
                  "Country of phone numbers written without +CC (e.g. CN): phones are stored "
                  "in E.164 form");
  sub->add_option("--mode", in.mode,
                  "create (new only), update (existing only), upsert (both; the default) or "
                  "fill (both, but only set fields that are empty)");
  sub->add_option("--consent-source", in.consent_source,
                  "Source recorded with consent from the file (default 'import of FILE')");
  sub->add_option("--tag", in.tags, "Tag every imported customer (repeatable)");
  sub->add_flag("--skip-invalid", in.skip_invalid,
                "Import the valid rows even when some are rejected (exit code still 5)");
  sub->add_option("--rejects", in.rejects,
                  "Write rejected rows to this CSV: original columns plus _line and _error");
  sub->add_flag("--dry-run", in.dry_run, "Show what each row would do, write nothing");
  sub->add_option("--undo", args->undo,
                  "Revert import batch BATCH: remove the customers it created, restore those "
                  "it updated");
  on_run(sub, cli, [args](Runner& r) {
    auto& input = args->input;
    if (args->undo) {
      if (!input.file.empty()) throw util::UsageError("--undo takes a batch number, not a FILE");
      const auto s = actions::undo_import(r.ctx(), *args->undo, input.dry_run);
      if (r.format() != render::Format::table) {
        util::Json json = util::Json::object();
        json.set("batch", s.batch);
        json.set("deleted", s.deleted);
        json.set("restored", s.restored);
        json.set("dry_run", input.dry_run);
        r.print_record(json);
      }
      r.note(fmt::format("{} import batch {}: {} created customers {}, {} updated customers {}",
                         input.dry_run ? "dry run: would undo" : "undid", s.batch, s.deleted,
                         input.dry_run ? "to remove" : "removed", s.restored,
                         input.dry_run ? "to restore" : "restored"));
      return 0;
    }
    if (input.file.empty())
      throw util::UsageError(
          "customer import: give FILE (or - for standard input), or --undo BATCH");
    actions::ImportHooks hooks;
    if (input.dry_run) {
      r.list_begin({{"line", "LINE", true},
                    {"action", "ACTION"},
                    {"customer", "CUSTOMER", true},
                    {"detail", "DETAIL", false, true, 80}});
      hooks.row = [&r](const actions::ImportRow& row) {
        util::Json json = util::Json::object();
        json.set("line", static_cast<std::int64_t>(row.line));
        json.set("action", row.action);
        json.set("customer", row.customer ? util::Json(*row.customer) : util::Json());
        json.set("detail", row.detail);
        r.list_row(std::move(json));
      };
    }
    actions::ImportSummary summary;
    with_import_progress(r, hooks.progress,
                         [&] { summary = actions::import_customers(r.ctx(), input, hooks); });
    if (input.dry_run) r.list_end();
    if (r.verbose())
      r.note(fmt::format("read {} as {}, delimiter {}", input.file, summary.encoding,
                         delimiter_name(summary.delimiter)));
    return report(r, summary, input);
  });
}

void add_imports(CLI::App* customer, Cli& cli) {
  auto* sub = customer->add_subcommand("imports", "List import batches, newest first");
  sub->footer("Example: crm customer imports --limit 5");
  auto limit = std::make_shared<std::int64_t>(20);
  sub->add_option("--limit", *limit, "At most N batches (default 20)");
  on_run(sub, cli, [limit](Runner& r) {
    if (*limit < 0) throw util::UsageError("--limit must not be negative");
    r.list_begin({{"batch", "BATCH", true},
                  {"at", "AT"},
                  {"user", "USER"},
                  {"mode", "MODE"},
                  {"created", "CREATED", true},
                  {"updated", "UPDATED", true},
                  {"unchanged", "UNCHANGED", true},
                  {"rejected", "REJECTED", true},
                  {"undone_at", "UNDONE"},
                  {"file", "FILE", false, true, 40}});
    for (const auto& b : actions::list_imports(r.ctx(), *limit)) {
      util::Json row = actions::import_batch_json(r.ctx(), b);
      r.list_row(std::move(row));
    }
    r.list_end();
    return 0;
  });
}

} // namespace

void add_customer_import_commands(CLI::App* customer, Cli& cli) {
  add_import(customer, cli);
  add_imports(customer, cli);
}

} // namespace crm::cli
