// crm init, crm config show.
#include <fmt/format.h>

#include "actions/db.hpp"
#include "app.hpp"

namespace crm::cli {

void add_admin_commands(CLI::App& app, Cli& cli) {
  auto* init = app.add_subcommand(
      "init", "Create the store (mode 0600), or bring an existing one up to date");
  init->footer("Example: crm --db /tmp/shop.db init");
  on_run(init, cli, [](Runner& r) {
    const auto result = actions::init_store(r.ctx());
    if (r.format() == render::Format::table || r.quiet()) {
      std::cout << result.path.string() << '\n';
    } else {
      r.print_record(util::Json::object()
                         .set("path", result.path.string())
                         .set("created", result.created)
                         .set("schema_version", result.schema_version));
    }
    r.note(fmt::format("{} store {} (schema {})", result.created ? "created" : "existing",
                       result.path.string(), result.schema_version));
    return 0;
  });

  auto* config = app.add_subcommand("config", "Show the configuration");
  config->require_subcommand(1);
  auto* show =
      config->add_subcommand("show", "Print every setting with its value and where it came from");
  show->footer("Example: crm -c output.format=json config show");
  on_run(show, cli, [](Runner& r) {
    render::Table table;
    table.columns = {
        {"key", "KEY"}, {"value", "VALUE"}, {"type", "TYPE", false, false}, {"origin", "ORIGIN"}};
    table.rows = actions::config_entries(r.ctx());
    table.rows.push_back(util::Json::object()
                             .set("key", "(store file)")
                             .set("value", r.ctx().db_path().string())
                             .set("type", "string")
                             .set("origin", r.ctx().db_path_origin()));
    r.print_table(std::move(table));
    return 0;
  });
}

} // namespace crm::cli
