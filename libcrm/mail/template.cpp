#include "mail/template.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "mail/template_node.hpp"

// Parsing: one pass over the text, building the tree. Section, inverted, closing and comment
// tags alone on their line ("standalone", as in Mustache) take the whole line with them, so
// a text template's loops do not leave blank lines.

namespace crm::mail {

namespace {

using Node = Template::Node;

struct Position {
  std::size_t line = 1;
  std::size_t column = 1;
};

bool is_blank(char c) { return c == ' ' || c == '\t'; }
bool is_space(char c) { return is_blank(c) || c == '\n' || c == '\r'; }

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

bool is_name_char(char c) {
  return !is_space(c) &&
         std::string_view("{}|\"'#^/&!<>=:.,;()[]").find(c) == std::string_view::npos;
}

// "." or dot-separated segments of name characters (any non-ASCII character is one).
std::optional<std::vector<std::string>> split_name(std::string_view name) {
  std::vector<std::string> path;
  if (name == ".") return path;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = std::min(name.find('.', start), name.size());
    const std::string_view segment = name.substr(start, dot - start);
    if (segment.empty()) return std::nullopt;
    for (const char c : segment)
      if (!is_name_char(c)) return std::nullopt;
    path.emplace_back(segment);
    if (dot == name.size()) return path;
    start = dot + 1;
  }
}

// Splits "a | f: \"x|y\" | g" at the bars outside quoted text.
std::vector<std::string_view> split_bars(std::string_view content) {
  std::vector<std::string_view> parts;
  bool quoted = false;
  std::size_t start = 0;
  for (std::size_t i = 0; i < content.size(); ++i) {
    const char c = content[i];
    if (quoted && c == '\\') {
      ++i;
    } else if (c == '"') {
      quoted = !quoted;
    } else if (c == '|' && !quoted) {
      parts.push_back(content.substr(start, i - start));
      start = i + 1;
    }
  }
  parts.push_back(content.substr(start));
  return parts;
}

class Parser {
public:
  Parser(std::string_view text, std::string_view name) : text_(text), name_(name) {}

  void parse(Node& root) {
    std::vector<Node*> open{&root};
    std::size_t text_start = 0;
    std::size_t pos = 0;
    while ((pos = text_.find("{{", pos)) != std::string_view::npos) {
      const Position at = position(pos);
      const bool triple = text_.compare(pos, 3, "{{{") == 0;
      const std::string_view closer = triple ? "}}}" : "}}";
      const std::size_t inner = pos + (triple ? 3 : 2);
      const std::size_t close = text_.find(closer, inner);
      if (close == std::string_view::npos)
        fail(at, fmt::format("unterminated tag: '{}' without '{}'", triple ? "{{{" : "{{", closer));
      const std::size_t end = close + closer.size();
      const std::string_view tag = text_.substr(pos, end - pos);
      std::string_view content = text_.substr(inner, close - inner);
      const char sigil = triple || content.empty() ? '\0' : content.front();
      const bool block_tag = sigil == '#' || sigil == '^' || sigil == '/' || sigil == '!';

      std::size_t text_end = pos;
      std::size_t next = end;
      if (block_tag) standalone(pos, end, text_end, next);
      add_text(*open.back(), text_start, text_end);
      text_start = pos = next;

      if (sigil == '!') continue;
      if (sigil == '>' || sigil == '=') {
        fail(at, fmt::format("unsupported tag '{}': {}", tag,
                             sigil == '>' ? "partials are not supported"
                                          : "delimiters cannot be changed"));
      }
      if (sigil == '#' || sigil == '^' || sigil == '/' || sigil == '&') content.remove_prefix(1);
      content = trim(content);
      if (content.empty()) fail(at, fmt::format("empty tag '{}'", tag));

      if (sigil == '/') {
        close_section(open, content, tag, at);
      } else if (sigil == '#' || sigil == '^') {
        Node& node = open.back()->children.emplace_back(make_named(
            sigil == '#' ? Node::Kind::section : Node::Kind::inverted, content, tag, at));
        open.push_back(&node);
      } else {
        add_value(*open.back(), content, tag, at, triple || sigil == '&');
      }
    }
    add_text(*open.back(), text_start, text_.size());
    if (open.size() > 1) {
      const Node& unclosed = *open.back();
      fail(position(text_.size()), fmt::format("unclosed section '{}' opened at {}:{}",
                                               unclosed.text, unclosed.line, unclosed.column));
    }
  }

private:
  std::string_view text_;
  std::string_view name_;
  std::size_t cursor_ = 0; // position() counts forward from here; offsets only grow
  Position cursor_position_;

  [[noreturn]] void fail(Position at, const std::string& message) const {
    throw TemplateError(fmt::format("{}:{}:{}: {}", name_, at.line, at.column, message));
  }

  // Line and column (in characters) of the byte at `offset`.
  Position position(std::size_t offset) {
    for (; cursor_ < offset; ++cursor_) {
      const auto byte = static_cast<unsigned char>(text_[cursor_]);
      if (byte == '\n') {
        ++cursor_position_.line;
        cursor_position_.column = 1;
      } else if ((byte & 0xC0U) != 0x80U) {
        ++cursor_position_.column;
      }
    }
    return cursor_position_;
  }

  // A tag [pos, end) alone on its line: drop the blanks before it and the line end after it.
  void standalone(std::size_t pos, std::size_t end, std::size_t& text_end,
                  std::size_t& next) const {
    std::size_t line_start = pos;
    while (line_start > 0 && is_blank(text_[line_start - 1])) --line_start;
    if (line_start > 0 && text_[line_start - 1] != '\n') return;
    std::size_t after = end;
    while (after < text_.size() && is_blank(text_[after])) ++after;
    if (after < text_.size() && text_[after] == '\r') ++after;
    if (after < text_.size() && text_[after] != '\n') return;
    text_end = line_start;
    next = after < text_.size() ? after + 1 : after;
  }

  void add_text(Node& parent, std::size_t from, std::size_t to) const {
    if (from >= to) return;
    if (!parent.children.empty() && parent.children.back().kind == Node::Kind::text) {
      parent.children.back().text.append(text_.substr(from, to - from));
      return;
    }
    Node& node = parent.children.emplace_back();
    node.kind = Node::Kind::text;
    node.text = text_.substr(from, to - from);
  }

  Node make_named(Node::Kind kind, std::string_view name, std::string_view tag, Position at) const {
    auto path = split_name(name);
    if (!path) fail(at, fmt::format("invalid name '{}' in '{}'", name, tag));
    Node node;
    node.kind = kind;
    node.text = name;
    node.path = std::move(*path);
    node.line = at.line;
    node.column = at.column;
    return node;
  }

  void add_value(Node& parent, std::string_view content, std::string_view tag, Position at,
                 bool raw) const {
    const std::vector<std::string_view> parts = split_bars(content);
    const std::string_view name = trim(parts.front());
    if (name.empty()) fail(at, fmt::format("empty tag '{}'", tag));
    Node node = make_named(Node::Kind::value, name, tag, at);
    node.raw = raw;
    for (std::size_t i = 1; i < parts.size(); ++i) {
      detail::Filter filter;
      if (auto problem = detail::parse_filter(trim(parts[i]), filter)) fail(at, *problem);
      node.filters.push_back(std::move(filter));
    }
    parent.children.push_back(std::move(node));
  }

  void close_section(std::vector<Node*>& open, std::string_view name, std::string_view tag,
                     Position at) const {
    if (open.size() == 1) fail(at, fmt::format("'{}' closes no open section", tag));
    const Node& section = *open.back();
    if (section.text != name) {
      fail(at, fmt::format("'{}' closes '{}' (opened at {}:{})", tag, section.text, section.line,
                           section.column));
    }
    open.pop_back();
  }
};

} // namespace

Template::Template() : root_(std::make_unique<Node>()) {}
Template::Template(Template&&) noexcept = default;
Template& Template::operator=(Template&&) noexcept = default;
Template::~Template() = default;

Template Template::parse(std::string_view text, std::string_view name) {
  Template result;
  result.name_ = name;
  Parser(text, name).parse(*result.root_);
  return result;
}

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  detail::append_escaped(text, out);
  return out;
}

} // namespace crm::mail
