#include "mail/message.hpp"

// Choices (see message.hpp for the contract):
// - Header text that is not plain printable ASCII becomes RFC 2047 "B" encoded words: B is
//   allowed everywhere a phrase or unstructured text may be (Q has a restricted alphabet in
//   phrases), and it is a third the size of Q for Chinese. Each word carries whole UTF-8
//   characters only and is at most 75 octets; the first word is shortened so that the first
//   header line stays within 78 octets.
// - Header data is cleaned first: CR, LF, every other C0 control, DEL and the C1 controls
//   become a space, invalid UTF-8 becomes U+FFFD. Nothing from data can end a header line.
// - Folding: a logical header line is folded before a space that precedes a non-space, as late
//   as possible within 78 octets. Text whose unbreakable runs would exceed 900 octets is sent as
//   encoded words (which can be broken anywhere), so no line ever exceeds 998 octets.
// - Quoted-printable: a '.' at the start of an encoded line is written =2E and "From " at the
//   start of a line as =46rom, so the body survives transports that neither dot-stuff (SMTP) nor
//   escape mbox "From " lines. Dot-stuffing remains the SMTP transport's job.
// - The multipart boundary starts with "=_", which quoted-printable output can never contain
//   ('=' is always followed by two hex digits or a line break there); it is still checked.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "util/error.hpp"
#include "util/sha256.hpp"
#include "util/strings.hpp"
#include "util/time.hpp"
#include "util/utf8.hpp"

namespace crm::mail {
namespace {

constexpr std::size_t fold_width = 78;   // preferred maximum header line length
constexpr std::size_t max_segment = 900; // longest unbreakable header run sent as is
constexpr std::size_t max_word = 75;     // RFC 2047 encoded word limit
constexpr std::size_t min_word = 20;     // an encoded word holding one 4-octet character
constexpr std::size_t qp_width = 76;     // RFC 2045 encoded line limit
constexpr std::size_t max_local = 64;
constexpr std::size_t max_address = 254;
constexpr std::size_t max_label = 63;
constexpr std::size_t max_field_name = 76;
constexpr std::size_t max_message_id = 250;

constexpr std::string_view hex_digits = "0123456789ABCDEF";

unsigned char byte(char ch) { return static_cast<unsigned char>(ch); }

bool is_control(unsigned char c) { return c < 0x20 || c == 0x7F; }

bool is_alnum(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// RFC 5322 atext.
bool is_atext(unsigned char c) {
  return is_alnum(c) || std::string_view("!#$%&'*+-/=?^_`{|}~").find(static_cast<char>(c)) !=
                            std::string_view::npos;
}

// The text with its control characters made visible, for one-line error messages.
std::string visible(std::string_view text) {
  std::string out;
  for (char ch : text) {
    const unsigned char c = byte(ch);
    if (c == '\r') {
      out += "\\r";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (is_control(c)) {
      out += fmt::format("\\x{:02X}", c);
    } else {
      out += ch;
    }
  }
  return out;
}

// Header data made harmless: controls (C0, DEL, C1) become spaces, invalid UTF-8 U+FFFD.
std::string clean_header_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size();) {
    const util::detail::Utf8Char c = util::detail::decode_utf8(text, pos);
    const std::size_t length = c.length;
    const char32_t cp = c.codepoint;
    if (length == 0) {
      out += "\xEF\xBF\xBD";
      pos += 1;
    } else if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) {
      out += ' ';
      pos += length;
    } else {
      out.append(text.substr(pos, length));
      pos += length;
    }
  }
  return out;
}

bool is_printable_ascii(std::string_view text) {
  for (char ch : text) {
    if (byte(ch) < 0x20 || byte(ch) > 0x7E) return false;
  }
  return true;
}

// True when a space-separated token could be taken for an encoded word by a reader.
bool looks_encoded(std::string_view text) {
  for (const std::string& token : util::split(text, ' ')) {
    if (token.size() >= 4 && token.starts_with("=?") && token.ends_with("?=")) return true;
  }
  return false;
}

// Whether position `i` of `text` may take a fold: a space before a non-space.
bool fold_point(std::string_view text, std::size_t i) {
  return text[i] == ' ' && i + 1 < text.size() && text[i + 1] != ' ';
}

// The longest run of `text` between two places it could be folded.
std::size_t longest_segment(std::string_view text) {
  std::size_t longest = 0;
  std::size_t start = 0;
  for (std::size_t i = 1; i < text.size(); ++i) {
    if (fold_point(text, i)) {
      longest = std::max(longest, i - start);
      start = i;
    }
  }
  return std::max(longest, text.size() - start);
}

std::string base64(std::string_view data) {
  static constexpr std::string_view alphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (std::size_t i = 0; i < data.size(); i += 3) {
    const std::size_t n = std::min<std::size_t>(3, data.size() - i);
    std::uint32_t v = std::uint32_t{byte(data[i])} << 16U;
    if (n > 1) v |= std::uint32_t{byte(data[i + 1])} << 8U;
    if (n > 2) v |= std::uint32_t{byte(data[i + 2])};
    out += alphabet[(v >> 18U) & 63U];
    out += alphabet[(v >> 12U) & 63U];
    out += n > 1 ? alphabet[(v >> 6U) & 63U] : '=';
    out += n > 2 ? alphabet[v & 63U] : '=';
  }
  return out;
}

// "=?UTF-8?B?" + base64 + "?="
constexpr std::size_t encoded_word_length(std::size_t octets) {
  return std::string_view("=?UTF-8?B?").size() + 2 + 4 * ((octets + 2) / 3);
}

// Clean, valid UTF-8 `text` as encoded words separated by single spaces; the first word at most
// `first_limit` octets, the others at most 75, each holding whole characters.
std::string encode_words(std::string_view text, std::size_t first_limit) {
  std::string out;
  std::string chunk;
  std::size_t limit = first_limit;
  const auto flush = [&] {
    if (!out.empty()) out += ' ';
    out += "=?UTF-8?B?";
    out += base64(chunk);
    out += "?=";
    chunk.clear();
    limit = max_word;
  };
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t length =
        std::max<std::size_t>(1, util::detail::decode_utf8(text, pos).length);
    if (!chunk.empty() && encoded_word_length(chunk.size() + length) > limit) flush();
    chunk.append(text.substr(pos, length));
    pos += length;
  }
  if (!chunk.empty()) flush();
  return out;
}

// The longest first encoded word after a header prefix ("Subject: ") of `prefix` octets; when
// not even one character fits there, the header is folded right after its colon instead.
std::size_t first_word_limit(std::size_t prefix) {
  const std::size_t room = prefix < fold_width ? fold_width - prefix : 0;
  return room >= min_word ? std::min(room, max_word) : max_word;
}

// Unstructured header text (Subject, extra headers) ready to follow "Name: " (`prefix` octets).
std::string unstructured(std::string_view text, std::size_t prefix) {
  const std::string clean = clean_header_text(text);
  if (is_printable_ascii(clean) && !looks_encoded(clean) && longest_segment(clean) <= max_segment)
    return clean;
  return encode_words(clean, first_word_limit(prefix));
}

// A display name as an RFC 5322 phrase: atoms as they are, else a quoted string, else (not
// ASCII, or too long to fold) encoded words. Empty when there is no name.
std::string phrase(std::string_view name, std::size_t prefix) {
  std::string clean = clean_header_text(name);
  const std::size_t first = clean.find_first_not_of(' ');
  if (first == std::string::npos) return {};
  clean = clean.substr(first, clean.find_last_not_of(' ') + 1 - first);
  if (is_printable_ascii(clean) && !looks_encoded(clean)) {
    bool atoms = clean.find("  ") == std::string::npos;
    for (char ch : clean) atoms = atoms && (ch == ' ' || is_atext(byte(ch)));
    std::string rendered;
    if (atoms) {
      rendered = clean;
    } else {
      rendered = "\"";
      for (char ch : clean) {
        if (ch == '"' || ch == '\\') rendered += '\\';
        rendered += ch;
      }
      rendered += '"';
    }
    if (longest_segment(rendered) <= max_segment) return rendered;
  }
  return encode_words(clean, first_word_limit(prefix));
}

// "phrase <local@domain>" or "local@domain"; throws for an invalid address.
std::string mailbox(const Address& address, std::size_t prefix) {
  check_address(address.email);
  const std::string name = phrase(address.name, prefix);
  if (name.empty()) return address.email;
  return fmt::format("{} <{}>", name, address.email);
}

// Why `domain` is not a host name of dot-separated letter-digit-hyphen labels; empty if it is.
std::string domain_problem(std::string_view domain) {
  if (domain.empty()) return "the domain is empty";
  for (const std::string& label : util::split(domain, '.')) {
    if (label.empty())
      return "the domain has an empty label (a dot at its start or end, or two "
             "dots in a row)";
    for (char ch : label) {
      if (!is_alnum(byte(ch)) && ch != '-')
        return "the domain may only contain letters, digits, hyphens and dots";
    }
    if (label.front() == '-' || label.back() == '-')
      return fmt::format("the domain label '{}' starts or ends with a hyphen", label);
    if (label.size() > max_label)
      return fmt::format("a domain label is longer than {} octets", max_label);
  }
  return {};
}

[[noreturn]] void bad_address(std::string_view email, std::string_view why) {
  throw util::UsageError(fmt::format("invalid email address '{}': {}", visible(email), why));
}

[[noreturn]] void bad_header_name(std::string_view name, std::string_view why) {
  throw util::UsageError(fmt::format("invalid header name '{}': {}", visible(name), why));
}

[[noreturn]] void bad_message_id(std::string_view id, std::string_view why) {
  throw util::UsageError(fmt::format("invalid message id '{}': {}", visible(id), why));
}

// The headers format_message writes itself; an extra header may not repeat them.
constexpr std::string_view own_headers[] = {
    "date",         "from",         "to",
    "reply-to",     "subject",      "message-id",
    "mime-version", "content-type", "content-transfer-encoding"};

void check_field_name(std::string_view name) {
  if (name.empty()) bad_header_name(name, "it is empty");
  for (char ch : name) {
    if (byte(ch) < 33 || byte(ch) > 126 || ch == ':')
      bad_header_name(name, "a header name may only contain printable ASCII characters other "
                            "than ':' and space");
  }
  if (name.size() > max_field_name)
    bad_header_name(name, fmt::format("it is longer than {} characters", max_field_name));
  const std::string lower = util::to_lower_ascii(name);
  for (std::string_view own : own_headers) {
    if (lower == own) bad_header_name(name, "the message writes this header itself");
  }
}

// "<left@domain>": the left part atext and dots, the domain a host name.
void check_message_id(std::string_view id) {
  if (id.size() > max_message_id)
    bad_message_id(id, fmt::format("it is longer than {} octets", max_message_id));
  if (id.size() < 2 || id.front() != '<' || id.back() != '>')
    bad_message_id(id, "expected <token@domain>");
  const std::string_view inner = id.substr(1, id.size() - 2);
  const std::size_t at = inner.find('@');
  if (at == std::string_view::npos || inner.find('@', at + 1) != std::string_view::npos)
    bad_message_id(id, "expected exactly one '@'");
  const std::string_view left = inner.substr(0, at);
  if (left.empty()) bad_message_id(id, "nothing before the '@'");
  for (char ch : left) {
    if (ch != '.' && !is_atext(byte(ch)))
      bad_message_id(id, "the part before the '@' may only contain letters, digits, dots and "
                         "!#$%&'*+-/=?^_`{|}~");
  }
  if (const std::string problem = domain_problem(inner.substr(at + 1)); !problem.empty())
    bad_message_id(id, problem);
}

// The logical line folded before spaces so that lines stay within 78 octets where possible.
std::string fold(std::string_view line) {
  const std::size_t colon = line.find(':');
  std::vector<std::size_t> points;
  for (std::size_t i = colon + 1; i < line.size(); ++i) {
    if (fold_point(line, i)) points.push_back(i);
  }
  std::string out;
  std::size_t start = 0;
  std::size_t next = 0; // first candidate in `points`
  while (line.size() - start > fold_width) {
    while (next < points.size() && points[next] <= start) ++next;
    if (next == points.size()) break;
    std::size_t at = points[next];
    for (std::size_t j = next; j < points.size() && points[j] - start <= fold_width; ++j) {
      at = points[j];
    }
    out.append(line.substr(start, at - start));
    out += "\r\n";
    start = at;
  }
  out.append(line.substr(start));
  return out;
}

void header(std::string& out, std::string_view name, std::string_view value) {
  std::string line(name);
  line += ':';
  if (!value.empty()) {
    line += ' ';
    line += value;
  }
  out += fold(line);
  out += "\r\n";
}

std::string make_boundary(std::string_view text, std::string_view html) {
  for (int attempt = 0;; ++attempt) {
    std::string key(text);
    key += '\0';
    key += html;
    key += fmt::format("\n{}", attempt);
    std::string boundary = "=_crm_" + util::sha256_hex(key).substr(0, 24);
    if (text.find(boundary) == std::string_view::npos &&
        html.find(boundary) == std::string_view::npos)
      return boundary;
  }
}

void part(std::string& out, std::string_view boundary, std::string_view type,
          std::string_view body) {
  out += fmt::format("--{}\r\nContent-Type: {}; charset=UTF-8\r\n"
                     "Content-Transfer-Encoding: quoted-printable\r\n\r\n{}\r\n",
                     boundary, type, body);
}

// Quoted-printable of one line (no CR LF line break in it) appended to `out`.
void encode_qp_line(std::string& out, std::string_view line) {
  std::size_t column = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const unsigned char c = byte(line[i]);
    const bool last = i + 1 == line.size();
    const auto must_encode = [&](bool line_start) {
      if (c == ' ' || c == '\t') return last;
      if (c < 33 || c > 126 || c == '=') return true;
      return line_start && (c == '.' || line.substr(i).starts_with("From "));
    };
    bool encode = must_encode(column == 0);
    std::size_t width = encode ? 3 : 1;
    if (column + width > (last ? qp_width : qp_width - 1)) {
      out += "=\r\n";
      column = 0;
      encode = must_encode(true);
      width = encode ? 3 : 1;
    }
    if (encode) {
      out += '=';
      out += hex_digits[c >> 4U];
      out += hex_digits[c & 15U];
    } else {
      out += static_cast<char>(c);
    }
    column += width;
  }
}

} // namespace

void check_address(std::string_view email) {
  if (email.empty()) bad_address(email, "it is empty");
  for (char ch : email) {
    const unsigned char c = byte(ch);
    if (c == '\r' || c == '\n') bad_address(email, "it contains a line break (CR or LF)");
    if (is_control(c)) bad_address(email, "it contains a control character");
    if (c == ' ') bad_address(email, "it contains a space");
    if (c == '<' || c == '>') bad_address(email, "it contains an angle bracket");
    if (c >= 0x80) bad_address(email, "it contains a non-ASCII character");
    if (std::string_view("(),;:\\\"[]").find(ch) != std::string_view::npos)
      bad_address(email, fmt::format("it contains '{}'", ch));
  }
  if (email.size() > max_address)
    bad_address(email, fmt::format("it is longer than {} octets", max_address));
  const std::size_t at = email.find('@');
  if (at == std::string_view::npos) bad_address(email, "it has no '@'");
  if (email.find('@', at + 1) != std::string_view::npos)
    bad_address(email, "it has more than one '@'");
  const std::string_view local = email.substr(0, at);
  const std::string_view domain = email.substr(at + 1);
  if (local.empty()) bad_address(email, "nothing before the '@'");
  if (domain.empty()) bad_address(email, "nothing after the '@'");
  if (local.size() > max_local)
    bad_address(email, fmt::format("the part before the '@' is longer than {} octets", max_local));
  if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos)
    bad_address(email, "the part before the '@' starts or ends with a dot or has two in a row");
  if (const std::string problem = domain_problem(domain); !problem.empty())
    bad_address(email, problem);
}

std::string format_message(const Message& message) {
  for (const auto& [name, value] : message.extra) check_field_name(name);
  if (!message.message_id.empty()) check_message_id(message.message_id);

  std::string out;
  header(out, "Date", rfc5322_date(message.date));
  header(out, "From", mailbox(message.from, 6));
  header(out, "To", mailbox(message.to, 4));
  if (message.reply_to) header(out, "Reply-To", mailbox(*message.reply_to, 10));
  header(out, "Subject", unstructured(message.subject, 9));
  if (!message.message_id.empty()) header(out, "Message-ID", message.message_id);
  for (const auto& [name, value] : message.extra) {
    header(out, name, unstructured(value, name.size() + 2));
  }
  header(out, "MIME-Version", "1.0");

  const std::string text = quoted_printable(message.text);
  if (!message.html) {
    header(out, "Content-Type", "text/plain; charset=UTF-8");
    header(out, "Content-Transfer-Encoding", "quoted-printable");
    out += "\r\n";
    out += text;
    if (!text.empty() && !text.ends_with("\r\n")) out += "\r\n";
    return out;
  }
  const std::string html = quoted_printable(*message.html);
  const std::string boundary = make_boundary(text, html);
  header(out, "Content-Type", fmt::format("multipart/alternative; boundary=\"{}\"", boundary));
  out += "\r\n";
  part(out, boundary, "text/plain", text);
  part(out, boundary, "text/html", html);
  out += fmt::format("--{}--\r\n", boundary);
  return out;
}

std::string rfc5322_date(std::int64_t unix_seconds) { return util::format_rfc5322(unix_seconds); }

std::string make_message_id(std::string_view seed, std::string_view domain) {
  if (const std::string problem = domain_problem(domain); !problem.empty())
    throw util::UsageError(
        fmt::format("invalid message id domain '{}': {}", visible(domain), problem));
  return fmt::format("<{}@{}>", util::sha256_hex(seed).substr(0, 32), domain);
}

std::string encode_header_text(std::string_view text) {
  return unstructured(text, fold_width - max_word);
}

std::string quoted_printable(std::string_view text) {
  std::string out;
  std::size_t pos = 0;
  while (true) {
    const std::size_t newline = text.find('\n', pos);
    std::size_t end = newline == std::string_view::npos ? text.size() : newline;
    if (newline != std::string_view::npos && end > pos && text[end - 1] == '\r') --end;
    encode_qp_line(out, text.substr(pos, end - pos));
    if (newline == std::string_view::npos) break;
    out += "\r\n";
    pos = newline + 1;
  }
  return out;
}

} // namespace crm::mail
