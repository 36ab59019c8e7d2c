#include "util/text.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <memory>

#include <utf8proc.h>

#include "util/strings.hpp"
#include "util/utf8.hpp"

namespace crm::util {
namespace {

constexpr std::string_view replacement_character = "\xEF\xBF\xBD"; // U+FFFD
constexpr std::string_view ellipsis = "\xE2\x80\xA6";              // U+2026, one column
constexpr unsigned char esc = 0x1b;

using detail::decode_utf8;
using detail::Utf8Char;

int bound_class(utf8proc_int32_t codepoint) { return utf8proc_get_property(codepoint)->boundclass; }

// Width of one grapheme cluster: that of its first codepoint (so combining marks add nothing),
// except that emoji sequences a terminal draws as one wide glyph count 2: a pictograph with
// VS16 (emoji presentation) or a ZWJ, and a pair of regional indicators (a flag).
class ClusterWidth {
public:
  explicit ClusterWidth(utf8proc_int32_t first)
      : width_(static_cast<std::size_t>(std::max(0, utf8proc_charwidth(first)))),
        first_class_(bound_class(first)) {}
  void add(utf8proc_int32_t codepoint) {
    if (codepoint == 0xFE0F || codepoint == 0x200D) emoji_joiner_ = true;
    if (bound_class(codepoint) == UTF8PROC_BOUNDCLASS_REGIONAL_INDICATOR) second_indicator_ = true;
  }
  [[nodiscard]] std::size_t width() const {
    const bool pictograph = first_class_ == UTF8PROC_BOUNDCLASS_EXTENDED_PICTOGRAPHIC;
    const bool flag = first_class_ == UTF8PROC_BOUNDCLASS_REGIONAL_INDICATOR && second_indicator_;
    return (pictograph && emoji_joiner_) || flag ? 2 : width_;
  }

private:
  std::size_t width_;
  int first_class_;
  bool emoji_joiner_ = false;
  bool second_indicator_ = false;
};

struct Cluster {
  std::size_t size = 0;  // bytes
  std::size_t width = 0; // terminal columns
};

// Splits text into grapheme clusters; an invalid UTF-8 byte is a cluster of its own, width 1.
class ClusterReader {
public:
  explicit ClusterReader(std::string_view text) : text_(text) {}
  [[nodiscard]] bool done() const { return pos_ >= text_.size(); }
  Cluster next();

private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

Cluster ClusterReader::next() {
  const std::size_t start = pos_;
  const Utf8Char first = decode_utf8(text_, pos_);
  if (first.length == 0) {
    ++pos_;
    return {1, 1};
  }
  pos_ += first.length;
  auto previous = static_cast<utf8proc_int32_t>(first.codepoint);
  ClusterWidth width(previous);
  utf8proc_int32_t state = 0; // UTF8PROC_BOUNDCLASS_START
  while (!done()) {
    const Utf8Char next = decode_utf8(text_, pos_);
    const auto codepoint = static_cast<utf8proc_int32_t>(next.codepoint);
    if (next.length == 0 || utf8proc_grapheme_break_stateful(previous, codepoint, &state)) break;
    width.add(codepoint);
    previous = codepoint;
    pos_ += next.length;
  }
  return {pos_ - start, width.width()};
}

unsigned char byte_at(std::string_view text, std::size_t pos) {
  return pos < text.size() ? static_cast<unsigned char>(text[pos]) : 0;
}

// CSI: parameter and intermediate bytes (0x20-0x3F), then one final byte (0x40-0x7E).
std::size_t skip_csi(std::string_view text, std::size_t pos) {
  while (pos < text.size() && byte_at(text, pos) >= 0x20 && byte_at(text, pos) <= 0x3f) ++pos;
  if (pos < text.size() && byte_at(text, pos) >= 0x40 && byte_at(text, pos) <= 0x7e) ++pos;
  return pos;
}

// OSC, DCS, SOS, PM, APC: everything up to BEL or ST (ESC \ or U+009C); a terminal swallows an
// unterminated one to the end, and so do we. Another ESC ends it and starts a new sequence.
std::size_t skip_control_string(std::string_view text, std::size_t pos) {
  for (; pos < text.size(); ++pos) {
    const unsigned char byte = byte_at(text, pos);
    if (byte == 0x07) return pos + 1;
    if (byte == 0xc2 && byte_at(text, pos + 1) == 0x9c) return pos + 2;
    if (byte == esc) return byte_at(text, pos + 1) == '\\' ? pos + 2 : pos;
  }
  return pos;
}

bool starts_control_string(unsigned char introducer) {
  return introducer == ']' || introducer == 'P' || introducer == 'X' || introducer == '^' ||
         introducer == '_';
}

// `pos` is just after an ESC; returns the end of the sequence it starts.
std::size_t skip_escape(std::string_view text, std::size_t pos) {
  const unsigned char introducer = byte_at(text, pos);
  if (introducer == '[') return skip_csi(text, pos + 1);
  if (starts_control_string(introducer)) return skip_control_string(text, pos + 1);
  // nF / Fp / Fe / Fs: intermediate bytes 0x20-0x2F, then a final byte 0x30-0x7E.
  std::size_t end = pos;
  while (byte_at(text, end) >= 0x20 && byte_at(text, end) <= 0x2f) ++end;
  if (byte_at(text, end) >= 0x30 && byte_at(text, end) <= 0x7e) return end + 1;
  return end;
}

// `pos` is just after the C1 control `codepoint` (U+0080-U+009F).
std::size_t skip_c1(std::string_view text, std::size_t pos, char32_t codepoint) {
  if (codepoint == 0x9b) return skip_csi(text, pos);
  const bool string_introducer = codepoint == 0x9d || codepoint == 0x90 || codepoint == 0x98 ||
                                 codepoint == 0x9e || codepoint == 0x9f;
  return string_introducer ? skip_control_string(text, pos) : pos;
}

void append_ascii(std::string& out, unsigned char byte) {
  if (byte == '\t' || byte == '\n' || byte == '\r') {
    out += ' ';
  } else if (byte >= 0x20 && byte != 0x7f) {
    out += static_cast<char>(byte);
  }
}

// Explicit directional formatting (UAX #9): each reorders what a terminal shows after it, so
// that, say, "invoice<RLO>fdp.exe" reads "invoiceexe.pdf".
bool is_bidi_control(char32_t codepoint) {
  return codepoint == 0x061C || codepoint == 0x200E || codepoint == 0x200F ||
         (codepoint >= 0x202A && codepoint <= 0x202E) ||
         (codepoint >= 0x2066 && codepoint <= 0x2069);
}

// A valid character from U+00A0 up, as `bytes`.
void append_non_ascii(std::string& out, char32_t codepoint, std::string_view bytes) {
  if (codepoint == 0x2028 || codepoint == 0x2029) { // line and paragraph separator
    out += ' ';
  } else if (!is_bidi_control(codepoint)) {
    out.append(bytes);
  }
}

struct FreeDeleter {
  void operator()(utf8proc_uint8_t* pointer) const { std::free(pointer); }
};

} // namespace

std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  ClusterReader reader(text);
  while (!reader.done()) width += reader.next().width;
  return width;
}

std::string strip_controls(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    const unsigned char byte = byte_at(text, pos);
    if (byte == esc) {
      pos = skip_escape(text, pos + 1);
    } else if (byte < 0x80) {
      append_ascii(out, byte);
      ++pos;
    } else {
      const Utf8Char c = decode_utf8(text, pos);
      if (c.length == 0) {
        out += replacement_character;
        ++pos;
      } else if (c.codepoint <= 0x9f) {
        pos = skip_c1(text, pos + c.length, c.codepoint);
      } else {
        append_non_ascii(out, c.codepoint, text.substr(pos, c.length));
        pos += c.length;
      }
    }
  }
  return out;
}

std::string truncate_to_width(std::string_view text, std::size_t width) {
  if (display_width(text) <= width) return std::string(text);
  if (width == 0) return {};
  const std::size_t budget = width - 1; // the ellipsis takes one column
  std::size_t used = 0;
  std::size_t end = 0;
  ClusterReader reader(text);
  while (!reader.done()) {
    const Cluster cluster = reader.next();
    if (used + cluster.width > budget) break;
    used += cluster.width;
    end += cluster.size;
  }
  return std::string(text.substr(0, end)) + std::string(ellipsis);
}

std::string fold_case(std::string_view text) {
  if (text.empty()) return {};
  // ASCII folds to lower case and NFKC leaves it alone: skip utf8proc (import, search).
  if (std::all_of(text.begin(), text.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x80; }))
    return to_lower_ascii(text);
  utf8proc_uint8_t* folded = nullptr;
  const auto options = static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPAT |
                                                      UTF8PROC_CASEFOLD | UTF8PROC_COMPOSE);
  const auto length = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                                   static_cast<utf8proc_ssize_t>(text.size()), &folded, options);
  const std::unique_ptr<utf8proc_uint8_t, FreeDeleter> owner(folded);
  if (length < 0) return to_lower_ascii(text);
  return std::string(reinterpret_cast<const char*>(folded), static_cast<std::size_t>(length));
}

bool is_word(std::string_view text, std::string_view also) {
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  auto left = static_cast<utf8proc_ssize_t>(text.size());
  while (left > 0) {
    utf8proc_int32_t c = 0;
    const auto used = utf8proc_iterate(bytes, left, &c);
    if (used <= 0) return false;
    bytes += used;
    left -= used;
    if (c < 0x80 && also.find(static_cast<char>(c)) != std::string_view::npos) continue;
    switch (utf8proc_category(c)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
      continue;
    default:
      return false;
    }
  }
  return true;
}

} // namespace crm::util
