#pragma once
// Duplicates and merges: the blocking keys and score of `crm customer dupes`, the scan that
// pairs customers within blocks, and the merge journal that `crm customer unmerge` replays.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/customer.hpp"
#include "store/database.hpp"

namespace crm::store {

// --- Blocking keys (pure). Two customers are compared only when they share one. ---

// An email as the person behind it: lower-cased and trimmed, the "+tag" of the local part
// dropped, and for gmail.com / googlemail.com the dots of the local part too (both domains
// become gmail.com). "John.Doe+shop@GoogleMail.com" -> "johndoe@gmail.com".
std::string canonical_email(std::string_view email);
// The last 9 digits of a phone number (country and trunk prefixes vary, the subscriber part
// does not); nullopt when it has fewer than 7 digits.
std::optional<std::string> phone_key(std::string_view phone);
// The name tokens, case-folded (NFKC) and sorted, so "Wang Xiaoming" and "xiaoming WANG"
// agree. A name written in Han characters only is compared character by character, sorted,
// spaces ignored: "李娜", "李 娜" and first "娜" + last "李" agree. nullopt without a name.
std::optional<std::string> name_key(const domain::OptText& first, const domain::OptText& last);
// Case-folded, spaces collapsed, a trailing "市" dropped ("上海市" = "上海").
std::optional<std::string> city_key(const domain::OptText& city);
// name_key + city_key; nullopt unless both are there.
std::optional<std::string> name_city_key(const domain::OptText& first, const domain::OptText& last,
                                         const domain::OptText& city);

// --- Scoring ---

enum class MatchKey : unsigned { email = 1, phone = 2, name_city = 4, company = 8, postcode = 16 };
using MatchSet = unsigned; // MatchKey bits

struct ScoreWeights {
  static constexpr int email = 60, phone = 30, name_city = 30, company = 10, postcode = 5;
};
// 0..100: the sum of the weights of the matched keys, capped at 100. company and postcode
// (equal ignoring case and spaces, both set) only add to a pair some blocking key found.
int dupe_score(MatchSet matched);
// "email", "phone", "name+city", "company", "postcode", in that order.
std::vector<std::string> match_names(MatchSet matched);

// --- The scan ---

struct DupeScanOptions {
  MatchSet blocking = 0;      // which of email, phone, name_city to block on (non-empty)
  int min_score = 50;         // pairs scoring less are not reported
  std::size_t max_block = 50; // a key shared by more customers is skipped
};
struct DupePair {
  domain::CustomerId first = 0, second = 0; // first < second
  MatchSet matched = 0;
  int score = 0;
};
struct SkippedBlock {
  MatchKey key;
  std::string value; // the key (a canonical email, phone digits, or "name|city")
  std::int64_t size = 0;
};
struct DupeScanSummary {
  std::int64_t customers = 0, pairs = 0;
  std::vector<SkippedBlock> skipped; // largest first
};

// Every pair of live customers that share a blocking key and score at least min_score, by
// score (highest first), then ids. One pass writes each customer's keys to a temporary table;
// pairs are formed inside blocks only (never all pairs), and SQLite sorts them, so memory
// does not grow with the store. Writes nothing to the store itself.
DupeScanSummary scan_duplicates(Database& db, const DupeScanOptions& options,
                                const std::function<void(const DupePair&)>& visit);

// --- The merge journal ---

struct MergeRecord {
  std::int64_t id = 0;
  domain::CustomerId keep_id = 0, other_id = 0;
  util::Timestamp at = 0; // real time of the merge
  std::string user, command;
  std::string journal_json;
  std::optional<util::Timestamp> undone_at;
};

class MergeRepository {
public:
  explicit MergeRepository(Database& db) : db_(db) {}
  std::int64_t insert(const MergeRecord& record);
  std::optional<MergeRecord> find(std::int64_t id);
  // The merge (not undone) that made `other` a tombstone, if any.
  std::optional<MergeRecord> find_live_by_other(domain::CustomerId other);
  // Merges involving `customer` (as KEEP or OTHER), or all; newest first.
  std::vector<MergeRecord> list(std::optional<domain::CustomerId> customer);
  void mark_undone(std::int64_t id, util::Timestamp at);

  // Ids of a customer's interactions / follow-ups, ascending.
  std::vector<std::int64_t> interaction_ids(domain::CustomerId customer);
  std::vector<std::int64_t> followup_ids(domain::CustomerId customer);
  // Re-points the given interactions / follow-ups of `from` to `to`; returns how many moved.
  std::int64_t move_interactions(const std::vector<std::int64_t>& ids, domain::CustomerId from,
                                 domain::CustomerId to);
  std::int64_t move_followups(const std::vector<std::int64_t>& ids, domain::CustomerId from,
                              domain::CustomerId to);
  // Removes the current consent of a channel (its history stays): what "no consent recorded"
  // looks like, for an unmerge that restores a channel the customer had no consent for.
  void clear_current_consent(domain::CustomerId customer, std::string_view channel);
  // Appends to a customer's consent history only (the current state is left alone).
  void add_consent_event(domain::CustomerId customer, const domain::Consent& consent);
  void set_journal(std::int64_t id, std::string_view journal_json);

  // The first of `orders` (in the given order) that `customer` no longer owns: its id and its
  // owner now (nullopt: the order was deleted). For unmerge, which moves them back.
  struct StrayOrder {
    std::int64_t order = 0;
    std::optional<domain::CustomerId> owner;
  };
  std::optional<StrayOrder> first_order_not_of(const std::vector<std::int64_t>& orders,
                                               domain::CustomerId customer);

  // The newest audit_log id, and the first entry about one of `customers` after `after_id`.
  std::int64_t last_audit_id();
  struct AuditRef {
    std::int64_t id = 0;
    domain::CustomerId customer_id = 0;
    std::string action, command;
  };
  std::optional<AuditRef> first_audit_after(std::int64_t after_id, domain::CustomerId a,
                                            domain::CustomerId b);

private:
  Database& db_;
};

} // namespace crm::store
