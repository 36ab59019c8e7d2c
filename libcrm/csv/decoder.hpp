#pragma once
// Internal to crm_csv: the byte-to-UTF-8 stage behind csv::Reader. Not part of the interface.
#include <cstddef>
#include <istream>
#include <optional>
#include <string>

namespace crm::csv::detail {

// Reads a stream in chunks of a fixed size and turns it into UTF-8 text, chunk by chunk, so
// that memory does not grow with the input.
//
// The encoding: a byte-order mark decides (see reader.hpp for the rules, including which marks
// are malformed), else `encoding` (any name glibc's iconv knows, plus "Latin-1"), else UTF-8.
// UTF-8 input is passed through as it is (the Reader validates it field by field); everything
// else goes through iconv. A mark is never part of the text.
class Decoder {
public:
  // Throws util::UsageError for an encoding iconv does not know. Reads the first chunk.
  Decoder(std::istream& in, const std::optional<std::string>& encoding, std::size_t chunk_bytes);
  ~Decoder();
  Decoder(const Decoder&) = delete;
  Decoder& operator=(const Decoder&) = delete;

  // Appends the next non-empty piece of text to `out` and returns true; returns false once
  // there is no more text: at the end of the input, or at a decoding error (then `error()`
  // says what). The text before an error is delivered first, so a caller that counts lines
  // while consuming the text knows where the error is.
  bool append(std::string& out);

  // The encoding in use: "UTF-8", "UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE" after a mark,
  // else the name as given.
  [[nodiscard]] const std::string& encoding() const noexcept { return encoding_; }
  // Why the text ended early; empty at a clean end.
  [[nodiscard]] const std::string& error() const noexcept { return error_; }

private:
  bool read_raw();
  void transcode(std::string& out);
  void finish_transcoding(std::string& out);
  void fail_sequence(std::size_t offset);

  std::istream& in_;
  std::size_t chunk_bytes_;
  std::string raw_; // bytes read but not decoded yet (an incomplete character at most)
  std::string encoding_;
  std::string error_;
  void* converter_ = nullptr; // iconv_t; null for UTF-8 input
  bool at_end_ = false;       // the stream is exhausted
  bool done_ = false;         // no more text will come
};

} // namespace crm::csv::detail
