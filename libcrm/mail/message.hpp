#pragma once
// Internet messages (RFC 5322 + MIME), built so that data can never add a header or a line the
// message did not mean to have. Pure: no I/O.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace crm::mail {

struct Address {
  std::string name;  // display name, any UTF-8 (RFC 2047-encoded when not plain ASCII)
  std::string email; // addr-spec; checked with check_address
};

// An address fit for the envelope and the To/From headers: ASCII only, local@domain, at most 64
// octets before the @ and 254 in all, no spaces, controls, CR, LF, < > ( ) , ; : \ " [ ], the
// domain made of dot-separated labels of letters, digits and hyphens. Throws util::UsageError
// "invalid email address 'X': <why>" otherwise (libcurl would pass CR/LF to the wire).
void check_address(std::string_view email);

struct Message {
  Address from, to;
  std::optional<Address> reply_to;
  std::string subject;                                    // any UTF-8
  std::int64_t date = 0;                                  // Unix seconds, written in UTC
  std::string message_id;                                 // "<id@domain>"; see make_message_id
  std::vector<std::pair<std::string, std::string>> extra; // List-Unsubscribe, List-Id, ...
  std::string text;                                       // the text/plain part (required)
  std::optional<std::string> html;                        // with it: multipart/alternative
};

// The message as it goes on the wire: CRLF line endings only, headers in a fixed order (Date,
// From, To, Reply-To, Subject, Message-ID, the extra ones in order, MIME-Version,
// Content-Type...), non-ASCII header text as RFC 2047 encoded words (UTF-8, B or Q, words of at
// most 75 octets, folded), every CR, LF and control character in header data replaced by a
// space, bodies quoted-printable (UTF-8), no line longer than 78 octets where folding allows
// and never over 998, the multipart boundary derived from the content (so the output is
// deterministic) and absent from it. Throws util::UsageError for an invalid address or an extra
// header name that is not a valid field name.
std::string format_message(const Message& message);

// "Mon, 23 Nov 2026 18:26:23 +0000"
std::string rfc5322_date(std::int64_t unix_seconds);
// "<" + a unique token derived from `seed` (e.g. campaign and customer) + "@" + domain + ">".
std::string make_message_id(std::string_view seed, std::string_view domain);
// RFC 2047 encoded word(s) for a header's text (plain ASCII printable text is returned as is).
std::string encode_header_text(std::string_view text);
// Quoted-printable (RFC 2045 §6.7) of UTF-8 text with CRLF line breaks; soft breaks keep lines
// at most 76 characters.
std::string quoted_printable(std::string_view text);

} // namespace crm::mail
