// crm segment create|edit|rm|list|show|count|members|explain|export|export-defs|import-defs|
// fields: saved customer filters in the language of crm-segment(7).
#include <iostream>

#include <fmt/format.h>

#include "actions/segment.hpp"
#include "app.hpp"
#include "segment/ast.hpp"
#include "util/error.hpp"
#include "util/file.hpp"
#include "util/strings.hpp"
#include "util/text.hpp"

namespace crm::cli {

namespace {

constexpr std::string_view language = "The language: man crm-segment(7); crm segment fields.";

void add_where(CLI::App* sub, std::optional<std::string>& where, std::string_view help) {
  sub->add_option("--where", where, std::string(help))->type_name("EXPR");
}

std::string counted(std::int64_t n) { return fmt::format("{} customer{}", n, n == 1 ? "" : "s"); }

void print_saved(Runner& r, const actions::SegmentInfo& info, std::string_view verb) {
  if (r.format() != render::Format::table) r.print_record(actions::segment_json(r.ctx(), info));
  r.note(fmt::format("{} segment {} ({})", verb, info.saved.name, counted(info.count.value_or(0))));
}

void add_create_edit(CLI::App* segment, Cli& cli) {
  auto* create = segment->add_subcommand("create", "Save a segment: a name for an expression");
  create->footer(std::string(language) +
                 "\nExample: crm segment create lapsed-vip --where 'tag:vip and last_order older "
                 "than 90d' \\\n           --description 'VIPs who stopped buying'");
  auto input = std::make_shared<actions::SaveSegment>();
  create->add_option("NAME", input->name, "Segment name: letters, digits, _ - .")->required();
  add_where(create, input->where, "The expression (required)");
  create->add_option("--description", input->description, "What the segment is for");
  create->add_flag("--dry-run", input->dry_run, "Check and count, save nothing");
  on_run(create, cli, [input](Runner& r) {
    const auto info = actions::create_segment(r.ctx(), *input);
    print_saved(r, info, input->dry_run ? "dry run: would create" : "created");
    return 0;
  });

  auto* edit = segment->add_subcommand("edit", "Change a segment's expression or description");
  edit->footer("Example: crm segment edit lapsed-vip --where 'tag:vip and last_order older than "
               "120d'");
  auto change = std::make_shared<actions::SaveSegment>();
  edit->add_option("NAME", change->name, "Segment name")->required();
  add_where(edit, change->where, "The new expression");
  edit->add_option("--description", change->description, "The new description");
  edit->add_flag("--dry-run", change->dry_run, "Check and count, change nothing");
  on_run(edit, cli, [change](Runner& r) {
    if (!change->where && !change->description)
      throw util::UsageError("crm segment edit: give --where EXPR or --description TEXT");
    const auto info = actions::edit_segment(r.ctx(), *change);
    print_saved(r, info, change->dry_run ? "dry run: would save" : "saved");
    return 0;
  });

  auto* rm = segment->add_subcommand("rm", "Delete a saved segment (not while another uses it)");
  rm->footer("Example: crm segment rm lapsed-vip");
  auto name = std::make_shared<std::string>();
  auto dry_run = std::make_shared<bool>(false);
  rm->add_option("NAME", *name, "Segment name")->required();
  rm->add_flag("--dry-run", *dry_run, "Check, delete nothing");
  on_run(rm, cli, [name, dry_run](Runner& r) {
    const auto info = actions::remove_segment(r.ctx(), *name, *dry_run);
    r.note(fmt::format("{} segment {}", *dry_run ? "dry run: would delete" : "deleted",
                       info.saved.name));
    return 0;
  });
}

void add_list_show(CLI::App* segment, Cli& cli) {
  auto* list = segment->add_subcommand("list", "Saved segments with their live counts");
  list->footer("Example: crm segment list --format csv");
  auto no_count = std::make_shared<bool>(false);
  list->add_flag("--no-count", *no_count, "Do not count members (fast on a big store)");
  on_run(list, cli, [no_count](Runner& r) {
    if (r.quiet()) { // the names, one per line
      for (const auto& info : actions::list_segments(r.ctx(), false))
        std::cout << info.saved.name << '\n';
      return 0;
    }
    std::vector<render::Column> columns = {{"name", "NAME"}};
    if (!*no_count) columns.push_back({"count", "COUNT", true});
    columns.push_back({"description", "DESCRIPTION", false, true, 40});
    columns.push_back({"where", "WHERE", false, true, 60});
    if (r.format() != render::Format::table) // the data formats have every field
      for (const char* key : {"uses", "used_by", "created_at", "updated_at", "error"})
        columns.push_back({key});
    const auto all = actions::list_segments(r.ctx(), !*no_count);
    r.list_begin(std::move(columns));
    for (const auto& info : all) r.list_row(actions::segment_json(r.ctx(), info));
    r.list_end();
    for (const auto& info : all)
      if (info.error)
        r.note(fmt::format("segment {} cannot be counted: {}", info.saved.name,
                           info.error->substr(0, info.error->find('\n'))));
    return 0;
  });

  auto* show = segment->add_subcommand("show", "One segment: expression, count, references");
  show->footer("Example: crm segment show lapsed-vip");
  auto name = std::make_shared<std::string>();
  show->add_option("NAME", *name, "Segment name")->required();
  on_run(show, cli, [name](Runner& r) {
    r.print_record(actions::segment_json(r.ctx(), actions::show_segment(r.ctx(), *name)));
    return 0;
  });

  auto* fields = segment->add_subcommand("fields", "The fields expressions can use");
  fields->footer("Example: crm segment fields");
  on_run(fields, cli, [](Runner& r) {
    if (r.quiet()) { // the names, one per line (shell completion)
      for (const auto& field : segment::fields()) std::cout << field.name << '\n';
      return 0;
    }
    static constexpr std::array<std::string_view, 5> types = {"text", "count", "money", "time",
                                                              "score"};
    r.list_begin({{"name", "FIELD"}, {"type", "TYPE"}, {"help", "MEANING"}});
    for (const auto& field : segment::fields()) {
      util::Json row = util::Json::object();
      row.set("name",
              std::string(field.name) + (field.field == segment::Field::attribute ? "NAME"
                                         : field.field == segment::Field::consent ? "CHANNEL"
                                                                                  : ""));
      row.set("type", types.at(static_cast<std::size_t>(field.type)));
      row.set("help", field.help);
      r.list_row(std::move(row));
    }
    r.list_end();
    return 0;
  });
}

// NAME and/or --where EXPR (both: both must hold).
void add_filter(CLI::App* sub, actions::SegmentFilter& filter) {
  sub->add_option("NAME", filter.segment, "Segment name");
  add_where(sub, filter.where, "An expression (with NAME: both must hold)");
}

util::Json explanation_json(const actions::Explanation& e) {
  util::Json record = util::Json::object();
  record.set("expression", e.expression);
  record.set("sql", e.sql);
  util::Json params = util::Json::array();
  for (const auto& p : e.params)
    std::visit([&](const auto& v) { params.push_back(util::Json(v)); }, p);
  record.set("params", std::move(params));
  util::Json plan = util::Json::array();
  for (const auto& line : e.plan) plan.push_back(line);
  record.set("plan", std::move(plan));
  util::Json steps = util::Json::array();
  for (const auto& step : e.steps) {
    util::Json one = util::Json::object();
    one.set("clause", step.clause);
    one.set("count", step.count);
    steps.push_back(std::move(one));
  }
  record.set("steps", std::move(steps));
  record.set("count", e.count);
  return record;
}

// explain: the record in the data formats; sections for people in table mode.
void print_explanation(Runner& r, const actions::Explanation& e) {
  if (r.format() != render::Format::table) return r.print_record(explanation_json(e));
  // Text from the store is shown without terminal controls (an escape in a value).
  std::cout << "expression: " << util::strip_controls(e.expression) << "\n\nSQL:\n  " << e.sql
            << "\nparameters:";
  int i = 0;
  for (const auto& p : e.params)
    std::visit(
        [&](const auto& v) {
          std::cout << fmt::format("\n  ?{} = {}", ++i, util::strip_controls(fmt::format("{}", v)));
        },
        p);
  std::cout << "\n\nquery plan:\n";
  for (const auto& line : e.plan) std::cout << "  " << line << '\n';
  std::cout << "\ncustomers after each clause:\n";
  for (const auto& step : e.steps)
    std::cout << fmt::format("  {:>10}  {}\n", step.count, util::strip_controls(step.clause));
  std::cout << fmt::format("\n{}\n", counted(e.count));
}

void add_count_explain(CLI::App* segment, Cli& cli) {
  auto* count = segment->add_subcommand("count", "How many customers a segment or expression has");
  count->footer("Example: crm segment count lapsed-vip\n"
                "         crm segment count --where 'orders >= 3 and country in (\"CN\", \"HK\")'");
  auto filter = std::make_shared<actions::SegmentFilter>();
  add_filter(count, *filter);
  on_run(count, cli, [filter](Runner& r) {
    const auto n = actions::count_segment(r.ctx(), *filter);
    if (r.format() == render::Format::json || r.format() == render::Format::ndjson) {
      util::Json record = util::Json::object();
      record.set("count", n);
      r.print_record(std::move(record));
    } else {
      std::cout << n << '\n';
    }
    return 0;
  });

  auto* explain = segment->add_subcommand(
      "explain", "The SQL of a segment, SQLite's plan, the count after each clause");
  explain->footer("Example: crm segment explain lapsed-vip");
  auto what = std::make_shared<actions::SegmentFilter>();
  add_filter(explain, *what);
  on_run(explain, cli, [what](Runner& r) {
    print_explanation(r, actions::explain_segment(r.ctx(), *what));
    return 0;
  });
}

void add_members_export(CLI::App* segment, Cli& cli) {
  auto* members = segment->add_subcommand("members", "The customers of a segment");
  members->footer("Example: crm segment members lapsed-vip --fields id,email,revenue,last_order "
                  "--format csv");
  auto filter = std::make_shared<actions::SegmentFilter>();
  auto input = std::make_shared<actions::ListCustomers>();
  auto fields = std::make_shared<std::vector<std::string>>();
  add_filter(members, *filter);
  members
      ->add_option("--fields", *fields,
                   "Columns, comma-separated (keys of customer list, "
                   "attr.KEY)")
      ->delimiter(',')
      ->type_name("LIST");
  members->add_option("--sort", input->sort,
                      "Sort by a field (as crm customer list); -FIELD descends");
  members->add_option("--limit", input->query.limit, "At most N customers");
  members->add_option("--offset", input->query.offset, "Skip the first N");
  on_run(members, cli, [filter, input, fields](Runner& r) {
    actions::apply_segment_filter(r.ctx(), *filter, input->query);
    if (!input->query.where) throw util::UsageError("give a segment NAME or --where EXPR");
    print_customer_list(r, *input, *fields);
    return 0;
  });

  auto* exp = segment->add_subcommand("export", "Write a segment's customers as CSV (like "
                                                "crm customer export)");
  exp->footer("Example: crm segment export lapsed-vip -o lapsed.csv --bom");
  auto which = std::make_shared<actions::SegmentFilter>();
  exp->add_option("NAME", which->segment, "Segment name")->required();
  add_where(exp, which->where, "Only the members matching this expression too");
  add_customer_export_options(exp, cli, false, [which](Runner& r, actions::ExportCustomers& e) {
    actions::apply_segment_filter(r.ctx(), *which, e.query);
  });
}

void add_defs(CLI::App* segment, Cli& cli) {
  auto* out = segment->add_subcommand("export-defs", "Print every segment definition as TOML");
  out->footer("Example: crm segment export-defs > segments.toml   (keep it in git)");
  auto output = std::make_shared<std::string>();
  auto force = std::make_shared<bool>(false);
  out->add_option("-o,--output", *output, "Write to FILE instead of stdout")->type_name("FILE");
  out->add_flag("--force", *force, "Replace FILE when it exists");
  on_run(out, cli, [output, force](Runner& r) {
    const auto text = actions::export_segment_defs(r.ctx());
    if (output->empty() || *output == "-") {
      std::cout << text;
      return 0;
    }
    util::AtomicFile file(*output, *force);
    file.stream() << text;
    file.commit();
    r.note(fmt::format("wrote {}", *output));
    return 0;
  });

  auto* in = segment->add_subcommand("import-defs",
                                     "Create or update segments from a TOML file (export-defs)");
  in->footer("Segments in the store and not in FILE are left as they are.\n"
             "Example: crm segment import-defs segments.toml --dry-run");
  auto file = std::make_shared<std::string>();
  auto dry_run = std::make_shared<bool>(false);
  in->add_option("FILE", *file, "TOML file; - reads standard input")->required();
  in->add_flag("--dry-run", *dry_run, "Check everything, change nothing");
  on_run(in, cli, [file, dry_run](Runner& r) {
    const auto s = actions::import_segment_defs_file(r.ctx(), *file, *dry_run);
    const std::string_view would = *dry_run ? "would " : "";
    for (const auto& name : s.created) std::cout << would << "create " << name << '\n';
    for (const auto& name : s.updated) std::cout << would << "update " << name << '\n';
    r.note(fmt::format("{}{}: {} created, {} updated, {} unchanged", *dry_run ? "dry run: " : "",
                       *file, s.created.size(), s.updated.size(), s.unchanged.size()));
    return 0;
  });
}

} // namespace

void add_segment_filters(CLI::App* sub, actions::SegmentFilter& filter) {
  add_where(sub, filter.where, "Only customers matching this expression (crm-segment(7))");
  sub->add_option("--segment", filter.segment, "Only members of this saved segment");
}

void add_segment_commands(CLI::App& app, Cli& cli) {
  auto* segment =
      app.add_subcommand("segment", "Segments: saved customer filters, counts, members, export");
  segment->require_subcommand(1);
  add_create_edit(segment, cli);
  add_list_show(segment, cli);
  add_count_explain(segment, cli);
  add_members_export(segment, cli);
  add_defs(segment, cli);
}

} // namespace crm::cli
