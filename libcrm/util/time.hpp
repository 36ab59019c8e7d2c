#pragma once
// Time: instants are seconds since the Unix epoch (UTC). Calendar dates are "YYYY-MM-DD".
// Time zones are IANA names ("Asia/Shanghai"), "UTC", or fixed offsets ("+08:00").
#include <cstdint>
#include <string>
#include <string_view>

namespace crm::util {

using Timestamp = std::int64_t;

// Current wall-clock time.
Timestamp system_now();

// Parses a user-given instant. Accepted:
//   2025-01-31                      midnight of that day in `tz`
//   2025-01-31T10:20[:30][.fff]     in `tz` ('T' or one space between date and time)
//   ...Z or ...+08:00 / -0500       explicit UTC offset wins over `tz`
//   now, today, yesterday, tomorrow today etc. are midnight in `tz`
//   +3d -2w +6m +1y +4h +30min      relative to `now` (m = months, min = minutes)
//   @1700000000                     Unix seconds
// Throws UsageError("invalid time 'TEXT': expected ...") otherwise.
Timestamp parse_time(std::string_view text, Timestamp now, std::string_view tz);

// Parses a user-given calendar date: YYYY-MM-DD, today, tomorrow, yesterday, or a relative
// day offset (+3d, -1w, +2m, +1y) from the date of `now` in `tz`. Returns "YYYY-MM-DD".
// Throws UsageError on anything else (including 2025-02-30).
std::string parse_date(std::string_view text, Timestamp now, std::string_view tz);

// "2025-01-31T02:20:30Z"
std::string format_iso_utc(Timestamp t);
// "Fri, 31 Jan 2025 02:20:30 +0000" (RFC 5322 date-time in UTC, English names)
std::string format_rfc5322(Timestamp t);
// "2025-01-31 10:20" in `tz` (for tables)
std::string format_local(Timestamp t, std::string_view tz);
// "2025-01-31": the calendar date of `t` in `tz`
std::string local_date(Timestamp t, std::string_view tz);

// Throws UsageError when `tz` is not a known zone or offset.
void validate_timezone(std::string_view tz);

} // namespace crm::util
