#pragma once
// The crm command line: CLI11 app construction, and the Runner that commands run with once
// parsing has succeeded.
#include <functional>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "actions/context.hpp"
#include "actions/customer.hpp"
#include "actions/export.hpp"
#include "actions/segment.hpp"
#include "domain/customer.hpp"
#include "render/render.hpp"
#include "store/customers.hpp"

namespace crm::cli {

struct GlobalOptions {
  std::optional<std::string> db, config, now, format;
  std::vector<std::string> overrides;
  bool quiet = false;
  int verbose = 0;
};

// Built after parsing: settings loaded, context ready; what every command uses to run.
class Runner {
public:
  Runner(const GlobalOptions& globals, std::string command_line);

  actions::Context& ctx() { return *ctx_; }
  [[nodiscard]] render::Format format() const { return options_.format; }
  [[nodiscard]] bool quiet() const { return options_.quiet; }
  [[nodiscard]] bool verbose() const { return verbose_ > 0; }

  // Prints to stdout in the chosen format; table mode shows ISO times in output.timezone.
  void print_table(render::Table table);
  void print_record(util::Json record);
  // A list streamed row by row (memory stays flat in the data formats): begin, rows, end.
  void list_begin(std::vector<render::Column> columns);
  void list_row(util::Json row);
  void list_end();
  // A one-line note on stderr (never on stdout: stdout is data).
  void note(const std::string& message);
  // Asks on a terminal; without one, `yes` must be given, else throws UsageError.
  bool confirm(const std::string& question, bool yes, std::string_view yes_flag = "--yes");

private:
  std::unique_ptr<actions::Context> ctx_;
  render::Options options_;
  std::optional<render::RowWriter> list_;
  int verbose_ = 0;
};

// What the parse selected: main runs it after a successful parse.
using Command = std::function<int(Runner&)>;

struct Cli {
  GlobalOptions globals;
  Command command;
};

void build_app(CLI::App& app, Cli& cli);

// Families of commands, one file each under cli/commands/.
void add_customer_commands(CLI::App& app, Cli& cli);
// crm order add|show|list|status|timeline (order.cpp); import|imports|export (order_import.cpp).
void add_order_commands(CLI::App& app, Cli& cli);
void add_order_io_commands(CLI::App& order, Cli& cli);
// A dry run in table mode: each changed field as "field: before -> after" on stdout.
void print_field_changes(const domain::Customer& before, const domain::Customer& after,
                         const std::vector<std::string>& changed);
// --tag, --status, --owner, --country, --search: the filters of customer list and export.
void add_customer_filters(CLI::App* sub, store::CustomerQuery& query);
// --where EXPR, --segment NAME (segment.cpp): applied with actions::apply_segment_filter.
void add_segment_filters(CLI::App* sub, actions::SegmentFilter& filter);
// The options and run of `crm customer export` on `sub` (with the customer filters when
// `filters`); `prepare` (may be empty) sets the query up before the export runs.
using ExportPrepare = std::function<void(Runner&, actions::ExportCustomers&)>;
void add_customer_export_options(CLI::App* sub, Cli& cli, bool filters,
                                 const ExportPrepare& prepare);
// `crm customer list` over `input` printed in the current format; `fields` (optional) picks
// and orders the columns: the keys of a list row, or attr.KEY.
void print_customer_list(Runner& r, const actions::ListCustomers& input,
                         const std::vector<std::string>& fields);
void add_segment_commands(CLI::App& app, Cli& cli);
void add_db_commands(CLI::App& app, Cli& cli);
void add_admin_commands(CLI::App& app, Cli& cli); // init, config
void add_completion_command(CLI::App& app, Cli& cli);

// Makes a subcommand select `command` when it is the one given.
void on_run(CLI::App* sub, Cli& cli, Command command);
// "a b c" from a subcommand path, e.g. "customer followup add".
std::string command_path(const CLI::App* sub);

// Progress on a terminal (stderr, and not with --quiet) for a long import or export: each
// sets `progress` (the hooks' or options' member) to show it, then calls `run`.
// An import shows "crm: importing: N rows" over itself; the line is ended however it ends.
void with_import_progress(const Runner& r, std::function<void(std::int64_t)>& progress,
                          const std::function<void()>& run);
// An export writes to std::cout (flushed however it ends) and shows "crm: exporting... N
// <noun>" over itself once it has taken a second, four times a second at most; erased at the
// end.
void with_export_progress(const Runner& r, std::string_view noun,
                          std::function<void(std::int64_t)>& progress,
                          const std::function<void()>& run);

} // namespace crm::cli
