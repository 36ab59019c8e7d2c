#include "csv/writer.hpp"

#include <algorithm>

#include "csv/dialect.hpp"

namespace crm::csv {
namespace {

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
  constexpr std::string_view triggers = "=+-@\t\r";
  return !field.empty() && triggers.find(field.front()) != std::string_view::npos &&
         !is_plain_number(field);
}

} // namespace

std::string neutralise_formula(std::string_view field) {
  return (is_formula_like(field) ? "'" : "") + std::string(field);
}

Writer::Writer(std::ostream& out, WriterOptions options) : out_(out), options_(options) {
  check_delimiter(options_.delimiter);
  if (options_.bom) out_ << "\xEF\xBB\xBF";
}

void Writer::write(const std::vector<std::string>& fields) {
  line_.clear();
  if (fields.size() == 1 && fields.front().empty()) line_ = "\"\"";
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) line_ += options_.delimiter;
    append_field(fields[i], options_.neutralise_formulas && is_formula_like(fields[i]));
  }
  line_ += options_.crlf ? "\r\n" : "\n";
  out_.write(line_.data(), static_cast<std::streamsize>(line_.size()));
}

// The quoting decision looks at the field itself: the "'" needs no quotes.
void Writer::append_field(std::string_view field, bool neutralise) {
  const char specials[] = {options_.delimiter, '"', '\r', '\n', '\0'};
  const bool quote = field.find_first_of(specials) != std::string_view::npos ||
                     (!field.empty() && (is_blank(field.front()) || is_blank(field.back())));
  if (quote) line_ += '"';
  if (neutralise) line_ += '\'';
  if (!quote) {
    line_ += field;
    return;
  }
  for (const char c : field) {
    if (c == '"') line_ += '"';
    line_ += c;
  }
  line_ += '"';
}

} // namespace crm::csv
