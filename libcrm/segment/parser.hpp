#pragma once
// Parsing and resolving segment expressions. Pure: no I/O; what resolve() needs from outside
// (now, the time zone, the currency's decimals, saved segments) comes in ResolveContext.
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "segment/ast.hpp"
#include "util/error.hpp"

namespace crm::segment {

// "MESSAGE\n  EXPRESSION\n  ^~~~" — the expression on its own line, indented two spaces,
// with a caret under `span` (columns counted in display width, so CJK text lines up).
std::string caret_message(std::string_view message, std::string_view text, Span span);

// A syntax or meaning error in an expression: exit 2. what() is caret_message(...).
class ExpressionError : public util::UsageError {
public:
  ExpressionError(std::string_view message, std::string_view text, Span span);
  // An error inside the saved expression of segment `segment`: "in segment 'vip': MESSAGE",
  // the caret still under the saved text.
  ExpressionError(std::string_view segment, const ExpressionError& inner);
  [[nodiscard]] bool multiline() const noexcept override { return true; }

  // What what() is made of: the message alone (no caret), the expression, the span.
  [[nodiscard]] const std::string& message() const noexcept { return parts_->message; }
  [[nodiscard]] const std::string& text() const noexcept { return parts_->text; }
  [[nodiscard]] Span span() const noexcept { return parts_->span; }

private:
  struct Parts {
    std::string message;
    std::string text;
    Span span;
  };
  std::shared_ptr<const Parts> parts_; // shared: copying an exception must not throw
};

// segment:NAME names no saved segment: exit 3, with a caret.
// "unknown segment 'vipp' (did you mean 'vip'?)" when a `suggestion` is given.
class UnknownSegmentError : public util::NotFoundError {
public:
  UnknownSegmentError(std::string_view name, std::string_view text, Span span,
                      std::string_view suggestion = {});
  // Met inside the saved expression of segment `segment`: "in segment 'a': unknown ...".
  UnknownSegmentError(std::string_view segment, const UnknownSegmentError& inner);
  [[nodiscard]] bool multiline() const noexcept override { return true; }

  [[nodiscard]] const std::string& name() const noexcept { return parts_->name; }
  [[nodiscard]] const std::string& message() const noexcept { return parts_->message; }
  [[nodiscard]] const std::string& text() const noexcept { return parts_->text; }
  [[nodiscard]] Span span() const noexcept { return parts_->span; }

private:
  struct Parts {
    std::string name;
    std::string message;
    std::string text;
    Span span;
  };
  std::shared_ptr<const Parts> parts_;
};

// Syntax only: fields are checked against the catalogue (unknown ones suggest the nearest
// name: "unknown field 'revnue' (did you mean 'revenue'?)"), operators against the field's
// type, literals against their form (a date is a real date, a number a number, a status one
// of lead|active|inactive, a channel one of email|sms|phone|postal). Throws ExpressionError.
ExprPtr parse(std::string_view text);

struct ResolveContext {
  std::int64_t now = 0;         // Unix seconds
  std::string timezone = "UTC"; // dates are whole days in this zone
  int currency_decimals = 2;    // money literals: at most this many decimals
  // The saved expression of segment NAME, or nullopt when there is none.
  std::function<std::optional<std::string>(std::string_view name)> lookup_segment;
  // The names of all saved segments, for "did you mean" (optional: no suggestion without it).
  std::function<std::vector<std::string>()> segment_names;
  // The segment whose definition is being resolved (create, edit): a loop back to it is
  // reported from it, "vip -> gold -> vip". Empty for an expression that names nothing.
  std::string defining;
};

// Fills Value::number/until and Duration::since, normalises tags, countries and languages as
// the store keeps them, and parses each segment:NAME's saved expression into its body
// (recursively). `text` is the expression `expr` was parsed from (for carets). Throws
// ExpressionError (a money literal with too many decimals, ...), UnknownSegmentError, and
// ExpressionError "segment cycle: a -> b -> a" when segments refer to each other in a loop.
void resolve(Expr& expr, std::string_view text, const ResolveContext& context);

// parse + resolve.
ExprPtr compile_text(std::string_view text, const ResolveContext& context);

// Canonical text of an expression: parse(to_text(e)) is the same tree. Fully parenthesised
// where precedence needs it; strings double-quoted with \" and \\ escaped.
std::string to_text(const Expr& expr);

// The names of the segments an expression refers to directly (segment:NAME), in order, unique.
std::vector<std::string> referenced_segments(const Expr& expr);

} // namespace crm::segment
