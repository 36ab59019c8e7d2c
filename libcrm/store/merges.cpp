#include "store/merges.hpp"

#include <algorithm>

#include <sqlite3.h>

#include "domain/validate.hpp"
#include "util/strings.hpp"
#include "util/text.hpp"

namespace crm::store {

namespace {

constexpr auto bit(MatchKey key) { return static_cast<MatchSet>(key); }

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Code points of valid UTF-8 (fold_case's output); an invalid byte gives U+FFFD.
std::vector<char32_t> code_points(std::string_view text) {
  std::vector<char32_t> result;
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const std::size_t length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
    if (lead >= 0x80 && (lead < 0xC2 || lead > 0xF4 || i + length > text.size())) {
      result.push_back(0xFFFD);
      ++i;
      continue;
    }
    char32_t cp = length == 1 ? lead : lead & (0x7F >> length);
    for (std::size_t k = 1; k < length; ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    result.push_back(cp);
    i += length;
  }
  return result;
}

bool is_han(char32_t cp) {
  return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x323AF);
}

// Words of folded text, split at spaces and at the punctuation names carry (, and .).
std::vector<std::string> name_tokens(const std::string& folded) {
  std::vector<std::string> tokens(1);
  for (const char c : folded) {
    if (is_space(c) || c == ',' || c == '.') {
      if (!tokens.back().empty()) tokens.emplace_back();
    } else {
      tokens.back() += c;
    }
  }
  if (tokens.back().empty()) tokens.pop_back();
  return tokens;
}

std::string collapse_spaces(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (!is_space(c))
      out += c;
    else if (!out.empty() && out.back() != ' ')
      out += ' ';
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::optional<std::string> folded(const domain::OptText& text) {
  if (!text) return std::nullopt;
  std::string value = collapse_spaces(util::fold_case(util::trim(*text)));
  if (value.empty()) return std::nullopt;
  return value;
}

std::optional<std::string> postcode_key(const domain::OptText& postcode) {
  if (!postcode) return std::nullopt;
  std::string key;
  for (const char c : util::to_upper_ascii(*postcode))
    if (!is_space(c) && c != '-') key += c;
  if (key.empty()) return std::nullopt;
  return key;
}

extern "C" void sql_dupe_score(sqlite3_context* context, int /*argc*/, sqlite3_value** argv) {
  sqlite3_result_int(context, dupe_score(static_cast<MatchSet>(sqlite3_value_int(argv[0]))));
}

// The scan's temporary tables live in the connection's temp schema; dropped on every exit.
class ScratchTables {
public:
  explicit ScratchTables(Database& db) : db_(db) {
    drop();
    db_.exec("CREATE TEMP TABLE dupe_keys (kind INTEGER NOT NULL, key TEXT NOT NULL, "
             "id INTEGER NOT NULL);"
             "CREATE TEMP TABLE dupe_extra (id INTEGER PRIMARY KEY, company TEXT, "
             "postcode TEXT)");
  }
  ScratchTables(const ScratchTables&) = delete;
  ScratchTables& operator=(const ScratchTables&) = delete;
  ~ScratchTables() {
    try {
      drop();
    } catch (...) { // the connection closes anyway; temp tables go with it
    }
  }

private:
  void drop() {
    db_.exec("DROP TABLE IF EXISTS temp.dupe_keys; DROP TABLE IF EXISTS temp.dupe_extra");
  }
  Database& db_;
};

// Writes each live customer's blocking keys (and company/postcode, for the bonuses).
std::int64_t collect_keys(Database& db, MatchSet blocking) {
  Statement scan(db, "SELECT id, email, phone, first_name, last_name, city, company, postcode "
                     "FROM customers WHERE deleted_at IS NULL");
  Statement key(db, "INSERT INTO temp.dupe_keys (kind, key, id) VALUES (?, ?, ?)");
  Statement extra(db, "INSERT INTO temp.dupe_extra (id, company, postcode) VALUES (?, ?, ?)");
  std::int64_t customers = 0;
  const auto add = [&](MatchKey kind, const std::optional<std::string>& value, std::int64_t id) {
    if (!value || (blocking & bit(kind)) == 0) return false;
    key.bind_all(static_cast<std::int64_t>(bit(kind)), *value, id).run();
    key.reset();
    return true;
  };
  while (scan.step()) {
    ++customers;
    const auto id = scan.get_int(0);
    const auto email = scan.get_opt_text(1);
    const auto phone = scan.get_opt_text(2);
    bool any =
        add(MatchKey::email, email ? std::optional(canonical_email(*email)) : std::nullopt, id);
    any = add(MatchKey::phone, phone ? phone_key(*phone) : std::nullopt, id) || any;
    any =
        add(MatchKey::name_city,
            name_city_key(scan.get_opt_text(3), scan.get_opt_text(4), scan.get_opt_text(5)), id) ||
        any;
    const auto company = folded(scan.get_opt_text(6));
    const auto postcode = postcode_key(scan.get_opt_text(7));
    if (any && (company || postcode)) {
      extra.bind_all(id, company, postcode).run();
      extra.reset();
    }
  }
  db.exec("CREATE INDEX temp.dupe_keys_block ON dupe_keys (kind, key, id)");
  return customers;
}

MergeRecord read_merge(const Statement& q) {
  return {q.get_int(0),  q.get_int(1),  q.get_int(2),  q.get_int(3),
          q.get_text(4), q.get_text(5), q.get_text(6), q.get_opt_int(7)};
}

constexpr std::string_view merge_columns =
    "id, keep_id, other_id, at, os_user, command, journal_json, undone_at";

std::vector<std::int64_t> ids_of(Statement& q) {
  std::vector<std::int64_t> ids;
  while (q.step()) ids.push_back(q.get_int(0));
  return ids;
}

std::int64_t move_rows(Database& db, std::string_view table, const std::vector<std::int64_t>& ids,
                       domain::CustomerId from, domain::CustomerId to) {
  Statement q(db, std::string("UPDATE ") + std::string(table) +
                      " SET customer_id = ? WHERE id = ? AND customer_id = ?");
  std::int64_t moved = 0;
  for (const auto id : ids) {
    q.bind_all(to, id, from).run();
    moved += db.changes();
    q.reset();
  }
  return moved;
}

} // namespace

std::string canonical_email(std::string_view email) {
  const std::string key = domain::email_key(email);
  const auto at = key.rfind('@');
  if (at == std::string::npos) return key;
  std::string local = key.substr(0, at);
  std::string host = key.substr(at + 1);
  if (const auto plus = local.find('+'); plus != std::string::npos && plus > 0) local.erase(plus);
  if (host == "googlemail.com") host = "gmail.com";
  if (host == "gmail.com") {
    std::string undotted;
    for (const char c : local)
      if (c != '.') undotted += c;
    if (!undotted.empty()) local = undotted;
  }
  return local + "@" + host;
}

std::optional<std::string> phone_key(std::string_view phone) {
  std::string digits = domain::phone_digits(phone);
  if (!digits.empty() && digits[0] == '+') digits.erase(0, 1);
  if (digits.size() < 7) return std::nullopt;
  return digits.substr(digits.size() > 9 ? digits.size() - 9 : 0);
}

std::optional<std::string> name_key(const domain::OptText& first, const domain::OptText& last) {
  const std::string name = util::fold_case(first.value_or("") + " " + last.value_or(""));
  auto tokens = name_tokens(name);
  if (tokens.empty()) return std::nullopt;
  std::vector<char32_t> han;
  bool all_han = true;
  for (const auto& token : tokens) {
    for (const char32_t cp : code_points(token)) {
      all_han = all_han && is_han(cp);
      han.push_back(cp);
    }
  }
  if (all_han) {
    std::sort(han.begin(), han.end());
    std::string key;
    for (const char32_t cp : han) {
      // Re-encode: Han characters take 3 or 4 bytes.
      if (cp >= 0x10000) {
        key += static_cast<char>(0xF0 | (cp >> 18));
        key += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      } else {
        key += static_cast<char>(0xE0 | (cp >> 12));
      }
      key += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      key += static_cast<char>(0x80 | (cp & 0x3F));
    }
    return key;
  }
  std::sort(tokens.begin(), tokens.end());
  return util::join(tokens, " ");
}

std::optional<std::string> city_key(const domain::OptText& city) {
  auto key = folded(city);
  static constexpr std::string_view shi = "\xE5\xB8\x82"; // 市
  if (key && key->size() > shi.size() &&
      key->compare(key->size() - shi.size(), shi.size(), shi) == 0)
    key->resize(key->size() - shi.size());
  return key;
}

std::optional<std::string> name_city_key(const domain::OptText& first, const domain::OptText& last,
                                         const domain::OptText& city) {
  auto name = name_key(first, last);
  auto place = city_key(city);
  if (!name || !place) return std::nullopt;
  return *name + "|" + *place;
}

int dupe_score(MatchSet matched) {
  using W = ScoreWeights;
  int score = 0;
  if ((matched & bit(MatchKey::email)) != 0) score += W::email;
  if ((matched & bit(MatchKey::phone)) != 0) score += W::phone;
  if ((matched & bit(MatchKey::name_city)) != 0) score += W::name_city;
  if (score == 0) return 0; // the bonuses alone say nothing
  if ((matched & bit(MatchKey::company)) != 0) score += W::company;
  if ((matched & bit(MatchKey::postcode)) != 0) score += W::postcode;
  return std::min(score, 100);
}

std::vector<std::string> match_names(MatchSet matched) {
  std::vector<std::string> names;
  const std::pair<MatchKey, const char*> all[] = {{MatchKey::email, "email"},
                                                  {MatchKey::phone, "phone"},
                                                  {MatchKey::name_city, "name+city"},
                                                  {MatchKey::company, "company"},
                                                  {MatchKey::postcode, "postcode"}};
  for (const auto& [key, name] : all)
    if ((matched & bit(key)) != 0) names.emplace_back(name);
  return names;
}

DupeScanSummary scan_duplicates(Database& db, const DupeScanOptions& options,
                                const std::function<void(const DupePair&)>& visit) {
  const int rc = sqlite3_create_function_v2(db.handle(), "crm_dupe_score", 1,
                                            SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr,
                                            sql_dupe_score, nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) db.raise(rc, "registering crm_dupe_score");
  const ScratchTables scratch(db);
  DupeScanSummary summary;
  summary.customers = collect_keys(db, options.blocking);

  const auto max_block = static_cast<std::int64_t>(options.max_block);
  Statement skipped(db, "SELECT kind, key, count(*) FROM temp.dupe_keys GROUP BY kind, key "
                        "HAVING count(*) > ? ORDER BY 3 DESC, 1, 2");
  skipped.bind(1, max_block);
  while (skipped.step())
    summary.skipped.push_back(
        {static_cast<MatchKey>(skipped.get_int(0)), skipped.get_text(1), skipped.get_int(2)});

  // A customer has one key per kind, so the kinds two customers share sum to a bit set.
  Statement pairs(db, R"sql(
    WITH blocks AS (
      SELECT kind, key FROM temp.dupe_keys GROUP BY kind, key HAVING count(*) BETWEEN 2 AND ?1),
    pairs AS (
      SELECT a.id AS first, b.id AS second, sum(a.kind) AS matched
      FROM blocks k
      JOIN temp.dupe_keys a ON a.kind = k.kind AND a.key = k.key
      JOIN temp.dupe_keys b ON b.kind = k.kind AND b.key = k.key AND b.id > a.id
      GROUP BY a.id, b.id),
    scored AS (
      SELECT first, second, matched
        | (CASE WHEN ea.company = eb.company THEN 8 ELSE 0 END)
        | (CASE WHEN ea.postcode = eb.postcode THEN 16 ELSE 0 END) AS matched
      FROM pairs
      LEFT JOIN temp.dupe_extra ea ON ea.id = first
      LEFT JOIN temp.dupe_extra eb ON eb.id = second)
    SELECT first, second, matched, score FROM (
      SELECT first, second, matched, crm_dupe_score(matched) AS score FROM scored)
    WHERE score >= ?2 ORDER BY score DESC, first, second)sql");
  pairs.bind(1, max_block).bind(2, options.min_score);
  while (pairs.step()) {
    ++summary.pairs;
    visit({pairs.get_int(0), pairs.get_int(1), static_cast<MatchSet>(pairs.get_int(2)),
           static_cast<int>(pairs.get_int(3))});
  }
  return summary;
}

std::int64_t MergeRepository::insert(const MergeRecord& r) {
  Statement q(db_, "INSERT INTO merges (keep_id, other_id, at, os_user, command, journal_json, "
                   "undone_at) VALUES (?,?,?,?,?,?,?)");
  q.bind_all(r.keep_id, r.other_id, r.at, r.user, r.command, r.journal_json, r.undone_at).run();
  return db_.last_insert_rowid();
}

std::optional<MergeRecord> MergeRepository::find(std::int64_t id) {
  Statement q(db_, "SELECT " + std::string(merge_columns) + " FROM merges WHERE id = ?");
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  return read_merge(q);
}

std::optional<MergeRecord> MergeRepository::find_live_by_other(domain::CustomerId other) {
  Statement q(db_, "SELECT " + std::string(merge_columns) +
                       " FROM merges WHERE other_id = ? AND undone_at IS NULL "
                       "ORDER BY id DESC LIMIT 1");
  q.bind(1, other);
  if (!q.step()) return std::nullopt;
  return read_merge(q);
}

std::vector<MergeRecord> MergeRepository::list(std::optional<domain::CustomerId> customer) {
  Statement q(db_, "SELECT " + std::string(merge_columns) +
                       " FROM merges WHERE ?1 IS NULL OR keep_id = ?1 OR other_id = ?1 "
                       "ORDER BY id DESC");
  q.bind(1, customer);
  std::vector<MergeRecord> result;
  while (q.step()) result.push_back(read_merge(q));
  return result;
}

void MergeRepository::mark_undone(std::int64_t id, util::Timestamp at) {
  Statement q(db_, "UPDATE merges SET undone_at = ? WHERE id = ?");
  q.bind_all(at, id).run();
}

std::vector<std::int64_t> MergeRepository::interaction_ids(domain::CustomerId customer) {
  Statement q(db_, "SELECT id FROM interactions WHERE customer_id = ? ORDER BY id");
  q.bind(1, customer);
  return ids_of(q);
}

std::vector<std::int64_t> MergeRepository::followup_ids(domain::CustomerId customer) {
  Statement q(db_, "SELECT id FROM followups WHERE customer_id = ? ORDER BY id");
  q.bind(1, customer);
  return ids_of(q);
}

std::int64_t MergeRepository::move_interactions(const std::vector<std::int64_t>& ids,
                                                domain::CustomerId from, domain::CustomerId to) {
  return move_rows(db_, "interactions", ids, from, to);
}

std::int64_t MergeRepository::move_followups(const std::vector<std::int64_t>& ids,
                                             domain::CustomerId from, domain::CustomerId to) {
  return move_rows(db_, "followups", ids, from, to);
}

void MergeRepository::clear_current_consent(domain::CustomerId customer, std::string_view channel) {
  Statement q(db_, "DELETE FROM consents WHERE customer_id = ? AND channel = ?");
  q.bind_all(customer, channel).run();
}

void MergeRepository::add_consent_event(domain::CustomerId customer, const domain::Consent& c) {
  Statement q(db_, "INSERT INTO consent_events (customer_id, channel, state, source, at, "
                   "recorded_at, recorded_by) VALUES (?,?,?,?,?,?,?)");
  q.bind_all(customer, c.channel, c.state, c.source, c.at, c.recorded_at, c.recorded_by).run();
}

void MergeRepository::set_journal(std::int64_t id, std::string_view journal_json) {
  Statement q(db_, "UPDATE merges SET journal_json = ? WHERE id = ?");
  q.bind(1, journal_json).bind(2, id).run();
}

std::optional<MergeRepository::StrayOrder>
MergeRepository::first_order_not_of(const std::vector<std::int64_t>& orders,
                                    domain::CustomerId customer) {
  auto& q = db_.cached("SELECT customer_id FROM orders WHERE id = ?");
  for (const auto id : orders) {
    q.bind(1, id);
    const std::optional<domain::CustomerId> owner =
        q.step() ? std::optional(q.get_int(0)) : std::nullopt;
    q.reset();
    if (owner != customer) return StrayOrder{id, owner};
  }
  return std::nullopt;
}

std::int64_t MergeRepository::last_audit_id() {
  Statement q(db_, "SELECT coalesce(max(id), 0) FROM audit_log");
  q.step();
  return q.get_int(0);
}

std::optional<MergeRepository::AuditRef> MergeRepository::first_audit_after(std::int64_t after_id,
                                                                            domain::CustomerId a,
                                                                            domain::CustomerId b) {
  // Two index range scans on audit_log (customer_id, id); the earlier entry wins.
  Statement q(db_, "SELECT id, customer_id, action, command FROM audit_log "
                   "WHERE customer_id IN (?2, ?3) AND id > ?1 ORDER BY id LIMIT 1");
  q.bind_all(after_id, a, b);
  if (!q.step()) return std::nullopt;
  return AuditRef{q.get_int(0), q.get_int(1), q.get_text(2), q.get_text(3)};
}

} // namespace crm::store
