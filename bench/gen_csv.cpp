// crm-bench-gen-csv: writes N generated customers as a UTF-8 CSV file, the input of the
// import benchmark (bench/run.sh, section "import").
//
//   crm-bench-gen-csv --rows N --out FILE [--seed S]
//
// Ten columns: external_id, email, first_name, last_name, phone, company, city, country,
// status, source; row i is CustomerGenerator row i (unique emails and external ids), CRLF line
// ends, no byte-order mark. No field needs quoting (checked: the generator refuses a field
// holding a comma, a quote or a line break), so import_baseline can split lines on commas.
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "csv/writer.hpp"
#include "domain/customer.hpp"
#include "generator.hpp"
#include "util/error.hpp"
#include "util/strings.hpp"

namespace {

using namespace crm;

constexpr std::string_view usage = "usage: crm-bench-gen-csv --rows N --out FILE [--seed S]";

const std::vector<std::string> columns = {"external_id", "email",   "first_name", "last_name",
                                          "phone",       "company", "city",       "country",
                                          "status",      "source"};

void fill_record(const domain::Customer& c, std::int64_t row, std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < columns.size(); ++i) {
    const auto* value = domain::text_field(c, columns[i]);
    fields[i] = value != nullptr ? value->value_or("") : c.status;
    if (fields[i].find_first_of(",\"\r\n") != std::string::npos)
      throw util::DataError(
          fmt::format("row {}: {} '{}' would need quotes", row + 1, columns[i], fields[i]));
  }
}

} // namespace

int main(int argc, char** argv) {
  try {
    const auto options = bench::parse_generator_options(argc, argv, "--rows", usage);
    if (std::filesystem::exists(options.out))
      throw util::ConflictError(fmt::format("{} exists: remove it first", options.out.string()));
    const auto start = std::chrono::steady_clock::now();
    std::ofstream out(options.out, std::ios::binary);
    csv::Writer writer(out);
    writer.write(columns);
    const bench::CustomerGenerator generator(options.seed, options.count);
    std::vector<std::string> fields(columns.size());
    for (std::int64_t i = 0; i < options.count; ++i) {
      fill_record(generator.make(i), i, fields);
      writer.write(fields);
    }
    out.close();
    if (!out) throw util::Error(fmt::format("cannot write {}", options.out.string()));
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    std::cerr << fmt::format("crm-bench-gen-csv: rows={} bytes={} seconds={:.2f}\n", options.count,
                             std::filesystem::file_size(options.out), elapsed.count());
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "crm-bench-gen-csv: " << e.what() << '\n';
    return 1;
  }
}
