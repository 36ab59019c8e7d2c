// to_text() and referenced_segments(): walks over a parsed expression.
#include <algorithm>
#include <fmt/format.h>

#include "segment/lexer.hpp"
#include "segment/parser.hpp"

namespace crm::segment {
namespace {

std::string quoted(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    switch (c) {
    case '"':
      out += "\\\"";
      break;
    case '\\':
      out += "\\\\";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\t':
      out += "\\t";
      break;
    default:
      out += c;
    }
  }
  return out + '"';
}

// A tag or segment name: bare when it reads back as the same single word.
std::string name_text(std::string_view name) {
  const bool bare = !name.empty() && std::all_of(name.begin(), name.end(), detail::is_word_char);
  return bare ? std::string(name) : quoted(name);
}

std::string field_text(const FieldRef& field) {
  if (field.field == Field::attribute) return fmt::format("attr.{}", field.name);
  if (field.field == Field::consent) return fmt::format("consent.{}", field.name);
  return std::string(info(field.field).name);
}

std::string value_text(const Value& value) {
  return value.kind == Value::Kind::string ? quoted(value.text) : value.text;
}

bool is_and(const Expr& expr) { return std::holds_alternative<And>(expr.node); }
bool is_or(const Expr& expr) { return std::holds_alternative<Or>(expr.node); }

std::string operand_text(const Expr& operand, bool parenthesise) {
  return parenthesise ? fmt::format("({})", to_text(operand)) : to_text(operand);
}

std::string joined(const std::vector<ExprPtr>& operands, std::string_view keyword, bool in_and) {
  std::string out;
  for (const auto& operand : operands) {
    if (!out.empty()) out += fmt::format(" {} ", keyword);
    out += operand_text(*operand, is_or(*operand) || (in_and && is_and(*operand)));
  }
  return out;
}

std::string node_text(const Expr& expr) {
  return std::visit(
      [&](const auto& node) -> std::string {
        using Node = std::decay_t<decltype(node)>;
        if constexpr (std::is_same_v<Node, Compare>) {
          return fmt::format("{} {} {}", field_text(node.field), to_string(node.op),
                             value_text(node.value));
        } else if constexpr (std::is_same_v<Node, InList>) {
          std::vector<std::string> values;
          for (const auto& value : node.values) values.push_back(value_text(value));
          return fmt::format("{} {}in ({})", field_text(node.field), node.negated ? "not " : "",
                             fmt::join(values, ", "));
        } else if constexpr (std::is_same_v<Node, Match>) {
          return fmt::format("{} {} {}", field_text(node.field), node.negated ? "!~" : "~",
                             quoted(node.pattern.text));
        } else if constexpr (std::is_same_v<Node, IsEmpty>) {
          return fmt::format("{} is {}empty", field_text(node.field), node.negated ? "not " : "");
        } else if constexpr (std::is_same_v<Node, Within>) {
          return fmt::format("{} within {}", field_text(node.field), node.duration.text);
        } else if constexpr (std::is_same_v<Node, OlderThan>) {
          return fmt::format("{} older than {}", field_text(node.field), node.duration.text);
        } else if constexpr (std::is_same_v<Node, Tag>) {
          return fmt::format("tag:{}", name_text(node.name));
        } else if constexpr (std::is_same_v<Node, OptedIn>) {
          return fmt::format("opted_in:{}", node.channel);
        } else if constexpr (std::is_same_v<Node, Bought>) {
          std::string out = fmt::format("bought({})", quoted(node.sku.text));
          if (node.within) out += fmt::format(" within {}", node.within->text);
          return out;
        } else if constexpr (std::is_same_v<Node, SegmentRef>) {
          return fmt::format("segment:{}", name_text(node.name));
        } else if constexpr (std::is_same_v<Node, Not>) {
          const Expr& operand = *node.operand;
          return fmt::format("not {}", operand_text(operand, is_and(operand) || is_or(operand)));
        } else if constexpr (std::is_same_v<Node, And>) {
          return joined(node.operands, "and", true);
        } else {
          return joined(node.operands, "or", false);
        }
      },
      expr.node);
}

void collect_segments(const Expr& expr, std::vector<std::string>& names) {
  if (const auto* ref = std::get_if<SegmentRef>(&expr.node)) {
    if (std::find(names.begin(), names.end(), ref->name) == names.end()) names.push_back(ref->name);
  } else if (const auto* negation = std::get_if<Not>(&expr.node)) {
    collect_segments(*negation->operand, names);
  } else if (const auto* all = std::get_if<And>(&expr.node)) {
    for (const auto& operand : all->operands) collect_segments(*operand, names);
  } else if (const auto* any = std::get_if<Or>(&expr.node)) {
    for (const auto& operand : any->operands) collect_segments(*operand, names);
  }
}

} // namespace

std::string to_text(const Expr& expr) { return node_text(expr); }

std::vector<std::string> referenced_segments(const Expr& expr) {
  std::vector<std::string> names;
  collect_segments(expr, names);
  return names;
}

} // namespace crm::segment
