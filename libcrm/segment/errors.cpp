// Error messages with a caret under the fault, and the edit distance for suggestions.
#include <algorithm>
#include <fmt/format.h>

#include "segment/parser.hpp"
#include "util/text.hpp"

namespace crm::segment {
namespace {

// Control characters (newlines, tabs) would break the caret line: each shows as one space.
std::string single_line(std::string_view text) {
  std::string shown(text);
  for (char& c : shown) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) c = ' ';
  }
  return shown;
}

std::string unknown_segment_message(std::string_view name, std::string_view suggestion) {
  if (suggestion.empty()) return fmt::format("unknown segment '{}'", name);
  return fmt::format("unknown segment '{}' (did you mean '{}'?)", name, suggestion);
}

std::u32string code_points(std::string_view text) {
  std::u32string result;
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t length = lead < 0x80    ? 1
                         : lead >= 0xF0 ? 4
                         : lead >= 0xE0 ? 3
                         : lead >= 0xC0 ? 2
                                        : 1;
    length = std::min(length, text.size() - i);
    char32_t value = 0;
    for (std::size_t k = 0; k < length; ++k)
      value = (value << 8) | static_cast<unsigned char>(text[i + k]);
    result += value; // equal encodings give equal values, which is all the distance needs
    i += length;
  }
  return result;
}

} // namespace

std::string caret_message(std::string_view message, std::string_view text, Span span) {
  const std::string shown = single_line(text);
  const std::size_t offset = std::min(span.offset, shown.size());
  const std::size_t length = std::min(span.length, shown.size() - offset);
  const std::size_t pad = util::display_width(std::string_view(shown).substr(0, offset));
  const std::size_t width = util::display_width(std::string_view(shown).substr(offset, length));
  return fmt::format("{}\n  {}\n  {}^{}", message, shown, std::string(pad, ' '),
                     std::string(width > 1 ? width - 1 : 0, '~'));
}

ExpressionError::ExpressionError(std::string_view message, std::string_view text, Span span)
    : util::UsageError(caret_message(message, text, span)),
      parts_(std::make_shared<const Parts>(Parts{std::string(message), std::string(text), span})) {}

ExpressionError::ExpressionError(std::string_view segment, const ExpressionError& inner)
    : ExpressionError(fmt::format("in segment '{}': {}", segment, inner.message()), inner.text(),
                      inner.span()) {}

UnknownSegmentError::UnknownSegmentError(std::string_view name, std::string_view text, Span span,
                                         std::string_view suggestion)
    : util::NotFoundError(caret_message(unknown_segment_message(name, suggestion), text, span)),
      parts_(std::make_shared<const Parts>(Parts{
          std::string(name), unknown_segment_message(name, suggestion), std::string(text), span})) {
}

UnknownSegmentError::UnknownSegmentError(std::string_view segment, const UnknownSegmentError& inner)
    : util::NotFoundError(
          caret_message(fmt::format("in segment '{}': {}", segment, inner.message()), inner.text(),
                        inner.span())),
      parts_(std::make_shared<const Parts>(
          Parts{inner.name(), fmt::format("in segment '{}': {}", segment, inner.message()),
                inner.text(), inner.span()})) {}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  const std::u32string x = code_points(a);
  const std::u32string y = code_points(b);
  std::vector<std::size_t> row(y.size() + 1);
  for (std::size_t j = 0; j <= y.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= x.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= y.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({above + 1, row[j - 1] + 1, diagonal + (x[i - 1] == y[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[y.size()];
}

} // namespace crm::segment
