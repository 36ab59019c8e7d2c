#include <algorithm>
#include <fmt/format.h>
#include <limits>

#include "segment/detail.hpp"
#include "segment/parser.hpp"
#include "util/strings.hpp"

namespace crm::segment::detail {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), is_digit);
}

// The value of `text`, which is 1 to 9 digits.
int digits_value(std::string_view text) {
  int value = 0;
  for (const char c : text) value = value * 10 + (c - '0');
  return value;
}

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap_year(year) ? 29 : days[month - 1];
}

// "HH:MM" with HH <= max_hour, MM <= 59.
bool is_clock(std::string_view text, int max_hour) {
  return text.size() == 5 && all_digits(text.substr(0, 2)) && text[2] == ':' &&
         all_digits(text.substr(3, 2)) && digits_value(text.substr(0, 2)) <= max_hour &&
         digits_value(text.substr(3, 2)) <= 59;
}

bool is_offset(std::string_view text) {
  if (text == "Z") return true;
  if (text.empty() || (text[0] != '+' && text[0] != '-') || !is_clock(text.substr(1), 18))
    return false;
  return digits_value(text.substr(1, 2)) < 18 || text.substr(4) == "00";
}

} // namespace

bool is_integer(std::string_view word) {
  if (!word.empty() && word[0] == '-') word.remove_prefix(1);
  return all_digits(word);
}

bool is_number(std::string_view word) {
  const std::size_t point = word.find('.');
  if (point == std::string_view::npos) return is_integer(word);
  return is_integer(word.substr(0, point)) && all_digits(word.substr(point + 1));
}

bool is_date(std::string_view word) {
  if (word.size() != 10 || word[4] != '-' || word[7] != '-') return false;
  if (!all_digits(word.substr(0, 4)) || !all_digits(word.substr(5, 2)) ||
      !all_digits(word.substr(8, 2)))
    return false;
  const int year = digits_value(word.substr(0, 4));
  const int month = digits_value(word.substr(5, 2));
  const int day = digits_value(word.substr(8, 2));
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= days_in_month(year, month);
}

bool is_datetime(std::string_view word) {
  if (word.size() < 16 || !is_date(word.substr(0, 10)) || word[10] != 'T') return false;
  if (!is_clock(word.substr(11, 5), 23)) return false;
  std::string_view rest = word.substr(16);
  if (rest.size() >= 3 && rest[0] == ':') {
    if (!all_digits(rest.substr(1, 2)) || digits_value(rest.substr(1, 2)) > 59) return false;
    rest.remove_prefix(3);
  }
  return rest.empty() || is_offset(rest);
}

bool is_duration(std::string_view word) {
  if (word.size() < 2 || word.size() > 7) return false;
  const char unit = static_cast<char>(word.back() | 0x20);
  return all_digits(word.substr(0, word.size() - 1)) &&
         (unit == 'h' || unit == 'd' || unit == 'w' || unit == 'm' || unit == 'y');
}

std::string next_date(std::string_view date) {
  int year = digits_value(date.substr(0, 4));
  int month = digits_value(date.substr(5, 2));
  int day = digits_value(date.substr(8, 2)) + 1;
  if (day > days_in_month(year, month)) {
    day = 1;
    if (++month > 12) {
      month = 1;
      ++year;
    }
  }
  return fmt::format("{:04}-{:02}-{:02}", year, month, day);
}

MoneyProblem money_problem(std::string_view number, int decimals) {
  const bool negative = !number.empty() && number[0] == '-';
  if (negative) number.remove_prefix(1);
  const std::size_t point = number.find('.');
  const std::string_view whole = number.substr(0, point);
  const std::string_view fraction =
      point == std::string_view::npos ? std::string_view{} : number.substr(point + 1);
  if (fraction.size() > static_cast<std::size_t>(decimals)) return MoneyProblem::decimals;
  constexpr auto max = std::numeric_limits<std::int64_t>::max();
  std::int64_t value = 0;
  std::string digits(whole);
  digits += fraction;
  digits.append(static_cast<std::size_t>(decimals) - fraction.size(), '0');
  for (const char c : digits) {
    if (value > (max - (c - '0')) / 10) return MoneyProblem::range;
    value = value * 10 + (c - '0');
  }
  return MoneyProblem::none;
}

std::int64_t money_minor(std::string_view number, int decimals) {
  const bool negative = !number.empty() && number[0] == '-';
  if (negative) number.remove_prefix(1);
  const std::size_t point = number.find('.');
  const std::string_view fraction =
      point == std::string_view::npos ? std::string_view{} : number.substr(point + 1);
  std::string digits(number.substr(0, point));
  digits += fraction;
  digits.append(static_cast<std::size_t>(decimals) - fraction.size(), '0');
  std::int64_t value = 0;
  for (const char c : digits) value = value * 10 + (c - '0');
  return negative ? -value : value;
}

std::optional<std::string> suggest(std::string_view word,
                                   const std::vector<std::string>& candidates,
                                   std::optional<std::size_t> limit) {
  std::size_t code_points = 0;
  for (const char c : word) code_points += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  const std::size_t bound = limit.value_or(std::max<std::size_t>(2, code_points / 3));
  std::optional<std::string> best;
  std::size_t best_distance = bound + 1;
  for (const auto& candidate : candidates) {
    const std::size_t distance = util::edit_distance(word, candidate);
    if (distance < best_distance && distance > 0) {
      best = candidate;
      best_distance = distance;
    }
  }
  return best;
}

} // namespace crm::segment::detail
