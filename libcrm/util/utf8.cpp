#include "util/utf8.hpp"

#include <array>

namespace crm::util::detail {
namespace {

std::size_t expected_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  return 0; // continuation byte, overlong lead (C0, C1) or beyond U+10FFFF
}

} // namespace

Utf8Char decode_utf8(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return {};
  const auto lead = static_cast<unsigned char>(text[pos]);
  const std::size_t length = expected_length(lead);
  if (length == 0 || length > text.size() - pos) return {};
  if (length == 1) return {lead, 1};
  char32_t codepoint = lead & (0xFFU >> (length + 1));
  for (std::size_t i = 1; i < length; ++i) {
    const auto byte = static_cast<unsigned char>(text[pos + i]);
    if ((byte & 0xC0U) != 0x80U) return {};
    codepoint = (codepoint << 6U) | (byte & 0x3FU);
  }
  const bool overlong = (length == 3 && codepoint < 0x800) || (length == 4 && codepoint < 0x10000);
  const bool surrogate = codepoint >= 0xD800 && codepoint <= 0xDFFF;
  if (overlong || surrogate || codepoint > 0x10FFFF) return {};
  return {codepoint, length};
}

void append_utf8(std::string& out, char32_t codepoint) {
  if (codepoint < 0x80) {
    out += static_cast<char>(codepoint);
    return;
  }
  const unsigned continuation_bytes = codepoint < 0x800 ? 1 : codepoint < 0x10000 ? 2 : 3;
  static constexpr std::array<char32_t, 4> lead_marks = {0, 0xC0, 0xE0, 0xF0};
  out +=
      static_cast<char>(lead_marks[continuation_bytes] | (codepoint >> (6 * continuation_bytes)));
  for (unsigned i = continuation_bytes; i-- > 0;)
    out += static_cast<char>(0x80U | ((codepoint >> (6 * i)) & 0x3FU));
}

} // namespace crm::util::detail
