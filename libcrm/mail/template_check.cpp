// check(): the template walked against a schema, with the same context stack as rendering
// but built from the schema's sample values.
#include <fmt/format.h>

#include <string>
#include <string_view>
#include <vector>

#include "mail/template.hpp"
#include "mail/template_node.hpp"
#include "util/strings.hpp"

namespace crm::mail {

namespace {

using Node = Template::Node;
using util::Json;

struct Frame {
  const Json* object;
  const Frame* outer;
};

class Checker {
public:
  explicit Checker(std::string_view name) : name_(name) {}

  // `current`: the innermost section's value (its first sample item for a list), or nullptr
  // outside every section.
  void check(const Node& parent, const Frame* frame, const Json* current) const {
    for (const Node& node : parent.children) {
      if (node.kind == Node::Kind::value) {
        check_value(node, frame, current);
      } else if (node.kind == Node::Kind::inverted) {
        if (node.path.empty() && current == nullptr) fail(node, "'{{^.}}' outside a section");
        if (!node.path.empty()) resolve(node, frame);
        check(node, frame, current);
      } else if (node.kind == Node::Kind::section) {
        const Json* value = node.path.empty() ? current : resolve(node, frame);
        if (value == nullptr) fail(node, "'{{#.}}' outside a section");
        if (value->is_array())
          value = value->as_array().empty() ? &unknown_ : &value->as_array()[0];
        if (value->is_object()) {
          const Frame inner{value, frame};
          check(node, &inner, value);
        } else {
          check(node, frame, value);
        }
      }
    }
  }

private:
  std::string_view name_;
  Json unknown_; // the item of a list whose sample is empty: any kind

  [[noreturn]] void fail(const Node& node, const std::string& message) const {
    throw TemplateError(fmt::format("{}:{}:{}: {}", name_, node.line, node.column, message));
  }

  void check_value(const Node& node, const Frame* frame, const Json* current) const {
    if (node.path.empty()) {
      if (current == nullptr) fail(node, "'{{.}}' outside a section");
      if (current->is_object())
        fail(node, "'{{.}}' is an object here: name one of its fields instead");
      return;
    }
    const Json* value = resolve(node, frame);
    if (value->is_array()) {
      fail(node, fmt::format("'{0}' is a list: loop over it with {{{{#{0}}}}}...{{{{/{0}}}}}",
                             node.text));
    }
    if (value->is_object()) {
      const auto& members = value->as_object();
      if (members.empty()) fail(node, fmt::format("'{}' is an object, not a value", node.text));
      fail(node, fmt::format("'{0}' is an object: name one of its fields, like {{{{{0}.{1}}}}}",
                             node.text, members.front().first));
    }
  }

  // The schema value `node` names; throws when the schema has no such name.
  const Json* resolve(const Node& node, const Frame* frame) const {
    const std::string& first = node.path.front();
    const Json* found = nullptr;
    std::vector<std::string> candidates;
    for (const Frame* f = frame; f != nullptr && found == nullptr; f = f->outer) {
      found = f->object->find(first);
      for (const auto& member : f->object->as_object()) candidates.push_back(member.first);
    }
    if (found == nullptr) unknown(node, "", first, candidates);
    std::string prefix = first;
    for (std::size_t i = 1; i < node.path.size(); ++i) {
      const std::string& segment = node.path[i];
      candidates.clear();
      if (found->is_object())
        for (const auto& member : found->as_object()) candidates.push_back(member.first);
      const Json* next = found->is_object() ? found->find(segment) : nullptr;
      if (next == nullptr) unknown(node, prefix + ".", segment, candidates);
      found = next;
      prefix += "." + segment;
    }
    return found;
  }

  [[noreturn]] void unknown(const Node& node, const std::string& prefix, std::string_view segment,
                            const std::vector<std::string>& candidates) const {
    if (auto near = util::nearest(segment, candidates)) {
      fail(node,
           fmt::format("unknown field '{}' (did you mean '{}{}'?)", node.text, prefix, *near));
    }
    fail(node, fmt::format("unknown field '{}'", node.text));
  }
};

} // namespace

void Template::check(const util::Json& schema) const {
  const Json empty = Json::object();
  const Frame top{schema.is_object() ? &schema : &empty, nullptr};
  Checker(name_).check(*root_, &top, nullptr);
}

} // namespace crm::mail
