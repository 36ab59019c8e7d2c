#include "actions/export.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <limits>
#include <memory>
#include <ostream>
#include <unistd.h>

#include <fmt/format.h>

#include "actions/csv_io.hpp"
#include "actions/customer.hpp"
#include "csv/writer.hpp"
#include "domain/validate.hpp"
#include "store/customer_scan.hpp"
#include "util/error.hpp"
#include "util/file.hpp"
#include "util/strings.hpp"

namespace crm::actions {

namespace {

constexpr std::int64_t progress_every = 10000;
constexpr std::array<std::string_view, 4> consent_channels = {"email", "sms", "phone", "postal"};

// One output column: what a cell holds.
struct Column {
  enum class Kind { id, text, status, tags, consent, created_at, updated_at, deleted_at, attr };
  std::string name;
  Kind kind = Kind::text;
  std::string key;       // consent: the channel; attr: the attribute key
  std::size_t field = 0; // text: the index in domain::text_field_names()
};

Column column_named(const std::string& name) {
  using Kind = Column::Kind;
  if (name.rfind("attr.", 0) == 0) {
    const std::string key = domain::normalize_attribute_key(name.substr(5));
    return {"attr." + key, Kind::attr, key};
  }
  if (name.rfind("consent_", 0) == 0) return {name, Kind::consent, name.substr(8)};
  static const std::vector<std::pair<std::string_view, Kind>> special = {
      {"id", Kind::id},
      {"status", Kind::status},
      {"tags", Kind::tags},
      {"created_at", Kind::created_at},
      {"updated_at", Kind::updated_at},
      {"deleted_at", Kind::deleted_at}};
  for (const auto& [special_name, kind] : special)
    if (name == special_name) return {name, kind, {}};
  const auto& names = domain::text_field_names();
  const auto at = std::find(names.begin(), names.end(), name);
  if (at == names.end()) throw std::logic_error("export: unchecked field " + name);
  return {name, Kind::text, {}, static_cast<std::size_t>(at - names.begin())};
}

[[noreturn]] void unknown_field(const std::string& name) {
  std::string message = fmt::format("unknown field '{}'", name);
  if (auto near = util::nearest(name, export_field_names()))
    message += fmt::format(" (did you mean '{}'?)", *near);
  throw util::UsageError(message + "; fields: " + util::join(export_field_names(), ", ") +
                         ", attr.NAME");
}

std::vector<Column> chosen_columns(const std::vector<std::string>& fields) {
  std::vector<Column> columns;
  for (const auto& list : fields) {
    for (const auto& part : util::split(list, ',')) {
      const std::string name = util::trim(part);
      if (name.empty()) throw util::UsageError("--fields: an empty field name (two commas?)");
      const auto& known = export_field_names();
      if (name.rfind("attr.", 0) != 0 && std::find(known.begin(), known.end(), name) == known.end())
        unknown_field(name);
      Column column = column_named(name);
      if (std::any_of(columns.begin(), columns.end(),
                      [&column](const Column& c) { return c.name == column.name; }))
        throw util::UsageError(fmt::format("--fields: '{}' is given twice", column.name));
      columns.push_back(std::move(column));
    }
  }
  return columns;
}

std::vector<Column> default_columns(store::CustomerScan& scan) {
  std::vector<Column> columns;
  for (const auto& name : default_export_fields()) columns.push_back(column_named(name));
  for (const auto& key : scan.attribute_keys())
    columns.push_back({"attr." + key, Column::Kind::attr, key});
  return columns;
}

// The cells of one customer: views of its text fields, or of `storage` for the cells made
// here (ids, tags, times), so that no field is copied on its way to the writer.
void fill_cells(const store::ScannedCustomer& row, const std::vector<Column>& columns,
                std::vector<std::string_view>& cells, std::vector<std::string>& storage,
                IsoTimes& iso) {
  using Kind = Column::Kind;
  const domain::Customer& c = row.customer;
  const auto made = [&](std::size_t i) -> std::string& {
    storage[i].clear();
    cells[i] = {};
    return storage[i];
  };
  for (std::size_t i = 0; i < columns.size(); ++i) {
    const Column& column = columns[i];
    std::string_view& cell = cells[i];
    cell = {};
    switch (column.kind) {
    case Kind::id:
      cell = made(i) = std::to_string(c.id);
      break;
    case Kind::text:
      if (const auto& value = *row.text_fields[column.field]) cell = *value;
      break;
    case Kind::status:
      cell = c.status;
      break;
    case Kind::tags: {
      auto& tags = made(i);
      for (const auto& tag : c.tags) (tags.empty() ? tags : tags += ';') += tag;
      cell = tags;
      break;
    }
    case Kind::consent:
      for (const auto& [channel, state] : row.consents)
        if (channel == column.key) cell = state;
      break;
    case Kind::created_at:
      cell = made(i) = iso(c.created_at);
      break;
    case Kind::updated_at:
      cell = made(i) = iso(c.updated_at);
      break;
    case Kind::deleted_at:
      if (c.deleted_at) cell = made(i) = iso(*c.deleted_at);
      break;
    case Kind::attr:
      for (const auto& [key, value] : c.attributes)
        if (key == column.key) cell = value;
      break;
    }
  }
}

// The customer JSON of `crm customer show` plus its current consent: {"email": "opt-in"}.
util::Json json_row(const store::ScannedCustomer& row) {
  util::Json json = customer_json(row.customer);
  util::Json consent = util::Json::object();
  for (const auto& [channel, state] : row.consents) consent.set(channel, state);
  json.set("consent", std::move(consent));
  return json;
}

// Where the rows go: one class per format family; each writes its header on construction.
class Sink {
public:
  virtual ~Sink() = default;
  virtual void write(const store::ScannedCustomer& row) = 0;
  virtual void finish() {}
  // The physical line the next row begins on (for messages).
  [[nodiscard]] virtual std::size_t next_line() const = 0;
};

class CsvSink : public Sink {
public:
  CsvSink(std::ostream& out, const ExportCustomers& input, std::vector<Column> columns)
      : writer_(out, {.delimiter = input.delimiter,
                      .bom = input.bom,
                      .neutralise_formulas = !input.raw,
                      .encoding = input.encoding}),
        columns_(std::move(columns)), cells_(columns_.size()), storage_(columns_.size()) {
    for (std::size_t i = 0; i < columns_.size(); ++i) cells_[i] = columns_[i].name;
    writer_.write(cells_);
  }
  void write(const store::ScannedCustomer& row) override {
    fill_cells(row, columns_, cells_, storage_, iso_);
    writer_.write(cells_);
  }
  [[nodiscard]] std::size_t next_line() const override { return writer_.lines() + 1; }

private:
  csv::Writer writer_;
  std::vector<Column> columns_;
  std::vector<std::string_view> cells_;
  std::vector<std::string> storage_;
  IsoTimes iso_;
};

// TSV as `--format tsv` prints everywhere (csv_io.hpp's TsvWriter).
class TsvSink : public Sink {
public:
  TsvSink(std::ostream& out, const ExportCustomers& input, std::vector<Column> columns)
      : writer_(out, input.encoding, input.bom, !input.raw), columns_(std::move(columns)),
        cells_(columns_.size()), storage_(columns_.size()) {
    for (std::size_t i = 0; i < columns_.size(); ++i) cells_[i] = columns_[i].name;
    writer_.write(cells_, false);
  }
  void write(const store::ScannedCustomer& row) override {
    fill_cells(row, columns_, cells_, storage_, iso_);
    writer_.write(cells_, true);
  }
  [[nodiscard]] std::size_t next_line() const override { return writer_.lines() + 1; }

private:
  TsvWriter writer_;
  std::vector<Column> columns_;
  std::vector<std::string_view> cells_;
  std::vector<std::string> storage_;
  IsoTimes iso_;
};

// json: one array, "[\n" row ",\n" row "\n]\n" as every list prints; ndjson: a row per line.
class JsonSink : public Sink {
public:
  JsonSink(std::ostream& out, bool array) : out_(out), array_(array) {}
  void write(const store::ScannedCustomer& row) override {
    if (array_) out_ << (count_ == 0 ? "[\n" : ",\n");
    out_ << json_row(row).dump();
    if (!array_) out_ << '\n';
    ++count_;
  }
  void finish() override {
    if (array_) out_ << (count_ == 0 ? "[]\n" : "\n]\n");
  }
  [[nodiscard]] std::size_t next_line() const override { return count_ + 1; }

private:
  std::ostream& out_;
  bool array_;
  std::size_t count_ = 0;
};

std::unique_ptr<Sink> make_sink(std::ostream& out, const ExportCustomers& input,
                                store::CustomerScan& scan) {
  using render::Format;
  if (input.format == Format::json || input.format == Format::ndjson)
    return std::make_unique<JsonSink>(out, input.format == Format::json);
  auto columns = input.fields.empty() ? default_columns(scan) : chosen_columns(input.fields);
  if (input.format == Format::tsv) return std::make_unique<TsvSink>(out, input, std::move(columns));
  return std::make_unique<CsvSink>(out, input, std::move(columns));
}

std::int64_t write_customers(Context& ctx, const ExportCustomers& input, std::ostream& out) {
  store::CustomerScan scan(ctx.db(), input.query);
  const auto sink = make_sink(out, input, scan);
  std::int64_t count = 0;
  scan.for_each([&](const store::ScannedCustomer& row) {
    try {
      sink->write(row);
    } catch (const util::DataError& error) {
      throw util::DataError(fmt::format("customer {} (line {} of the output): {}", row.customer.id,
                                        sink->next_line(), error.what()));
    }
    if (++count % progress_every == 0 && input.progress) input.progress(count);
  });
  sink->finish();
  return count;
}

// A temporary file next to `target` (same file system, so rename() is atomic), mode 0600:
// an export holds personal data. Removed unless release() was called.
std::int64_t write_file(Context& ctx, const ExportCustomers& input,
                        const std::filesystem::path& target) {
  util::AtomicFile file(target, input.force);
  const std::int64_t count = write_customers(ctx, input, file.stream());
  file.commit();
  return count;
}

} // namespace

const std::vector<std::string>& default_export_fields() {
  static const std::vector<std::string> fields = [] {
    std::vector<std::string> names;
    for (const auto& name : domain::text_field_names()) {
      names.push_back(name);
      if (name == "owner") names.emplace_back("status");
    }
    names.emplace_back("tags");
    for (const auto channel : consent_channels) names.push_back(fmt::format("consent_{}", channel));
    names.emplace_back("created_at");
    return names;
  }();
  return fields;
}

const std::vector<std::string>& export_field_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> all = {"id"};
    for (const auto& name : default_export_fields()) all.push_back(name);
    all.emplace_back("updated_at");
    all.emplace_back("deleted_at");
    return all;
  }();
  return names;
}

ExportSummary export_customers(Context& ctx, ExportCustomers input, std::ostream& out) {
  check_export_options(input.format, !input.fields.empty(), input.encoding.has_value(), input.bom,
                       input.raw, input.delimiter);
  normalize_filters(input.query); // the filters as `customer list` takes them
  if (!input.fields.empty()) chosen_columns(input.fields); // a bad name fails before any output
  csv::Encoder check_encoding(input.encoding);             // so does a bad encoding
  if (input.bom) check_encoding.byte_order_mark();
  ExportSummary summary;
  summary.customers =
      input.output ? write_file(ctx, input, *input.output) : write_customers(ctx, input, out);
  return summary;
}

} // namespace crm::actions
