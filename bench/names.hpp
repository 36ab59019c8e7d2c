#pragma once
// The word lists the bench data generator draws from: names, places, streets, companies.
// Plain data; weights are relative frequencies within their list.
#include <string_view>
#include <vector>

namespace crm::bench {

// A name as written, its ASCII form for email local parts (pinyin for Chinese), a weight.
struct Name {
  std::string_view text;
  std::string_view ascii;
  int weight = 1;
};

// A city with its country, region, postcode pattern ('#' a digit, '@' a capital letter,
// empty: no postcodes there) and language tag.
struct Place {
  std::string_view country, city, region, postcode, language;
  int weight = 1;
};

// Names, places and ways of writing things that belong together.
struct Culture {
  std::string_view label;
  int weight = 1; // share among the cultures of its group (Chinese or Western)
  std::vector<Name> given, family;
  std::vector<Place> places;
  std::vector<std::string_view> streets;          // as written next to the house number
  bool number_first = false;                      // "12 High Street" vs "Hauptstraße 12"
  std::vector<std::string_view> company_suffixes; // "GmbH", "有限公司" ...
  std::vector<std::string_view> email_domains;    // all under the reserved .example TLD
};

// The one Chinese culture (surnames with their real frequencies, pinyin given names).
const Culture& chinese();
// English, German, Spanish, French, Italian, Dutch, Nordic, Polish.
const std::vector<Culture>& western();

// Phone number patterns of a country ('#' a digit), e.g. "+86 13# #### ####".
const std::vector<std::string_view>& phone_patterns(std::string_view country);

// Words for Chinese company names: "{city}{word}{kind}" such as 上海宏达贸易有限公司.
const std::vector<std::string_view>& chinese_company_words();

const std::vector<std::string_view>& owners_chinese();
const std::vector<std::string_view>& owners_western();
const std::vector<std::string_view>& sources();
const std::vector<std::string_view>& tags();

// A surname that occurs only a few times per million customers (for the rare-name search).
constexpr std::string_view rare_surname = "Featherstonehaugh";

} // namespace crm::bench
