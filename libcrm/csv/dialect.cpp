#include "csv/dialect.hpp"

#include <algorithm>
#include <array>
#include <fmt/format.h>
#include <vector>

#include "util/error.hpp"
#include "util/strings.hpp"

namespace crm::csv {
namespace {

constexpr std::size_t sniffed_records = 20;

using Counts = std::array<std::size_t, sniffed_delimiters.size()>;

// How often each candidate occurs outside quotes, per non-empty record.
std::vector<Counts> count_per_record(std::string_view sample) {
  std::vector<Counts> records;
  Counts current{};
  bool quoted = false;
  bool empty = true;
  for (const char c : sample) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\r' || c == '\n') {
      if (!empty) records.push_back(current);
      if (records.size() == sniffed_records) return records;
      current = {};
      empty = true;
      continue;
    }
    empty = false;
    const std::size_t found = sniffed_delimiters.find(c);
    if (found != std::string_view::npos) ++current[found];
  }
  if (!empty && records.empty()) records.push_back(current);
  return records;
}

} // namespace

void check_delimiter(char delimiter) {
  const auto byte = static_cast<unsigned char>(delimiter);
  if (byte == 0 || byte >= 0x80 || delimiter == '"' || delimiter == '\r' || delimiter == '\n') {
    throw util::UsageError(fmt::format("invalid delimiter 0x{:02X}: use one ASCII character "
                                       "other than '\"', CR, LF and NUL",
                                       byte));
  }
}

char sniff_delimiter(std::string_view sample) {
  const std::vector<Counts> records = count_per_record(sample);
  char best = ',';
  std::ptrdiff_t best_score = 0;
  for (std::size_t i = 0; i < sniffed_delimiters.size() && !records.empty(); ++i) {
    const std::size_t in_header = records.front()[i];
    if (in_header == 0) continue;
    const std::ptrdiff_t score = std::count_if(records.begin(), records.end(),
                                               [&](const Counts& r) { return r[i] == in_header; });
    if (score > best_score) {
      best = sniffed_delimiters[i];
      best_score = score;
    }
  }
  return best;
}

std::string iconv_encoding_name(const std::string& name) {
  if (util::to_lower_ascii(name).rfind("latin-", 0) == 0) return "LATIN" + name.substr(6);
  return name;
}

} // namespace crm::csv
