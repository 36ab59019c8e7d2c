#pragma once
// The dialect of a CSV text: the rule for a usable delimiter, sniffing it from a sample, and
// encoding names as iconv wants them.
#include <string>
#include <string_view>

namespace crm::csv {

// The delimiters sniff_delimiter() chooses among, in order of preference on a tie.
inline constexpr std::string_view sniffed_delimiters = ",;\t|";

// Throws util::UsageError unless `delimiter` is an ASCII character other than '"', CR, LF
// and NUL (any other one, space included, is allowed when given explicitly).
void check_delimiter(char delimiter);

// The name to give iconv for an encoding as users write it: glibc knows "LATIN1" and
// "ISO-8859-1" but not the common spelling "Latin-1" (any case); others pass unchanged.
std::string iconv_encoding_name(const std::string& name);

// The delimiter of `sample` (the start of a CSV text, UTF-8) among ',' ';' tab '|'.
// Looks at its first 20 non-empty records, quotes respected (a '"' toggles quoting, so a
// delimiter or line break inside quotes does not count); a last record without a line break
// counts only when it is the only one. A candidate must occur in the first record (the
// header); among those, the one whose count in the most records equals its count in the
// first record wins, ties going to the earlier in the list above. None occurs: ','.
char sniff_delimiter(std::string_view sample);

} // namespace crm::csv
