#pragma once
// Internal to crm_util: not part of libcrm's interface, and no other module may include it.
// The time zones time.cpp converts with: UTC, fixed offsets, and IANA zones read from TZif
// files (RFC 8536), whose POSIX TZ footer rule covers instants after the last transition.
#include <cstdint>
#include <optional>
#include <string_view>

#include "util/time.hpp"

namespace crm::util::detail {

struct Zone; // opaque: only timezone.cpp looks inside

// "+08:00", "-0500", "+8", "+05:30": seconds east of UTC, at most 18 hours.
std::optional<std::int32_t> parse_offset(std::string_view text);

// The zone `tz` names: "UTC" (any case), an offset as parse_offset reads it, or an IANA name
// looked up under $TZDIR (as glibc honours it) or /usr/share/zoneinfo. Each zone is loaded
// once per process and the reference stays valid. Throws UsageError naming `tz` otherwise.
const Zone& find_zone(std::string_view tz);

// Seconds east of UTC in force at the instant `t`.
std::int32_t offset_at(const Zone& zone, Timestamp t);

} // namespace crm::util::detail
