#pragma once
// A CSV writer: RFC 4180 output, UTF-8, optionally safe to open in a spreadsheet.
//
// - A field is quoted when it holds the delimiter, '"', CR or LF, or begins or ends with a
//   space or tab (so that tools which trim unquoted fields keep them); a '"' in it is doubled.
//   Everything else is written as it is.
// - A record of exactly one empty field is written as `""`, since an empty line is skipped by
//   csv::Reader (and most readers); a record of no fields is an empty line.
// - Text is given as UTF-8 and written as UTF-8, or transcoded to `encoding` (iconv).
// What Writer writes, csv::Reader reads back field for field (with neutralise_formulas off;
// a record of no fields, an empty line, is skipped).
#include <cstddef>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace crm::csv {

struct WriterOptions {
  char delimiter = ','; // see check_delimiter() in dialect.hpp
  // Start with a byte-order mark: U+FEFF in the output encoding (EF BB BF in UTF-8, which
  // Excel needs to read UTF-8; FF FE in UTF-16LE). Only for the Unicode encodings.
  bool bom = false;
  bool crlf = true;                 // end records with CRLF (RFC 4180, Excel); false: LF
  bool neutralise_formulas = false; // every field through neutralise_formula()
  // The output encoding (see Encoder); nullopt: UTF-8.
  std::optional<std::string> encoding;
};

// Transcodes UTF-8 text to an output encoding with iconv: any name glibc's iconv knows (GBK,
// GB18030, Big5, Shift_JIS, Windows-1252, Latin-1, UTF-16LE, UTF-32BE...), case-insensitive.
// UTF-8 passes through unchanged. Not thread-safe; one per output.
class Encoder {
public:
  // Throws util::UsageError for a name iconv does not know, and for "UTF-16" / "UTF-32"
  // without a byte order (say UTF-16LE or UTF-16BE).
  explicit Encoder(const std::optional<std::string>& encoding);
  ~Encoder();
  Encoder(const Encoder&) = delete;
  Encoder& operator=(const Encoder&) = delete;

  // `utf8` in the output encoding; the view is valid until the next call. Throws
  // util::DataError "the character 'X' (U+XXXX) cannot be written in NAME" for a character
  // the encoding lacks (nothing of `utf8` is converted then).
  std::string_view encode(std::string_view utf8);
  // U+FEFF in the output encoding. Throws util::UsageError when the encoding is not one of
  // UTF-8, UTF-16LE/BE, UTF-32LE/BE (a mark in GBK means nothing to a reader).
  std::string_view byte_order_mark();
  // "UTF-8", or the name as given.
  [[nodiscard]] const std::string& name() const noexcept { return name_; }
  [[nodiscard]] bool is_utf8() const noexcept { return converter_ == nullptr; }

private:
  std::string name_;
  void* converter_ = nullptr; // iconv_t; null for UTF-8
  std::string buffer_;
};

// CSV injection defence (OWASP "CSV Injection"): a field whose first character is '=', '+',
// '-', '@', tab or CR gets a "'" in front, so that a spreadsheet shows it as text instead of
// running it as a formula. Exception: a plain number (an optional '+' or '-', digits, and
// optionally '.' and more digits: "-12.50", "+8613800138000") is left alone, as it cannot hold
// a formula and phone numbers and refunds would otherwise be mangled.
std::string neutralise_formula(std::string_view field);

class Writer {
public:
  // Writes the byte-order mark when asked. Throws util::UsageError for a bad delimiter, an
  // unknown encoding, or a mark the encoding cannot have (see Encoder).
  explicit Writer(std::ostream& out, WriterOptions options = {});

  // Writes one record and its line break. Stream errors are left to the stream's state.
  // A character the output encoding lacks throws util::DataError (see Encoder::encode) and
  // writes nothing of the record.
  void write(const std::vector<std::string>& fields);
  void write(std::span<const std::string_view> fields); // views: nothing copied first
  // Physical lines written so far (a line break inside a quoted field counts): the record
  // that write() is given next begins on line lines() + 1.
  [[nodiscard]] std::size_t lines() const noexcept { return lines_; }

private:
  template <typename Fields> void write_record(const Fields& fields);
  void append_field(std::string_view field, bool neutralise);

  std::ostream& out_;
  WriterOptions options_;
  Encoder encoder_;
  std::string line_; // the record being built, reused
  std::size_t lines_ = 0;
  std::size_t record_breaks_ = 0; // line breaks inside the fields of the record being built
};

} // namespace crm::csv
