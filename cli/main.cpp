// crm's entry point: the only place that catches errors and chooses the exit code
// (crm(1) EXIT STATUS lists them; tests/cli/exit_codes.t pins them).
#include <csignal>
#include <cstring>
#include <iostream>

#include <fmt/format.h>

#include "app.hpp"
#include "store/database.hpp"
#include "util/error.hpp"
#include "util/strings.hpp"

namespace {

extern "C" void on_interrupt(int /*signal*/) {
  crm::store::interrupt_current(); // the running statement fails; no transaction commits
}

void install_interrupt_handler() {
  struct sigaction action {};
  action.sa_handler = on_interrupt;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

std::string shell_quote(std::string_view arg) {
  if (!arg.empty() && arg.find_first_of(" \t\n'\"\\$`!*?;&|<>()[]{}#~") == std::string_view::npos)
    return std::string(arg);
  std::string quoted = "'";
  for (const char c : arg) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

std::string command_line(int argc, char** argv) {
  std::string line = "crm";
  for (int i = 1; i < argc; ++i) line += " " + shell_quote(argv[i]);
  return line;
}

// An error is one line: control characters from user input (a newline in an email, an
// escape sequence in a name) are shown escaped, never passed to the terminal.
std::string one_line(std::string_view message) {
  std::string line;
  for (const char c : message) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '\n')
      line += "\\n";
    else if (c == '\r')
      line += "\\r";
    else if (c == '\t')
      line += "\\t";
    else if (u < 0x20 || u == 0x7F)
      line += fmt::format("\\x{:02x}", u);
    else
      line += c;
  }
  return line;
}

int report(const crm::util::Error& error) {
  std::string message = error.what();
  if (error.multiline()) { // each line made safe on its own
    std::string lines;
    for (const auto& line : crm::util::split(message, '\n'))
      lines += (lines.empty() ? "" : "\n") + one_line(line);
    std::cerr << "crm: error: " << lines << '\n';
  } else {
    std::cerr << "crm: error: " << one_line(message) << '\n';
  }
  if (const auto* data = dynamic_cast<const crm::util::DataError*>(&error)) {
    for (const auto& problem : data->problems()) std::cerr << one_line(problem) << '\n';
  }
  return static_cast<int>(error.exit_code());
}

// CLI11 says "A subcommand is required" both for a missing and an unknown command: say which,
// and list the commands there are.
std::string parse_error_message(const CLI::App& app, const CLI::ParseError& error) {
  const CLI::App* current = &app;
  while (!current->get_subcommands().empty()) current = current->get_subcommands().front();
  const std::string path = crm::cli::command_path(current);
  if (dynamic_cast<const CLI::RequiredError*>(&error) == nullptr ||
      current->get_subcommands({}).empty())
    return fmt::format("{} (see {} --help)", error.what(), path);
  std::string names;
  for (const CLI::App* sub : current->get_subcommands({})) {
    if (!sub->get_group().empty()) names += (names.empty() ? "" : ", ") + sub->get_name();
  }
  auto rest = current->remaining();
  if (rest.empty()) rest = app.remaining(true); // with fallthrough, CLI11 may keep it at the top
  if (!rest.empty() && rest.front().rfind('-', 0) != 0)
    return fmt::format("unknown command '{}' for '{}': use one of {}", rest.front(), path, names);
  return fmt::format("'{}' needs a command: {} (see {} --help)", path, names, path);
}

int run(int argc, char** argv) {
  CLI::App app;
  crm::cli::Cli cli;
  crm::cli::build_app(app, cli);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    // CLI11 uses codes above 100 for its own errors; crm promises 2 for every usage error.
    std::cerr << "crm: error: " << one_line(parse_error_message(app, e)) << '\n';
    return static_cast<int>(crm::util::ExitCode::usage);
  }
  crm::cli::Runner runner(cli.globals, command_line(argc, argv));
  const int code = cli.command(runner);
  if (crm::store::interrupted()) throw crm::util::InterruptedError(); // after its commit, if any
  return code;
}

} // namespace

int run_and_report(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const crm::util::Error& error) {
    if (crm::store::interrupted()) return report(crm::util::InterruptedError());
    return report(error);
  } catch (const std::exception& error) {
    std::cerr << "crm: internal error: " << one_line(error.what()) << '\n';
    return static_cast<int>(crm::util::ExitCode::failure);
  }
}

int main(int argc, char** argv) {
  install_interrupt_handler();
  return run_and_report(argc, argv);
}
