// resolve(): literals to numbers and instants, domain values to their stored form, saved
// segments inlined.
#include <algorithm>
#include <fmt/format.h>

#include "domain/validate.hpp"
#include "segment/detail.hpp"
#include "segment/parser.hpp"
#include "util/strings.hpp"
#include "util/time.hpp"

namespace crm::segment {
namespace {

// Thrown inside saved segments when a reference loops back; turned into an ExpressionError at
// the reference in the top-level text.
struct CycleFound {
  std::vector<std::string> path;
};

// What one expression may grow to once saved segments are inlined: SQLite parses at most 100
// nested parentheses and expression trees 1000 deep (a chain of n `or` is n deep), and the
// compiled SQL takes a level or two per `not`, `and`, `or` and reference, plus a few per
// condition. Past these the expression is refused (exit 2) instead of failing in SQLite.
constexpr std::size_t max_nesting = 16;
constexpr std::size_t max_conditions = 500;

struct Budget {
  std::size_t inlined = 0;    // segment references inlined so far, at every depth
  std::size_t conditions = 0; // leaves (comparisons, tags, ...) so far
};

class Resolver {
public:
  Resolver(std::string_view text, const ResolveContext& context, std::vector<std::string> path,
           Budget& budget, std::size_t depth = 0)
      : text_(text), context_(context), path_(std::move(path)), budget_(budget), depth_(depth) {}

  void expr(Expr& expr);

private:
  [[noreturn]] void fail(std::string_view message, Span span) const {
    throw ExpressionError(message, text_, span);
  }
  template <typename Normalize> std::string normal(Normalize normalize, const Value& value) const {
    try {
      return normalize(value.text);
    } catch (const util::UsageError& error) {
      fail(error.what(), value.span);
    }
  }
  std::int64_t instant(std::string_view text, Span span) const;
  void value(const FieldRef& field, Value& value) const;
  void duration(Duration& duration) const;
  void segment(SegmentRef& ref, Span span);
  std::unique_ptr<Expr> saved_body(const std::string& name, const std::string& saved);

  std::string_view text_;
  const ResolveContext& context_;
  std::vector<std::string> path_; // the segments being inlined, outermost first
  Budget& budget_;
  std::size_t depth_; // nesting of the node being resolved, counted from the top-level text
  bool top_ = true;   // resolving the text given to resolve(), not a saved segment's
};

// Segments that use each other twice at every level would otherwise grow without bound.
constexpr std::size_t max_inlined = 1000;

std::int64_t Resolver::instant(std::string_view text, Span span) const {
  try {
    return util::parse_time(text, context_.now, context_.timezone);
  } catch (const util::UsageError& error) {
    fail(error.what(), span);
  }
}

void Resolver::value(const FieldRef& field, Value& value) const {
  const FieldInfo& about = info(field.field);
  switch (about.type) {
  case FieldType::text:
    if (field.field == Field::status) value.text = normal(domain::normalize_status, value);
    if (field.field == Field::country) value.text = normal(domain::normalize_country, value);
    if (field.field == Field::language) value.text = normal(domain::normalize_language, value);
    if (field.field == Field::consent) value.text = normal(domain::normalize_consent_state, value);
    break;
  case FieldType::count:
  case FieldType::score: {
    const auto number = util::parse_int(value.text);
    if (!number) fail(fmt::format("invalid number '{}'", value.text), value.span);
    value.number = *number;
    break;
  }
  case FieldType::money: {
    const auto problem = detail::money_problem(value.text, context_.currency_decimals);
    if (problem == detail::MoneyProblem::range)
      fail(fmt::format("number out of range '{}'", value.text), value.span);
    if (problem == detail::MoneyProblem::decimals && context_.currency_decimals == 0)
      fail(fmt::format("{} takes no decimals: '{}'", about.name, value.text), value.span);
    if (problem == detail::MoneyProblem::decimals) {
      fail(fmt::format("{} takes at most {} decimals: '{}'", about.name, context_.currency_decimals,
                       value.text),
           value.span);
    }
    value.number = detail::money_minor(value.text, context_.currency_decimals);
    break;
  }
  case FieldType::time:
    try {
      value.number = instant(value.text, value.span);
      value.until = value.kind == Value::Kind::date
                        ? instant(detail::next_date(value.text), value.span)
                        : value.number + 1;
    } catch (const ExpressionError&) { // out of range: say so in the user's terms
      fail(fmt::format("invalid {} '{}': out of range",
                       value.kind == Value::Kind::date ? "date" : "datetime", value.text),
           value.span);
    }
    break;
  }
}

void Resolver::duration(Duration& duration) const {
  try {
    duration.since =
        instant(fmt::format("-{}", util::to_lower_ascii(duration.text)), duration.span);
  } catch (const ExpressionError&) {
    fail(fmt::format("invalid duration '{}': too long", duration.text), duration.span);
  }
}

std::unique_ptr<Expr> Resolver::saved_body(const std::string& name, const std::string& saved) {
  std::vector<std::string> path = path_;
  path.push_back(name);
  try {
    auto body = parse(saved);
    Resolver inner(saved, context_, std::move(path), budget_, depth_);
    inner.top_ = false;
    inner.expr(*body);
    return body;
  } catch (const UnknownSegmentError& error) {
    throw UnknownSegmentError(name, error);
  } catch (const ExpressionError& error) {
    throw ExpressionError(name, error);
  }
}

void Resolver::segment(SegmentRef& ref, Span span) {
  if (std::find(path_.begin(), path_.end(), ref.name) != path_.end()) {
    std::vector<std::string> cycle = path_;
    cycle.push_back(ref.name);
    if (top_) fail(fmt::format("segment cycle: {}", util::join(cycle, " -> ")), span);
    throw CycleFound{std::move(cycle)};
  }
  if (++budget_.inlined > max_inlined) {
    fail(fmt::format("too many segment references: more than {} after inlining", max_inlined),
         span);
  }
  const auto saved = context_.lookup_segment ? context_.lookup_segment(ref.name) : std::nullopt;
  if (!saved) {
    std::vector<std::string> names;
    if (context_.segment_names) names = context_.segment_names();
    const auto suggestion = detail::suggest(ref.name, names, 2);
    throw UnknownSegmentError(ref.name, text_, span, suggestion.value_or(""));
  }
  if (!top_) {
    ref.body = saved_body(ref.name, *saved);
    return;
  }
  try {
    ref.body = saved_body(ref.name, *saved);
  } catch (const CycleFound& cycle) {
    fail(fmt::format("segment cycle: {}", util::join(cycle.path, " -> ")), span);
  }
}

void Resolver::expr(Expr& expr) {
  const bool nests =
      std::holds_alternative<Not>(expr.node) || std::holds_alternative<And>(expr.node) ||
      std::holds_alternative<Or>(expr.node) || std::holds_alternative<SegmentRef>(expr.node);
  if (!nests && ++budget_.conditions > max_conditions)
    fail(fmt::format("expression too large: more than {} conditions (saved segments included)",
                     max_conditions),
         expr.span);
  if (nests && depth_ + 1 > max_nesting)
    fail(fmt::format("expression nested too deeply: more than {} levels of not, and, or and "
                     "segment references (saved segments included)",
                     max_nesting),
         expr.span);
  const std::size_t outer = depth_;
  if (nests) ++depth_;
  std::visit(
      [&](auto& node) {
        using Node = std::decay_t<decltype(node)>;
        if constexpr (std::is_same_v<Node, Compare>) {
          value(node.field, node.value);
        } else if constexpr (std::is_same_v<Node, InList>) {
          for (auto& item : node.values) value(node.field, item);
        } else if constexpr (std::is_same_v<Node, Within> || std::is_same_v<Node, OlderThan>) {
          duration(node.duration);
        } else if constexpr (std::is_same_v<Node, Tag>) {
          node.name =
              normal(domain::normalize_tag, Value{Value::Kind::string, node.name, expr.span});
        } else if constexpr (std::is_same_v<Node, Bought>) {
          if (node.within) duration(*node.within);
        } else if constexpr (std::is_same_v<Node, SegmentRef>) {
          segment(node, expr.span);
        } else if constexpr (std::is_same_v<Node, Not>) {
          this->expr(*node.operand);
        } else if constexpr (std::is_same_v<Node, And> || std::is_same_v<Node, Or>) {
          for (auto& operand : node.operands) this->expr(*operand);
        }
      },
      expr.node);
  depth_ = outer;
}

} // namespace

void resolve(Expr& expr, std::string_view text, const ResolveContext& context) {
  Budget budget;
  std::vector<std::string> path;
  if (!context.defining.empty()) path.push_back(context.defining);
  Resolver(text, context, std::move(path), budget).expr(expr);
}

ExprPtr compile_text(std::string_view text, const ResolveContext& context) {
  auto expr = parse(text);
  resolve(*expr, text, context);
  return expr;
}

} // namespace crm::segment
