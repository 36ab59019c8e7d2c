#include "csv/decoder.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <fmt/format.h>
#include <iconv.h>
#include <string_view>

#include "csv/dialect.hpp"
#include "util/error.hpp"
#include "util/strings.hpp"

namespace crm::csv::detail {
namespace {

using namespace std::string_view_literals;

struct Mark {
  std::string_view encoding;
  std::size_t length = 0;
};

// The 4-byte UTF-32 marks come first: FF FE 00 00 is UTF-32LE, never UTF-16LE + U+0000.
Mark mark_of(std::string_view head) {
  constexpr Mark marks[] = {
      {"UTF-32BE", 4}, {"UTF-32LE", 4}, {"UTF-8", 3}, {"UTF-16BE", 2}, {"UTF-16LE", 2}};
  constexpr std::string_view bytes[] = {"\x00\x00\xFE\xFF"sv, "\xFF\xFE\x00\x00"sv,
                                        "\xEF\xBB\xBF"sv, "\xFE\xFF"sv, "\xFF\xFE"sv};
  for (std::size_t i = 0; i < std::size(marks); ++i) {
    if (head.substr(0, bytes[i].size()) == bytes[i]) return marks[i];
  }
  return {};
}

// A UTF-16 mark followed, within its next two code units, by a NUL unit: what a UTF-32 file
// whose mark was cut to two bytes looks like (FE FF 00 00 00 22 ... or FE FF 22 00 00 00 ...).
bool nul_follows_utf16_mark(std::string_view head) {
  return head.substr(2, 2) == "\x00\x00"sv || head.substr(4, 2) == "\x00\x00"sv;
}

std::string hex_bytes(std::string_view bytes) {
  std::string out;
  for (const char c : bytes) {
    out += fmt::format("{}{:02X}", out.empty() ? "" : " ", static_cast<unsigned char>(c));
  }
  return out;
}

bool is_utf8_name(std::string_view name) {
  const std::string lower = util::to_lower_ascii(name);
  return lower == "utf-8" || lower == "utf8";
}

iconv_t open_converter(const std::string& name) {
  iconv_t converter = iconv_open("UTF-8", iconv_encoding_name(name).c_str());
  if (reinterpret_cast<std::intptr_t>(converter) == -1) { // iconv_open's (iconv_t)-1
    throw util::UsageError(
        fmt::format("unknown encoding '{}' (`iconv --list` shows the names)", name));
  }
  return converter;
}

} // namespace

Decoder::Decoder(std::istream& in, const std::optional<std::string>& encoding,
                 std::size_t chunk_bytes)
    : in_(in), chunk_bytes_(std::max<std::size_t>(chunk_bytes, 1)) {
  while (raw_.size() < 6 && read_raw()) {
  }
  const Mark mark = mark_of(raw_);
  if (mark.length == 2 && nul_follows_utf16_mark(raw_)) {
    error_ = fmt::format("malformed byte-order mark: {} (UTF-16) is followed by NUL bytes, as "
                         "in a UTF-32 file whose mark was cut short; save the file again as "
                         "UTF-8 or UTF-16",
                         hex_bytes(std::string_view(raw_).substr(0, 2)));
    done_ = true;
  }
  encoding_ = mark.length > 0 ? std::string(mark.encoding) : encoding.value_or("UTF-8");
  raw_.erase(0, mark.length);
  if (is_utf8_name(encoding_)) {
    encoding_ = "UTF-8";
  } else {
    converter_ = open_converter(encoding_);
  }
}

Decoder::~Decoder() {
  if (converter_ != nullptr) iconv_close(static_cast<iconv_t>(converter_));
}

bool Decoder::append(std::string& out) {
  const std::size_t before = out.size();
  while (!done_ && out.size() == before) {
    const bool more = read_raw();
    if (converter_ == nullptr) {
      out += raw_;
      raw_.clear();
    } else {
      transcode(out);
    }
    if (!more && !done_) {
      if (converter_ != nullptr) finish_transcoding(out);
      done_ = true;
    }
  }
  return out.size() > before;
}

// Appends one chunk to `raw_`; false once the stream has nothing more to give.
bool Decoder::read_raw() {
  if (at_end_) return false;
  const std::size_t old_size = raw_.size();
  raw_.resize(old_size + chunk_bytes_);
  in_.read(raw_.data() + old_size, static_cast<std::streamsize>(chunk_bytes_));
  const auto got = static_cast<std::size_t>(in_.gcount());
  raw_.resize(old_size + got);
  if (in_.bad()) {
    error_ = "cannot read the input";
    done_ = true;
  }
  at_end_ = got < chunk_bytes_ || done_;
  return !at_end_;
}

// Converts what `raw_` holds; an incomplete character at its end stays there for the next
// chunk to complete (a multibyte sequence split across two reads).
void Decoder::transcode(std::string& out) {
  auto* converter = static_cast<iconv_t>(converter_);
  char* input = raw_.data();
  std::size_t input_left = raw_.size();
  while (input_left > 0) {
    const std::size_t used = out.size();
    out.resize(used + input_left * 4 + 16);
    char* output = out.data() + used;
    std::size_t output_left = out.size() - used;
    const std::size_t result = iconv(converter, &input, &input_left, &output, &output_left);
    out.resize(out.size() - output_left);
    if (result != static_cast<std::size_t>(-1) || errno == E2BIG) continue;
    if (errno == EINVAL) break;
    fail_sequence(static_cast<std::size_t>(input - raw_.data()));
    return;
  }
  raw_.erase(0, static_cast<std::size_t>(input - raw_.data()));
}

void Decoder::finish_transcoding(std::string& out) {
  if (!raw_.empty()) {
    error_ = fmt::format("incomplete {} character at the end of the input ({})", encoding_,
                         hex_bytes(raw_));
    return;
  }
  char buffer[64];
  char* output = buffer;
  std::size_t output_left = sizeof buffer;
  iconv(static_cast<iconv_t>(converter_), nullptr, nullptr, &output, &output_left);
  out.append(buffer, sizeof buffer - output_left);
}

// Names the bad bytes and up to three after them (read on, so that the message does not
// depend on where a chunk happened to end).
void Decoder::fail_sequence(std::size_t offset) {
  while (raw_.size() - offset < 4 && read_raw()) {
  }
  const std::string_view bytes = std::string_view(raw_).substr(offset, 4);
  error_ = fmt::format("invalid {} byte sequence {} (is the encoding right?)", encoding_,
                       hex_bytes(bytes));
  done_ = true;
}

} // namespace crm::csv::detail
