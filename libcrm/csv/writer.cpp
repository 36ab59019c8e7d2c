#include "csv/writer.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <iconv.h>

#include <fmt/format.h>

#include "csv/dialect.hpp"
#include "util/error.hpp"
#include "util/strings.hpp"

namespace crm::csv {
namespace {

// "UTF-16LE" -> "utf16le": how encoding names are compared here.
std::string squeezed(std::string_view name) {
  std::string out;
  for (const char c : util::to_lower_ascii(name))
    if (c != '-' && c != '_') out += c;
  return out;
}

// The character at the start of `text` as "'X' (U+XXXX)", or its bytes when not UTF-8.
std::string describe_character(std::string_view text) {
  const auto lead = static_cast<unsigned char>(text.front());
  const std::size_t length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
  const std::string_view character = text.substr(0, length);
  if (!util::is_valid_utf8(character))
    return fmt::format("the byte {:02X}, which is not UTF-8,", lead);
  std::uint32_t code = length == 1 ? lead : lead & (0xFFU >> (length + 1));
  for (const char c : character.substr(1))
    code = (code << 6) | (static_cast<unsigned char>(c) & 0x3FU);
  return fmt::format("the character '{}' (U+{:04X})", character, code);
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// [+-]?[0-9]+(\.[0-9]+)?
bool is_plain_number(std::string_view text) {
  if (!text.empty() && (text.front() == '+' || text.front() == '-')) text.remove_prefix(1);
  const auto digits = [&text] {
    const auto end = std::find_if_not(text.begin(), text.end(), is_digit);
    const auto count = static_cast<std::size_t>(end - text.begin());
    text.remove_prefix(count);
    return count;
  };
  if (digits() == 0) return false;
  if (text.empty()) return true;
  if (text.front() != '.') return false;
  text.remove_prefix(1);
  return digits() > 0 && text.empty();
}

bool is_blank(char c) { return c == ' ' || c == '\t'; }

bool is_formula_like(std::string_view field) {
  if (field.empty()) return false;
  switch (field.front()) {
  case '=':
  case '+':
  case '-':
  case '@':
  case '\t':
  case '\r':
    return !is_plain_number(field);
  default:
    return false;
  }
}

} // namespace

std::string neutralise_formula(std::string_view field) {
  std::string out;
  out.reserve(field.size() + 1);
  if (is_formula_like(field)) out += '\'';
  out += field;
  return out;
}

Encoder::Encoder(const std::optional<std::string>& encoding) : name_(encoding.value_or("UTF-8")) {
  const std::string key = squeezed(name_);
  if (key == "utf8") {
    name_ = "UTF-8";
    return;
  }
  if (key == "utf16" || key == "utf32" || key == "ucs2" || key == "ucs4" || key == "unicode")
    throw util::UsageError(fmt::format(
        "encoding '{}': say the byte order, e.g. UTF-16LE (what Windows uses) or UTF-16BE", name_));
  iconv_t converter = iconv_open(iconv_encoding_name(name_).c_str(), "UTF-8");
  if (reinterpret_cast<std::intptr_t>(converter) == -1) // iconv_open's (iconv_t)-1
    throw util::UsageError(
        fmt::format("unknown encoding '{}' (`iconv --list` shows the names)", name_));
  converter_ = converter;
}

Encoder::~Encoder() {
  if (converter_ != nullptr) iconv_close(static_cast<iconv_t>(converter_));
}

std::string_view Encoder::encode(std::string_view utf8) {
  if (converter_ == nullptr) return utf8;
  auto* converter = static_cast<iconv_t>(converter_);
  buffer_.resize(utf8.size() * 4 + 16);         // enough for any encoding iconv knows
  char* input = const_cast<char*>(utf8.data()); // NOLINT: iconv's API; it does not write
  std::size_t input_left = utf8.size();
  char* output = buffer_.data();
  std::size_t output_left = buffer_.size();
  if (iconv(converter, &input, &input_left, &output, &output_left) ==
      static_cast<std::size_t>(-1)) {
    const int error = errno;
    iconv(converter, nullptr, nullptr, nullptr, nullptr); // back to the initial state
    const std::string_view rest = utf8.substr(utf8.size() - input_left);
    if ((error == EILSEQ || error == EINVAL) && !rest.empty())
      throw util::DataError(
          fmt::format("{} cannot be written in {}", describe_character(rest), name_));
    throw util::Error(fmt::format("cannot convert text to {}", name_));
  }
  // Stateful encodings (ISO-2022-JP...) return to their initial state at the end of each text.
  iconv(converter, nullptr, nullptr, &output, &output_left);
  return {buffer_.data(), buffer_.size() - output_left};
}

std::string_view Encoder::byte_order_mark() {
  const std::string key = squeezed(name_);
  if (key != "utf8" && key != "utf16le" && key != "utf16be" && key != "utf32le" && key != "utf32be")
    throw util::UsageError(fmt::format(
        "a byte-order mark needs a Unicode encoding (UTF-8, UTF-16LE...): {} has none", name_));
  return encode("\xEF\xBB\xBF");
}

Writer::Writer(std::ostream& out, WriterOptions options)
    : out_(out), options_(std::move(options)), encoder_(options_.encoding) {
  check_delimiter(options_.delimiter);
  if (options_.bom) {
    const std::string_view mark = encoder_.byte_order_mark();
    out_.write(mark.data(), static_cast<std::streamsize>(mark.size()));
  }
}

void Writer::write(const std::vector<std::string>& fields) { write_record(fields); }
void Writer::write(std::span<const std::string_view> fields) { write_record(fields); }

template <typename Fields> void Writer::write_record(const Fields& fields) {
  line_.clear();
  record_breaks_ = 0;
  if (fields.size() == 1 && fields.front().empty()) line_ = "\"\"";
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) line_ += options_.delimiter;
    append_field(fields[i], options_.neutralise_formulas && is_formula_like(fields[i]));
  }
  if (options_.crlf) line_ += '\r';
  line_ += '\n';
  const std::string_view bytes = encoder_.encode(line_);
  out_.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  lines_ += record_breaks_ + 1;
}

// The quoting decision looks at the field itself: the "'" needs no quotes. One plain loop
// over the bytes (this is the hot path of an export of a million customers).
void Writer::append_field(std::string_view field, bool neutralise) {
  const char delimiter = options_.delimiter;
  bool quote = !field.empty() && (is_blank(field.front()) || is_blank(field.back()));
  for (std::size_t i = 0; !quote && i < field.size(); ++i) {
    const char c = field[i];
    quote = c == delimiter || c == '"' || c == '\r' || c == '\n';
  }
  if (quote) line_ += '"';
  if (neutralise) line_ += '\'';
  if (!quote) {
    line_ += field;
    return;
  }
  for (const char c : field) {
    if (c == '"') line_ += '"';
    if (c == '\n') ++record_breaks_; // a line break inside quotes
    line_ += c;
  }
  line_ += '"';
}

} // namespace crm::csv
