#include "generator.hpp"

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "names.hpp"
#include "util/error.hpp"
#include "util/strings.hpp"

namespace crm::bench {

namespace {

constexpr util::Timestamp first_day = 1577836800; // 2020-01-01T00:00:00Z
constexpr util::Timestamp last_day = 1735603200;  // 2024-12-31T00:00:00Z

struct Weighted {
  int value;
  int weight;
};

// '#' becomes a digit, '@' a capital letter; everything else is copied.
std::string fill(Random& rng, std::string_view pattern) {
  std::string out;
  out.reserve(pattern.size());
  for (const char c : pattern) {
    if (c == '#') {
      out += static_cast<char>('0' + rng.below(10));
    } else if (c == '@') {
      out += static_cast<char>('A' + rng.below(26));
    } else {
      out += c;
    }
  }
  return out;
}

std::string capitalized(std::string_view ascii) {
  std::string out(ascii);
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z')
    out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out;
}

// The local part never ends in a digit and is followed by the row number, so two rows never
// share an email, whatever names they drew.
std::string email_of(Random& rng, const Culture& culture, bool is_chinese, const Name& given,
                     const Name& family, std::int64_t number) {
  std::string local;
  const auto style = rng.below(4);
  if (style == 0) {
    local = fmt::format("{}.{}", given.ascii, family.ascii);
  } else if (style == 1) {
    local = is_chinese ? fmt::format("{}{}", family.ascii, given.ascii)
                       : fmt::format("{}{}", given.ascii.substr(0, 1), family.ascii);
  } else if (style == 2) {
    local = fmt::format("{}_{}", family.ascii, given.ascii);
  } else {
    local = std::string(is_chinese ? family.ascii : given.ascii);
  }
  if (!is_chinese && rng.percent(10)) local = capitalized(local);
  static constexpr std::string_view separators[] = {"", ".", "_"};
  return fmt::format("{}{}{}@{}", local, separators[rng.below(3)], number,
                     rng.pick(culture.email_domains));
}

std::string company_of(Random& rng, const Culture& culture, bool is_chinese, const Name& family,
                       const Place& place) {
  if (is_chinese) {
    const std::string_view prefix = place.country == "CN" ? place.city : std::string_view();
    return fmt::format("{}{}{}", prefix, rng.pick(chinese_company_words()),
                       rng.pick(culture.company_suffixes));
  }
  return fmt::format("{} {}", family.text, rng.pick(culture.company_suffixes));
}

std::string street_of(Random& rng, const Culture& culture, bool is_chinese) {
  const auto street = rng.pick(culture.streets);
  const auto number = 1 + rng.below(is_chinese ? 1200 : 180);
  if (is_chinese) return fmt::format("{}{}号", street, number);
  return culture.number_first ? fmt::format("{} {}", number, street)
                              : fmt::format("{} {}", street, number);
}

std::vector<std::string> tags_of(Random& rng) {
  static const std::vector<Weighted> counts = {{0, 45}, {1, 30}, {2, 17}, {3, 8}};
  std::vector<std::string> chosen;
  const int wanted = rng.pick_weighted(counts).value;
  while (static_cast<int>(chosen.size()) < wanted) {
    std::string tag(rng.pick(tags()));
    if (std::find(chosen.begin(), chosen.end(), tag) == chosen.end())
      chosen.push_back(std::move(tag));
  }
  std::sort(chosen.begin(), chosen.end());
  return chosen;
}

std::string attribute_value(Random& rng, std::string_view key) {
  if (key == "birthday") {
    return fmt::format("{}-{:02}-{:02}", 1950 + rng.below(56), 1 + rng.below(12),
                       1 + rng.below(28));
  }
  static const std::vector<std::string_view> channels = {"email", "phone", "wechat"};
  if (key == "preferred_contact") return std::string(rng.pick(channels));
  if (key == "shoe_size") return std::to_string(36 + rng.below(11));
  if (key == "vip_level") return std::to_string(1 + rng.below(5));
  return fmt::format("wxid_{:012x}", rng.next() & 0xFFFFFFFFFFFFULL); // wechat
}

std::vector<std::pair<std::string, std::string>> attributes_of(Random& rng) {
  static const std::vector<Weighted> counts = {{0, 50}, {1, 35}, {2, 15}};
  static const std::vector<std::string_view> keys = {"birthday", "preferred_contact", "shoe_size",
                                                     "vip_level", "wechat"};
  std::vector<std::pair<std::string, std::string>> chosen;
  const int wanted = rng.pick_weighted(counts).value;
  while (static_cast<int>(chosen.size()) < wanted) {
    const std::string key(rng.pick(keys));
    const bool taken =
        std::any_of(chosen.begin(), chosen.end(), [&](const auto& kv) { return kv.first == key; });
    if (!taken) chosen.emplace_back(key, attribute_value(rng, key));
  }
  std::sort(chosen.begin(), chosen.end());
  return chosen;
}

std::string status_of(Random& rng) {
  static const std::vector<Weighted> statuses = {{0, 30}, {1, 55}, {2, 15}};
  static constexpr std::string_view names[] = {"lead", "active", "inactive"};
  return std::string(names[rng.pick_weighted(statuses).value]);
}

} // namespace

std::uint64_t Random::next() {
  std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

domain::Customer CustomerGenerator::make(std::int64_t index) const {
  Random rng(Random(seed_ ^ (static_cast<std::uint64_t>(index) * 0xD1B54A32D192ED03ULL)).next());
  const bool is_chinese = rng.percent(60);
  const Culture& culture = is_chinese ? chinese() : rng.pick_weighted(western());
  const Name& given = rng.pick_weighted(culture.given);
  const Name& family = rng.pick_weighted(culture.family);
  const Place& place = rng.pick_weighted(culture.places);
  const std::int64_t number = index + 1;

  domain::Customer c;
  c.first_name = std::string(given.text);
  c.last_name = std::string(family.text);
  if (rng.percent(95)) c.email = email_of(rng, culture, is_chinese, given, family, number);
  if (rng.percent(90)) c.phone = fill(rng, rng.pick(phone_patterns(place.country)));
  if (rng.percent(2)) c.fax = fill(rng, rng.pick(phone_patterns(place.country)));
  if (rng.percent(25)) c.company = company_of(rng, culture, is_chinese, family, place);
  if (rng.percent(80)) {
    c.address_line1 = street_of(rng, culture, is_chinese);
    if (rng.percent(12)) {
      c.address_line2 = is_chinese
                            ? fmt::format("{}栋{}室", 1 + rng.below(30), 101 + rng.below(3200))
                            : fmt::format("Floor {}", 1 + rng.below(20));
    }
    if (!place.postcode.empty()) c.postcode = fill(rng, place.postcode);
  }
  if (rng.percent(92)) {
    c.city = std::string(place.city);
    c.region = std::string(place.region);
  }
  if (rng.percent(97)) c.country = std::string(place.country);
  if (rng.percent(80)) c.language = std::string(place.language);
  if (rng.percent(90))
    c.owner = std::string(rng.pick(is_chinese ? owners_chinese() : owners_western()));
  if (rng.percent(70)) c.source = std::string(rng.pick(sources()));
  if (rng.percent(60)) c.external_id = fmt::format("SHOP-{:08}", number);
  c.status = status_of(rng);
  c.tags = tags_of(rng);
  c.attributes = attributes_of(rng);

  const util::Timestamp span = last_day - first_day;
  c.created_at = first_day + span * index / std::max<std::int64_t>(count_, 1) +
                 static_cast<util::Timestamp>(rng.below(3600));
  c.updated_at = c.created_at;
  if (rng.percent(40)) {
    c.updated_at += static_cast<util::Timestamp>(
        rng.below(static_cast<std::uint64_t>(last_day + 86400 - c.created_at)));
  }
  if (rng.percent(1)) c.deleted_at = c.updated_at;
  return c;
}

GeneratorOptions parse_generator_options(int argc, char** argv, std::string_view count_option,
                                         std::string_view usage) {
  GeneratorOptions options;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "-h" || arg == "--help") {
      std::cout << usage << '\n';
      std::exit(0);
    }
    if (i + 1 >= argc) throw util::UsageError(fmt::format("{} needs a value\n{}", arg, usage));
    const std::string_view value = argv[++i];
    const auto number = util::parse_int(value);
    if (arg == count_option && number && *number >= 0) {
      options.count = *number;
    } else if (arg == "--seed" && number && *number >= 0) {
      options.seed = static_cast<std::uint64_t>(*number);
    } else if (arg == "--out") {
      options.out = value;
    } else {
      throw util::UsageError(fmt::format("bad option {} {}\n{}", arg, value, usage));
    }
  }
  if (options.count < 0 || options.out.empty())
    throw util::UsageError(fmt::format("{} and --out are required\n{}", count_option, usage));
  return options;
}

} // namespace crm::bench
