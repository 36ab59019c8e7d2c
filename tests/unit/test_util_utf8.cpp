// The internal UTF-8 decoder and encoder that strings, text and json share.
#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "util/utf8.hpp"

using crm::util::detail::append_utf8;
using crm::util::detail::decode_utf8;

namespace {

std::string encoded(char32_t codepoint) {
  std::string out;
  append_utf8(out, codepoint);
  return out;
}

bool is_surrogate(char32_t codepoint) { return codepoint >= 0xD800 && codepoint <= 0xDFFF; }

// Decoding at 0 rejects `bytes` as a whole (length 0).
void check_rejected(const std::vector<std::string>& cases) {
  for (const auto& bytes : cases) {
    CAPTURE(bytes);
    CHECK(decode_utf8(bytes, 0).length == 0);
  }
}

} // namespace

TEST_CASE("utf8: decodes each length at its boundaries") {
  struct Case {
    std::string bytes;
    char32_t codepoint;
  };
  const std::vector<Case> cases = {{std::string(1, '\0'), 0x0},
                                   {"\x7F", 0x7F},
                                   {"\xC2\x80", 0x80},
                                   {"\xDF\xBF", 0x7FF},
                                   {"\xE0\xA0\x80", 0x800},
                                   {"\xED\x9F\xBF", 0xD7FF},
                                   {"\xEE\x80\x80", 0xE000},
                                   {"\xEF\xBF\xBF", 0xFFFF},
                                   {"\xF0\x90\x80\x80", 0x10000},
                                   {"\xF4\x8F\xBF\xBF", 0x10FFFF},
                                   {"\xE7\x8E\x8B", 0x738B},
                                   {"\xF0\x9F\x98\x80", 0x1F600}};
  for (const auto& c : cases) {
    CAPTURE(c.bytes);
    const auto decoded = decode_utf8(c.bytes, 0);
    CHECK(decoded.codepoint == c.codepoint);
    CHECK(decoded.length == c.bytes.size());
  }
}

TEST_CASE("utf8: decodes at an offset and only the character there") {
  const std::string text = "a\xC3\xA4\xE7\x8E\x8Bz";
  CHECK(decode_utf8(text, 0).codepoint == U'a');
  CHECK(decode_utf8(text, 1).codepoint == 0xE4);
  CHECK(decode_utf8(text, 1).length == 2);
  CHECK(decode_utf8(text, 2).length == 0); // a continuation byte starts nothing
  CHECK(decode_utf8(text, 3).codepoint == 0x738B);
  CHECK(decode_utf8(text, 3).length == 3);
  CHECK(decode_utf8(text, 6).codepoint == U'z');
  CHECK(decode_utf8(text, 7).length == 0); // at the end
  CHECK(decode_utf8(text, 100).length == 0);
  CHECK(decode_utf8("", 0).length == 0);
}

TEST_CASE("utf8: rejects overlong forms") {
  check_rejected({"\xC0\x80", "\xC0\xAF", "\xC1\xBF", "\xE0\x80\x80", "\xE0\x80\xAF",
                  "\xE0\x9F\xBF", "\xF0\x80\x80\x80", "\xF0\x80\x80\xAF", "\xF0\x8F\xBF\xBF"});
}

TEST_CASE("utf8: rejects encoded surrogates") {
  check_rejected({"\xED\xA0\x80", "\xED\xAD\xBF", "\xED\xAE\x80", "\xED\xB0\x80", "\xED\xBF\xBF",
                  "\xED\xA0\xBD\xED\xB8\x80"}); // a CESU-8 pair is two surrogates
}

TEST_CASE("utf8: rejects code points above U+10FFFF") {
  check_rejected({"\xF4\x90\x80\x80", "\xF4\xBF\xBF\xBF", "\xF5\x80\x80\x80", "\xF7\xBF\xBF\xBF",
                  "\xF8\x88\x80\x80\x80", "\xFC\x84\x80\x80\x80\x80", "\xFE", "\xFF"});
}

TEST_CASE("utf8: rejects truncated sequences and stray continuation bytes") {
  check_rejected(
      {"\xC3", "\xE4\xB8", "\xE4", "\xF0\x9F\x98", "\xF0\x9F", "\xF0"}); // cut by the end
  check_rejected({"\xC3(x", "\xE4\xB8x", "\xE4x\xB8", "\xF0\x9F\x98x", "\xC3\xC3\xA4",
                  "\xE4\xB8\xE4\xB8\xAD"});
  check_rejected({"\x80", "\xBF", "\x80\x80"});
  const std::string_view cut("\xC3\xA4", 1); // the text ends before its continuation byte
  CHECK(decode_utf8(cut, 0).length == 0);
}

TEST_CASE("utf8: every scalar value round-trips, with the expected length") {
  for (char32_t codepoint = 0; codepoint <= 0x10FFFF; ++codepoint) {
    if (is_surrogate(codepoint)) continue;
    const std::string bytes = encoded(codepoint);
    const std::size_t length = codepoint < 0x80      ? 1
                               : codepoint < 0x800   ? 2
                               : codepoint < 0x10000 ? 3
                                                     : 4;
    const auto decoded = decode_utf8(bytes, 0);
    if (bytes.size() != length || decoded.length != length || decoded.codepoint != codepoint) {
      CAPTURE(static_cast<unsigned long>(codepoint));
      CHECK(bytes.size() == length);
      CHECK(decoded.length == length);
      CHECK(decoded.codepoint == codepoint);
      break;
    }
  }
}

TEST_CASE("utf8: every accepted two- and three-byte sequence is the canonical encoding") {
  std::size_t accepted = 0;
  for (unsigned lead = 0xC0; lead <= 0xEF; ++lead) {
    for (unsigned second = 0; second <= 0xFF; ++second) {
      for (unsigned third = 0; third <= (lead < 0xE0 ? 0U : 0xFFU); ++third) {
        std::string bytes{static_cast<char>(lead), static_cast<char>(second)};
        if (lead >= 0xE0) bytes += static_cast<char>(third);
        const auto decoded = decode_utf8(bytes, 0);
        if (decoded.length == 0) continue;
        ++accepted;
        if (decoded.length != bytes.size() || encoded(decoded.codepoint) != bytes) {
          CAPTURE(bytes);
          FAIL("accepted a sequence that is not the encoding of what it decoded to");
        }
      }
    }
  }
  // U+0080..U+07FF and U+0800..U+FFFF without the 2048 surrogates: nothing else got in.
  CHECK(accepted == (0x800 - 0x80) + (0x10000 - 0x800 - 0x800));
}

TEST_CASE("utf8: append_utf8 writes the shortest form") {
  CHECK(encoded(U'A') == "A");
  CHECK(encoded(0) == std::string(1, '\0'));
  CHECK(encoded(0xE4) == "\xC3\xA4");
  CHECK(encoded(0x7FF) == "\xDF\xBF");
  CHECK(encoded(0x800) == "\xE0\xA0\x80");
  CHECK(encoded(0xFFFD) == "\xEF\xBF\xBD");
  CHECK(encoded(0x1D11E) == "\xF0\x9D\x84\x9E");
  CHECK(encoded(0x10FFFF) == "\xF4\x8F\xBF\xBF");
  std::string out = "x";
  append_utf8(out, 0x738B);
  CHECK(out == "x\xE7\x8E\x8B"); // appends
}
