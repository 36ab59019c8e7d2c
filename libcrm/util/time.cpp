#include "util/time.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <ios>
#include <iterator>
#include <map>
#include <mutex>
#include <optional>
#include <system_error>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "util/error.hpp"
#include "util/strings.hpp"

namespace crm::util {
namespace {

constexpr std::int64_t seconds_per_day = 86400;

// ---- Civil calendar: proleptic Gregorian, after Howard Hinnant's days_from_civil ----

struct Date {
  std::int64_t year = 1970;
  int month = 1;
  int day = 1;
};

constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0 && (a < 0) != (b < 0)) ? 1 : 0);
}

constexpr std::int64_t floor_mod(std::int64_t a, std::int64_t b) { return a - floor_div(a, b) * b; }

constexpr std::int64_t days_from_civil(Date d) {
  const std::int64_t y = d.year - (d.month <= 2 ? 1 : 0);
  const std::int64_t era = floor_div(y, 400);
  const std::int64_t year_of_era = y - era * 400;
  const std::int64_t day_of_year = (153 * ((d.month + 9) % 12) + 2) / 5 + d.day - 1; // from March
  const std::int64_t day_of_era =
      year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

Date civil_from_days(std::int64_t days) {
  const std::int64_t z = days + 719468;
  const std::int64_t era = floor_div(z, 146097);
  const std::int64_t day_of_era = z - era * 146097;
  const std::int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const std::int64_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const std::int64_t march_month = (5 * day_of_year + 2) / 153;
  const int day = static_cast<int>(day_of_year - (153 * march_month + 2) / 5 + 1);
  const int month = static_cast<int>(march_month < 10 ? march_month + 3 : march_month - 9);
  return {year_of_era + era * 400 + (month <= 2 ? 1 : 0), month, day};
}

bool is_leap_year(std::int64_t year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in_month(std::int64_t year, int month) {
  static constexpr std::array<int, 12> days = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap_year(year) ? 29 : days[static_cast<std::size_t>(month - 1)];
}

int weekday(std::int64_t days) { return static_cast<int>(floor_mod(days + 4, 7)); } // 0 = Sunday

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

// ---- Small text scanners ----

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), is_digit);
}

// Up to 9 digits and nothing else.
std::optional<int> digits_value(std::string_view text) {
  if (!all_digits(text) || text.size() > 9) return std::nullopt;
  int value = 0;
  for (const char c : text) value = value * 10 + (c - '0');
  return value;
}

bool take_char(std::string_view& text, char c) {
  if (text.empty() || text.front() != c) return false;
  text.remove_prefix(1);
  return true;
}

std::optional<int> take_number(std::string_view& text, std::size_t max_digits) {
  std::size_t length = 0;
  while (length < text.size() && length < max_digits && is_digit(text[length])) ++length;
  const auto value = digits_value(text.substr(0, length));
  if (value) text.remove_prefix(length);
  return value;
}

// "+08:00", "-0500", "+8", "+05:30": seconds east of UTC, at most 18 hours.
std::optional<std::int32_t> parse_offset(std::string_view text) {
  if (text.size() < 2 || (text[0] != '+' && text[0] != '-')) return std::nullopt;
  const int sign = text[0] == '-' ? -1 : 1;
  std::string_view hours = text.substr(1);
  std::string_view minutes = "00";
  if (const auto colon = hours.find(':'); colon != std::string_view::npos) {
    minutes = hours.substr(colon + 1);
    hours = hours.substr(0, colon);
    if (minutes.size() != 2) return std::nullopt;
  } else if (hours.size() == 4) {
    minutes = hours.substr(2);
    hours = hours.substr(0, 2);
  }
  const auto h = hours.size() <= 2 ? digits_value(hours) : std::nullopt;
  const auto m = digits_value(minutes);
  if (!h || !m || *m > 59 || *h * 60 + *m > 18 * 60) return std::nullopt;
  return sign * (*h * 3600 + *m * 60);
}

// ---- Time zones: TZif files (RFC 8536) with their POSIX TZ footer ----

struct RuleDate { // "Mm.w.d/time": weekday d of week w (5 = last) of month m, at local time
  int month = 0;
  int week = 0;
  int weekday = 0;
  std::int32_t time = 7200;
};

struct PosixRule {
  std::int32_t std_offset = 0; // seconds east of UTC
  std::int32_t dst_offset = 0;
  std::optional<std::pair<RuleDate, RuleDate>> dst; // start, end
};

struct Transition {
  Timestamp at;
  std::int32_t offset; // in force from `at` on
};

struct Zone {
  std::int32_t initial_offset = 0;     // before the first transition
  std::vector<Transition> transitions; // ascending
  std::optional<PosixRule> rule;       // after the last transition
};

bool skip_zone_abbreviation(std::string_view& text) {
  if (take_char(text, '<')) {
    const auto close = text.find('>');
    if (close == std::string_view::npos) return false;
    text.remove_prefix(close + 1);
    return true;
  }
  std::size_t length = 0;
  while (length < text.size() && ((text[length] | 0x20) >= 'a' && (text[length] | 0x20) <= 'z'))
    ++length;
  text.remove_prefix(length);
  return length >= 3;
}

// "[+-]h[h][:mm[:ss]]" in seconds; hours up to 167 as RFC 8536 allows for rule times.
std::optional<std::int32_t> take_hms(std::string_view& text) {
  const int sign = take_char(text, '-') ? -1 : 1;
  if (sign == 1) take_char(text, '+');
  const auto hours = take_number(text, 3);
  if (!hours || *hours > 167) return std::nullopt;
  std::int32_t total = *hours * 3600;
  for (const int scale : {60, 1}) {
    if (!take_char(text, ':')) break;
    const auto value = take_number(text, 2);
    if (!value || *value > 59) return std::nullopt;
    total += *value * scale;
  }
  return sign * total;
}

std::optional<RuleDate> take_rule_date(std::string_view& text) {
  if (!take_char(text, 'M')) return std::nullopt; // Jn and n forms: no current zone uses them
  const auto month = take_number(text, 2);
  std::optional<int> week;
  std::optional<int> day;
  if (take_char(text, '.')) week = take_number(text, 1);
  if (week && take_char(text, '.')) day = take_number(text, 1);
  if (!month || !week || !day || *month < 1 || *month > 12 || *week < 1 || *week > 5 || *day > 6)
    return std::nullopt;
  RuleDate date{*month, *week, *day, 7200};
  if (take_char(text, '/')) {
    const auto time = take_hms(text);
    if (!time) return std::nullopt;
    date.time = *time;
  }
  return date;
}

// The footer of a TZif file, e.g. "CET-1CEST,M3.5.0,M10.5.0/3" (offsets there count west).
std::optional<PosixRule> parse_posix_rule(std::string_view text) {
  PosixRule rule;
  if (!skip_zone_abbreviation(text)) return std::nullopt;
  const auto std_west = take_hms(text);
  if (!std_west) return std::nullopt;
  rule.std_offset = -*std_west;
  if (text.empty()) return rule;
  if (!skip_zone_abbreviation(text)) return std::nullopt;
  rule.dst_offset = rule.std_offset + 3600;
  if (!text.empty() && text.front() != ',') {
    const auto dst_west = take_hms(text);
    if (!dst_west) return std::nullopt;
    rule.dst_offset = -*dst_west;
  }
  const auto start = take_char(text, ',') ? take_rule_date(text) : std::nullopt;
  const auto end = take_char(text, ',') ? take_rule_date(text) : std::nullopt;
  if (!start || !end || !text.empty()) return std::nullopt;
  rule.dst = std::pair{*start, *end};
  return rule;
}

Timestamp rule_transition(std::int64_t year, const RuleDate& when, std::int32_t offset_before) {
  const std::int64_t first = days_from_civil({year, when.month, 1});
  std::int64_t day =
      first + floor_mod(when.weekday - weekday(first), 7) + 7 * std::int64_t{when.week - 1};
  while (day >= first + days_in_month(year, when.month)) day -= 7; // week 5 = the last one
  return day * seconds_per_day + when.time - offset_before;
}

std::int32_t rule_offset(const PosixRule& rule, Timestamp t) {
  if (!rule.dst) return rule.std_offset;
  const std::int64_t year = civil_from_days(floor_div(t + rule.std_offset, seconds_per_day)).year;
  const Timestamp start = rule_transition(year, rule.dst->first, rule.std_offset);
  const Timestamp end = rule_transition(year, rule.dst->second, rule.dst_offset);
  const bool in_dst = start < end ? (start <= t && t < end) : !(end <= t && t < start);
  return in_dst ? rule.dst_offset : rule.std_offset;
}

std::int32_t offset_at(const Zone& zone, Timestamp t) {
  const auto& list = zone.transitions;
  const auto next = std::upper_bound(list.begin(), list.end(), t,
                                     [](Timestamp v, const Transition& tr) { return v < tr.at; });
  if (next == list.end() && zone.rule) return rule_offset(*zone.rule, t);
  if (next == list.begin()) return zone.initial_offset;
  return std::prev(next)->offset;
}

class ByteReader {
public:
  explicit ByteReader(std::string_view data) : data_(data) {}
  [[nodiscard]] bool has(std::uint64_t count) const { return data_.size() - pos_ >= count; }
  void skip(std::uint64_t count) { pos_ += static_cast<std::size_t>(count); }
  std::string_view take(std::size_t count) {
    const auto bytes = data_.substr(pos_, count);
    pos_ += count;
    return bytes;
  }
  // Big-endian two's complement integer of `size` bytes (1, 4 or 8).
  std::int64_t take_int(std::size_t size) {
    std::uint64_t value = 0;
    for (const char c : take(size)) value = (value << 8U) | static_cast<unsigned char>(c);
    if (size < 8 && (value >> (size * 8 - 1)) != 0) value -= std::uint64_t{1} << (size * 8);
    return static_cast<std::int64_t>(value);
  }
  [[nodiscard]] std::string_view rest() const { return data_.substr(pos_); }

private:
  std::string_view data_;
  std::size_t pos_ = 0;
};

struct TzifCounts {
  std::uint64_t isut = 0, isstd = 0, leap = 0, time = 0, type = 0, chars = 0;

  [[nodiscard]] std::uint64_t block_size(std::uint64_t time_size) const {
    return time * (time_size + 1) + type * 6 + chars + leap * (time_size + 4) + isstd + isut;
  }
};

std::optional<TzifCounts> read_tzif_header(ByteReader& in, char& version) {
  if (!in.has(44) || in.take(4) != "TZif") return std::nullopt;
  version = in.take(1).front();
  in.skip(15);
  TzifCounts c;
  for (std::uint64_t* count : {&c.isut, &c.isstd, &c.leap, &c.time, &c.type, &c.chars})
    *count = static_cast<std::uint64_t>(in.take_int(4)) & 0xFFFFFFFFU;
  return c;
}

std::optional<Zone> read_tzif_block(ByteReader& in, const TzifCounts& c, std::size_t time_size) {
  if (c.type == 0 || !in.has(c.block_size(time_size))) return std::nullopt;
  std::vector<Timestamp> times(c.time);
  for (auto& at : times) at = in.take_int(time_size);
  std::vector<std::uint64_t> types(c.time);
  for (auto& type : types) type = static_cast<std::uint64_t>(in.take_int(1)) & 0xFFU;
  std::vector<std::int32_t> offsets(c.type);
  for (auto& offset : offsets) {
    offset = static_cast<std::int32_t>(in.take_int(4));
    in.skip(2); // isdst, abbreviation index
  }
  in.skip(c.chars + c.leap * (time_size + 4) + c.isstd + c.isut);
  Zone zone;
  zone.initial_offset = offsets.front(); // RFC 8536: type 0 applies before the first transition
  for (std::size_t i = 0; i < times.size(); ++i) {
    if (types[i] >= c.type || (i > 0 && times[i] <= times[i - 1])) return std::nullopt;
    zone.transitions.push_back({times[i], offsets[types[i]]});
  }
  return zone;
}

// Version 1 files hold 32-bit data only; later versions repeat it with 64-bit times and a
// footer rule for instants after the last transition ("slim" files depend on it).
std::optional<Zone> parse_tzif(std::string_view data) {
  ByteReader in(data);
  char version = 0;
  auto counts = read_tzif_header(in, version);
  if (!counts) return std::nullopt;
  if (version == '\0') return read_tzif_block(in, *counts, 4);
  if (!in.has(counts->block_size(4))) return std::nullopt;
  in.skip(counts->block_size(4));
  counts = read_tzif_header(in, version);
  auto zone = counts ? read_tzif_block(in, *counts, 8) : std::nullopt;
  const std::string_view footer = in.rest();
  if (zone && footer.size() >= 2 && footer.front() == '\n') {
    const auto end = footer.find('\n', 1);
    if (end != std::string_view::npos) zone->rule = parse_posix_rule(footer.substr(1, end - 1));
  }
  return zone;
}

// Keeps lookups inside the zoneinfo directory: no absolute paths, no "..", no odd bytes.
bool is_zone_name(std::string_view name) {
  if (name.empty() || name.size() > 255) return false;
  for (const auto& part : split(name, '/')) {
    if (part.empty() || part == "." || part == "..") return false;
    for (const char c : part) {
      const bool letter = (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
      if (!letter && !is_digit(c) && c != '_' && c != '-' && c != '+' && c != '.') return false;
    }
  }
  return true;
}

// $TZDIR as glibc honours it, else the usual place. A directory, an unreadable file or
// one that is not TZif (zone.tab) is no zone.
std::optional<Zone> load_zone_file(std::string_view name) {
  if (!is_zone_name(name)) return std::nullopt;
  const char* tzdir = std::getenv("TZDIR");
  const std::filesystem::path path =
      std::filesystem::path(tzdir != nullptr && *tzdir != '\0' ? tzdir : "/usr/share/zoneinfo") /
      name;
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) return std::nullopt;
  try {
    std::ifstream file(path, std::ios::binary);
    const std::string data{std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
    return parse_tzif(data);
  } catch (const std::ios_base::failure&) { // libstdc++ throws on read errors here
    return std::nullopt;
  }
}

std::optional<Zone> build_zone(std::string_view tz) {
  if (to_lower_ascii(tz) == "utc") return Zone{};
  if (const auto offset = parse_offset(tz)) return Zone{*offset, {}, std::nullopt};
  return load_zone_file(tz);
}

// Zones are loaded once per process and never change; map nodes are stable, so a reference
// stays valid after the lock is released.
const Zone& find_zone(std::string_view tz) {
  static std::mutex mutex;
  static std::map<std::string, Zone, std::less<>> cache;
  const std::lock_guard lock(mutex);
  if (const auto it = cache.find(tz); it != cache.end()) return it->second;
  auto zone = build_zone(tz);
  if (!zone) {
    throw UsageError(fmt::format("unknown time zone '{}': use an IANA name such as Asia/Shanghai, "
                                 "UTC or an offset such as +08:00",
                                 tz));
  }
  return cache.emplace(std::string(tz), std::move(*zone)).first->second;
}

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
  return fmt::format("{}T{:02}:{:02}:{:02}Z", format_date(date_of(t)), c.hour, c.minute, c.second);
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
