#pragma once
// Internal to crm_util, and to crm_mail (MIME headers need the same decoder).
// The one strict UTF-8 decoder behind strings.cpp, text.cpp, the JSON reader and writer, and
// mail headers.
#include <cstddef>
#include <string>
#include <string_view>

namespace crm::util::detail {

struct Utf8Char {
  char32_t codepoint = 0;
  std::size_t length = 0; // bytes; 0: no valid UTF-8 sequence starts here
};

// The character whose encoding starts at `pos`. Strict (RFC 3629): overlong forms, encoded
// surrogates, code points above U+10FFFF, stray continuation bytes and sequences cut short
// (also by the end of `text`) give length 0, as does `pos` at or past the end. A caller
// that resynchronises skips one byte and tries again.
Utf8Char decode_utf8(std::string_view text, std::size_t pos);

// Appends the 1 to 4 bytes of `codepoint`, which must be a Unicode scalar value
// (at most U+10FFFF, not a surrogate).
void append_utf8(std::string& out, char32_t codepoint);

} // namespace crm::util::detail
