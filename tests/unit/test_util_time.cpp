#include <doctest/doctest.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "util/error.hpp"
#include "util/time.hpp"

using namespace crm;
using util::Timestamp;

namespace {

constexpr Timestamp now_2025 = 1738290000; // 2025-01-31T02:20:00Z, 10:20 in Shanghai
constexpr Timestamp day = 86400;
constexpr Timestamp hour = 3600;
constexpr Timestamp minute = 60;

const char* const time_hint =
    "expected YYYY-MM-DD[THH:MM[:SS]][Z|±HH:MM], now, today, +3d, -2w, +6m or @UNIX";

// parse_time, shown as ISO UTC so a failure prints something readable.
std::string utc(std::string_view text, std::string_view tz = "UTC", Timestamp now = now_2025) {
  return util::format_iso_utc(util::parse_time(text, now, tz));
}

std::string date(std::string_view text, std::string_view tz = "UTC", Timestamp now = now_2025) {
  return util::parse_date(text, now, tz);
}

Timestamp at_utc(std::string_view iso) { return util::parse_time(iso, 0, "UTC"); }

// ---- Hand-made TZif files (RFC 8536), read through $TZDIR ----

struct TzifData {
  std::vector<std::pair<Timestamp, unsigned char>> transitions; // instant, type index
  std::vector<std::int32_t> offsets;                            // one per type
};

void put_big_endian(std::string& out, std::uint64_t value, int bytes) {
  for (int i = bytes - 1; i >= 0; --i) out += static_cast<char>((value >> (8 * i)) & 0xFFU);
}

std::string tzif_block(char version, const TzifData& data, int time_size) {
  std::string out = "TZif";
  out += version;
  out.append(15, '\0');
  for (const std::uint64_t count : std::initializer_list<std::uint64_t>{
           0, 0, 0, data.transitions.size(), data.offsets.size(), 4})
    put_big_endian(out, count, 4);
  for (const auto& transition : data.transitions)
    put_big_endian(out, static_cast<std::uint64_t>(transition.first), time_size);
  for (const auto& transition : data.transitions) out += static_cast<char>(transition.second);
  for (const std::int32_t offset : data.offsets) {
    put_big_endian(out, static_cast<std::uint32_t>(offset), 4);
    out.append(2, '\0'); // isdst, abbreviation index
  }
  out.append("ABC\0", 4);
  return out;
}

std::string tzif_v1(const TzifData& data) { return tzif_block('\0', data, 4); }

std::string tzif_v2(const TzifData& data, const std::string& footer) {
  return tzif_block('2', data, 4) + tzif_block('2', data, 8) + "\n" + footer + "\n";
}

// Points $TZDIR at a directory of test zones (under the test's temporary directory) for
// the lifetime of the object. Zones are cached by name, so every test uses new names.
class TestZoneDirectory {
public:
  TestZoneDirectory() : dir_(std::filesystem::current_path() / "zoneinfo") {
    if (const char* old = std::getenv("TZDIR")) old_tzdir_ = old;
    std::filesystem::create_directories(dir_ / "Test");
    setenv("TZDIR", dir_.c_str(), 1);
  }
  ~TestZoneDirectory() {
    if (old_tzdir_) {
      setenv("TZDIR", old_tzdir_->c_str(), 1);
    } else {
      unsetenv("TZDIR");
    }
  }
  TestZoneDirectory(const TestZoneDirectory&) = delete;
  TestZoneDirectory& operator=(const TestZoneDirectory&) = delete;

  void write(const std::string& name, const std::string& bytes) const {
    std::ofstream(dir_ / name, std::ios::binary | std::ios::trunc) << bytes;
  }

private:
  std::filesystem::path dir_;
  std::optional<std::string> old_tzdir_;
};

} // namespace

TEST_CASE("format_iso_utc writes seconds since the epoch as ISO 8601 UTC") {
  CHECK(util::format_iso_utc(0) == "1970-01-01T00:00:00Z");
  CHECK(util::format_iso_utc(1700000000) == "2023-11-14T22:13:20Z");
  CHECK(util::format_iso_utc(1738318800) == "2025-01-31T10:20:00Z");
  CHECK(util::format_iso_utc(-1) == "1969-12-31T23:59:59Z");
  CHECK(util::format_iso_utc(-day) == "1969-12-31T00:00:00Z");
  CHECK(util::format_iso_utc(951782400) == "2000-02-29T00:00:00Z");
  CHECK(util::format_iso_utc(951782400 + day) == "2000-03-01T00:00:00Z");
  CHECK(util::format_iso_utc(253402300799) == "9999-12-31T23:59:59Z");
  CHECK(util::format_iso_utc(253402300800) == "10000-01-01T00:00:00Z"); // past the fast path
  CHECK(util::format_rfc5322(1738318800) == "Fri, 31 Jan 2025 10:20:00 +0000");
  CHECK(util::format_rfc5322(0) == "Thu, 01 Jan 1970 00:00:00 +0000");
  CHECK(util::format_rfc5322(-1) == "Wed, 31 Dec 1969 23:59:59 +0000");
  CHECK(util::format_iso_utc(-62135596800) == "0001-01-01T00:00:00Z");
}

TEST_CASE("system_now is the current Unix time") {
  const Timestamp now = util::system_now();
  CHECK(now > 1700000000); // after 2023-11
  CHECK(now < 4102444800); // before 2100
}

TEST_CASE("parse_time reads dates and times in UTC") {
  CHECK(util::parse_time("2025-01-31", now_2025, "UTC") == 1738281600);
  CHECK(util::parse_time("2025-01-31T10:20", now_2025, "UTC") == 1738318800);
  CHECK(utc("2025-01-31T10:20") == "2025-01-31T10:20:00Z");
  CHECK(utc("2025-01-31 10:20") == "2025-01-31T10:20:00Z");
  CHECK(utc("2025-01-31t10:20") == "2025-01-31T10:20:00Z");
  CHECK(utc("2025-01-31T10:20:30") == "2025-01-31T10:20:30Z");
  CHECK(utc("2025-01-31T10:20:30.999") == "2025-01-31T10:20:30Z"); // fractions are dropped
  CHECK(utc("2025-01-31T10:20:30.5") == "2025-01-31T10:20:30Z");
  CHECK(utc("2025-01-31T00:00") == "2025-01-31T00:00:00Z");
  CHECK(utc("2025-01-31T23:59:59") == "2025-01-31T23:59:59Z");
  CHECK(utc("  2025-01-31T10:20  ") == "2025-01-31T10:20:00Z");
  CHECK(utc("\xE3\x80\x80"
            "2025-01-31\xE3\x80\x80") == "2025-01-31T00:00:00Z"); // U+3000
  CHECK(utc("1970-01-01") == "1970-01-01T00:00:00Z");
  CHECK(utc("0001-01-01") == "0001-01-01T00:00:00Z");
  CHECK(utc("9999-12-31T23:59:59") == "9999-12-31T23:59:59Z");
  CHECK(utc("2025-01-31", "utc") == "2025-01-31T00:00:00Z");
}

TEST_CASE("an explicit offset in the text wins over the zone") {
  CHECK(utc("2025-01-31T10:20Z", "Asia/Shanghai") == "2025-01-31T10:20:00Z");
  CHECK(utc("2025-01-31T10:20z", "Asia/Shanghai") == "2025-01-31T10:20:00Z");
  CHECK(utc("2025-01-31T10:20+08:00", "Europe/Berlin") == "2025-01-31T02:20:00Z");
  CHECK(utc("2025-01-31T10:20:30+08:00") == "2025-01-31T02:20:30Z");
  CHECK(utc("2025-01-31T10:20:30.25+08:00") == "2025-01-31T02:20:30Z");
  CHECK(utc("2025-01-31T10:20-0500") == "2025-01-31T15:20:00Z");
  CHECK(utc("2025-01-31T10:20-05") == "2025-01-31T15:20:00Z");
  CHECK(utc("2025-01-31T10:20+8") == "2025-01-31T02:20:00Z");
  CHECK(utc("2025-01-31T10:20+05:30") == "2025-01-31T04:50:00Z");
  CHECK(utc("2025-01-31T10:20+0530") == "2025-01-31T04:50:00Z");
  CHECK(utc("2025-01-31T10:20-00:00") == "2025-01-31T10:20:00Z");
  CHECK(utc("2025-01-31T02:00+14:00") == "2025-01-30T12:00:00Z");
  CHECK(utc("2025-01-31 10:20+08:00") == "2025-01-31T02:20:00Z");
  CHECK(utc("2025-01-01T01:00+02:00") == "2024-12-31T23:00:00Z"); // crosses the year
}

TEST_CASE("parse_time reads local times in Asia/Shanghai") {
  CHECK(util::parse_time("2025-01-31 10:20", now_2025, "Asia/Shanghai") == now_2025);
  CHECK(utc("2025-01-31", "Asia/Shanghai") == "2025-01-30T16:00:00Z");
  CHECK(utc("2025-07-01 08:00", "Asia/Shanghai") == "2025-07-01T00:00:00Z"); // no DST today
  CHECK(utc("1990-07-01 12:00", "Asia/Shanghai") == "1990-07-01T03:00:00Z"); // China had DST then
  CHECK(utc("1990-12-01 12:00", "Asia/Shanghai") == "1990-12-01T04:00:00Z");
}

TEST_CASE("parse_time reads local times with fixed offsets") {
  CHECK(utc("2025-01-31 10:20", "+08:00") == "2025-01-31T02:20:00Z");
  CHECK(utc("2025-01-31 10:20", "+0800") == "2025-01-31T02:20:00Z");
  CHECK(utc("2025-01-31 10:20", "+8") == "2025-01-31T02:20:00Z");
  CHECK(utc("2025-01-31 10:20", "+08") == "2025-01-31T02:20:00Z");
  CHECK(utc("2025-01-31 10:20", "-0500") == "2025-01-31T15:20:00Z");
  CHECK(utc("2025-01-31 10:20", "-05:00") == "2025-01-31T15:20:00Z");
  CHECK(utc("2025-01-31 10:20", "+05:30") == "2025-01-31T04:50:00Z");
  CHECK(utc("2025-01-31 10:20", "-09:30") == "2025-01-31T19:50:00Z");
  CHECK(utc("2025-01-31 10:20", "+00:00") == "2025-01-31T10:20:00Z");
  CHECK(utc("2025-01-31", "-0500") == "2025-01-31T05:00:00Z");
}

TEST_CASE("Europe/Berlin: summer and winter time") {
  CHECK(utc("2025-01-15 12:00", "Europe/Berlin") == "2025-01-15T11:00:00Z");
  CHECK(utc("2025-07-15 12:00", "Europe/Berlin") == "2025-07-15T10:00:00Z");
  CHECK(utc("2025-07-01", "Europe/Berlin") == "2025-06-30T22:00:00Z");
  CHECK(utc("2025-03-30 01:59", "Europe/Berlin") == "2025-03-30T00:59:00Z");
  CHECK(utc("2025-03-30 03:00", "Europe/Berlin") == "2025-03-30T01:00:00Z");
  CHECK(utc("2025-10-26 01:59", "Europe/Berlin") == "2025-10-25T23:59:00Z");
  CHECK(utc("2025-10-26 03:00", "Europe/Berlin") == "2025-10-26T02:00:00Z");
}

TEST_CASE("Europe/Berlin: a time in the spring gap takes the offset before the change") {
  // 02:00-03:00 does not exist on 2025-03-30; 02:30 CET is 01:30Z, shown as 03:30 CEST.
  CHECK(utc("2025-03-30 02:30", "Europe/Berlin") == "2025-03-30T01:30:00Z");
  CHECK(utc("2025-03-30 02:00", "Europe/Berlin") == "2025-03-30T01:00:00Z");
  CHECK(util::format_local(at_utc("2025-03-30T01:30Z"), "Europe/Berlin") == "2025-03-30 03:30");
}

TEST_CASE("Europe/Berlin: a time in the autumn overlap is the earlier of the two") {
  // 02:30 happens twice on 2025-10-26: first at 00:30Z (CEST), then at 01:30Z (CET).
  CHECK(utc("2025-10-26 02:30", "Europe/Berlin") == "2025-10-26T00:30:00Z");
  CHECK(utc("2025-10-26 02:00", "Europe/Berlin") == "2025-10-26T00:00:00Z");
  CHECK(utc("2025-10-26T02:30+01:00", "Europe/Berlin") == "2025-10-26T01:30:00Z");
  CHECK(util::format_local(at_utc("2025-10-26T00:30Z"), "Europe/Berlin") == "2025-10-26 02:30");
  CHECK(util::format_local(at_utc("2025-10-26T01:30Z"), "Europe/Berlin") == "2025-10-26 02:30");
}

TEST_CASE("zones follow their rules beyond the transition table") {
  CHECK(utc("2100-07-01 12:00", "Europe/Berlin") == "2100-07-01T10:00:00Z");
  CHECK(utc("2100-01-01 12:00", "Europe/Berlin") == "2100-01-01T11:00:00Z");
  CHECK(utc("2060-07-04 12:00", "America/New_York") == "2060-07-04T16:00:00Z");
  CHECK(utc("2060-12-04 12:00", "America/New_York") == "2060-12-04T17:00:00Z");
  CHECK(utc("2060-07-04 12:00", "Australia/Sydney") == "2060-07-04T02:00:00Z"); // winter there
  CHECK(utc("2060-12-04 12:00", "Australia/Sydney") == "2060-12-04T01:00:00Z"); // summer there
  CHECK(util::format_local(at_utc("2099-03-29T00:59:59Z"), "Europe/Berlin") == "2099-03-29 01:59");
  CHECK(util::format_local(at_utc("2099-03-29T01:00:00Z"), "Europe/Berlin") == "2099-03-29 03:00");
}

TEST_CASE("now, today, yesterday and tomorrow") {
  CHECK(util::parse_time("now", now_2025, "UTC") == now_2025);
  CHECK(util::parse_time("NOW", now_2025, "Asia/Shanghai") == now_2025);
  CHECK(util::parse_time(" now ", 12345, "UTC") == 12345);
  CHECK(utc("today") == "2025-01-31T00:00:00Z");
  CHECK(utc("Today") == "2025-01-31T00:00:00Z");
  CHECK(utc("yesterday") == "2025-01-30T00:00:00Z");
  CHECK(utc("tomorrow") == "2025-02-01T00:00:00Z");
  CHECK(utc("today", "Asia/Shanghai") == "2025-01-30T16:00:00Z");    // 10:20 on the 31st there
  CHECK(utc("today", "America/New_York") == "2025-01-30T05:00:00Z"); // 21:20 on the 30th there
  CHECK(utc("tomorrow", "America/New_York") == "2025-01-31T05:00:00Z");
  CHECK(utc("tomorrow", "UTC", at_utc("2024-12-31T23:59:59Z")) == "2025-01-01T00:00:00Z");
  CHECK(utc("yesterday", "UTC", at_utc("2024-03-01T00:00Z")) == "2024-02-29T00:00:00Z");
  // The day after the spring change in Berlin is 23 hours long; midnight stays midnight.
  CHECK(utc("tomorrow", "Europe/Berlin", at_utc("2025-03-30T12:00Z")) == "2025-03-30T22:00:00Z");
  CHECK(utc("today", "Europe/Berlin", at_utc("2025-03-30T12:00Z")) == "2025-03-29T23:00:00Z");
}

TEST_CASE("relative times: d, w, h, min, s") {
  CHECK(util::parse_time("+3d", now_2025, "UTC") == now_2025 + 3 * day);
  CHECK(util::parse_time("-2w", now_2025, "UTC") == now_2025 - 14 * day);
  CHECK(util::parse_time("+4h", now_2025, "UTC") == now_2025 + 4 * hour);
  CHECK(util::parse_time("+30min", now_2025, "UTC") == now_2025 + 30 * minute);
  CHECK(util::parse_time("+90s", now_2025, "UTC") == now_2025 + 90);
  CHECK(util::parse_time("-1s", now_2025, "UTC") == now_2025 - 1);
  CHECK(util::parse_time("+0d", now_2025, "UTC") == now_2025);
  CHECK(util::parse_time("-0h", now_2025, "UTC") == now_2025);
  CHECK(util::parse_time("+365d", now_2025, "UTC") == now_2025 + 365 * day);
  CHECK(util::parse_time("+007d", now_2025, "UTC") == now_2025 + 7 * day);
  CHECK(util::parse_time("+999999999s", now_2025, "UTC") == now_2025 + 999999999);
  CHECK(utc("-3d") == "2025-01-28T02:20:00Z");
  CHECK(utc("+1w", "Asia/Shanghai") == "2025-02-07T02:20:00Z");
}

TEST_CASE("relative days keep the wall-clock time across DST - hours do not") {
  const Timestamp saturday_noon = at_utc("2025-03-29T12:00Z");                  // 13:00 CET
  CHECK(utc("+1d", "Europe/Berlin", saturday_noon) == "2025-03-30T11:00:00Z");  // 13:00 CEST
  CHECK(utc("+24h", "Europe/Berlin", saturday_noon) == "2025-03-30T12:00:00Z"); // 14:00 CEST
  CHECK(utc("+1d", "UTC", saturday_noon) == "2025-03-30T12:00:00Z");
  const Timestamp october = at_utc("2025-10-25T12:00Z");                 // 14:00 CEST
  CHECK(utc("+1d", "Europe/Berlin", october) == "2025-10-26T13:00:00Z"); // 14:00 CET
  CHECK(utc("+1w", "Europe/Berlin", october) == "2025-11-01T13:00:00Z");
}

TEST_CASE("relative months and years are calendar months, clamped to the month end") {
  CHECK(utc("+6m") == "2025-07-31T02:20:00Z");
  CHECK(utc("+1m") == "2025-02-28T02:20:00Z");
  CHECK(utc("+2m") == "2025-03-31T02:20:00Z");
  CHECK(utc("+3m") == "2025-04-30T02:20:00Z");
  CHECK(utc("-1m") == "2024-12-31T02:20:00Z");
  CHECK(utc("-2m") == "2024-11-30T02:20:00Z");
  CHECK(utc("+11m") == "2025-12-31T02:20:00Z");
  CHECK(utc("+12m") == "2026-01-31T02:20:00Z");
  CHECK(utc("+13m") == "2026-02-28T02:20:00Z");
  CHECK(utc("-13m") == "2023-12-31T02:20:00Z");
  CHECK(utc("+1m", "UTC", at_utc("2024-01-31T02:20Z")) == "2024-02-29T02:20:00Z"); // leap year
  CHECK(utc("-1m", "UTC", at_utc("2025-03-31T02:20Z")) == "2025-02-28T02:20:00Z");
  CHECK(utc("+1y") == "2026-01-31T02:20:00Z");
  CHECK(utc("-1y") == "2024-01-31T02:20:00Z");
  CHECK(utc("+1y", "UTC", at_utc("2024-02-29T12:00Z")) == "2025-02-28T12:00:00Z");
  CHECK(utc("+4y", "UTC", at_utc("2024-02-29T12:00Z")) == "2028-02-29T12:00:00Z");
  CHECK(utc("+100y", "UTC", at_utc("2000-02-29T12:00Z")) == "2100-02-28T12:00:00Z");
  CHECK(utc("+400y", "UTC", at_utc("2000-02-29T12:00Z")) == "2400-02-29T12:00:00Z");
  // Months are counted in the zone: it is already January 31st in Shanghai.
  CHECK(utc("+1m", "Asia/Shanghai", at_utc("2025-01-30T16:30Z")) == "2025-02-27T16:30:00Z");
  CHECK(utc("+1m", "UTC", at_utc("2025-01-30T16:30Z")) == "2025-02-28T16:30:00Z");
  // Winter to summer in Berlin: 03:20 CET stays 03:20, now CEST.
  CHECK(utc("+6m", "Europe/Berlin") == "2025-07-31T01:20:00Z");
}

TEST_CASE("@UNIX seconds") {
  CHECK(util::parse_time("@1700000000", now_2025, "UTC") == 1700000000);
  CHECK(util::parse_time("@1700000000", now_2025, "Asia/Shanghai") == 1700000000);
  CHECK(util::parse_time("@0", now_2025, "UTC") == 0);
  CHECK(util::parse_time("@-86400", now_2025, "UTC") == -86400);
  CHECK(util::parse_time("@253402300799", now_2025, "UTC") == 253402300799);
  CHECK(util::parse_time("@-62135596800", now_2025, "UTC") == -62135596800);
}

TEST_CASE("parse_time rejects everything else with one message") {
  for (const char* bad :
       {"",
        "   ",
        "soon",
        "3d",
        "+3",
        "+d",
        "-",
        "+",
        "+3x",
        "+3D",
        "+3M",
        "+3mins",
        "+3 d",
        "+ 3d",
        "++3d",
        "+-3d",
        "+3d4h",
        "+1234567890s",
        "+3.5d",
        "+08:00",
        "@",
        "@+5",
        "@ 5",
        "@1.5",
        "@abc",
        "@1e9",
        "2025-02-30",
        "2025-02-29",
        "2024-02-30",
        "1900-02-29",
        "2100-02-29",
        "2025-04-31",
        "2025-13-01",
        "2025-00-10",
        "2025-01-00",
        "2025-01-32",
        "0000-01-01",
        "2025-1-31",
        "25-01-31",
        "12025-01-31",
        "2025/01/31",
        "2025.01.31",
        "31.01.2025",
        "2025-01-31T",
        "2025-01-31T24:00",
        "2025-01-31T10:60",
        "2025-01-31T10:20:60",
        "2025-01-31T1:20",
        "2025-01-31T10:2",
        "2025-01-31T10",
        "2025-01-31T10:20:3",
        "2025-01-31T10:20.5",
        "2025-01-31T10:20:30.",
        "2025-01-31T10:20:30.5x",
        "2025-01-31T10:20:30,5",
        "2025-01-31X10:20",
        "2025-01-31  10:20",
        "2025-01-31T10:20+25:00",
        "2025-01-31T10:20+19",
        "2025-01-31T10:20+08:0",
        "2025-01-31T10:20+0800x",
        "2025-01-31T10:20+08:60",
        "2025-01-31T10:20ZZ",
        "2025-01-31T10:20 Z",
        "2025-01-31T10:20UTC",
        "2025-01-31Z",
        "2025-01-31+08:00",
        "10:20",
        "tomorrow!",
        "to day",
        "yesterday 10:00",
        "now+1d",
        "\xEF\xBC\x92\xEF\xBC\x90\xEF\xBC\x92\xEF\xBC\x95-01-31" /* fullwidth 2025 */}) {
    CAPTURE(bad);
    CHECK_THROWS_WITH_AS(util::parse_time(bad, now_2025, "UTC"),
                         (std::string("invalid time '") + bad + "': " + time_hint).c_str(),
                         util::UsageError);
  }
}

TEST_CASE("parse_time rejects instants outside years 1 to 9999") {
  for (const char* bad :
       {"@253402300800", "@-62135596801", "@9223372036854775807", "@-9223372036854775808",
        "@99999999999999999999", "+8000y", "-2026y", "+999999999w", "-999999999d", "+999999999m",
        "+999999999y", "-999999999y"}) {
    CAPTURE(bad);
    CHECK_THROWS_AS(util::parse_time(bad, now_2025, "UTC"), util::UsageError);
  }
  CHECK_THROWS_AS(util::parse_time("+1s", 253402300799, "UTC"), util::UsageError);
  // A `now` outside the range is refused rather than overflowing (UBSan would notice).
  for (const Timestamp now :
       {std::numeric_limits<Timestamp>::max(), std::numeric_limits<Timestamp>::min()}) {
    CAPTURE(now);
    for (const char* text : {"now", "today", "+1s", "-1s", "+1d", "+1y"}) {
      CAPTURE(text);
      CHECK_THROWS_AS(util::parse_time(text, now, "Europe/Berlin"), util::UsageError);
    }
    CHECK_THROWS_AS(util::parse_date("-1d", now, "Europe/Berlin"), util::UsageError);
    CHECK(util::parse_time("@0", now, "UTC") == 0);
    CHECK(util::parse_date("2025-01-31", now, "UTC") == "2025-01-31");
  }
  CHECK(util::parse_time("+7974y", now_2025, "UTC") == at_utc("9999-01-31T02:20:00Z"));
}

TEST_CASE("parse_date reads dates and checks that they exist") {
  CHECK(date("2025-01-31") == "2025-01-31");
  CHECK(date(" 2025-01-31\t") == "2025-01-31");
  CHECK(date("2024-02-29") == "2024-02-29"); // divisible by 4
  CHECK(date("2000-02-29") == "2000-02-29"); // divisible by 400
  CHECK(date("2025-12-31") == "2025-12-31");
  CHECK(date("0001-01-01") == "0001-01-01");
  CHECK(date("9999-12-31") == "9999-12-31");
  CHECK(date("2025-04-30", "Asia/Shanghai") == "2025-04-30");
  for (const char* bad :
       {"2025-02-29", "1900-02-29", "2100-02-29", "2025-02-30", "2025-04-31", "2025-06-31",
        "2025-09-31", "2025-11-31", "2025-13-01", "2025-00-01", "2025-01-00", "0000-01-01",
        "2025-1-1", "20250131", "2025-01-31T10:00", "2025-01-31 10:00", "2025-01-31Z"}) {
    CAPTURE(bad);
    CHECK_THROWS_AS(date(bad), util::UsageError);
  }
}

TEST_CASE("parse_date: today, tomorrow and yesterday in the zone") {
  CHECK(date("today") == "2025-01-31");
  CHECK(date("TODAY") == "2025-01-31");
  CHECK(date("tomorrow") == "2025-02-01");
  CHECK(date("yesterday") == "2025-01-30");
  CHECK(date("today", "America/New_York") == "2025-01-30");
  CHECK(date("today", "-05:00") == "2025-01-30");
  CHECK(date("tomorrow", "Asia/Shanghai", at_utc("2025-01-31T16:00Z")) == "2025-02-02");
  CHECK(date("yesterday", "UTC", at_utc("2024-03-01T08:00Z")) == "2024-02-29");
  CHECK(date("yesterday", "UTC", at_utc("2025-03-01T08:00Z")) == "2025-02-28");
  CHECK(date("tomorrow", "UTC", at_utc("2024-12-31T08:00Z")) == "2025-01-01");
}

TEST_CASE("parse_date: relative days, weeks, months and years") {
  CHECK(date("+3d") == "2025-02-03");
  CHECK(date("-1d") == "2025-01-30");
  CHECK(date("-1w") == "2025-01-24");
  CHECK(date("+2w") == "2025-02-14");
  CHECK(date("+1m") == "2025-02-28");
  CHECK(date("+2m") == "2025-03-31");
  CHECK(date("-2m") == "2024-11-30");
  CHECK(date("+1y") == "2026-01-31");
  CHECK(date("+0d") == "2025-01-31");
  CHECK(date("+1m", "UTC", at_utc("2024-01-30T08:00Z")) == "2024-02-29");
  CHECK(date("+1y", "UTC", at_utc("2024-02-29T08:00Z")) == "2025-02-28");
  CHECK(date("-1d", "UTC", at_utc("2024-03-01T08:00Z")) == "2024-02-29");
  CHECK(date("+366d", "UTC", at_utc("2024-01-01T08:00Z")) == "2025-01-01");
  CHECK(date("+1d", "Asia/Shanghai") == "2025-02-01");
  CHECK(date("+1d", "America/New_York") == "2025-01-31");
}

TEST_CASE("parse_date rejects times, units below a day and anything else") {
  for (const char* bad : {"", "now", "soon", "3d", "+3", "+4h", "+30min", "+90s", "+3D",
                          "@1700000000", "next week", "+99999y", "-2025y"}) {
    CAPTURE(bad);
    CHECK_THROWS_WITH_AS(
        date(bad),
        (std::string("invalid date '") + bad + "': expected YYYY-MM-DD, today, tomorrow or +3d")
            .c_str(),
        util::UsageError);
  }
}

TEST_CASE("format_local and local_date show an instant in a zone") {
  const Timestamp t = at_utc("2025-01-31T02:20:30Z");
  CHECK(util::format_local(t, "UTC") == "2025-01-31 02:20");
  CHECK(util::format_local(t, "Asia/Shanghai") == "2025-01-31 10:20");
  CHECK(util::format_local(t, "Europe/Berlin") == "2025-01-31 03:20");
  CHECK(util::format_local(t, "America/New_York") == "2025-01-30 21:20");
  CHECK(util::format_local(t, "+05:30") == "2025-01-31 07:50");
  CHECK(util::format_local(t, "-0500") == "2025-01-30 21:20");
  CHECK(util::format_local(at_utc("2025-07-31T02:20Z"), "Europe/Berlin") == "2025-07-31 04:20");
  CHECK(util::format_local(0, "+8") == "1970-01-01 08:00");
  CHECK(util::format_local(-1, "UTC") == "1969-12-31 23:59");
  CHECK(util::local_date(t, "UTC") == "2025-01-31");
  CHECK(util::local_date(t, "America/New_York") == "2025-01-30");
  CHECK(util::local_date(at_utc("2025-01-31T16:00Z"), "Asia/Shanghai") == "2025-02-01");
  CHECK(util::local_date(at_utc("2025-01-31T15:59:59Z"), "Asia/Shanghai") == "2025-01-31");
  CHECK(util::local_date(at_utc("2025-03-29T23:00Z"), "Europe/Berlin") == "2025-03-30");
  CHECK(util::local_date(at_utc("2025-03-29T22:59:59Z"), "Europe/Berlin") == "2025-03-29");
}

TEST_CASE("formatting and parsing round-trip") {
  for (const char* iso : {"2025-01-31T02:20:30Z", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59Z",
                          "2024-02-29T12:00:00Z", "2000-02-29T23:59:59Z", "0001-01-01T00:00:00Z",
                          "9999-12-31T23:59:59Z", "2038-01-19T03:14:08Z"}) {
    CAPTURE(iso);
    CHECK(util::format_iso_utc(util::parse_time(iso, now_2025, "Asia/Shanghai")) == iso);
  }
  for (const Timestamp t : {Timestamp{0}, Timestamp{1700000000}, Timestamp{-1}, now_2025,
                            Timestamp{4102444800}, Timestamp{-2208988800}}) {
    CAPTURE(t);
    CHECK(util::parse_time(util::format_iso_utc(t), 0, "Europe/Berlin") == t);
    CHECK(util::parse_time("@" + std::to_string(t), 0, "UTC") == t);
  }
  for (const char* tz : {"UTC", "Asia/Shanghai", "Europe/Berlin", "America/New_York", "+05:30"}) {
    CAPTURE(tz);
    const Timestamp on_the_minute = at_utc("2025-06-15T09:41Z");
    CHECK(util::parse_time(util::format_local(on_the_minute, tz), 0, tz) == on_the_minute);
    CHECK(util::parse_date(util::local_date(on_the_minute, tz), 0, tz) ==
          util::local_date(on_the_minute, tz));
  }
}

TEST_CASE("validate_timezone accepts UTC, offsets and IANA names") {
  for (const char* tz : {"UTC", "utc", "+08:00", "-0500", "+8", "-8", "+05:30", "+0000", "+18:00",
                         "-18", "Asia/Shanghai", "Europe/Berlin", "America/New_York",
                         "America/Argentina/Buenos_Aires", "Etc/GMT+5", "Etc/UTC"}) {
    CAPTURE(tz);
    CHECK_NOTHROW(util::validate_timezone(tz));
  }
  CHECK(util::format_local(0, "Etc/GMT+5") == "1969-12-31 19:00"); // POSIX sign: west
}

TEST_CASE("unknown time zones are usage errors naming the zone") {
  for (const char* tz : {"",
                         "Nowhere",
                         "Asia/Nowhere",
                         "Asia",
                         "Asia/",
                         "/Asia/Shanghai",
                         "/usr/share/zoneinfo/UTC",
                         "../zoneinfo/UTC",
                         "Asia/../UTC",
                         "./UTC",
                         "Asia//Shanghai",
                         "Asia/Shanghai ",
                         " UTC",
                         "UTC+8",
                         "GMT+08:00",
                         "8",
                         "+",
                         "+25:00",
                         "+19",
                         "+18:01",
                         "+08:60",
                         "+08:0",
                         "+800",
                         "+08000",
                         "+0800x",
                         "Asia/Shang hai",
                         "Asia/Shanghai\n"}) {
    CAPTURE(tz);
    CHECK_THROWS_AS(util::validate_timezone(tz), util::UsageError);
  }
  const std::string message = "unknown time zone 'Mars/Olympus': use an IANA name such as "
                              "Asia/Shanghai, UTC or an offset such as +08:00";
  CHECK_THROWS_WITH_AS(util::validate_timezone("Mars/Olympus"), message.c_str(), util::UsageError);
  CHECK_THROWS_WITH_AS(util::parse_time("@0", 0, "Mars/Olympus"), message.c_str(),
                       util::UsageError);
  CHECK_THROWS_WITH_AS(util::parse_date("2025-01-31", 0, "Mars/Olympus"), message.c_str(),
                       util::UsageError);
  CHECK_THROWS_WITH_AS(util::format_local(0, "Mars/Olympus"), message.c_str(), util::UsageError);
  CHECK_THROWS_WITH_AS(util::local_date(0, "Mars/Olympus"), message.c_str(), util::UsageError);
}

TEST_CASE("TZif version 1 files: 32-bit transitions, the last offset stays in force") {
  const TestZoneDirectory zones;
  zones.write("Test/V1", tzif_v1({{{10 * day, 1}}, {3600, 7200}}));
  CHECK(util::format_local(0, "Test/V1") == "1970-01-01 01:00"); // type 0 before the first
  CHECK(util::format_local(10 * day - 1, "Test/V1") == "1970-01-11 00:59");
  CHECK(util::format_local(10 * day, "Test/V1") == "1970-01-11 02:00");
  CHECK(util::format_local(now_2025, "Test/V1") == "2025-01-31 04:20");
  CHECK(utc("1970-01-11 01:30", "Test/V1") == "1970-01-11T00:30:00Z"); // in the gap
}

TEST_CASE("TZif footer rules: slim files, southern zones, odd rule times") {
  const TestZoneDirectory zones;
  zones.write("Test/Slim", tzif_v2({{}, {3600}}, "CET-1CEST,M3.5.0,M10.5.0/3"));
  CHECK(utc("2025-01-15 12:00", "Test/Slim") == "2025-01-15T11:00:00Z");
  CHECK(utc("2025-07-15 12:00", "Test/Slim") == "2025-07-15T10:00:00Z");
  CHECK(utc("2025-03-30 02:30", "Test/Slim") == "2025-03-30T01:30:00Z");
  CHECK(utc("2025-10-26 02:30", "Test/Slim") == "2025-10-26T00:30:00Z");
  CHECK(util::format_local(at_utc("2025-10-26T01:00Z"), "Test/Slim") == "2025-10-26 02:00");

  zones.write("Test/South", tzif_v2({{}, {36000}}, "AEST-10AEDT,M10.1.0,M4.1.0/3"));
  CHECK(util::format_local(at_utc("2025-01-15T00:00Z"), "Test/South") == "2025-01-15 11:00");
  CHECK(util::format_local(at_utc("2025-07-15T00:00Z"), "Test/South") == "2025-07-15 10:00");
  CHECK(util::format_local(at_utc("2025-04-05T15:59:59Z"), "Test/South") == "2025-04-06 02:59");
  CHECK(util::format_local(at_utc("2025-04-05T16:00Z"), "Test/South") == "2025-04-06 02:00");

  // Greenland's rule starts at -1:00, i.e. 23:00 on the Saturday before.
  zones.write("Test/Nuuk", tzif_v2({{}, {-7200}}, "<-02>2<-01>,M3.5.0/-1,M10.5.0/0"));
  CHECK(util::format_local(at_utc("2025-03-30T00:59:59Z"), "Test/Nuuk") == "2025-03-29 22:59");
  CHECK(util::format_local(at_utc("2025-03-30T01:00Z"), "Test/Nuuk") == "2025-03-30 00:00");
  CHECK(util::format_local(at_utc("2025-10-26T01:00Z"), "Test/Nuuk") == "2025-10-25 23:00");

  zones.write("Test/Half", tzif_v2({{}, {12600}}, "<+0330>-3:30"));
  CHECK(util::format_local(0, "Test/Half") == "1970-01-01 03:30");
  CHECK(util::format_local(now_2025, "Test/Half") == "2025-01-31 05:50");
}

TEST_CASE("TZif footer rules apply after the last transition only") {
  const TestZoneDirectory zones;
  zones.write("Test/Table", tzif_v2({{{10 * day, 1}}, {0, -10800}}, "<-03>3"));
  CHECK(util::format_local(0, "Test/Table") == "1970-01-01 00:00");
  CHECK(util::format_local(10 * day, "Test/Table") == "1970-01-10 21:00");
  CHECK(util::format_local(now_2025, "Test/Table") == "2025-01-30 23:20");
  // A footer that cannot be read is ignored: the last transition's offset stays in force.
  zones.write("Test/BadFooter", tzif_v2({{{10 * day, 1}}, {3600, 7200}}, "CET-1CEST,J60,J300"));
  CHECK(util::format_local(at_utc("2025-01-15T12:00Z"), "Test/BadFooter") == "2025-01-15 14:00");
}

TEST_CASE("files that are not valid TZif are unknown zones") {
  const TestZoneDirectory zones;
  const std::string valid = tzif_v1({{{10 * day, 1}}, {3600, 7200}});
  zones.write("Test/Empty", "");
  zones.write("Test/Text", "Europe/Berlin\n");
  zones.write("Test/Truncated", valid.substr(0, valid.size() - 3));
  zones.write("Test/HeaderOnly", valid.substr(0, 44));
  zones.write("Test/BadType", tzif_v1({{{10 * day, 2}}, {3600, 7200}}));
  zones.write("Test/Unsorted", tzif_v1({{{10 * day, 1}, {day, 0}}, {3600, 7200}}));
  zones.write("Test/NoTypes", tzif_v1({{}, {}}));
  zones.write("Test/TruncatedV2", tzif_v2({{{10 * day, 1}}, {3600, 7200}}, "CET-1").substr(0, 100));
  for (const char* tz :
       {"Test/Empty", "Test/Text", "Test/Truncated", "Test/HeaderOnly", "Test/BadType",
        "Test/Unsorted", "Test/NoTypes", "Test/TruncatedV2", "Test", "Test/Missing"}) {
    CAPTURE(tz);
    CHECK_THROWS_AS(util::validate_timezone(tz), util::UsageError);
  }
}

TEST_CASE("a zone is read once and then cached") {
  const TestZoneDirectory zones;
  zones.write("Test/Cached", tzif_v1({{}, {3600}}));
  CHECK(util::format_local(0, "Test/Cached") == "1970-01-01 01:00");
  zones.write("Test/Cached", tzif_v1({{}, {7200}}));
  CHECK(util::format_local(0, "Test/Cached") == "1970-01-01 01:00");
  std::filesystem::remove(std::filesystem::current_path() / "zoneinfo/Test/Cached");
  CHECK_NOTHROW(util::validate_timezone("Test/Cached"));
}
