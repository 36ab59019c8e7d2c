#pragma once
// Internal to crm_segment: literal forms and suggestions shared by the parser and resolve().
// Not part of the interface.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace crm::segment::detail {

// -?digits
bool is_integer(std::string_view word);
// -?digits[.digits]
bool is_number(std::string_view word);
// YYYY-MM-DD naming a real day (years 0001 to 9999).
bool is_date(std::string_view word);
// YYYY-MM-DDTHH:MM[:SS][Z|+HH:MM|-HH:MM], every part in range (offsets at most 18:00).
bool is_datetime(std::string_view word);
// digits (1 to 6) and one of h d w m y, any case.
bool is_duration(std::string_view word);
// The day after the date `date` (which is_date), as YYYY-MM-DD.
std::string next_date(std::string_view date);

// `number` (is_number) in minor units of a currency with `decimals` decimals; nullopt when it
// has more decimals than that or does not fit in 64 bits (see money_problem).
enum class MoneyProblem { none, decimals, range };
MoneyProblem money_problem(std::string_view number, int decimals);
std::int64_t money_minor(std::string_view number, int decimals);

// The candidate nearest to `word` by edit distance, if within max(2, code points / 3), else
// nullopt; `limit` replaces that bound when given. Ties go to the first candidate.
std::optional<std::string> suggest(std::string_view word,
                                   const std::vector<std::string>& candidates,
                                   std::optional<std::size_t> limit = std::nullopt);

} // namespace crm::segment::detail
