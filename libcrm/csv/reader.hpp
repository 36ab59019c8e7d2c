#pragma once
// A streaming CSV reader: RFC 4180 plus what real exports do. No CRM knowledge.
//
// Records
// - Fields are separated by the delimiter; a record ends at CRLF, LF or a lone CR, or at the
//   end of the input (a missing final line break is fine).
// - A field is quoted when its first character is '"'. Inside quotes the delimiter, CR and LF
//   are data (line breaks are kept as they are: CRLF stays CRLF) and '""' is one '"'. After
//   the closing quote only spaces may come before the delimiter or the line break; anything
//   else is an error (an undoubled quote inside a quoted field). A '"' inside an unquoted field
//   is kept as data (`5" screen`).
// - Empty lines (nothing between two line breaks) are skipped, wherever they are. A line of
//   spaces is a record with one field; a line of delimiters is a record of empty fields.
// - Rows may have different numbers of fields; the caller decides what that means.
// - Nothing is trimmed except the header names in `header()`.
//
// Encodings (every field is returned as UTF-8)
// - A byte-order mark decides the encoding and is removed: EF BB BF (UTF-8), FF FE / FE FF
//   (UTF-16LE/BE), FF FE 00 00 / 00 00 FE FF (UTF-32LE/BE). A mark wins over `encoding`.
// - Malformed mark: a UTF-16 mark followed within its next two code units by a NUL unit
//   (FE FF 00 00 .., FE FF 22 00 00 00 ..): a UTF-32 file whose mark was cut to two bytes.
//   It is an error at line 1, never decoded into garbage. A cut-short UTF-8 mark (EF BB and no
//   BF) is invalid UTF-8. Any NUL character in the text is an error.
// - Without a mark: `encoding` if given (anything glibc's iconv knows: GBK, GB18030, Big5,
//   Shift_JIS, Latin-1, ISO-8859-1, Windows-1252, UTF-16LE...), else UTF-8. Bytes that are
//   not valid in that encoding are an error naming their line; for UTF-8 the message
//   suggests --encoding GB18030.
//
// Errors: util::DataError whose message is "NAME:LINE: reason", LINE being the physical line
// (1-based) of the fault; for an unterminated quoted field, the line where the field began.
// An unknown encoding or an impossible delimiter is a util::UsageError.
//
// Memory: the input is read in chunks of `chunk_bytes`; only the current record is held, so
// memory grows with the longest record, never with the file.
#include <cstddef>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace crm::csv {

namespace detail {
class Decoder;
}

struct ReaderOptions {
  std::optional<std::string> encoding; // when there is no byte-order mark; nullopt: UTF-8
  // Any ASCII character but '"', CR, LF and NUL; nullopt: sniffed (see sniff.hpp).
  std::optional<char> delimiter;
  bool has_header = true; // the first record is the header, not returned by next()
  std::size_t chunk_bytes = std::size_t{64} * 1024; // bytes read at a time (tests use tiny ones)
};

struct Record {
  std::vector<std::string> fields; // UTF-8
  std::size_t line = 0;            // physical line (1-based) where the record begins
};

class Reader {
public:
  // Detects the encoding, sniffs the delimiter and reads the header: may throw DataError.
  // `name` is what messages call the input ("contacts.csv", "-").
  Reader(std::istream& in, std::string name, ReaderOptions options = {});
  ~Reader();
  Reader(const Reader&) = delete;
  Reader& operator=(const Reader&) = delete;

  // The next record into `record` (its strings are reused); false at the end of the input.
  bool next(Record& record);

  // The header names trimmed (ASCII and Unicode spaces, U+FEFF included) and lower-cased
  // (ASCII only); empty without a header or for an empty input.
  [[nodiscard]] const std::vector<std::string>& header() const noexcept { return header_; }
  // The header names as they are in the file.
  [[nodiscard]] const std::vector<std::string>& raw_header() const noexcept { return raw_header_; }
  [[nodiscard]] char delimiter() const noexcept { return delimiter_; }
  // "UTF-8", the mark's encoding ("UTF-16LE", ...) or the name given in the options.
  [[nodiscard]] const std::string& encoding() const noexcept;
  [[nodiscard]] const std::string& name() const noexcept { return name_; }

private:
  enum class Stop { delimiter, record_end, input_end };

  bool refill();
  int peek();
  void take_line_break(std::string* keep);
  bool skip_empty_lines();
  Stop read_unquoted(std::string& field);
  Stop read_quoted(std::string& field);
  Stop after_closing_quote();
  void validate(const std::string& field, std::size_t first_line) const;
  [[noreturn]] void fail(std::size_t line, const std::string& reason) const;

  std::string name_;
  std::unique_ptr<detail::Decoder> decoder_;
  std::string buffer_; // decoded text; [pos_, end) not consumed yet
  std::size_t pos_ = 0;
  std::size_t line_ = 1; // the physical line of buffer_[pos_]
  char delimiter_ = ',';
  std::vector<std::string> raw_header_;
  std::vector<std::string> header_;
};

} // namespace crm::csv
