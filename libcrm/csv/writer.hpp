#pragma once
// A CSV writer: RFC 4180 output, UTF-8, optionally safe to open in a spreadsheet.
//
// - A field is quoted when it holds the delimiter, '"', CR or LF, or begins or ends with a
//   space or tab (so that tools which trim unquoted fields keep them); a '"' in it is doubled.
//   Everything else is written as it is.
// - A record of exactly one empty field is written as `""`, since an empty line is skipped by
//   csv::Reader (and most readers); a record of no fields is an empty line.
// - Text is written as given (UTF-8 expected; nothing is validated or transcoded).
// What Writer writes, csv::Reader reads back field for field (with neutralise_formulas off;
// a record of no fields, an empty line, is skipped).
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace crm::csv {

struct WriterOptions {
  char delimiter = ','; // see check_delimiter() in dialect.hpp
  bool bom = false;     // start with the UTF-8 byte-order mark EF BB BF (Excel needs it)
  bool crlf = true;     // end records with CRLF (RFC 4180, Excel); false: LF
  bool neutralise_formulas = false; // every field through neutralise_formula()
};

// CSV injection defence (OWASP "CSV Injection"): a field whose first character is '=', '+',
// '-', '@', tab or CR gets a "'" in front, so that a spreadsheet shows it as text instead of
// running it as a formula. Exception: a plain number (an optional '+' or '-', digits, and
// optionally '.' and more digits: "-12.50", "+8613800138000") is left alone, as it cannot hold
// a formula and phone numbers and refunds would otherwise be mangled.
std::string neutralise_formula(std::string_view field);

class Writer {
public:
  // Writes the byte-order mark when asked. Throws util::UsageError for a bad delimiter.
  explicit Writer(std::ostream& out, WriterOptions options = {});

  // Writes one record and its line break. Stream errors are left to the stream's state.
  void write(const std::vector<std::string>& fields);

private:
  void append_field(std::string_view field, bool neutralise);

  std::ostream& out_;
  WriterOptions options_;
  std::string line_; // the record being built, reused
};

} // namespace crm::csv
