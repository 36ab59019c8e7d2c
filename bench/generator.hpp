#pragma once
// Deterministic, realistic customers for the benchmarks: 60% Chinese names (surnames with
// their real frequencies), 40% Western; unique emails (under the reserved .example TLD, so a
// bench store can never mail anyone), phones, addresses, tags, attributes, five years of
// creation times. Row i depends only on the seed, i and the row count, never on the standard
// library's random distributions (which differ between implementations).
#include <cstdint>
#include <filesystem>
#include <string_view>
#include <vector>

#include "domain/customer.hpp"

namespace crm::bench {

// splitmix64 (Steele, Lea, Flood 2014): tiny, fast, and the same everywhere.
class Random {
public:
  explicit Random(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next();
  // Uniform enough in [0, n) for test data; 0 when n is 0.
  std::uint64_t below(std::uint64_t n) { return n == 0 ? 0 : next() % n; }
  bool percent(int p) { return below(100) < static_cast<std::uint64_t>(p); }
  template <typename T> const T& pick(const std::vector<T>& items) {
    return items[below(items.size())];
  }
  // Picks by the items' `weight` member.
  template <typename T> const T& pick_weighted(const std::vector<T>& items) {
    std::uint64_t total = 0;
    for (const auto& item : items) total += static_cast<std::uint64_t>(item.weight);
    std::uint64_t point = below(total);
    for (const auto& item : items) {
      const auto weight = static_cast<std::uint64_t>(item.weight);
      if (point < weight) return item;
      point -= weight;
    }
    return items.back();
  }

private:
  std::uint64_t state_;
};

// The options of the CSV generators: "--COUNT N --out FILE [--seed S]" (-h/--help prints
// `usage` and exits 0). A missing or bad option throws util::UsageError ending with `usage`.
struct GeneratorOptions {
  std::int64_t count = -1; // --rows, --customers: named by the tool
  std::filesystem::path out;
  std::uint64_t seed = 42;
};
GeneratorOptions parse_generator_options(int argc, char** argv, std::string_view count_option,
                                         std::string_view usage);

class CustomerGenerator {
public:
  // `count` rows spread their created_at evenly over 2020-01-01 .. 2024-12-31 (UTC).
  CustomerGenerator(std::uint64_t seed, std::int64_t count) : seed_(seed), count_(count) {}
  // Row `index` (0-based; its external id and email carry index + 1). id is left 0.
  [[nodiscard]] domain::Customer make(std::int64_t index) const;

private:
  std::uint64_t seed_;
  std::int64_t count_;
};

} // namespace crm::bench
