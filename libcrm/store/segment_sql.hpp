#pragma once
// Segment expressions compiled to SQL: one boolean expression over the customers table
// aliased `c` (and, when `uses_metrics`, customer_metrics aliased `m`, LEFT JOINed on
// m.customer_id = c.id, or JOINed when `requires_metrics`). Every value is a bound parameter, never
// spliced into the text. Every predicate yields 0 or 1, never NULL (see segment/ast.hpp), so NOT is
// plain negation.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "segment/ast.hpp"
#include "store/database.hpp"

namespace crm::store {

struct SqlPredicate {
  std::string sql;
  std::vector<SqlValue> params; // bound in order to the `?` in sql
  bool uses_metrics = false;    // sql refers to `m` (customer_metrics)
  // The expression is false for every customer without a customer_metrics row, so `m` may be
  // an inner JOIN (SQLite may then scan the narrow metrics table first).
  bool requires_metrics = false;
};

// RFM scores (one definition, shared with `crm report rfm`): over the n live (not deleted)
// customers with at least one non-cancelled order (a customer_metrics row), for the value v of
// last_order (R), orders (F) or revenue (M), with L = the number of those customers whose value is
// strictly smaller:  score = 1 + floor(5 * L / n).  Larger values score higher (R 5 = most recent);
// equal values always get equal scores, so the five groups are only as even as ties allow.
int rfm_score(std::int64_t smaller, std::int64_t n);

// For each of R, F, M: cut[s] (s = 2..5) is the largest value v with score(v) < s among the
// customers, so score >= s  <=>  value > cut[s]; nullopt when every customer scores >= s.
struct RfmCuts {
  std::int64_t customers = 0;
  std::array<std::array<std::optional<std::int64_t>, 6>, 3> cut{}; // [0]=R [1]=F [2]=M
};
// Reads the three columns of customer_metrics for live customers (one scan).
RfmCuts load_rfm_cuts(Database& db);

// Compiles a resolved expression (segment::resolve); `now` (the ResolveContext::now it was
// resolved with) is the upper bound of `within` and `bought(...) within`. Reads the RFM cuts
// only when the expression uses rfm.*.
SqlPredicate compile_segment(Database& db, const segment::Expr& expr, std::int64_t now);

} // namespace crm::store
