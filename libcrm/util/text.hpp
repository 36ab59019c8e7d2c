#pragma once
// Unicode-aware text measurement and cleaning (libutf8proc; works without any locale).
#include <cstddef>
#include <string>
#include <string_view>

namespace crm::util {

// Terminal columns needed to show `text`, measured per grapheme cluster
// (CJK and emoji count 2, combining marks 0). Invalid UTF-8 bytes count 1 each.
std::size_t display_width(std::string_view text);
// Removes what could drive a terminal or make it show misleading text: C0 and C1 control
// characters, ESC sequences and the bidirectional controls (U+061C, U+200E, U+200F,
// U+202A..U+202E, U+2066..U+2069). Tab, CR, LF, U+2028 and U+2029 become one space each.
// Invalid UTF-8 bytes become U+FFFD.
std::string strip_controls(std::string_view text);
// True when `text` is valid UTF-8 made only of letters, marks and digits of any script
// (Unicode categories L*, M*, N*) and the ASCII characters in `also` ("_-."): no spaces,
// invisible characters (U+200B, U+00A0) or controls.
bool is_word(std::string_view text, std::string_view also);
// Cuts `text` so that its display width is at most `width`, ending in "…" when cut.
std::string truncate_to_width(std::string_view text, std::size_t width);
// Case-folded, NFKC-normalised form for matching ("ＡＢＣ" and "abc" agree). Invalid UTF-8
// is returned lower-cased ASCII-wise.
std::string fold_case(std::string_view text);

} // namespace crm::util
