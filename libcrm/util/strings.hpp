#pragma once
// String helpers with no CRM knowledge. All functions take and return UTF-8.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace crm::util {

// Removes leading/trailing whitespace: ASCII whitespace and Unicode spaces
// (U+00A0, U+1680, U+2000..U+200B, U+202F, U+205F, U+3000, U+FEFF).
std::string trim(std::string_view text);
std::string to_lower_ascii(std::string_view text);
std::string to_upper_ascii(std::string_view text);
std::vector<std::string> split(std::string_view text, char separator);
std::string join(const std::vector<std::string>& parts, std::string_view separator);
// Splits "key=value" at the first '='; nullopt when there is no '=' or the key is empty.
std::optional<std::pair<std::string, std::string>> split_assignment(std::string_view text);
// Whole-string base-10 integer; nullopt on anything else (sign allowed, no spaces).
std::optional<std::int64_t> parse_int(std::string_view text);
bool is_valid_utf8(std::string_view text);
// Edit distance in characters (code points; optimal string alignment: insert, delete,
// substitute, or swap two adjacent characters, each 1): "大客户" and "大客" are 1 apart.
std::size_t edit_distance(std::string_view a, std::string_view b);
// The candidate closest to `word` if it is close enough to be a likely typo
// (distance <= max(1, word.size() / 3)); ties go to the first candidate.
std::optional<std::string> nearest(std::string_view word,
                                   const std::vector<std::string>& candidates);

} // namespace crm::util
