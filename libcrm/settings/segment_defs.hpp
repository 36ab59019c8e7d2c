#pragma once
// Segment definitions as TOML text, so that teams keep them in git:
//
//   [segments.lapsed-vip]
//   where = "tag:vip and last_order older than 90d"
//   description = "VIPs who stopped buying"
//
// (crm segment export-defs / import-defs). Lives here because only settings sees toml++.
#include <string>
#include <string_view>
#include <vector>

namespace crm::settings {

struct SegmentDef {
  std::string name, where, description;
  int line = 0; // where the definition starts in the file (0 when not read from one)
};

// Throws util::UsageError "NAME:LINE:COLUMN: ..." on invalid TOML, a missing or non-string
// `where`, a non-string `description`, an unknown key, or anything besides [segments.*].
std::vector<SegmentDef> parse_segment_defs(std::string_view text, std::string_view source_name);

// The TOML text of `defs` (a header comment, then one table per segment, in the given order).
std::string format_segment_defs(const std::vector<SegmentDef>& defs);

} // namespace crm::settings
