#pragma once
// A direct, in-memory evaluator of resolved segment expressions, written from the semantics in
// crm-segment(7) without looking at the SQL compiler: the store is read into plain structs and
// each customer is tested in C++. The segment SQL tests compare its members with the SQL's.
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "segment/ast.hpp"
#include "store/database.hpp"

namespace crm::test {

// SQLite GLOB on code points: * any run, ? one code point, [...] a set ([^...] negated, a-z
// ranges, ']' first is literal, an unterminated set matches nothing). No case folding here.
bool glob_match(std::string_view pattern, std::string_view text);

class SegmentOracle {
public:
  struct Order {
    std::string status;
    std::int64_t placed_at = 0;
    std::vector<std::string> skus;
  };
  struct Metrics {
    std::int64_t orders = 0, revenue = 0, first_order = 0, last_order = 0;
  };
  struct Customer {
    std::int64_t id = 0;
    bool deleted = false;
    std::map<std::string, std::optional<std::string>> text; // column name -> value
    std::int64_t created_at = 0;
    std::set<std::string> tags;
    std::map<std::string, std::string> attributes, consents; // consents: channel -> state
    std::optional<Metrics> metrics;
    std::vector<Order> orders;
    std::optional<int> rfm[3]; // R, F, M; empty without metrics
  };

  // Reads every customer (deleted ones too), their satellites, metrics and orders.
  explicit SegmentOracle(store::Database& db);

  // The ids of the live customers that `expr` (resolved with ResolveContext::now = now) selects.
  [[nodiscard]] std::set<std::int64_t> members(const segment::Expr& expr, std::int64_t now) const;
  [[nodiscard]] bool matches(const Customer& customer, const segment::Expr& expr,
                             std::int64_t now) const;
  [[nodiscard]] const std::vector<Customer>& customers() const { return customers_; }

private:
  void load(store::Database& db);
  void score();
  std::vector<Customer> customers_;
};

} // namespace crm::test
