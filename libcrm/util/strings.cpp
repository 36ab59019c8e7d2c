#include "util/strings.hpp"

#include <algorithm>
#include <charconv>
#include <numeric>
#include <system_error>
#include <utility>

#include "util/utf8.hpp"

namespace crm::util {
namespace {

using detail::decode_utf8;
using detail::Utf8Char;

bool is_ascii_space(char32_t c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

bool is_trimmable(char32_t c) {
  return is_ascii_space(c) || c == 0x00A0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200B) ||
         c == 0x202F || c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

// Length of the trimmable character ending at `end`, or 0 when there is none.
std::size_t trimmable_before(std::string_view text, std::size_t begin, std::size_t end) {
  std::size_t start = end - 1;
  while (start > begin && end - start < 4 &&
         (static_cast<unsigned char>(text[start]) & 0xC0U) == 0x80U)
    --start;
  const Utf8Char d = decode_utf8(text, start);
  return d.length == end - start && is_trimmable(d.codepoint) ? d.length : 0;
}

std::string map_ascii(std::string_view text, char from, char to, int shift) {
  std::string out(text);
  for (char& c : out) {
    if (c >= from && c <= to) c = static_cast<char>(c + shift);
  }
  return out;
}

} // namespace

std::string trim(std::string_view text) {
  std::size_t begin = 0;
  while (begin < text.size()) {
    const Utf8Char d = decode_utf8(text, begin);
    if (d.length == 0 || !is_trimmable(d.codepoint)) break;
    begin += d.length;
  }
  std::size_t end = text.size();
  while (end > begin) {
    const std::size_t length = trimmable_before(text, begin, end);
    if (length == 0) break;
    end -= length;
  }
  return std::string(text.substr(begin, end - begin));
}

std::string to_lower_ascii(std::string_view text) { return map_ascii(text, 'A', 'Z', 'a' - 'A'); }

std::string to_upper_ascii(std::string_view text) { return map_ascii(text, 'a', 'z', 'A' - 'a'); }

// Keeps empty fields: n separators always give n + 1 parts ("" gives one empty part).
std::vector<std::string> split(std::string_view text, char separator) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (;;) {
    const std::size_t found = text.find(separator, start);
    if (found == std::string_view::npos) break;
    parts.emplace_back(text.substr(start, found - start));
    start = found + 1;
  }
  parts.emplace_back(text.substr(start));
  return parts;
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += separator;
    out += parts[i];
  }
  return out;
}

std::optional<std::pair<std::string, std::string>> split_assignment(std::string_view text) {
  const std::size_t equals = text.find('=');
  if (equals == std::string_view::npos || equals == 0) return std::nullopt;
  return std::pair{std::string(text.substr(0, equals)), std::string(text.substr(equals + 1))};
}

std::optional<std::int64_t> parse_int(std::string_view text) {
  // from_chars accepts '-' but not '+'; a second sign after '+' must still be rejected.
  if (!text.empty() && text.front() == '+') {
    text.remove_prefix(1);
    if (text.empty() || text.front() == '-') return std::nullopt;
  }
  std::int64_t value = 0;
  const char* last = text.data() + text.size();
  const auto [end, error] = std::from_chars(text.data(), last, value, 10);
  if (error != std::errc() || end != last || text.empty()) return std::nullopt;
  return value;
}

bool is_valid_utf8(std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t length = decode_utf8(text, pos).length;
    if (length == 0) return false;
    pos += length;
  }
  return true;
}

// Optimal string alignment: Levenshtein plus adjacent transpositions ("ctiy" -> "city" is 1),
// the commonest typo. Three rows: the one before the previous is needed for transpositions.
namespace {

// Code points; an invalid byte counts as one character of its own.
std::u32string characters(std::string_view text) {
  std::u32string out;
  for (std::size_t i = 0; i < text.size();) {
    const Utf8Char c = decode_utf8(text, i);
    out.push_back(c.length == 0 ? static_cast<unsigned char>(text[i]) + 0x110000U : c.codepoint);
    i += c.length == 0 ? 1 : c.length;
  }
  return out;
}

} // namespace

std::size_t edit_distance(std::string_view a_text, std::string_view b_text) {
  const std::u32string a = characters(a_text);
  const std::u32string b = characters(b_text);
  std::vector<std::size_t> before(b.size() + 1), previous(b.size() + 1), row(b.size() + 1);
  std::iota(previous.begin(), previous.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      row[j] = std::min({previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        row[j] = std::min(row[j], before[j - 2] + 1);
    }
    std::swap(before, previous);
    std::swap(previous, row);
  }
  return previous[b.size()];
}

std::optional<std::string> nearest(std::string_view word,
                                   const std::vector<std::string>& candidates) {
  const std::size_t limit = std::max<std::size_t>(1, word.size() / 3);
  const std::string* best = nullptr;
  std::size_t best_distance = limit + 1;
  for (const auto& candidate : candidates) {
    const std::size_t distance = edit_distance(word, candidate);
    if (distance < best_distance) {
      best = &candidate;
      best_distance = distance;
    }
  }
  if (best == nullptr) return std::nullopt;
  return *best;
}

} // namespace crm::util
