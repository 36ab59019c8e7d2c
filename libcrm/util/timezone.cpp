#include "util/timezone.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <ios>
#include <iterator>
#include <map>
#include <mutex>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "util/calendar.hpp"
#include "util/error.hpp"
#include "util/strings.hpp"

namespace crm::util::detail {
namespace {

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

} // namespace

struct Zone {
  std::int32_t initial_offset = 0;     // before the first transition
  std::vector<Transition> transitions; // ascending
  std::optional<PosixRule> rule;       // after the last transition
};

namespace {

// ---- POSIX TZ rules, as in the footer of a TZif file ----

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

// ---- TZif files (RFC 8536) ----

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

} // namespace

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

std::int32_t offset_at(const Zone& zone, Timestamp t) {
  const auto& list = zone.transitions;
  const auto next = std::upper_bound(list.begin(), list.end(), t,
                                     [](Timestamp v, const Transition& tr) { return v < tr.at; });
  if (next == list.end() && zone.rule) return rule_offset(*zone.rule, t);
  if (next == list.begin()) return zone.initial_offset;
  return std::prev(next)->offset;
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

} // namespace crm::util::detail
