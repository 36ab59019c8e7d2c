// Error messages with a caret under the fault.
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

} // namespace crm::segment
