#pragma once
// Internal to crm_util: not part of libcrm's interface, and no other module may include it.
// What json.cpp (writing) and json_parse.cpp (reading) must agree on.
#include <string_view>

namespace crm::util::detail {

// The one-letter JSON escapes: escaped_chars[i] is written as '\\' escape_letters[i].
inline constexpr std::string_view escaped_chars = "\"\\/\b\f\n\r\t";
inline constexpr std::string_view escape_letters = "\"\\/bfnrt";

} // namespace crm::util::detail
