// Rendering: a walk over the parsed tree. The context stack lives on the C++ stack (one Frame
// per open section) and filters work in two reused buffers, so a render allocates nothing
// but the output string once the buffers have grown.
#include <string>
#include <string_view>
#include <utility>

#include "mail/template.hpp"
#include "mail/template_node.hpp"

namespace crm::mail {

namespace {

using Node = Template::Node;
using util::Json;

struct Frame {
  const Json* value;
  const Frame* outer;
};

// Mustache lookup: the first segment from the innermost context outwards, the rest inside it.
const Json* lookup(const Node& node, const Frame* frame) {
  if (node.path.empty()) return frame->value;
  const Json* found = nullptr;
  for (; frame != nullptr && found == nullptr; frame = frame->outer)
    if (frame->value->is_object()) found = frame->value->find(node.path.front());
  for (std::size_t i = 1; i < node.path.size() && found != nullptr; ++i)
    found = found->is_object() ? found->find(node.path[i]) : nullptr;
  return found;
}

bool truthy(const Json& value) {
  switch (value.type()) {
  case Json::Type::null:
    return false;
  case Json::Type::boolean:
    return value.as_bool();
  case Json::Type::integer:
    return value.as_int() != 0;
  case Json::Type::number:
    return value.as_double() != 0.0;
  case Json::Type::string:
    return !value.as_string().empty();
  case Json::Type::array:
    return !value.as_array().empty();
  case Json::Type::object:
    return !value.as_object().empty();
  }
  return false;
}

void render_value(const Node& node, const Frame* frame, Escape escape, std::string& out) {
  const Json* value = lookup(node, frame);
  const bool escaped = escape == Escape::html && !node.raw;
  if (node.filters.empty()) {
    if (value == nullptr) return;
    if (!escaped) {
      detail::append_value(*value, false, out);
      return;
    }
    if (value->is_string()) {
      detail::append_escaped(value->as_string(), out);
      return;
    }
  }
  thread_local std::string current;
  thread_local std::string next;
  current.clear();
  if (value != nullptr) {
    detail::append_value(
        *value, !node.filters.empty() && node.filters.front().kind == detail::FilterKind::money,
        current);
  }
  for (const detail::Filter& filter : node.filters) {
    detail::apply_filter(filter, current, next);
    std::swap(current, next);
  }
  if (escaped) {
    detail::append_escaped(current, out);
  } else {
    out.append(current);
  }
}

void render_nodes(const Node& parent, const Frame* frame, Escape escape, std::string& out) {
  for (const Node& node : parent.children) {
    switch (node.kind) {
    case Node::Kind::text:
      out.append(node.text);
      break;
    case Node::Kind::value:
      render_value(node, frame, escape, out);
      break;
    case Node::Kind::inverted: {
      const Json* value = lookup(node, frame);
      if (value == nullptr || !truthy(*value)) render_nodes(node, frame, escape, out);
      break;
    }
    case Node::Kind::section: {
      const Json* value = lookup(node, frame);
      if (value == nullptr || !truthy(*value)) break;
      if (value->is_array()) {
        for (const Json& item : value->as_array()) {
          const Frame inner{&item, frame};
          render_nodes(node, &inner, escape, out);
        }
      } else {
        const Frame inner{value, frame};
        render_nodes(node, &inner, escape, out);
      }
      break;
    }
    case Node::Kind::block:
      render_nodes(node, frame, escape, out);
      break;
    }
  }
}

} // namespace

void Template::render(const util::Json& data, Escape escape, std::string& out) const {
  const Frame top{&data, nullptr};
  render_nodes(*root_, &top, escape, out);
}

std::string Template::render(const util::Json& data, Escape escape) const {
  std::string out;
  render(data, escape, out);
  return out;
}

} // namespace crm::mail
