// crm-bench-gen: fills a new store with N generated customers and says how fast it went.
//
//   crm-bench-gen --customers N --db PATH [--seed S] [--mode repo|raw|none] [--batch ROWS]
//
// repo: through store::CustomerRepository::insert, the code path of `crm customer add`
//       (uniqueness checks, search_text, satellites), in transactions of --batch rows.
// raw:  the baseline: one prepared INSERT per table, reused, binding the same column values
//       (email_key included, search_text left empty, no uniqueness checks).
// none: only generates the rows (the generator's own share of the time).
// The rate goes to stderr as "crm-bench-gen: mode=M rows=N seconds=S rows_per_s=R".
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "domain/validate.hpp"
#include "generator.hpp"
#include "store/customers.hpp"
#include "store/database.hpp"
#include "util/error.hpp"
#include "util/strings.hpp"

namespace {

using namespace crm;

struct Options {
  std::int64_t customers = -1;
  std::filesystem::path db;
  std::uint64_t seed = 42;
  std::string mode = "repo";
  std::int64_t batch = 10000;
};

constexpr std::string_view usage =
    "usage: crm-bench-gen --customers N --db PATH [--seed S] [--mode repo|raw|none] [--batch ROWS]";

std::int64_t positive_int(std::string_view option, std::string_view text) {
  const auto value = util::parse_int(text);
  if (!value || *value < 0)
    throw util::UsageError(fmt::format("{}: expected a number, got '{}'", option, text));
  return *value;
}

Options parse(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "-h" || arg == "--help") {
      std::cout << usage << '\n';
      std::exit(0);
    }
    if (i + 1 >= argc) throw util::UsageError(fmt::format("{} needs a value\n{}", arg, usage));
    const std::string_view value = argv[++i];
    if (arg == "--customers") {
      options.customers = positive_int(arg, value);
    } else if (arg == "--db") {
      options.db = value;
    } else if (arg == "--seed") {
      options.seed = static_cast<std::uint64_t>(positive_int(arg, value));
    } else if (arg == "--mode") {
      options.mode = value;
    } else if (arg == "--batch") {
      options.batch = std::max<std::int64_t>(1, positive_int(arg, value));
    } else {
      throw util::UsageError(fmt::format("unknown option {}\n{}", arg, usage));
    }
  }
  if (options.customers < 0)
    throw util::UsageError(fmt::format("--customers is required\n{}", usage));
  if (options.mode != "repo" && options.mode != "raw" && options.mode != "none")
    throw util::UsageError(fmt::format("--mode must be repo, raw or none\n{}", usage));
  if (options.mode != "none" && options.db.empty())
    throw util::UsageError(fmt::format("--db is required\n{}", usage));
  return options;
}

// The generator must only make customers `crm customer add` would accept unchanged: checks
// the first rows with the domain's own validation (throws naming the row and field).
void check_generated(const bench::CustomerGenerator& generator, std::int64_t rows) {
  for (std::int64_t i = 0; i < rows; ++i) {
    const domain::Customer c = generator.make(i);
    const auto fail = [i](std::string_view what, std::string_view value) {
      throw util::DataError(
          fmt::format("generated row {}: {} '{}' is not what crm stores", i, what, value));
    };
    for (const auto& name : domain::text_field_names()) {
      const auto& value = *domain::text_field(c, name);
      if (value && domain::normalize_field(name, *value) != *value) fail(name, *value);
    }
    if (domain::normalize_status(c.status) != c.status) fail("status", c.status);
    for (const auto& tag : c.tags)
      if (domain::normalize_tag(tag) != tag) fail("tag", tag);
    for (const auto& [key, value] : c.attributes) {
      if (domain::normalize_attribute_key(key) != key) fail("attribute", key);
      if (domain::normalize_text(value, key) != value) fail(key, value);
    }
  }
}

// The baseline: the same column values through statements prepared once.
class RawInserter {
public:
  explicit RawInserter(store::Database& db)
      : db_(db),
        customer_(db, fmt::format("INSERT INTO customers ({}, status, created_at, updated_at, "
                                  "deleted_at, email_key) VALUES ({}?,?,?,?,?)",
                                  util::join(domain::text_field_names(), ", "),
                                  repeat("?,", domain::text_field_names().size()))),
        tag_(db, "INSERT INTO customer_tags (customer_id, tag) VALUES (?, ?)"),
        attribute_(db,
                   "INSERT INTO customer_attributes (customer_id, key, value) VALUES (?, ?, ?)") {}

  void insert(const domain::Customer& c) {
    int index = 0;
    for (const auto& name : domain::text_field_names())
      customer_.bind(++index, *domain::text_field(c, name));
    customer_.bind(index + 1, c.status).bind(index + 2, c.created_at).bind(index + 3, c.updated_at);
    customer_.bind(index + 4, c.deleted_at);
    customer_.bind(index + 5, c.email ? std::optional(domain::email_key(*c.email)) : std::nullopt);
    customer_.run();
    customer_.reset();
    const std::int64_t id = db_.last_insert_rowid();
    for (const auto& tag : c.tags) {
      tag_.bind_all(id, tag).run();
      tag_.reset();
    }
    for (const auto& [key, value] : c.attributes) {
      attribute_.bind_all(id, key, value).run();
      attribute_.reset();
    }
  }

private:
  static std::string repeat(std::string_view text, std::size_t times) {
    std::string out;
    for (std::size_t i = 0; i < times; ++i) out += text;
    return out;
  }
  store::Database& db_;
  store::Statement customer_, tag_, attribute_;
};

template <typename InsertOne>
void insert_all(store::Database& db, const Options& options,
                const bench::CustomerGenerator& generator, InsertOne insert_one) {
  const auto start = std::chrono::steady_clock::now();
  for (std::int64_t first = 0; first < options.customers; first += options.batch) {
    const std::int64_t end = std::min(options.customers, first + options.batch);
    store::Transaction transaction(db);
    for (std::int64_t i = first; i < end; ++i) insert_one(generator.make(i));
    transaction.commit();
    if (end % 100000 == 0 || end == options.customers) {
      const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
      std::cerr << fmt::format("  {:>9} rows  {:7.1f} s  {:9.0f} rows/s\n", end, elapsed.count(),
                               static_cast<double>(end) / elapsed.count());
    }
  }
}

double run(const Options& options) {
  const bench::CustomerGenerator generator(options.seed, options.customers);
  check_generated(generator, std::min<std::int64_t>(options.customers, 1000));
  if (options.mode == "none") {
    const auto start = std::chrono::steady_clock::now();
    std::size_t bytes = 0; // keeps the work observable
    for (std::int64_t i = 0; i < options.customers; ++i)
      bytes += generator.make(i).email.value_or("").size();
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    if (bytes == 0 && options.customers > 100) std::cerr << "no emails generated\n";
    return elapsed.count();
  }
  if (std::filesystem::exists(options.db)) {
    throw util::ConflictError(fmt::format(
        "{} exists: remove it first (the generator only fills new stores)", options.db.string()));
  }
  store::OpenOptions open;
  open.create = true;
  store::Database db = store::Database::open(options.db, open);
  const auto start = std::chrono::steady_clock::now();
  if (options.mode == "repo") {
    store::CustomerRepository repository(db);
    insert_all(db, options, generator, [&](const domain::Customer& c) { repository.insert(c); });
  } else {
    RawInserter raw(db);
    insert_all(db, options, generator, [&](const domain::Customer& c) { raw.insert(c); });
  }
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  return elapsed.count();
}

} // namespace

int main(int argc, char** argv) {
  try {
    const Options options = parse(argc, argv);
    const double seconds = run(options);
    std::cerr << fmt::format("crm-bench-gen: mode={} rows={} seconds={:.2f} rows_per_s={:.0f}\n",
                             options.mode, options.customers, seconds,
                             seconds > 0 ? static_cast<double>(options.customers) / seconds : 0.0);
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "crm-bench-gen: " << e.what() << '\n';
    return 1;
  }
}
