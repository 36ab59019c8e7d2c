#pragma once
// The error hierarchy of crm. Every error a user can cause or meet is one of these;
// only cli/main.cpp catches them and maps them to exit codes (see crm(1) EXIT STATUS).
#include <stdexcept>
#include <string>
#include <vector>

namespace crm::util {

enum class ExitCode : int {
  ok = 0,
  failure = 1,
  usage = 2,
  not_found = 3,
  conflict = 4,
  invalid_data = 5,
  temporary = 75,
  interrupted = 130,
};

class Error : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
  [[nodiscard]] virtual ExitCode exit_code() const noexcept { return ExitCode::failure; }
  // True when what() is several lines by design (an expression with a caret under the fault,
  // its control characters already made harmless); otherwise an error is printed as one line.
  [[nodiscard]] virtual bool multiline() const noexcept { return false; }
};

// Bad arguments, bad expression, bad config: the message says where.
class UsageError : public Error {
public:
  using Error::Error;
  [[nodiscard]] ExitCode exit_code() const noexcept override { return ExitCode::usage; }
};

// A customer, order, segment, template or campaign that does not exist.
class NotFoundError : public Error {
public:
  using Error::Error;
  [[nodiscard]] ExitCode exit_code() const noexcept override { return ExitCode::not_found; }
};

// Duplicate key, illegal status transition, name in use.
class ConflictError : public Error {
public:
  using Error::Error;
  [[nodiscard]] ExitCode exit_code() const noexcept override { return ExitCode::conflict; }
};

// Rows of input data rejected; `problems` holds one line per problem ("file:line: reason").
class DataError : public Error {
public:
  DataError(const std::string& summary, std::vector<std::string> problems = {})
      : Error(summary), problems_(std::move(problems)) {}
  [[nodiscard]] ExitCode exit_code() const noexcept override { return ExitCode::invalid_data; }
  [[nodiscard]] const std::vector<std::string>& problems() const noexcept { return problems_; }

private:
  std::vector<std::string> problems_;
};

// The store could not do what was asked (corrupt, not a crm store, read-only, full...).
class StoreError : public Error {
public:
  using Error::Error;
};

// Retry later, nothing was lost: lock held, database busy, SMTP 4xx, quota used up.
class TemporaryError : public Error {
public:
  using Error::Error;
  [[nodiscard]] ExitCode exit_code() const noexcept override { return ExitCode::temporary; }
};

// Ctrl-C arrived; the current transaction was rolled back.
class InterruptedError : public Error {
public:
  InterruptedError() : Error("interrupted: nothing more was written") {}
  [[nodiscard]] ExitCode exit_code() const noexcept override { return ExitCode::interrupted; }
};

} // namespace crm::util
