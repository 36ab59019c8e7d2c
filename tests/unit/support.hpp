#pragma once
// What several unit tests share: a seeded random source, and a Context on a fresh store file
// in the test's temporary directory with no user configuration.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "actions/context.hpp"
#include "settings/settings.hpp"

namespace crm::test {

// splitmix64: small, fast, and the same sequence on every platform.
class Random {
public:
  explicit Random(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // 0 <= result < n (n > 0).
  std::int64_t below(std::int64_t n) {
    return static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(n));
  }
  std::int64_t between(std::int64_t low, std::int64_t high) { return low + below(high - low + 1); }
  bool percent(int p) { return below(100) < p; }
  template <typename T> const T& pick(const std::vector<T>& items) {
    return items[static_cast<std::size_t>(below(static_cast<std::int64_t>(items.size())))];
  }

private:
  std::uint64_t state_;
};

// A Context on store file `name` (created when missing; emptied first when `fresh`), with
// `overrides` as -c settings.
inline actions::Context make_context(const std::string& name,
                                     std::vector<std::string> overrides = {},
                                     const std::string& now = "2025-06-02T09:00:00Z",
                                     bool fresh = true) {
  actions::ContextOptions options;
  settings::LoadOptions load;
  load.getenv = [](const char*) -> const char* { return nullptr; };
  load.system_file = "/nonexistent";
  load.overrides = std::move(overrides);
  options.settings = settings::load(load);
  options.db_path = std::filesystem::current_path() / name;
  if (fresh) std::filesystem::remove(*options.db_path);
  options.now = now;
  options.command_line = "test";
  actions::Context ctx(std::move(options));
  ctx.create_db();
  return ctx;
}

} // namespace crm::test
