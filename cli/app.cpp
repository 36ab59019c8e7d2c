// Adding a command — the checklist:
//   1. the action in libcrm/actions (plain option struct in, data out; never prints or exits)
//      and its unit test in tests/unit;
//   2. one line here or in cli/commands/<noun>.cpp wiring options to the action;
//   3. its section in man/crm-<noun>.1.scd (the man.options test fails when an option is
//      missing there);
//   4. a transcript in tests/cli/<noun>_*.t covering success and every error path.
#include "app.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <unistd.h>

#include <fmt/format.h>

#include "settings/settings.hpp"
#include "store/database.hpp"
#include "util/error.hpp"
#include "util/time.hpp"

namespace crm::cli {

namespace {

const char* env_or_null(const char* name) { return std::getenv(name); }

bool use_color(const settings::Settings& settings) {
  const std::string mode = settings.get_string("output.color");
  if (mode == "always") return true;
  if (mode == "never") return false;
  const char* term = std::getenv("TERM");
  const char* no_color = std::getenv("NO_COLOR");
  return isatty(STDOUT_FILENO) != 0 && (no_color == nullptr || *no_color == '\0') &&
         (term == nullptr || std::string_view(term) != "dumb");
}

bool looks_like_iso_time(const std::string& text) {
  return text.size() == 20 && text[4] == '-' && text[7] == '-' && text[10] == 'T' &&
         text[13] == ':' && text[16] == ':' && text[19] == 'Z';
}

bool is_time_key(std::string_view key) {
  return key == "at" || key == "first_order" || key == "last_order" ||
         (key.size() > 3 && key.substr(key.size() - 3) == "_at");
}

// Tables are for people: times (the members named at / *_at) in the configured zone.
// Data formats keep ISO 8601 UTC.
void localize_times(util::Json& value, const std::string& tz) {
  if (value.is_array()) {
    for (auto& item : value.as_array()) localize_times(item, tz);
  } else if (value.is_object()) {
    for (auto& [key, item] : value.as_object()) {
      if (is_time_key(key) && item.is_string() && looks_like_iso_time(item.as_string()))
        item = util::format_local(util::parse_time(item.as_string(), 0, "UTC"), tz);
      else if (item.is_array() || item.is_object())
        localize_times(item, tz);
    }
  }
}

void list_options(const CLI::App* app, std::ostream& out) {
  const std::string path = command_path(app);
  for (const CLI::Option* option : app->get_options()) {
    for (const auto& name : option->get_lnames()) out << path << "\t--" << name << '\n';
  }
  for (const CLI::App* sub : app->get_subcommands({})) {
    if (!sub->get_group().empty()) {
      out << command_path(sub) << "\t(command)\n";
      list_options(sub, out);
    }
  }
}

// "crm: exporting... 120000 orders" over itself, once the export has taken a second, four
// times a second at most; erased at the end.
class ExportProgress {
public:
  using Clock = std::chrono::steady_clock;
  explicit ExportProgress(std::string_view noun) : noun_(noun) {}
  void operator()(std::int64_t count) {
    const auto now = Clock::now();
    if (now - start_ < std::chrono::seconds(1) || now - shown_at_ < std::chrono::milliseconds(250))
      return;
    std::cerr << fmt::format("\rcrm: exporting... {} {}", count, noun_) << std::flush;
    shown_at_ = now;
    shown_ = true;
  }
  void clear() {
    if (shown_) std::cerr << "\r\033[K" << std::flush;
  }

private:
  std::string_view noun_;
  bool shown_ = false;
  Clock::time_point start_ = Clock::now(), shown_at_;
};

bool shows_progress(const Runner& r) { return !r.quiet() && isatty(STDERR_FILENO) != 0; }

} // namespace

Runner::Runner(const GlobalOptions& globals, std::string command_line) : verbose_(globals.verbose) {
  settings::LoadOptions load;
  if (globals.config)
    load.config_file = *globals.config;
  else if (const char* file = std::getenv("CRM_CONFIG"); file != nullptr && *file != '\0')
    load.config_file = file;
  load.overrides = globals.overrides;
  load.getenv = env_or_null;
  actions::ContextOptions context;
  context.settings = settings::load(load);
  if (globals.db) context.db_path = *globals.db;
  if (globals.now)
    context.now = *globals.now;
  else if (const char* now = std::getenv("CRM_NOW"); now != nullptr && *now != '\0') {
    context.now = now;
    context.now_origin = "CRM_NOW";
  }
  context.command_line = std::move(command_line);
  options_.format =
      render::parse_format(globals.format.value_or(context.settings.get_string("output.format")));
  options_.quiet = globals.quiet;
  options_.color = use_color(context.settings);
  ctx_ = std::make_unique<actions::Context>(std::move(context));
  if (verbose()) note(fmt::format("store: {}", ctx_->db_path().string()));
}

void Runner::print_table(render::Table table) {
  if (options_.format == render::Format::table) {
    for (auto& row : table.rows) localize_times(row, ctx_->timezone());
  }
  render::print_table(std::cout, table, options_);
}

void Runner::print_record(util::Json record) {
  if (options_.format == render::Format::table && record.is_object()) {
    // People read a record better without its empty fields; data formats keep every key.
    auto& members = record.as_object();
    members.erase(std::remove_if(members.begin(), members.end(),
                                 [](const auto& member) { return member.second.is_null(); }),
                  members.end());
    localize_times(record, ctx_->timezone());
  }
  render::print_record(std::cout, record, options_);
}

void Runner::list_begin(std::vector<render::Column> columns) {
  list_.emplace(std::cout, std::move(columns), options_);
}

void Runner::list_row(util::Json row) {
  if (options_.format == render::Format::table) localize_times(row, ctx_->timezone());
  list_->write(std::move(row));
}

void Runner::list_end() {
  list_->finish();
  list_.reset();
}

void Runner::note(const std::string& message) { std::cerr << "crm: " << message << '\n'; }

bool Runner::confirm(const std::string& question, bool yes, std::string_view yes_flag) {
  if (yes) return true;
  if (isatty(STDIN_FILENO) == 0 || isatty(STDERR_FILENO) == 0)
    throw util::UsageError(
        fmt::format("{}; not on a terminal, so pass {} to confirm", question, yes_flag));
  std::cerr << question << ". Go on? [y/N] " << std::flush;
  std::string answer;
  std::getline(std::cin, answer);
  return answer == "y" || answer == "Y" || answer == "yes";
}

std::string command_path(const CLI::App* sub) {
  std::string path;
  for (const CLI::App* app = sub; app != nullptr && app->get_parent() != nullptr;
       app = app->get_parent())
    path = app->get_name() + (path.empty() ? "" : " " + path);
  return path.empty() ? "crm" : "crm " + path;
}

void with_import_progress(const Runner& r, std::function<void(std::int64_t)>& progress,
                          const std::function<void()>& run) {
  const bool shown = shows_progress(r);
  if (shown)
    progress = [](std::int64_t rows) {
      std::cerr << fmt::format("\rcrm: importing: {} rows", rows) << std::flush;
    };
  try {
    run();
  } catch (...) {
    if (shown) std::cerr << '\n';
    throw;
  }
  if (shown) std::cerr << '\n';
}

void with_export_progress(const Runner& r, std::string_view noun,
                          std::function<void(std::int64_t)>& progress,
                          const std::function<void()>& run) {
  ExportProgress shown(noun);
  if (shows_progress(r)) progress = [&shown](std::int64_t count) { shown(count); };
  std::ios::sync_with_stdio(false); // stdout is written only through std::cout here
  try {
    run();
    std::cout.flush();
  } catch (...) {
    std::cout.flush();
    shown.clear();
    throw;
  }
  shown.clear();
}

void on_run(CLI::App* sub, Cli& cli, Command command) {
  sub->callback([&cli, command = std::move(command)] { cli.command = command; });
}

void build_app(CLI::App& app, Cli& cli) {
  auto& g = cli.globals;
  app.description("crm: customers, orders, segments, mailings and reports for online shops.\n"
                  "Example: crm customer show alice@example.com");
  app.require_subcommand(1);
  app.fallthrough();
  app.set_version_flag("--version",
                       fmt::format("crm {} (SQLite {})", CRM_VERSION, store::sqlite_version()));
  app.option_defaults()->group("Global options");
  app.add_option("--db", g.db, "Store file (env CRM_DB; default $XDG_DATA_HOME/crm/crm.db)");
  app.add_option("--config", g.config, "Extra config file read after the others (env CRM_CONFIG)");
  app.add_option("-c", g.overrides, "Set a config value: section.key=value (repeatable)")
      ->allow_extra_args(false);
  app.add_option("--format", g.format,
                 "Output: table, csv, tsv, json or ndjson (config output.format)");
  app.add_flag("-q,--quiet", g.quiet, "Print only ids where that makes sense");
  app.add_flag("-v,--verbose", g.verbose, "Say more on stderr");
  app.add_option("--now", g.now,
                 "Take this time as now: 2025-01-31, 2025-01-31T10:00:00Z (env CRM_NOW)");

  app.option_defaults()->group("Options");
  add_admin_commands(app, cli);
  add_customer_commands(app, cli);
  add_order_commands(app, cli);
  add_segment_commands(app, cli);
  add_db_commands(app, cli);
  add_completion_command(app, cli);

  // Hidden: every command and option, one per line (used by tests and shell completion).
  auto* options = app.add_subcommand("__options", "")->group("");
  options->callback([&app, &cli] {
    cli.command = [&app](Runner&) {
      list_options(&app, std::cout);
      return 0;
    };
  });
}

} // namespace crm::cli
