#include "settings/segment_defs.hpp"

#include <algorithm>
#include <sstream>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "util/error.hpp"

namespace crm::settings {

namespace {

[[noreturn]] void fail(std::string_view source, const toml::source_region& at,
                       std::string_view message) {
  throw util::UsageError(
      fmt::format("{}:{}:{}: {}", source, at.begin.line, at.begin.column, message));
}

SegmentDef read_def(std::string_view source, std::string_view name, const toml::node& node) {
  const auto* table = node.as_table();
  if (table == nullptr)
    fail(source, node.source(), fmt::format("segments.{} must be a table", name));
  SegmentDef def{std::string(name), "", "", static_cast<int>(node.source().begin.line)};
  bool has_where = false;
  for (const auto& [key, value] : *table) {
    const auto* text = value.as_string();
    if (key.str() != "where" && key.str() != "description")
      fail(source, key.source(),
           fmt::format("unknown key '{}' in segments.{} (expected where, description)", key.str(),
                       name));
    if (text == nullptr)
      fail(source, value.source(), fmt::format("segments.{}.{} must be a string", name, key.str()));
    if (key.str() == "where") {
      def.where = text->get();
      has_where = true;
    } else {
      def.description = text->get();
    }
  }
  if (!has_where)
    fail(source, node.source(), fmt::format("segments.{} has no `where` expression", name));
  return def;
}

} // namespace

std::vector<SegmentDef> parse_segment_defs(std::string_view text, std::string_view source_name) {
  toml::table root;
  try {
    root = toml::parse(text, source_name);
  } catch (const toml::parse_error& e) {
    fail(source_name, e.source(), fmt::format("invalid TOML: {}", e.description()));
  }
  std::vector<SegmentDef> defs;
  for (const auto& [key, node] : root) {
    if (key.str() != "segments")
      fail(source_name, key.source(),
           fmt::format("unknown table '{}' (expected [segments.NAME])", key.str()));
    const auto* segments = node.as_table();
    if (segments == nullptr) fail(source_name, node.source(), "segments must be a table");
    for (const auto& [name, def] : *segments)
      defs.push_back(read_def(source_name, name.str(), def));
  }
  std::sort(defs.begin(), defs.end(),
            [](const SegmentDef& a, const SegmentDef& b) { return a.line < b.line; });
  return defs;
}

std::string format_segment_defs(const std::vector<SegmentDef>& defs) {
  std::ostringstream out;
  out << "# Segment definitions: crm segment import-defs FILE reads them back.\n";
  for (const auto& def : defs) {
    toml::table one;
    one.insert("where", def.where);
    if (!def.description.empty()) one.insert("description", def.description);
    toml::table wrapper;
    toml::table inner;
    inner.insert(def.name, std::move(one));
    wrapper.insert("segments", std::move(inner));
    out << '\n' << wrapper << '\n';
  }
  return out.str();
}

} // namespace crm::settings
