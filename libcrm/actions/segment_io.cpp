// crm segment explain, export-defs, import-defs.
#include <map>
#include <sstream>

#include <fmt/format.h>

#include "actions/csv_io.hpp"
#include "actions/customer.hpp"
#include "actions/segment.hpp"
#include "store/customer_scan.hpp"
#include "store/segment_sql.hpp"
#include "util/error.hpp"

namespace crm::actions {

namespace {

std::int64_t count_sql(Context& ctx, const std::string& sql,
                       const std::vector<store::SqlValue>& params) {
  store::Statement q(ctx.db(), sql);
  int index = 0;
  for (const auto& param : params) q.bind(++index, param);
  q.step();
  return q.get_int(0);
}

struct CountQuery {
  std::string sql;
  std::vector<store::SqlValue> params;
};

CountQuery count_query(store::SqlPredicate where) {
  store::CustomerQuery query;
  query.where = std::move(where);
  auto filter = store::customer_filter(query);
  return {"SELECT count(*)" + filter.from + filter.where, std::move(filter.params)};
}

// EXPLAIN QUERY PLAN rows (id, parent, detail) as an indented tree, as the sqlite3 shell shows.
std::vector<std::string> query_plan(Context& ctx, const CountQuery& query) {
  store::Statement q(ctx.db(), "EXPLAIN QUERY PLAN " + query.sql);
  int index = 0;
  for (const auto& param : query.params) q.bind(++index, param);
  std::map<std::int64_t, int> depth_of;
  std::vector<std::string> lines;
  while (q.step()) {
    const auto parent = depth_of.find(q.get_int(1));
    const int depth = parent == depth_of.end() ? 0 : parent->second + 1;
    depth_of[q.get_int(0)] = depth;
    lines.push_back(std::string(2 * static_cast<std::size_t>(depth), ' ') + q.get_text(3));
  }
  return lines;
}

} // namespace

Explanation explain_segment(Context& ctx, const SegmentFilter& filter) {
  const auto expr = segment::compile_text(filter_text(ctx, filter), resolve_context(ctx));
  Explanation e;
  e.expression = segment::to_text(*expr);
  auto query = count_query(store::compile_segment(ctx.db(), *expr, ctx.now()));
  e.plan = query_plan(ctx, query);
  e.count = count_sql(ctx, query.sql, query.params);
  e.sql = std::move(query.sql);
  e.params = std::move(query.params);
  // The count after each top-level `and` operand: where a big segment becomes a small one.
  const segment::Expr* top = expr.get();
  if (const auto* ref = std::get_if<segment::SegmentRef>(&top->node)) top = ref->body.get();
  const auto* conjunction = std::get_if<segment::And>(&top->node);
  if (conjunction == nullptr) {
    e.steps.push_back({e.expression, e.count});
    return e;
  }
  store::SqlPredicate prefix;
  for (const auto& operand : conjunction->operands) {
    const auto part = store::compile_segment(ctx.db(), *operand, ctx.now());
    prefix.sql = prefix.sql.empty() ? "(" + part.sql + ")" : prefix.sql + " AND (" + part.sql + ")";
    prefix.params.insert(prefix.params.end(), part.params.begin(), part.params.end());
    prefix.uses_metrics = prefix.uses_metrics || part.uses_metrics;
    prefix.requires_metrics = prefix.requires_metrics || part.requires_metrics;
    const auto step = count_query(prefix);
    e.steps.push_back({segment::to_text(*operand), count_sql(ctx, step.sql, step.params)});
  }
  return e;
}

std::string export_segment_defs(Context& ctx) {
  std::vector<settings::SegmentDef> defs;
  for (const auto& s : store::SegmentRepository(ctx.db()).all())
    defs.push_back({s.name, s.expression, s.description, 0});
  return settings::format_segment_defs(defs);
}

ImportDefsSummary import_segment_defs_file(Context& ctx, const std::string& path, bool dry_run) {
  InputFile input(path);
  std::ostringstream text;
  text << input.stream().rdbuf();
  return import_segment_defs(
      ctx, settings::parse_segment_defs(text.str(), path == "-" ? "stdin" : path), dry_run);
}

} // namespace crm::actions
