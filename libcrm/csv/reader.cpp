#include "csv/reader.hpp"

#include <fmt/format.h>
#include <string_view>
#include <utility>

#include "csv/decoder.hpp"
#include "csv/dialect.hpp"
#include "util/error.hpp"
#include "util/strings.hpp"

namespace crm::csv {
namespace {

constexpr int end_of_input = -1;
constexpr std::size_t sniffed_bytes = std::size_t{64} * 1024;

// Why `line` (text holding no line break) cannot be a CSV text line, or null when it can.
const char* text_problem(std::string_view line) {
  if (line.find('\0') != std::string_view::npos) {
    return "NUL character: binary data, or text in another encoding (UTF-16 without a "
           "byte-order mark? try --encoding UTF-16LE)";
  }
  if (!util::is_valid_utf8(line)) return "invalid UTF-8 (is the file GBK? try --encoding GB18030)";
  return nullptr;
}

} // namespace

Reader::Reader(std::istream& in, std::string name, ReaderOptions options)
    : name_(std::move(name)),
      decoder_(std::make_unique<detail::Decoder>(in, options.encoding, options.chunk_bytes)) {
  if (options.delimiter) {
    check_delimiter(*options.delimiter);
    delimiter_ = *options.delimiter;
  } else {
    while (buffer_.size() < sniffed_bytes && decoder_->append(buffer_)) {
    }
    delimiter_ = sniff_delimiter(buffer_);
  }
  Record first;
  if (options.has_header && next(first)) {
    raw_header_ = std::move(first.fields);
    for (const auto& column : raw_header_) {
      header_.push_back(util::to_lower_ascii(util::trim(column)));
    }
  }
}

Reader::~Reader() = default;

const std::string& Reader::encoding() const noexcept { return decoder_->encoding(); }

bool Reader::next(Record& record) {
  if (!skip_empty_lines()) return false;
  record.line = line_;
  std::size_t count = 0;
  for (Stop stop = Stop::delimiter; stop == Stop::delimiter;) {
    if (count == record.fields.size()) record.fields.emplace_back();
    std::string& field = record.fields[count++];
    field.clear();
    const std::size_t first_line = line_;
    stop = peek() == '"' ? read_quoted(field) : read_unquoted(field);
    validate(field, first_line);
  }
  record.fields.resize(count);
  return true;
}

// Replaces the consumed buffer with the next piece of text; false at the end of the input.
// A decoding error surfaces here, once all the text before it has been consumed, so `line_`
// is its line.
bool Reader::refill() {
  buffer_.clear();
  pos_ = 0;
  if (decoder_->append(buffer_)) return true;
  if (!decoder_->error().empty()) fail(line_, decoder_->error());
  return false;
}

int Reader::peek() {
  if (pos_ == buffer_.size() && !refill()) return end_of_input;
  return static_cast<unsigned char>(buffer_[pos_]);
}

// Consumes the CR, LF or CRLF at pos_ (one physical line break), appending it to `keep`.
void Reader::take_line_break(std::string* keep) {
  const char c = buffer_[pos_++];
  ++line_;
  if (keep != nullptr) *keep += c;
  if (c == '\r' && peek() == '\n') {
    ++pos_;
    if (keep != nullptr) *keep += '\n';
  }
}

// False at the end of the input.
bool Reader::skip_empty_lines() {
  for (;;) {
    const int c = peek();
    if (c == end_of_input) return false;
    if (c != '\r' && c != '\n') return true;
    take_line_break(nullptr);
  }
}

Reader::Stop Reader::read_unquoted(std::string& field) {
  for (;;) {
    const std::size_t start = pos_;
    while (pos_ < buffer_.size() && buffer_[pos_] != delimiter_ && buffer_[pos_] != '\r' &&
           buffer_[pos_] != '\n')
      ++pos_;
    field.append(buffer_, start, pos_ - start);
    if (pos_ < buffer_.size()) break;
    if (!refill()) return Stop::input_end;
  }
  if (buffer_[pos_] == delimiter_) {
    ++pos_;
    return Stop::delimiter;
  }
  take_line_break(nullptr);
  return Stop::record_end;
}

Reader::Stop Reader::read_quoted(std::string& field) {
  const std::size_t first_line = line_;
  ++pos_; // the opening quote
  for (;;) {
    const std::size_t start = pos_;
    while (pos_ < buffer_.size() && buffer_[pos_] != '"' && buffer_[pos_] != '\r' &&
           buffer_[pos_] != '\n')
      ++pos_;
    field.append(buffer_, start, pos_ - start);
    if (pos_ == buffer_.size()) {
      if (!refill()) fail(first_line, "unterminated quoted field: the closing '\"' is missing");
    } else if (buffer_[pos_] != '"') {
      take_line_break(&field);
    } else {
      ++pos_;
      if (peek() != '"') return after_closing_quote();
      field += '"';
      ++pos_;
    }
  }
}

Reader::Stop Reader::after_closing_quote() {
  const int delimiter = static_cast<unsigned char>(delimiter_);
  int c = peek();
  while (c == ' ' && delimiter != ' ') {
    ++pos_;
    c = peek();
  }
  if (c == end_of_input) return Stop::input_end;
  if (c == delimiter) {
    ++pos_;
    return Stop::delimiter;
  }
  if (c == '\r' || c == '\n') {
    take_line_break(nullptr);
    return Stop::record_end;
  }
  fail(line_, "text after a closing quote (a '\"' inside a quoted field must be doubled)");
}

// Throws for a NUL or invalid UTF-8, at the physical line of the fault. Line breaks are ASCII,
// so no character spans one and each line of the field can be checked on its own.
void Reader::validate(const std::string& field, std::size_t first_line) const {
  if (field.find('\0') == std::string::npos && util::is_valid_utf8(field)) return;
  const std::string_view text = field;
  std::size_t line = first_line;
  std::size_t start = 0;
  for (;;) {
    const std::size_t end = text.find_first_of("\r\n", start);
    if (const char* problem = text_problem(text.substr(start, end - start))) fail(line, problem);
    if (end == std::string_view::npos) return;
    start = end + (text.substr(end, 2) == "\r\n" ? 2 : 1);
    ++line;
  }
}

void Reader::fail(std::size_t line, const std::string& reason) const {
  throw util::DataError(fmt::format("{}:{}: {}", name_, line, reason));
}

} // namespace crm::csv
