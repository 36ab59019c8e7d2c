#pragma once
// Store: suppressions — hashed keys of addresses that must not come back in (forgotten
// persons) or must not be mailed (unsubscribed, bounced, complained) — and what the store
// holds about one person beyond the customer row and its timeline (export-data, forget).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/customer.hpp"
#include "store/database.hpp"
#include "util/time.hpp"

namespace crm::store {

struct Suppression {
  std::string channel;  // email | phone
  std::string key_hash; // SuppressionRepository::key_hash of the normalised key
  std::string reason;   // forgotten | unsubscribed | bounced | complained | manual
  util::Timestamp at = 0;
};

// A key is normalised before it is given here: domain::email_key(email) for "email",
// domain::phone_digits(phone) for "phone". Only its hash is stored, so a suppression list
// holds no address: it can say "this one is suppressed" but not list whom.
class SuppressionRepository {
public:
  explicit SuppressionRepository(Database& db) : db_(db) {}

  // The first reason given for a key stays, with its time, except that "forgotten" replaces
  // any other (a forgotten person's address must never come back, whatever else was said
  // about it). An empty key adds nothing. Throws util::UsageError for an unknown channel or
  // reason.
  void add(std::string_view channel, std::string_view key, std::string_view reason,
           util::Timestamp at);
  // The reason the key is suppressed, or nullopt when it is not.
  std::optional<std::string> reason_for(std::string_view channel, std::string_view key);
  std::optional<Suppression> find(std::string_view channel, std::string_view key);
  // All entries, or those with `reason`, oldest first.
  std::vector<Suppression> list(std::optional<std::string_view> reason = std::nullopt);
  std::int64_t count(std::optional<std::string_view> reason = std::nullopt);

  // Hex SHA-256 of "crm-suppression-v1:<channel>:<key>": the prefix separates these hashes
  // from any other use of SHA-256 on the same addresses.
  static std::string key_hash(std::string_view channel, std::string_view key);

private:
  Database& db_;
};

// One import batch that created or updated a customer.
struct ImportTrace {
  std::int64_t batch_id = 0;
  std::string file, mode, user;
  util::Timestamp at = 0;
  std::string role;                       // "created" or "updated"
  std::optional<std::string> before_json; // "updated": the customer before the batch
  std::optional<util::Timestamp> undone_at;
};

// One merge in which the customer was kept or merged away.
struct MergeTrace {
  std::int64_t id = 0, keep_id = 0, other_id = 0;
  util::Timestamp at = 0;
  std::string user, journal_json;
  std::optional<util::Timestamp> undone_at;
};

// What forget erased, counted.
struct ErasedCounts {
  std::int64_t consent_records = 0; // current states and history
  std::int64_t interactions = 0;    // kept, with their text erased
  std::int64_t followups = 0;
  std::int64_t audit_entries = 0; // kept, with their data and command line erased
  std::int64_t import_records = 0;
  std::int64_t merges = 0; // kept, with their journal erased (no unmerge)
  std::int64_t orders = 0; // kept (business records), tracking numbers and event notes erased
};

class PersonalDataRepository {
public:
  explicit PersonalDataRepository(Database& db) : db_(db) {}

  // Every follow-up of the customer, done ones too, even when the customer is deleted.
  std::vector<domain::Followup> followups(domain::CustomerId id);
  // Batches that created the customer (its id in first_created..last_created) or updated it.
  std::vector<ImportTrace> imports(domain::CustomerId id);
  std::vector<MergeTrace> merges(domain::CustomerId id);
  // Another customer record, deleted or not, with this email key (forgotten ones have none).
  std::optional<domain::CustomerId> other_with_email(domain::CustomerId id,
                                                     std::string_view email_key);

  // Erases what the timeline and the journals hold about the customer, the tracking numbers
  // and event notes of its orders (the orders stay, counted in the metrics), and marks it forgotten
  // (forgotten_at = now). The caller has already blanked the customer row itself (through
  // CustomerRepository::update) and runs this in the same transaction. `email_key` is the
  // customer's former address: entries of the logs that quote it are erased too.
  // Turns on secure_delete for this connection, so erased text is overwritten in the file.
  ErasedCounts forget(domain::CustomerId id, const std::optional<std::string>& email_key,
                      util::Timestamp now);
  // After the forget transaction committed: moves the write-ahead log into the store and
  // truncates it, so the old page images go too (best effort: a reader may hold it).
  void flush_erased();

private:
  Database& db_;
};

// Scrubs the audit log (before/after and command line, `note` in its place), the import
// undo records and the merge journals of the customer — and, when `email_key` is given, any
// of them quoting that address. Used by forget and by purge. Returns the counts.
ErasedCounts erase_traces(Database& db, domain::CustomerId id,
                          const std::optional<std::string>& email_key, std::string_view note);

} // namespace crm::store
