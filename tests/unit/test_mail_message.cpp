#include <doctest/doctest.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "mail/message.hpp"
#include "support.hpp"
#include "util/error.hpp"
#include "util/strings.hpp"

using namespace crm;
using mail::Address;
using mail::Message;

namespace {

// ---------------------------------------------------------------------------------------------
// Small independent decoders: what a receiving mail reader does.

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1; // lower case is not what we write
}

std::vector<std::string> split_crlf(std::string_view text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = text.find("\r\n", start);
    if (end == std::string_view::npos) {
      lines.emplace_back(text.substr(start));
      return lines;
    }
    lines.emplace_back(text.substr(start, end - start));
    start = end + 2;
  }
}

// Strict quoted-printable decoder: throws on anything RFC 2045 §6.7 does not allow in what we
// write (bare CR or LF, '=' not followed by two upper-case hex digits or a line break, lines over
// 76 characters, trailing white space, octets that should have been encoded).
std::string qp_decode(std::string_view encoded) {
  std::string out;
  const std::vector<std::string> lines = split_crlf(encoded);
  for (std::size_t n = 0; n < lines.size(); ++n) {
    const std::string& line = lines[n];
    if (line.size() > 76) throw std::runtime_error("line over 76: " + line);
    if (!line.empty() && (line.back() == ' ' || line.back() == '\t'))
      throw std::runtime_error("trailing white space: " + line);
    bool soft = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
      const auto c = static_cast<unsigned char>(line[i]);
      if (c == '=') {
        if (i + 1 == line.size()) {
          soft = true;
          break;
        }
        if (i + 2 >= line.size()) throw std::runtime_error("short escape: " + line);
        const int hi = hex_value(line[i + 1]);
        const int lo = hex_value(line[i + 2]);
        if (hi < 0 || lo < 0) throw std::runtime_error("bad escape: " + line);
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
      } else if (c == ' ' || c == '\t' || (c >= 33 && c <= 126)) {
        out += static_cast<char>(c);
      } else {
        throw std::runtime_error("literal octet that must be encoded: " + line);
      }
    }
    if (!soft && n + 1 < lines.size()) out += "\r\n";
    if (soft && n + 1 == lines.size()) throw std::runtime_error("soft break at the end");
  }
  return out;
}

std::string base64_decode(std::string_view text) {
  static constexpr std::string_view alphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  if (text.size() % 4 != 0) throw std::runtime_error("base64 length");
  std::string out;
  for (std::size_t i = 0; i < text.size(); i += 4) {
    std::uint32_t v = 0;
    int pad = 0;
    for (std::size_t j = 0; j < 4; ++j) {
      v <<= 6U;
      if (text[i + j] == '=') {
        ++pad;
      } else {
        const std::size_t k = alphabet.find(text[i + j]);
        if (k == std::string_view::npos || pad > 0) throw std::runtime_error("base64 digit");
        v |= static_cast<std::uint32_t>(k);
      }
    }
    out += static_cast<char>((v >> 16U) & 0xFFU);
    if (pad < 2) out += static_cast<char>((v >> 8U) & 0xFFU);
    if (pad < 1) out += static_cast<char>(v & 0xFFU);
  }
  return out;
}

std::vector<std::string> split_spaces(std::string_view text) {
  std::vector<std::string> tokens;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = text.find(' ', start);
    tokens.emplace_back(text.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) return tokens;
    start = end + 1;
  }
}

bool is_encoded_word(std::string_view token) {
  return token.starts_with("=?") && token.ends_with("?=") && token.size() >= 4;
}

// RFC 2047 decoder for unstructured text and phrases: encoded words (UTF-8, B or Q) are
// decoded, white space between two adjacent encoded words vanishes. Also checks that every word
// is at most 75 octets and carries whole UTF-8 characters.
std::string decode_words(std::string_view text) {
  std::string out;
  bool previous_encoded = false;
  bool first = true;
  for (const std::string& token : split_spaces(text)) {
    const bool encoded = is_encoded_word(token);
    if (!first && !(encoded && previous_encoded)) out += ' ';
    first = false;
    if (!encoded) {
      out += token;
      previous_encoded = false;
      continue;
    }
    if (token.size() > 75) throw std::runtime_error("encoded word over 75: " + token);
    const std::string_view inner = std::string_view(token).substr(2, token.size() - 4);
    const std::size_t q1 = inner.find('?');
    const std::size_t q2 = inner.find('?', q1 + 1);
    if (q1 == std::string_view::npos || q2 != q1 + 2) throw std::runtime_error("bad word");
    if (util::to_upper_ascii(inner.substr(0, q1)) != "UTF-8") throw std::runtime_error("charset");
    const char kind = inner[q1 + 1];
    const std::string_view payload = inner.substr(q2 + 1);
    std::string decoded;
    if (kind == 'B' || kind == 'b') {
      decoded = base64_decode(payload);
    } else if (kind == 'Q' || kind == 'q') {
      for (std::size_t i = 0; i < payload.size(); ++i) {
        if (payload[i] == '_') {
          decoded += ' ';
        } else if (payload[i] == '=' && i + 2 < payload.size()) {
          decoded += static_cast<char>(hex_value(payload[i + 1]) * 16 + hex_value(payload[i + 2]));
          i += 2;
        } else {
          decoded += payload[i];
        }
      }
    } else {
      throw std::runtime_error("encoding");
    }
    if (!util::is_valid_utf8(decoded)) throw std::runtime_error("word splits a character");
    out += decoded;
    previous_encoded = true;
  }
  return out;
}

struct Parsed {
  std::vector<std::pair<std::string, std::string>> headers; // unfolded, leading space dropped
  std::string body;
  [[nodiscard]] std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const auto& [name, value] : headers) out.push_back(name);
    return out;
  }
  [[nodiscard]] std::string get(std::string_view name) const {
    for (const auto& [n, value] : headers) {
      if (n == name) return value;
    }
    throw std::runtime_error("no header " + std::string(name));
  }
};

// Splits a message into unfolded headers and body, the way a mail reader does.
Parsed parse(const std::string& message) {
  Parsed parsed;
  const std::size_t end = message.find("\r\n\r\n");
  if (end == std::string::npos) throw std::runtime_error("no end of headers");
  parsed.body = message.substr(end + 4);
  for (const std::string& line : split_crlf(message.substr(0, end))) {
    if (line.empty()) throw std::runtime_error("empty header line");
    if (line.front() == ' ' || line.front() == '\t') {
      if (parsed.headers.empty()) throw std::runtime_error("continuation first");
      parsed.headers.back().second += line;
      continue;
    }
    const std::size_t colon = line.find(':');
    if (colon == std::string::npos) throw std::runtime_error("no colon: " + line);
    parsed.headers.emplace_back(line.substr(0, colon), line.substr(colon + 1));
  }
  // The one space after the colon is not part of the value (unfolded first: it may have been
  // folded onto the next line).
  for (auto& [name, value] : parsed.headers) {
    if (!value.empty() && value.front() == ' ') value.erase(0, 1);
  }
  return parsed;
}

// Every line of the message ends in CRLF, has no CR or LF inside and at most 998 octets.
void check_wire_format(const std::string& message) {
  REQUIRE(message.ends_with("\r\n"));
  std::size_t bare = 0;
  for (std::size_t i = 0; i < message.size(); ++i) {
    if (message[i] == '\r' && (i + 1 == message.size() || message[i + 1] != '\n')) ++bare;
    if (message[i] == '\n' && (i == 0 || message[i - 1] != '\r')) ++bare;
  }
  CHECK(bare == 0);
  std::size_t longest = 0;
  for (const std::string& line : split_crlf(message)) longest = std::max(longest, line.size());
  CHECK(longest <= 998);
}

// What clean header text becomes: controls are spaces.
std::string cleaned(std::string_view text) {
  std::string out;
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    out += (c < 0x20 || c == 0x7F) ? ' ' : ch;
  }
  return out;
}

// Line breaks as quoted_printable's result means them: LF alone or CR LF become CR LF.
std::string crlf(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r')) out += '\r';
    out += text[i];
  }
  return out;
}

// Random text from pieces that stress the encoders.
std::string random_text(test::Random& random, bool line_breaks) {
  static const std::vector<std::string> pieces = {
      "a", "Z", "0",    " ",     "  ", "\t", "=",  ".",   "From ",
      "?", "_", "\"",   "\\",    "中", "文", "客", "😀",   "👩‍👩‍👧",
      "é", "ü", "\x7f", "\x01",  "~",  "=?", "?=", "<b>", ",",
      "@", ":", ";",    "\u00a0"};
  std::string out;
  const std::int64_t count = random.between(0, 60);
  for (std::int64_t i = 0; i < count; ++i) {
    const std::int64_t kind = random.below(20);
    if (kind == 0) {
      out += std::string(static_cast<std::size_t>(random.between(70, 1100)), 'x');
    } else if (kind == 1) {
      out += std::string(static_cast<std::size_t>(random.between(74, 78)), 'y');
    } else if (kind == 2 && line_breaks) {
      out += random.pick(std::vector<std::string>{"\n", "\r\n", "\r", " \n", "\t\r\n", ".\n"});
    } else if (kind == 3) {
      out += std::string(static_cast<std::size_t>(random.between(1, 30)), ' ');
    } else if (kind == 4) {
      for (int k = 0; k < 40; ++k) out += "中文";
    } else {
      out += random.pick(pieces);
    }
  }
  return out;
}

Message sample() {
  Message m;
  m.from = {"Shop", "news@shop.example"};
  m.to = {"Ann Lee", "ann@example.com"};
  m.subject = "Hello";
  m.date = 1795458383;
  m.message_id = "<abc@shop.example>";
  m.text = "Hi Ann\n";
  return m;
}

std::string address_error(std::string_view email) {
  try {
    mail::check_address(email);
  } catch (const util::UsageError& e) {
    return e.what();
  }
  return "accepted";
}

std::string format_error(const Message& m) {
  try {
    (void)mail::format_message(m);
  } catch (const util::UsageError& e) {
    return e.what();
  }
  return "accepted";
}

} // namespace

// ---------------------------------------------------------------------------------------------

TEST_CASE("mail message: the test decoders decode what they should") {
  CHECK(qp_decode("a=3Db=\r\nc\r\nd") == "a=b"
                                         "c\r\nd");
  CHECK_THROWS(qp_decode("a\nb"));
  CHECK_THROWS(qp_decode("a=3d"));
  CHECK_THROWS(qp_decode("a \r\nb"));
  CHECK(decode_words("=?UTF-8?B?5L2g?= =?UTF-8?B?5aW9?= x") == "你好 x");
  CHECK(decode_words("=?utf-8?Q?a_b=3D?=") == "a b=");
  CHECK_THROWS(decode_words("=?UTF-8?B?5L0=?=")); // half a character
  const Parsed p = parse("A: 1\r\nB: x\r\n y\r\n\r\nbody");
  CHECK(p.names() == std::vector<std::string>{"A", "B"});
  CHECK(p.get("B") == "x y");
  CHECK(p.body == "body");
}

TEST_CASE("mail message: quoted_printable known encodings") {
  using mail::quoted_printable;
  CHECK(quoted_printable("") == "");
  CHECK(quoted_printable("plain text") == "plain text");
  CHECK(quoted_printable("a=b") == "a=3Db");
  CHECK(quoted_printable("café") == "caf=C3=A9");
  CHECK(quoted_printable("中") == "=E4=B8=AD");
  CHECK(quoted_printable("x \ny\t") == "x=20\r\ny=09");
  CHECK(quoted_printable("x  y") == "x  y");
  CHECK(quoted_printable("a\nb\n") == "a\r\nb\r\n");
  CHECK(quoted_printable("a\r\nb\r\n") == "a\r\nb\r\n");
  CHECK(quoted_printable("a\rb\r") == "a=0Db=0D");
  CHECK(quoted_printable("\n\n") == "\r\n\r\n");
  CHECK(quoted_printable("a\x01\x7f") == "a=01=7F");
  // A leading dot is encoded (some transports do not dot-stuff), as is an mbox "From ".
  CHECK(quoted_printable(".\n.x\nx.") == "=2E\r\n=2Ex\r\nx.");
  CHECK(quoted_printable("From me\nFrom\nA From ") == "=46rom me\r\nFrom\r\nA From=20");
  // Exactly 76 fits, 77 needs a soft break; escapes are never split.
  const std::string a76(76, 'a');
  CHECK(quoted_printable(a76) == a76);
  CHECK(quoted_printable(a76 + "a") == std::string(75, 'a') + "=\r\naa");
  CHECK(quoted_printable(std::string(74, 'a') + "==") == std::string(74, 'a') + "=\r\n=3D=3D");
  CHECK(quoted_printable(std::string(73, 'a') + "=") == std::string(73, 'a') + "=3D");
  CHECK(quoted_printable(std::string(73, 'a') + "=b") == std::string(73, 'a') + "=\r\n=3Db");
  // A dot that lands at the start of a soft-broken line is encoded too.
  CHECK(quoted_printable(std::string(75, 'a') + ".b") == std::string(75, 'a') + "=\r\n=2Eb");
}

TEST_CASE("mail message: quoted_printable round-trips random text") {
  test::Random random(20260301);
  for (int n = 0; n < 3000; ++n) {
    const std::string text = random_text(random, true);
    const std::string encoded = mail::quoted_printable(text);
    CAPTURE(text);
    CAPTURE(encoded);
    std::string decoded;
    REQUIRE_NOTHROW(decoded = qp_decode(encoded));
    // A bare CR is data (=0D); every LF is a line break, written CR LF.
    CHECK(decoded == crlf(text));
    std::size_t bad_lines = 0;
    for (const std::string& line : split_crlf(encoded)) {
      if (line.size() > 76 || line.starts_with(".") || line.starts_with("From ")) ++bad_lines;
    }
    CHECK(bad_lines == 0);
  }
}

TEST_CASE("mail message: quoted_printable lines of exactly 76 and 998 characters") {
  for (std::size_t length : {75U, 76U, 77U, 151U, 152U, 997U, 998U, 999U}) {
    for (char fill : {'x', ' ', '='}) {
      const std::string text = std::string(length, fill) + "\n" + std::string(length, fill);
      const std::string encoded = mail::quoted_printable(text);
      CAPTURE(length);
      CAPTURE(fill);
      CHECK(qp_decode(encoded) == crlf(text));
      for (const std::string& line : split_crlf(encoded)) CHECK(line.size() <= 76);
    }
  }
}

TEST_CASE("mail message: encode_header_text known encodings") {
  using mail::encode_header_text;
  CHECK(encode_header_text("") == "");
  CHECK(encode_header_text("Hello, world!") == "Hello, world!");
  CHECK(encode_header_text("你好") == "=?UTF-8?B?5L2g5aW9?=");
  CHECK(encode_header_text("a\r\nBcc: x@y") == "a  Bcc: x@y");
  CHECK(encode_header_text("tab\there\x7f") == "tab here ");
  // Text a reader could take for an encoded word is encoded itself.
  CHECK(decode_words(encode_header_text("=?UTF-8?B?5L2g?=")) == "=?UTF-8?B?5L2g?=");
  CHECK(encode_header_text("=?UTF-8?B?5L2g?=").starts_with("=?UTF-8?B?PT9"));
  CHECK(encode_header_text("a=?b") == "a=?b");
  // Invalid UTF-8 becomes U+FFFD, C1 controls a space.
  CHECK(decode_words(encode_header_text("a\xff"
                                        "b")) == "a\xEF\xBF\xBD"
                                                 "b");
  CHECK(decode_words(encode_header_text("a\xc2\x85"
                                        "é")) == "a é");
  // 45 octets per word at most: 15 Chinese characters, then a new word.
  std::string chinese;
  for (int i = 0; i < 16; ++i) chinese += "中";
  const std::vector<std::string> words = split_spaces(encode_header_text(chinese));
  REQUIRE(words.size() == 2);
  CHECK(base64_decode(words[0].substr(10, words[0].size() - 12)).size() == 45);
  CHECK(words[0].size() == 72);
  // A run too long to fold is encoded so that the header can be folded.
  const std::string long_word(1000, 'x');
  CHECK(encode_header_text(std::string(900, 'x')) == std::string(900, 'x'));
  CHECK(encode_header_text(long_word).starts_with("=?UTF-8?B?"));
  CHECK(decode_words(encode_header_text(long_word)) == long_word);
  CHECK(encode_header_text("a" + std::string(1000, ' ') + "b") !=
        "a" + std::string(1000, ' ') + "b");
}

TEST_CASE("mail message: encode_header_text round-trips random UTF-8") {
  test::Random random(77);
  for (int n = 0; n < 3000; ++n) {
    const std::string text = random_text(random, n % 2 == 0);
    const std::string encoded = mail::encode_header_text(text);
    CAPTURE(text);
    CAPTURE(encoded);
    CHECK(std::all_of(encoded.begin(), encoded.end(), [](char ch) {
      return static_cast<unsigned char>(ch) >= 0x20 && static_cast<unsigned char>(ch) < 0x7F;
    }));
    std::string decoded;
    REQUIRE_NOTHROW(decoded = decode_words(encoded));
    // Controls become spaces, everything else comes back.
    CHECK(decoded == cleaned(text));
    for (const std::string& word : split_spaces(encoded)) CHECK(word.size() <= 998);
  }
}

TEST_CASE("mail message: a name or subject with CR LF cannot add a header") {
  Message m = sample();
  m.from.name = "Ann\r\nBcc: x@y";
  m.to.name = "Bob\nCc: z@y\n\nbody";
  m.reply_to = Address{"R\rX-Evil: 1", "r@shop.example"};
  m.subject = "Hi\r\nBcc: victim@example.com\r\n\r\nfake body";
  m.extra = {{"List-Id", "News\r\nBcc: a@b <news.shop.example>"},
             {"X-Campaign", "中文\nBcc: 中@b"}};
  m.html = "<p>x</p>";
  const std::string out = mail::format_message(m);
  check_wire_format(out);
  const Parsed p = parse(out);
  CHECK(p.names() == std::vector<std::string>{"Date", "From", "To", "Reply-To", "Subject",
                                              "Message-ID", "List-Id", "X-Campaign", "MIME-Version",
                                              "Content-Type"});
  CHECK(p.get("From") == "\"Ann  Bcc: x@y\" <news@shop.example>");
  CHECK(p.get("To") == "\"Bob Cc: z@y  body\" <ann@example.com>");
  CHECK(p.get("Reply-To") == "\"R X-Evil: 1\" <r@shop.example>");
  CHECK(p.get("Subject") == "Hi  Bcc: victim@example.com    fake body");
  CHECK(p.get("List-Id") == "News  Bcc: a@b <news.shop.example>");
  CHECK(decode_words(p.get("X-Campaign")) == "中文 Bcc: 中@b");
}

TEST_CASE("mail message: injection through every header field with random data") {
  test::Random random(4242);
  for (int n = 0; n < 400; ++n) {
    Message m = sample();
    m.from.name = random_text(random, true);
    m.to.name = random_text(random, true);
    m.subject = random_text(random, true);
    m.extra = {{"X-Data", random_text(random, true)}};
    if (n % 2 == 0) m.html = random_text(random, true);
    m.text = random_text(random, true);
    const std::string out = mail::format_message(m);
    CAPTURE(out);
    check_wire_format(out);
    const Parsed p = parse(out);
    std::vector<std::string> expected = {"Date",       "From",   "To",           "Subject",
                                         "Message-ID", "X-Data", "MIME-Version", "Content-Type"};
    if (!m.html) expected.emplace_back("Content-Transfer-Encoding");
    CHECK(p.names() == expected);
    CHECK(decode_words(p.get("Subject")) == cleaned(m.subject));
    CHECK(decode_words(p.get("X-Data")) == cleaned(m.extra[0].second));
    // Encoded headers keep every line within 78 octets.
    for (const std::string& line : split_crlf(out.substr(0, out.find("\r\n\r\n")))) {
      if (line.find("=?UTF-8?B?") != std::string::npos) CHECK(line.size() <= 78);
    }
  }
}

TEST_CASE("mail message: display names are atoms, quoted strings or encoded words") {
  const auto from_header = [](std::string name) {
    Message m = sample();
    m.from.name = std::move(name);
    return parse(mail::format_message(m)).get("From");
  };
  CHECK(from_header("Ann Lee") == "Ann Lee <news@shop.example>");
  CHECK(from_header("") == "news@shop.example");
  CHECK(from_header("  ") == "news@shop.example");
  CHECK(from_header(" Ann ") == "Ann <news@shop.example>");
  CHECK(from_header("Lee, Ann") == "\"Lee, Ann\" <news@shop.example>");
  CHECK(from_header("J. R. Lee") == "\"J. R. Lee\" <news@shop.example>");
  CHECK(from_header("a@b.c") == "\"a@b.c\" <news@shop.example>");
  CHECK(from_header(R"(Say "hi" \o/)") == R"("Say \"hi\" \\o/" <news@shop.example>)");
  CHECK(from_header("Ann  Lee") == "\"Ann  Lee\" <news@shop.example>");
  CHECK(from_header("张三") == "=?UTF-8?B?5byg5LiJ?= <news@shop.example>");
  CHECK(from_header("Zoë <z@evil>") == "=?UTF-8?B?Wm/DqyA8ekBldmlsPg==?= <news@shop.example>");
  CHECK(decode_words(from_header("=?UTF-8?B?5byg?=")) == "=?UTF-8?B?5byg?= <news@shop.example>");
  // A long Chinese name: folded between words, no line over 78.
  std::string name;
  for (int i = 0; i < 60; ++i) name += "张";
  Message m = sample();
  m.from.name = name;
  const std::string out = mail::format_message(m);
  for (const std::string& line : split_crlf(out)) CHECK(line.size() <= 78);
  CHECK(decode_words(parse(out).get("From")) == name + " <news@shop.example>");
}

TEST_CASE("mail message: headers fold at 78 where they can and never pass 998") {
  Message m = sample();
  std::string subject;
  for (int i = 0; i < 40; ++i) subject += "word" + std::to_string(i) + " ";
  m.subject = subject + "end";
  m.extra = {{"List-Unsubscribe", "<mailto:u+" + std::string(120, 't') +
                                      "@shop.example>, <https://shop.example/u/" +
                                      std::string(100, 'k') + ">"},
             {"X-Long", std::string(2000, 'z')},
             {std::string(76, 'H'), "中文"}};
  const std::string out = mail::format_message(m);
  check_wire_format(out);
  const Parsed p = parse(out);
  CHECK(p.get("Subject") == m.subject);
  CHECK(p.get("List-Unsubscribe") == m.extra[0].second);
  CHECK(decode_words(p.get("X-Long")) == m.extra[1].second);
  CHECK(decode_words(p.get(std::string(76, 'H'))) == "中文");
  std::size_t long_lines = 0;
  for (const std::string& line : split_crlf(out.substr(0, out.find("\r\n\r\n")))) {
    if (line.size() > 78) ++long_lines;
  }
  // Only the two unbreakable List-Unsubscribe addresses are longer than 78.
  CHECK(long_lines == 2);
  CHECK(out.find("Subject: word0 word1") != std::string::npos);
  CHECK(out.find("end\r\nMessage-ID") != std::string::npos);
}

TEST_CASE("mail message: extra header names are validated") {
  const auto with_extra = [](std::string name) {
    Message m = sample();
    m.extra = {{std::move(name), "v"}};
    return format_error(m);
  };
  CHECK(with_extra("List-Id") == "accepted");
  CHECK(with_extra("X-!#$%&'*+-.^_`|~") == "accepted");
  CHECK(with_extra("") == "invalid header name '': it is empty");
  const std::string only = "a header name may only contain printable ASCII characters other "
                           "than ':' and space";
  CHECK(with_extra("Bad Name") == "invalid header name 'Bad Name': " + only);
  CHECK(with_extra("Bad:Name") == "invalid header name 'Bad:Name': " + only);
  CHECK(with_extra("X\r\nBcc") == "invalid header name 'X\\r\\nBcc': " + only);
  CHECK(with_extra("X\tY") == "invalid header name 'X\\tY': " + only);
  CHECK(with_extra("Bcc\x7f") == "invalid header name 'Bcc\\x7F': " + only);
  CHECK(with_extra("X-中") == "invalid header name 'X-中': " + only);
  CHECK(with_extra(std::string(77, 'X')) ==
        "invalid header name '" + std::string(77, 'X') + "': it is longer than 76 characters");
  CHECK(with_extra("content-type") ==
        "invalid header name 'content-type': the message writes this header itself");
  CHECK(with_extra("From") == "invalid header name 'From': the message writes this header itself");
}

TEST_CASE("mail message: check_address accepts ordinary addresses") {
  for (const char* ok : {"a@b", "ann@example.com", "first.last+tag@mail.example.co.uk",
                         "!#$%&'*+-/=?^_`{|}~@x-y.example", "x@123.example", "A@B.C"}) {
    CAPTURE(ok);
    CHECK(address_error(ok) == "accepted");
  }
  CHECK(address_error(std::string(64, 'l') + "@example.com") == "accepted");
  const std::string label(63, 'd');
  const std::string domain = label + "." + label + "." + label + "." + std::string(60, 'd');
  REQUIRE(domain.size() == 252);
  CHECK(address_error("a@" + domain) == "accepted"); // 254 octets
}

TEST_CASE("mail message: check_address refuses with precise messages") {
  const auto refused = [](std::string_view email, std::string_view shown, std::string_view why) {
    CAPTURE(email);
    CHECK(address_error(email) == fmt::format("invalid email address '{}': {}", shown, why));
  };
  refused("", "", "it is empty");
  refused("a@b\r\nRCPT TO:<x@y>", "a@b\\r\\nRCPT TO:<x@y>", "it contains a line break (CR or LF)");
  refused("a@b\n", "a@b\\n", "it contains a line break (CR or LF)");
  refused("a\r@b", "a\\r@b", "it contains a line break (CR or LF)");
  refused("a\t@b", "a\\t@b", "it contains a control character");
  refused(std::string("a\0@b", 4), "a\\x00@b", "it contains a control character");
  refused("a\x7f@b", "a\\x7F@b", "it contains a control character");
  refused("a b@c", "a b@c", "it contains a space");
  refused(" a@b", " a@b", "it contains a space");
  refused("<a@b>", "<a@b>", "it contains an angle bracket");
  refused("a@b>", "a@b>", "it contains an angle bracket");
  refused("张@b.cn", "张@b.cn", "it contains a non-ASCII character");
  refused("a@bü.de", "a@bü.de", "it contains a non-ASCII character");
  for (char special : std::string_view("(),;:\\\"[]")) {
    const std::string email = std::string("a") + special + "b@c.d";
    refused(email, email, fmt::format("it contains '{}'", special));
  }
  refused("abc", "abc", "it has no '@'");
  refused("a@b@c", "a@b@c", "it has more than one '@'");
  refused("@b.c", "@b.c", "nothing before the '@'");
  refused("a@", "a@", "nothing after the '@'");
  const std::string local65(65, 'l');
  refused(local65 + "@b.c", local65 + "@b.c", "the part before the '@' is longer than 64 octets");
  const std::string long_address = "a@" + std::string(63, 'd') + "." + std::string(63, 'd') + "." +
                                   std::string(63, 'd') + "." + std::string(61, 'd');
  REQUIRE(long_address.size() == 255);
  refused(long_address, long_address, "it is longer than 254 octets");
  const std::string dots = "the part before the '@' starts or ends with a dot or has two in a row";
  refused(".a@b", ".a@b", dots);
  refused("a.@b", "a.@b", dots);
  refused("a..b@c", "a..b@c", dots);
  const std::string empty_label =
      "the domain has an empty label (a dot at its start or end, or two dots in a row)";
  refused("a@.b", "a@.b", empty_label);
  refused("a@b.", "a@b.", empty_label);
  refused("a@b..c", "a@b..c", empty_label);
  const std::string letters = "the domain may only contain letters, digits, hyphens and dots";
  refused("a@b_c.d", "a@b_c.d", letters);
  refused("a@b/c", "a@b/c", letters);
  refused("a@-b.c", "a@-b.c", "the domain label '-b' starts or ends with a hyphen");
  refused("a@b.c-", "a@b.c-", "the domain label 'c-' starts or ends with a hyphen");
  const std::string label64(64, 'd');
  refused("a@" + label64 + ".c", "a@" + label64 + ".c", "a domain label is longer than 63 octets");
}

TEST_CASE("mail message: format_message checks every address and the message id") {
  Message m = sample();
  m.to.email = "victim@example.com\r\nRCPT TO:<x@y>";
  CHECK(format_error(m) == "invalid email address 'victim@example.com\\r\\nRCPT TO:<x@y>': it "
                           "contains a line break (CR or LF)");
  m = sample();
  m.from.email = "no-at";
  CHECK(format_error(m) == "invalid email address 'no-at': it has no '@'");
  m = sample();
  m.reply_to = Address{"R", "r@@x"};
  CHECK(format_error(m) == "invalid email address 'r@@x': it has more than one '@'");
  m = sample();
  m.message_id = "<a@b>\r\nBcc: x@y";
  CHECK(format_error(m) == "invalid message id '<a@b>\\r\\nBcc: x@y': expected <token@domain>");
  m.message_id = "<a b@c>";
  CHECK(format_error(m) == "invalid message id '<a b@c>': the part before the '@' may only "
                           "contain letters, digits, dots and !#$%&'*+-/=?^_`{|}~");
  m.message_id = "<ab>";
  CHECK(format_error(m) == "invalid message id '<ab>': expected exactly one '@'");
  m.message_id = "<a@b c>";
  CHECK(format_error(m) == "invalid message id '<a@b c>': the domain may only contain letters, "
                           "digits, hyphens and dots");
  m.message_id = "";
  const Parsed p = parse(mail::format_message(m));
  CHECK(p.names() == std::vector<std::string>{"Date", "From", "To", "Subject", "MIME-Version",
                                              "Content-Type", "Content-Transfer-Encoding"});
}

TEST_CASE("mail message: rfc5322_date writes UTC with English names") {
  CHECK(mail::rfc5322_date(0) == "Thu, 01 Jan 1970 00:00:00 +0000");
  CHECK(mail::rfc5322_date(-1) == "Wed, 31 Dec 1969 23:59:59 +0000");
  CHECK(mail::rfc5322_date(1795458383) == "Mon, 23 Nov 2026 18:26:23 +0000");
  CHECK(mail::rfc5322_date(1709211662) == "Thu, 29 Feb 2024 13:01:02 +0000");
  CHECK(mail::rfc5322_date(951782400) == "Tue, 29 Feb 2000 00:00:00 +0000");
  CHECK(mail::rfc5322_date(951782399) == "Mon, 28 Feb 2000 23:59:59 +0000");
  // Every day of a year: the weekday advances by one, the day-of-month restarts after months.
  const std::vector<std::string> days = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  const std::int64_t start = 1735689600; // Wed, 01 Jan 2025
  for (std::int64_t d = 0; d < 365; ++d) {
    const std::string date = mail::rfc5322_date(start + d * 86400 + 43200);
    CHECK(date.substr(0, 3) == days[static_cast<std::size_t>((3 + d) % 7)]);
    CHECK(date.ends_with(" 2025 12:00:00 +0000"));
  }
  CHECK(mail::rfc5322_date(start + 364 * 86400) == "Wed, 31 Dec 2025 00:00:00 +0000");
}

TEST_CASE("mail message: make_message_id is deterministic and safe") {
  const std::string id = mail::make_message_id("campaign 7 / customer 42", "shop.example");
  CHECK(id == mail::make_message_id("campaign 7 / customer 42", "shop.example"));
  CHECK(id != mail::make_message_id("campaign 7 / customer 43", "shop.example"));
  CHECK(id.starts_with("<"));
  CHECK(id.ends_with("@shop.example>"));
  CHECK(id.size() == 1 + 32 + 1 + 12 + 1);
  for (char ch : id.substr(1, 32)) CHECK(((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f')));
  CHECK(mail::make_message_id("中文\r\n<>", "x.y").find_first_of("\r\n中 ") == std::string::npos);
  CHECK_THROWS_WITH_AS(mail::make_message_id("s", "bad domain\r\n"),
                       "invalid message id domain 'bad domain\\r\\n': the domain may only contain "
                       "letters, digits, hyphens and dots",
                       util::UsageError);
  CHECK_THROWS_AS(mail::make_message_id("s", ""), util::UsageError);
  Message m = sample();
  m.message_id = id;
  CHECK(parse(mail::format_message(m)).get("Message-ID") == id);
}

TEST_CASE("mail message: golden text-only message") {
  Message m;
  m.from = {"张三的店", "shop@example.com"};
  m.to = {"Lee, Ann", "ann@example.com"};
  m.subject = "Your order 订单 #42 has shipped";
  m.date = 1795458383;
  m.message_id = "<0123abcd@example.com>";
  m.extra = {{"List-Unsubscribe", "<mailto:unsubscribe+tok@example.com>"}, {"Precedence", "bulk"}};
  m.text = "Hi Ann,\n\nTotal: 5 = 2+3 元\n.\nBye \n";
  const std::string expected =
      "Date: Mon, 23 Nov 2026 18:26:23 +0000\r\n"
      "From: =?UTF-8?B?5byg5LiJ55qE5bqX?= <shop@example.com>\r\n"
      "To: \"Lee, Ann\" <ann@example.com>\r\n"
      "Subject: =?UTF-8?B?WW91ciBvcmRlciDorqLljZUgIzQyIGhhcyBzaGlwcGVk?=\r\n"
      "Message-ID: <0123abcd@example.com>\r\n"
      "List-Unsubscribe: <mailto:unsubscribe+tok@example.com>\r\n"
      "Precedence: bulk\r\n"
      "MIME-Version: 1.0\r\n"
      "Content-Type: text/plain; charset=UTF-8\r\n"
      "Content-Transfer-Encoding: quoted-printable\r\n"
      "\r\n"
      "Hi Ann,\r\n"
      "\r\n"
      "Total: 5 =3D 2+3 =E5=85=83\r\n"
      "=2E\r\n"
      "Bye=20\r\n";
  CHECK(mail::format_message(m) == expected);
}

TEST_CASE("mail message: golden multipart message") {
  Message m;
  m.from = {"Shop", "shop@example.com"};
  m.to = {"", "ann@example.com"};
  m.reply_to = Address{"Support", "help@example.com"};
  m.subject = "Hello";
  m.date = 0;
  m.message_id = "<x@example.com>";
  m.text = "Hello Ann";
  m.html = "<p style=\"x\">Hello Ann</p>";
  const std::string out = mail::format_message(m);
  const std::string expected =
      "Date: Thu, 01 Jan 1970 00:00:00 +0000\r\n"
      "From: Shop <shop@example.com>\r\n"
      "To: ann@example.com\r\n"
      "Reply-To: Support <help@example.com>\r\n"
      "Subject: Hello\r\n"
      "Message-ID: <x@example.com>\r\n"
      "MIME-Version: 1.0\r\n"
      "Content-Type: multipart/alternative; boundary=\"=_crm_2e9928027b75e962c2ac1dc3\"\r\n"
      "\r\n"
      "--=_crm_2e9928027b75e962c2ac1dc3\r\n"
      "Content-Type: text/plain; charset=UTF-8\r\n"
      "Content-Transfer-Encoding: quoted-printable\r\n"
      "\r\n"
      "Hello Ann\r\n"
      "--=_crm_2e9928027b75e962c2ac1dc3\r\n"
      "Content-Type: text/html; charset=UTF-8\r\n"
      "Content-Transfer-Encoding: quoted-printable\r\n"
      "\r\n"
      "<p style=3D\"x\">Hello Ann</p>\r\n"
      "--=_crm_2e9928027b75e962c2ac1dc3--\r\n";
  // The boundary is the first 24 hex digits of a SHA-256 of the encoded parts.
  CHECK(out == expected);
}

TEST_CASE("mail message: multipart boundary is deterministic and absent from the bodies") {
  Message m = sample();
  m.text = "text part";
  m.html = "<b>html part</b>";
  const std::string a = mail::format_message(m);
  CHECK(a == mail::format_message(m));
  Message other = m;
  other.html = "<b>other</b>";
  const auto boundary_of = [](const std::string& out) {
    const std::size_t at = out.find("boundary=\"");
    REQUIRE(at != std::string::npos);
    return out.substr(at + 10, out.find('"', at + 10) - at - 10);
  };
  CHECK(boundary_of(a) != boundary_of(mail::format_message(other)));
  // Text then HTML, each exactly as encoded.
  const Parsed p = parse(a);
  const std::string b = boundary_of(a);
  const std::vector<std::string> parts = [&] {
    std::vector<std::string> out;
    std::size_t pos = 0;
    const std::string delimiter = "--" + b;
    while ((pos = p.body.find(delimiter, pos)) != std::string::npos) {
      out.push_back(p.body.substr(pos));
      pos += delimiter.size();
    }
    return out;
  }();
  REQUIRE(parts.size() == 3);
  CHECK(parts[0].find("text/plain") < parts[1].size());
  CHECK(parts[1].starts_with("--" + b + "\r\nContent-Type: text/html"));
  CHECK(parts[2] == "--" + b + "--\r\n");
  // Bodies that contain the boundary text itself cannot collide: QP never writes "=_".
  test::Random random(5);
  for (int n = 0; n < 200; ++n) {
    Message r = sample();
    r.text = random_text(random, true) + "=_crm_" + b;
    r.html = "--" + b + random_text(random, true);
    const std::string out = mail::format_message(r);
    check_wire_format(out);
    const std::string rb = boundary_of(out);
    const std::string body = parse(out).body;
    std::size_t count = 0;
    for (std::size_t pos = 0; (pos = body.find(rb, pos)) != std::string::npos; pos += rb.size()) {
      ++count;
    }
    CHECK(count == 3);
    const std::string text_part = body.substr(body.find("\r\n\r\n") + 4);
    CHECK(qp_decode(text_part.substr(0, text_part.find("\r\n--" + rb))) == crlf(r.text));
  }
}

TEST_CASE("mail message: text-only body is quoted-printable and ends in CRLF") {
  Message m = sample();
  m.text = "line one\nline two";
  const std::string out = mail::format_message(m);
  check_wire_format(out);
  const Parsed p = parse(out);
  CHECK(p.get("Content-Type") == "text/plain; charset=UTF-8");
  CHECK(p.get("Content-Transfer-Encoding") == "quoted-printable");
  CHECK(p.get("MIME-Version") == "1.0");
  CHECK(p.body == "line one\r\nline two\r\n");
  m.text = "";
  CHECK(parse(mail::format_message(m)).body == "");
}
