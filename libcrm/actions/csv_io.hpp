#pragma once
// CSV plumbing shared by the import and export actions (customers and orders): the input
// file or standard input, the rejects file, --delimiter, the formula guard an export puts in
// front of a cell, header keys for alias tables, ISO times for a stream of rows, TSV rows.
//
// Header-only so that it needs no build change; the pieces are those import.cpp,
// import_mapping.cpp and export.cpp keep privately (see the order import/export report).
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "csv/reader.hpp"
#include "csv/writer.hpp"
#include "render/render.hpp"
#include "util/error.hpp"
#include "util/file.hpp"
#include "util/strings.hpp"
#include "util/time.hpp"

namespace crm::actions {

// The input stream: standard input for "-", else the file (UsageError when it cannot be read).
class InputFile {
public:
  explicit InputFile(const std::string& path) {
    if (path == "-") return;
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
      throw util::UsageError(fmt::format("cannot read {}: it is a directory", path));
    file_.open(path, std::ios::binary);
    if (!file_)
      throw util::UsageError(fmt::format("cannot read {}: {}", path, std::strerror(errno)));
  }
  std::istream& stream() { return file_.is_open() ? static_cast<std::istream&>(file_) : std::cin; }

private:
  std::ifstream file_;
};

// A rejects file: the input's columns plus _line and _error, complete or absent
// (util::AtomicFile), replacing an earlier one. Imports skip _line and _error, so a fixed
// rejects file imports as it is.
class RejectsFile {
public:
  RejectsFile(const std::string& path, const std::vector<std::string>& header, char delimiter)
      : file_(path, true),
        writer_(file_.stream(), csv::WriterOptions{delimiter, true, true, false}),
        width_(header.size()) {
    auto names = header;
    names.emplace_back("_line");
    names.emplace_back("_error");
    writer_.write(names);
  }
  void write(const csv::Record& record, const std::string& error) {
    fields_ = record.fields;
    fields_.resize(width_);
    fields_.push_back(std::to_string(record.line));
    fields_.push_back(error);
    writer_.write(fields_);
  }
  void finish() { file_.commit(); }

private:
  util::AtomicFile file_;
  csv::Writer writer_;
  std::size_t width_;
  std::vector<std::string> fields_;
};

// --delimiter: ",", ";", "|", "tab" (or "\t"); nullopt when not given (sniffed on input).
inline std::optional<char> parse_delimiter(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  if (*text == "tab" || *text == "\\t" || *text == "\t") return '\t';
  if (text->size() == 1) return (*text)[0];
  throw util::UsageError(
      fmt::format("--delimiter '{}': give one character such as ',' ';' '|' or 'tab'", *text));
}

// A cell without the "'" that formula neutralisation (an export, or a spreadsheet's own text
// marker) put before = + - @ tab or CR: the value is what follows.
inline std::string_view without_formula_guard(std::string_view cell) {
  const bool guarded = cell.size() >= 2 && cell[0] == '\'' &&
                       std::string_view("=+-@\t\r").find(cell[1]) != std::string_view::npos;
  return guarded ? cell.substr(1) : cell;
}

// The key of a header in an alias table: lower-cased (ASCII), trimmed, without spaces, '_',
// '-', '.' and '/': "E-Mail Address" and "email_address" are both "emailaddress".
inline std::string header_key(std::string_view header) {
  std::string out;
  for (const char c : util::to_lower_ascii(util::trim(header))) {
    if (c != ' ' && c != '_' && c != '-' && c != '.' && c != '/') out += c;
  }
  return out;
}

// util::format_iso_utc for a stream of times that mostly share their day (rows are created
// and imported in batches): the date is formatted once per day, the time of day by hand.
class IsoTimes {
public:
  const std::string& operator()(util::Timestamp t) {
    constexpr util::Timestamp day_seconds = 86400;
    const util::Timestamp day = t / day_seconds - (t % day_seconds < 0 ? 1 : 0);
    if (day != day_ || text_.size() != 20) { // "YYYY-MM-DDTHH:MM:SSZ", else years beyond 9999
      text_ = util::format_iso_utc(t);
      day_ = day;
      return text_;
    }
    const util::Timestamp second = t - day * day_seconds;
    const auto put = [this](std::size_t at, util::Timestamp value) {
      text_[at] = static_cast<char>('0' + value / 10);
      text_[at + 1] = static_cast<char>('0' + value % 10);
    };
    put(11, second / 3600);
    put(14, second / 60 % 60);
    put(17, second % 60);
    return text_;
  }

private:
  util::Timestamp day_ = std::numeric_limits<util::Timestamp>::min();
  std::string text_;
};

// TSV as `--format tsv` prints everywhere (render::tsv_field escapes), LF line ends, in an
// output encoding, optionally with formula neutralisation.
class TsvWriter {
public:
  TsvWriter(std::ostream& out, const std::optional<std::string>& encoding, bool bom,
            bool neutralise)
      : out_(out), encoder_(encoding), neutralise_(neutralise) {
    if (bom) put(encoder_.byte_order_mark());
  }
  void write(std::span<const std::string_view> cells, bool neutralise) {
    line_.clear();
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i > 0) line_ += '\t';
      line_ += neutralise && neutralise_ ? render::tsv_field(csv::neutralise_formula(cells[i]))
                                         : render::tsv_field(cells[i]);
    }
    line_ += '\n';
    put(encoder_.encode(line_));
    ++lines_;
  }
  [[nodiscard]] std::size_t lines() const noexcept { return lines_; }

private:
  void put(std::string_view bytes) {
    out_.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }
  std::ostream& out_;
  csv::Encoder encoder_;
  bool neutralise_;
  std::string line_;
  std::size_t lines_ = 0;
};

// What an export's options mean per format: json and ndjson carry every field, so the CSV/TSV
// options are refused there; --delimiter is for CSV only; table is not an export format.
inline void check_export_options(render::Format format, bool fields, bool encoding, bool bom,
                                 bool raw, char delimiter) {
  using render::Format;
  if (format == Format::table)
    throw util::UsageError("export writes csv, tsv, json or ndjson, not table");
  const bool json = format == Format::json || format == Format::ndjson;
  const auto refuse = [format](bool given, std::string_view option, std::string_view why) {
    if (given)
      throw util::UsageError(fmt::format("{} does not apply to {} output{}", option,
                                         render::format_name(format), why));
  };
  refuse(json && fields, "--fields", ": it has every field (pick them with jq)");
  refuse(json && encoding, "--encoding", ": JSON is UTF-8");
  refuse(json && bom, "--bom", ": JSON is UTF-8, without a mark");
  refuse(json && raw, "--raw", "");
  refuse(format != Format::csv && delimiter != ',', "--delimiter", "");
}

} // namespace crm::actions
