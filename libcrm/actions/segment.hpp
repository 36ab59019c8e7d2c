#pragma once
// Segments: saved customer filters in the expression language of crm-segment(7).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "actions/context.hpp"
#include "segment/ast.hpp"
#include "segment/parser.hpp"
#include "settings/segment_defs.hpp"
#include "store/customers.hpp"
#include "store/segments.hpp"
#include "util/json.hpp"

namespace crm::actions {

// What resolving an expression takes from here: now (--now), output.timezone (dates are whole
// days there), the store currency's decimals (money literals), the saved segments.
segment::ResolveContext resolve_context(Context& ctx);
// Parses, resolves and compiles an expression; throws segment::ExpressionError (exit 2) or
// UnknownSegmentError (exit 3).
store::SqlPredicate compile_expression(Context& ctx, std::string_view text);

// --where EXPR and --segment NAME of `customer list|export`: both given = both must hold.
struct SegmentFilter {
  std::optional<std::string> where, segment;
};
void apply_segment_filter(Context& ctx, const SegmentFilter& filter, store::CustomerQuery& query);

struct SegmentInfo {
  store::SavedSegment saved;
  std::optional<std::int64_t> count; // live customers matching now (when asked)
  std::vector<std::string> uses;     // segments its expression refers to
  std::vector<std::string> used_by;  // saved segments referring to it
  std::optional<std::string> error;  // why it could not be counted (it no longer resolves)
};
util::Json segment_json(const Context& ctx, const SegmentInfo& info);

struct SaveSegment {
  std::string name;
  std::optional<std::string> where, description; // create: where is required
  bool dry_run = false;
};
// Validates the name (letters of any script, digits, _ - .; at most 64 bytes; UsageError), the
// expression (it must resolve, with no cycle through other segments), and counts the members.
// create: ConflictError when the name is taken. edit: NotFoundError when there is none.
// Audited (entity "segment").
SegmentInfo create_segment(Context& ctx, const SaveSegment& input);
SegmentInfo edit_segment(Context& ctx, const SaveSegment& input);
// Refused (ConflictError, exit 4) while another segment refers to it.
SegmentInfo remove_segment(Context& ctx, std::string_view name, bool dry_run);

SegmentInfo show_segment(Context& ctx, std::string_view name);
// Every saved segment by name; with counts when `count` (one query per segment).
std::vector<SegmentInfo> list_segments(Context& ctx, bool count);
// The expression of a filter: "segment:NAME", EXPR, or "segment:NAME and (EXPR)". Throws
// NotFoundError when NAME is not a saved segment, UsageError when both are missing.
std::string filter_text(Context& ctx, const SegmentFilter& filter);
// The live customers a filter matches.
std::int64_t count_segment(Context& ctx, const SegmentFilter& filter);

struct ExplainStep {
  std::string clause;     // the text of one top-level `and` operand (or the whole expression)
  std::int64_t count = 0; // customers matching this clause and all before it
};
struct Explanation {
  std::string expression; // canonical text (segment::to_text)
  std::string sql;        // the count query
  std::vector<store::SqlValue> params;
  std::vector<std::string> plan; // SQLite's EXPLAIN QUERY PLAN, indented as a tree
  std::vector<ExplainStep> steps;
  std::int64_t count = 0;
};
Explanation explain_segment(Context& ctx, const SegmentFilter& filter);

// Definitions as TOML (settings/segment_defs.hpp).
std::string export_segment_defs(Context& ctx);
struct ImportDefsSummary {
  std::vector<std::string> created, updated, unchanged;
};
// All or nothing: every definition is checked (names, expressions, references among the file's
// own segments and the store's, cycles) before anything is written. Segments in the store and
// not in the file are left as they are.
ImportDefsSummary import_segment_defs(Context& ctx, const std::vector<settings::SegmentDef>& defs,
                                      bool dry_run);
// Reads FILE ("-" = standard input) and imports its definitions.
ImportDefsSummary import_segment_defs_file(Context& ctx, const std::string& path, bool dry_run);

} // namespace crm::actions
