#pragma once
// Duplicates and merging: `crm customer dupes`, `merge`, `unmerge`, `merges`.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "actions/context.hpp"
#include "domain/customer.hpp"
#include "util/json.hpp"

namespace crm::actions {

struct FindDupes {
  std::vector<std::string> by = {"email", "phone", "name+city"}; // blocking keys
  int min_score = 50;
  std::int64_t max_block = 50;
};
struct DupesSummary {
  std::int64_t customers = 0, pairs = 0;
  std::int64_t skipped_blocks = 0;
  std::vector<std::string> skipped_examples; // "email x@y (120 customers)", largest first
};
// Calls `visit` with one row per candidate pair, best first: keep_id (the older record, the
// suggested KEEP), other_id, score, keys (array of names), keep_name, keep_email,
// other_name, other_email. Throws UsageError for an unknown --by key or a bad number.
DupesSummary find_dupes(Context& ctx, const FindDupes& input,
                        const std::function<void(util::Json)>& visit);

struct MergeCustomers {
  std::string keep, other;     // REFs
  std::string prefer = "keep"; // keep | other | newest
  bool dry_run = false;
};
struct ConsentChange {
  std::string channel;
  std::optional<std::string> before, after; // states; nullopt: none recorded
};
// What a merge or unmerge changes (or, in a dry run, would change).
struct MergeResult {
  std::int64_t merge_id = 0; // 0 in a dry run of merge
  domain::Customer keep_before, keep_after, other_before, other_after;
  std::vector<std::string> changed; // KEEP's fields ("email", "tags", "attributes", ...)
  std::vector<ConsentChange> consent;
  std::vector<std::int64_t> interactions, followups, orders; // the ones that move
};
// Merges OTHER into KEEP in one transaction (see crm-customer(1) for the rules). Throws
// NotFoundError, ConflictError (deleted, the same customer, merged already) or UsageError.
MergeResult merge_customers(Context& ctx, const MergeCustomers& input);

// Undoes a merge: KEEP as it was before, OTHER live again with its interactions and
// follow-ups. Throws NotFoundError, ConflictError (undone already, a customer purged, or
// changed since the merge: the audit log says by what).
MergeResult unmerge(Context& ctx, std::int64_t merge_id, bool dry_run);

// The record printed for a merge/unmerge in the data formats.
util::Json merge_result_json(const MergeResult& result);

// The merge journal, newest first, undone merges too: id, at, keep_id, other_id, user,
// interactions, followups (how many moved), undone_at, command. `customer`: only merges
// with this customer as KEEP or OTHER.
std::vector<util::Json> list_merges(Context& ctx, const std::optional<std::string>& customer);

} // namespace crm::actions
