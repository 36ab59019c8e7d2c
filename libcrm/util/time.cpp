#include "util/time.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "util/calendar.hpp"
#include "util/error.hpp"
#include "util/strings.hpp"
#include "util/timezone.hpp"

namespace crm::util {
namespace {

using detail::all_digits;
using detail::civil_from_days;
using detail::Date;
using detail::days_from_civil;
using detail::days_in_month;
using detail::digits_value;
using detail::find_zone;
using detail::floor_div;
using detail::floor_mod;
using detail::offset_at;
using detail::parse_offset;
using detail::seconds_per_day;
using detail::Zone;

// Calendar months: the day is clamped to the end of the target month (Jan 31 + 1m = Feb 28).
Date add_months(Date d, std::int64_t months) {
  const std::int64_t total = d.year * 12 + (d.month - 1) + months;
  Date result{floor_div(total, 12), static_cast<int>(floor_mod(total, 12)) + 1, d.day};
  result.day = std::min(result.day, days_in_month(result.year, result.month));
  return result;
}

// Instants this module parses and converts: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z.
constexpr Timestamp min_supported = days_from_civil({1, 1, 1}) * seconds_per_day;
constexpr Timestamp max_supported = days_from_civil({10000, 1, 1}) * seconds_per_day - 1;

bool in_supported_range(Timestamp t) { return t >= min_supported && t <= max_supported; }

// ---- Conversions between instants and local wall-clock seconds ----

// Outside the supported range no offset is applied, so no arithmetic can overflow.
Timestamp to_local(const Zone& zone, Timestamp t) {
  return in_supported_range(t) ? t + offset_at(zone, t) : t;
}

// Local wall-clock seconds (counted as if UTC) to the instant. When the local time is
// ambiguous or skipped, the offset in force before the change wins: in Berlin 2025-10-26
// 02:30 is the first (CEST) one, and the missing 2025-03-30 02:30 becomes 03:30 CEST.
// Assumes no two transitions lie within two days of each other.
Timestamp from_local(const Zone& zone, Timestamp local) {
  const std::int32_t before = offset_at(zone, local - seconds_per_day);
  const std::int32_t after = offset_at(zone, local + seconds_per_day);
  if (offset_at(zone, local - before) == before) return local - before;
  if (offset_at(zone, local - after) == after) return local - after;
  return local - before;
}

Date date_of(Timestamp local) { return civil_from_days(floor_div(local, seconds_per_day)); }

std::int64_t midnight(const Date& date) { return days_from_civil(date) * seconds_per_day; }

std::string format_date(const Date& d) {
  return fmt::format("{:04}-{:02}-{:02}", d.year, d.month, d.day);
}

struct Clock {
  std::int64_t hour, minute, second;
};

Clock clock_of(Timestamp local) {
  const std::int64_t seconds = floor_mod(local, seconds_per_day);
  return {seconds / 3600, seconds / 60 % 60, seconds % 60};
}

// ---- Parsing user input ----

enum class Unit { day, week, month, year, hour, minute, second };

struct Relative {
  std::int64_t amount = 0;
  Unit unit = Unit::day;
};

bool is_calendar_unit(Unit unit) {
  return unit != Unit::hour && unit != Unit::minute && unit != Unit::second;
}

// "+3d", "-2w", "+6m", "+1y", "+4h", "+30min", "+90s": a sign is required, 9 digits at most.
std::optional<Relative> parse_relative(std::string_view text) {
  if (text.size() < 3 || (text[0] != '+' && text[0] != '-')) return std::nullopt;
  const std::size_t unit_at = text.find_first_not_of("0123456789", 1);
  if (unit_at == std::string_view::npos) return std::nullopt;
  const auto amount = digits_value(text.substr(1, unit_at - 1));
  if (!amount) return std::nullopt;
  static constexpr std::array<std::pair<std::string_view, Unit>, 7> units = {{
      {"d", Unit::day},
      {"w", Unit::week},
      {"m", Unit::month},
      {"y", Unit::year},
      {"h", Unit::hour},
      {"min", Unit::minute},
      {"s", Unit::second},
  }};
  for (const auto& [name, unit] : units) {
    if (text.substr(unit_at) == name) return Relative{text[0] == '-' ? -*amount : *amount, unit};
  }
  return std::nullopt;
}

Date shift_date(const Date& date, const Relative& by) {
  switch (by.unit) {
  case Unit::day:
    return civil_from_days(days_from_civil(date) + by.amount);
  case Unit::week:
    return civil_from_days(days_from_civil(date) + 7 * by.amount);
  case Unit::month:
    return add_months(date, by.amount);
  case Unit::year:
    return add_months(date, 12 * by.amount);
  default:
    return date;
  }
}

// Calendar units keep the wall-clock time in `zone` (+1d across a DST change may be 23 or
// 25 hours); h, min and s are exact durations.
Timestamp apply_relative(Timestamp now, const Relative& by, const Zone& zone) {
  switch (by.unit) {
  case Unit::hour:
    return now + by.amount * 3600;
  case Unit::minute:
    return now + by.amount * 60;
  case Unit::second:
    return now + by.amount;
  default:
    break;
  }
  const Timestamp local = to_local(zone, now);
  return from_local(zone,
                    midnight(shift_date(date_of(local), by)) + floor_mod(local, seconds_per_day));
}

std::optional<int> keyword_day_offset(std::string_view word) {
  if (word == "today") return 0;
  if (word == "tomorrow") return 1;
  if (word == "yesterday") return -1;
  return std::nullopt;
}

// "YYYY-MM-DD", a real day of year 0001 to 9999.
std::optional<Date> parse_iso_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const auto year = digits_value(text.substr(0, 4));
  const auto month = digits_value(text.substr(5, 2));
  const auto day = digits_value(text.substr(8, 2));
  if (!year || !month || !day || *year < 1 || *month < 1 || *month > 12 || *day < 1 ||
      *day > days_in_month(*year, *month))
    return std::nullopt;
  return Date{*year, *month, *day};
}

// "HH:MM[:SS[.fff]]" as seconds after midnight; fractions are dropped.
std::optional<std::int64_t> parse_clock(std::string_view text) {
  if (text.size() < 5 || text[2] != ':') return std::nullopt;
  const auto hour = digits_value(text.substr(0, 2));
  const auto minute = digits_value(text.substr(3, 2));
  std::optional<int> second = 0;
  if (text.size() > 5) {
    if (text.size() < 8 || text[5] != ':') return std::nullopt;
    second = digits_value(text.substr(6, 2));
    const std::string_view fraction = text.substr(8);
    if (!fraction.empty() && (fraction[0] != '.' || !all_digits(fraction.substr(1))))
      return std::nullopt;
  }
  if (!hour || !minute || !second || *hour > 23 || *minute > 59 || *second > 59)
    return std::nullopt;
  return *hour * 3600 + *minute * 60 + *second;
}

std::optional<Timestamp> parse_absolute(std::string_view text, const Zone& zone) {
  const auto date = parse_iso_date(text.substr(0, 10));
  if (!date) return std::nullopt;
  if (text.size() == 10) return from_local(zone, midnight(*date));
  if (text[10] != 'T' && text[10] != 't' && text[10] != ' ') return std::nullopt;
  const std::string_view rest = text.substr(11);
  const std::size_t designator_at = rest.find_first_of("Zz+-");
  const auto clock = parse_clock(rest.substr(0, designator_at));
  if (!clock) return std::nullopt;
  const Timestamp local = midnight(*date) + *clock;
  if (designator_at == std::string_view::npos) return from_local(zone, local);
  const std::string_view designator = rest.substr(designator_at);
  const auto offset = designator == "Z" || designator == "z" ? 0 : parse_offset(designator);
  if (!offset) return std::nullopt;
  return local - *offset;
}

std::optional<Timestamp> parse_time_text(std::string_view text, Timestamp now, const Zone& zone) {
  if (text.size() > 1 && text[0] == '@' && text[1] != '+') return parse_int(text.substr(1));
  if (!in_supported_range(now)) return std::nullopt;
  const std::string word = to_lower_ascii(text);
  if (word == "now") return now;
  if (const auto days = keyword_day_offset(word)) {
    const Date today = date_of(to_local(zone, now));
    return from_local(zone, midnight(shift_date(today, {*days, Unit::day})));
  }
  if (const auto relative = parse_relative(text)) return apply_relative(now, *relative, zone);
  return parse_absolute(text, zone);
}

std::optional<Date> parse_date_text(std::string_view text, Timestamp now, const Zone& zone) {
  if (const auto date = parse_iso_date(text)) return date;
  if (!in_supported_range(now)) return std::nullopt;
  const Date today = date_of(to_local(zone, now));
  if (const auto days = keyword_day_offset(to_lower_ascii(text)))
    return shift_date(today, {*days, Unit::day});
  const auto relative = parse_relative(text);
  if (!relative || !is_calendar_unit(relative->unit)) return std::nullopt;
  return shift_date(today, *relative);
}

} // namespace

Timestamp system_now() {
  const auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
  return std::chrono::floor<std::chrono::seconds>(since_epoch).count();
}

Timestamp parse_time(std::string_view text, Timestamp now, std::string_view tz) {
  const Zone& zone = find_zone(tz);
  const auto t = parse_time_text(trim(text), now, zone);
  if (!t || !in_supported_range(*t)) {
    throw UsageError(fmt::format("invalid time '{}': expected YYYY-MM-DD[THH:MM[:SS]][Z|±HH:MM], "
                                 "now, today, +3d, -2w, +6m or @UNIX",
                                 text));
  }
  return *t;
}

std::string parse_date(std::string_view text, Timestamp now, std::string_view tz) {
  const Zone& zone = find_zone(tz);
  const auto date = parse_date_text(trim(text), now, zone);
  if (!date || date->year < 1 || date->year > 9999) {
    throw UsageError(
        fmt::format("invalid date '{}': expected YYYY-MM-DD, today, tomorrow or +3d", text));
  }
  return format_date(*date);
}

std::string format_iso_utc(Timestamp t) {
  const Clock c = clock_of(t);
  const Date d = date_of(t);
  if (d.year < 0 || d.year > 9999)
    return fmt::format("{}T{:02}:{:02}:{:02}Z", format_date(d), c.hour, c.minute, c.second);
  // By hand: lists print several times per row (fmt's general path was 12% of a long list).
  std::string text = "0000-00-00T00:00:00Z";
  const auto put = [&text](std::size_t end, std::int64_t value) {
    for (std::size_t i = end; value > 0; --i, value /= 10)
      text[i] = static_cast<char>('0' + value % 10);
  };
  put(3, d.year);
  put(6, d.month);
  put(9, d.day);
  put(12, c.hour);
  put(15, c.minute);
  put(18, c.second);
  return text;
}

std::string format_rfc5322(Timestamp t) {
  static constexpr std::array<std::string_view, 7> weekdays = {"Sun", "Mon", "Tue", "Wed",
                                                               "Thu", "Fri", "Sat"};
  static constexpr std::array<std::string_view, 12> months = {
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const Date d = date_of(t);
  const Clock c = clock_of(t);
  return fmt::format(
      "{}, {:02} {} {:04} {:02}:{:02}:{:02} +0000",
      weekdays.at(static_cast<std::size_t>(detail::weekday(floor_div(t, seconds_per_day)))), d.day,
      months.at(static_cast<std::size_t>(d.month - 1)), d.year, c.hour, c.minute, c.second);
}

std::string format_local(Timestamp t, std::string_view tz) {
  const Timestamp local = to_local(find_zone(tz), t);
  const Clock c = clock_of(local);
  return fmt::format("{} {:02}:{:02}", format_date(date_of(local)), c.hour, c.minute);
}

std::string local_date(Timestamp t, std::string_view tz) {
  return format_date(date_of(to_local(find_zone(tz), t)));
}

void validate_timezone(std::string_view tz) { static_cast<void>(find_zone(tz)); }

} // namespace crm::util
