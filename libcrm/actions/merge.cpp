#include "actions/merge.hpp"

#include <algorithm>
#include <array>
#include <map>

#include <fmt/format.h>

#include "actions/customer.hpp"
#include "store/customers.hpp"
#include "store/merges.hpp"
#include "store/orders.hpp"
#include "store/timeline.hpp"
#include "util/error.hpp"
#include "util/strings.hpp"

namespace crm::actions {

namespace {

using domain::Customer;
using store::MatchKey;

constexpr std::array<std::string_view, 4> channels = {"email", "phone", "postal", "sms"};

// --- dupes ---

store::MatchSet parse_by(const std::vector<std::string>& by) {
  const std::vector<std::string> names = {"email", "phone", "name+city"};
  store::MatchSet set = 0;
  for (const auto& item : by) {
    for (const auto& part : util::split(item, ',')) {
      const std::string name = util::to_lower_ascii(util::trim(part));
      if (name == "email")
        set |= static_cast<store::MatchSet>(MatchKey::email);
      else if (name == "phone")
        set |= static_cast<store::MatchSet>(MatchKey::phone);
      else if (name == "name+city" || name == "name")
        set |= static_cast<store::MatchSet>(MatchKey::name_city);
      else {
        std::string message = fmt::format("--by: unknown key '{}'", name);
        if (auto near = util::nearest(name, names))
          message += fmt::format(" (did you mean '{}'?)", *near);
        throw util::UsageError(message + "; use email, phone, name+city");
      }
    }
  }
  if (set == 0) throw util::UsageError("--by: give at least one of email, phone, name+city");
  return set;
}

std::string_view key_name(MatchKey key) {
  return key == MatchKey::email ? "email" : key == MatchKey::phone ? "phone" : "name+city";
}

util::Json or_null(const domain::OptText& text) { return text ? util::Json(*text) : util::Json(); }

// --- merge ---

enum class Prefer { keep, other, newest };

Prefer parse_prefer(std::string_view text) {
  const std::string value = util::to_lower_ascii(util::trim(text));
  if (value == "keep") return Prefer::keep;
  if (value == "other") return Prefer::other;
  if (value == "newest") return Prefer::newest;
  throw util::UsageError(
      fmt::format("--prefer: invalid value '{}': use keep, other or newest", text));
}

// KEEP's fields after taking OTHER's: an empty field takes OTHER's value; when both are set
// and differ, OTHER's wins only if it is preferred. Tags: the union. Attributes: the union,
// a key in both as for fields.
Customer merged_fields(const Customer& keep, const Customer& other, bool other_wins) {
  Customer after = keep;
  for (const auto& name : domain::text_field_names()) {
    auto& mine = *domain::text_field(after, name);
    const auto& theirs = *domain::text_field(other, name);
    if (theirs && (!mine || other_wins)) mine = theirs;
  }
  if (other_wins) after.status = other.status;
  after.tags.insert(after.tags.end(), other.tags.begin(), other.tags.end());
  std::sort(after.tags.begin(), after.tags.end());
  after.tags.erase(std::unique(after.tags.begin(), after.tags.end()), after.tags.end());
  std::map<std::string, std::string> attributes(keep.attributes.begin(), keep.attributes.end());
  for (const auto& [key, value] : other.attributes) {
    if (other_wins || attributes.count(key) == 0) attributes[key] = value;
  }
  after.attributes.assign(attributes.begin(), attributes.end());
  return after;
}

int strictness(const std::optional<std::string>& state) {
  if (!state) return 0;
  return *state == "opt-out" ? 3 : *state == "opt-in" ? 2 : 1;
}

std::optional<std::string> state_of(const std::vector<domain::Consent>& consents,
                                    std::string_view channel) {
  for (const auto& c : consents)
    if (c.channel == channel) return c.state;
  return std::nullopt;
}

util::Timestamp latest_at(const std::vector<domain::Consent>& consents, std::string_view channel,
                          util::Timestamp now) {
  for (const auto& c : consents)
    if (c.channel == channel) return std::max(now, c.at);
  return now;
}

util::Json consents_json(const std::vector<domain::Consent>& consents) {
  util::Json array = util::Json::array();
  for (const auto& c : consents)
    array.push_back(util::Json::object()
                        .set("channel", c.channel)
                        .set("state", c.state)
                        .set("source", c.source)
                        .set("at", c.at)
                        .set("recorded_at", c.recorded_at)
                        .set("recorded_by", c.recorded_by));
  return array;
}

std::vector<domain::Consent> consents_from_json(const util::Json& json) {
  std::vector<domain::Consent> result;
  for (const auto& c : json.as_array())
    result.push_back({c.find("channel")->as_string(), c.find("state")->as_string(),
                      c.find("source")->as_string(), c.find("at")->as_int(),
                      c.find("recorded_at")->as_int(), c.find("recorded_by")->as_string()});
  return result;
}

util::Json ids_json(const std::vector<std::int64_t>& ids) {
  util::Json array = util::Json::array();
  for (const auto id : ids) array.push_back(id);
  return array;
}

std::vector<std::int64_t> ids_from_json(const util::Json& json) {
  std::vector<std::int64_t> ids;
  for (const auto& id : json.as_array()) ids.push_back(id.as_int());
  return ids;
}

// The inverse of customer_json (for the journal's before-states).
Customer customer_from_json(const util::Json& json) {
  const auto time = [](const util::Json* value) {
    return util::parse_time(value->as_string(), 0, "UTC");
  };
  Customer c;
  c.id = json.find("id")->as_int();
  for (const auto& name : domain::text_field_names()) {
    const auto* value = json.find(name);
    *domain::text_field(c, name) =
        value == nullptr || value->is_null() ? std::nullopt : std::optional(value->as_string());
  }
  c.status = json.find("status")->as_string();
  for (const auto& tag : json.find("tags")->as_array()) c.tags.push_back(tag.as_string());
  for (const auto& [key, value] : json.find("attributes")->as_object())
    c.attributes.emplace_back(key, value.as_string());
  c.created_at = time(json.find("created_at"));
  c.updated_at = time(json.find("updated_at"));
  if (const auto* deleted = json.find("deleted_at"); deleted != nullptr && !deleted->is_null())
    c.deleted_at = time(deleted);
  return c;
}

void require_live(store::MergeRepository& merges, const Customer& c) {
  if (!c.deleted_at) return;
  if (const auto merge = merges.find_live_by_other(c.id))
    throw util::ConflictError(
        fmt::format("customer {} was already merged into customer {} (merge {})", c.id,
                    merge->keep_id, merge->id));
  throw util::ConflictError(
      fmt::format("customer {} is deleted: run 'crm customer restore {}' first", c.id, c.id));
}

domain::Consent consent_record(Context& ctx, std::string_view channel, std::string state,
                               std::string source, util::Timestamp at) {
  return {std::string(channel), std::move(state), std::move(source), at,
          util::system_now(),   ctx.user()};
}

// Records KEEP's consent changes of a merge: the stricter state of the two per channel.
std::vector<ConsentChange> merge_consent(Context& ctx, const Customer& keep,
                                         const Customer& other) {
  store::ConsentRepository repo(ctx.db());
  const auto mine = repo.current(keep.id);
  const auto theirs = repo.current(other.id);
  std::vector<ConsentChange> changes;
  for (const auto channel : channels) {
    const auto before = state_of(mine, channel);
    const auto candidate = state_of(theirs, channel);
    if (strictness(candidate) <= strictness(before)) continue;
    changes.push_back({std::string(channel), before, candidate});
    repo.record(keep.id, consent_record(ctx, channel, *candidate,
                                        fmt::format("merge of customer {}", other.id),
                                        latest_at(mine, channel, ctx.now())));
  }
  return changes;
}

// Version 1 journals written before orders existed have no "orders": nothing to move back.
util::Json journal_json(const MergeResult& r, const std::vector<domain::Consent>& keep_consent,
                        const std::vector<domain::Consent>& other_consent, Prefer prefer,
                        std::int64_t audit_id) {
  const char* prefer_name = prefer == Prefer::keep    ? "keep"
                            : prefer == Prefer::other ? "other"
                                                      : "newest";
  return util::Json::object()
      .set("version", 1)
      .set("prefer", prefer_name)
      .set("keep", customer_json(r.keep_before))
      .set("keep_consent", consents_json(keep_consent))
      .set("other", customer_json(r.other_before))
      .set("other_consent", consents_json(other_consent))
      .set("interactions", ids_json(r.interactions))
      .set("followups", ids_json(r.followups))
      .set("orders", ids_json(r.orders))
      .set("audit_id", audit_id);
}

util::Json merge_summary(const MergeResult& r) {
  util::Json consent = util::Json::array();
  for (const auto& c : r.consent)
    consent.push_back(util::Json::object()
                          .set("channel", c.channel)
                          .set("before", c.before ? util::Json(*c.before) : util::Json())
                          .set("after", c.after ? util::Json(*c.after) : util::Json()));
  util::Json changed = util::Json::array();
  for (const auto& field : r.changed) changed.push_back(field);
  return util::Json::object()
      .set("merge_id", r.merge_id != 0 ? util::Json(r.merge_id) : util::Json())
      .set("keep_id", r.keep_before.id)
      .set("other_id", r.other_before.id)
      .set("changed", std::move(changed))
      .set("consent", std::move(consent))
      .set("interactions", ids_json(r.interactions))
      .set("followups", ids_json(r.followups))
      .set("orders", ids_json(r.orders));
}

// Unmerge: KEEP's consent back to the journalled states.
std::vector<ConsentChange> restore_consent(Context& ctx, std::int64_t merge_id,
                                           domain::CustomerId keep,
                                           const std::vector<domain::Consent>& before) {
  store::ConsentRepository repo(ctx.db());
  store::MergeRepository merges(ctx.db());
  const auto now = repo.current(keep);
  const std::string source = fmt::format("unmerge of merge {}", merge_id);
  std::vector<ConsentChange> changes;
  for (const auto channel : channels) {
    const auto was = state_of(before, channel);
    const auto is = state_of(now, channel);
    if (was == is) continue;
    changes.push_back({std::string(channel), is, was});
    const auto at = latest_at(now, channel, ctx.now());
    if (was) {
      repo.record(keep, consent_record(ctx, channel, *was, source, at));
    } else { // none was recorded: remove the current state, say so in the history
      merges.clear_current_consent(keep, channel);
      merges.add_consent_event(keep, consent_record(ctx, channel, "unknown", source, at));
    }
  }
  return changes;
}

void check_unchanged(store::MergeRepository& merges, const store::MergeRecord& merge,
                     std::int64_t audit_id) {
  const auto later = merges.first_audit_after(audit_id, merge.keep_id, merge.other_id);
  if (!later) return;
  throw util::ConflictError(fmt::format(
      "cannot unmerge {}: customer {} was changed after the merge ({}, audit entry {}){}", merge.id,
      later->customer_id, later->action, later->id,
      later->action == "merge"
          ? ": unmerge the later merge first"
          : fmt::format(": see crm db audit --customer {}", later->customer_id)));
}

} // namespace

DupesSummary find_dupes(Context& ctx, const FindDupes& input,
                        const std::function<void(util::Json)>& visit) {
  store::DupeScanOptions options;
  options.blocking = parse_by(input.by);
  if (input.min_score < 0 || input.min_score > 100)
    throw util::UsageError(
        fmt::format("--min-score: {} is out of range: use 0 to 100", input.min_score));
  if (input.max_block < 2)
    throw util::UsageError(
        fmt::format("--max-block: {} is too small: use 2 or more", input.max_block));
  options.min_score = input.min_score;
  options.max_block = static_cast<std::size_t>(input.max_block);
  store::CustomerRepository customers(ctx.db());
  const auto scan = store::scan_duplicates(ctx.db(), options, [&](const store::DupePair& pair) {
    const auto keep = customers.find(pair.first);
    const auto other = customers.find(pair.second);
    util::Json keys = util::Json::array();
    for (const auto& name : store::match_names(pair.matched)) keys.push_back(name);
    visit(util::Json::object()
              .set("keep_id", pair.first)
              .set("other_id", pair.second)
              .set("score", pair.score)
              .set("keys", std::move(keys))
              .set("keep_name", domain::display_name(*keep))
              .set("keep_email", or_null(keep->email))
              .set("other_name", domain::display_name(*other))
              .set("other_email", or_null(other->email)));
  });
  DupesSummary summary{
      scan.customers, scan.pairs, static_cast<std::int64_t>(scan.skipped.size()), {}};
  for (std::size_t i = 0; i < scan.skipped.size() && i < 3; ++i) {
    const auto& block = scan.skipped[i];
    summary.skipped_examples.push_back(
        fmt::format("{} '{}' ({} customers)", key_name(block.key), block.value, block.size));
  }
  return summary;
}

MergeResult merge_customers(Context& ctx, const MergeCustomers& input) {
  const Prefer prefer = parse_prefer(input.prefer);
  const Customer keep = resolve_customer(ctx, input.keep);
  const Customer other = resolve_customer(ctx, input.other);
  if (keep.id == other.id)
    throw util::ConflictError(
        fmt::format("KEEP and OTHER are the same customer ({}): nothing to merge", keep.id));
  store::MergeRepository merges(ctx.db());
  require_live(merges, keep);
  require_live(merges, other);

  const bool other_wins =
      prefer == Prefer::other || (prefer == Prefer::newest && other.updated_at > keep.updated_at);
  MergeResult r;
  r.keep_before = keep;
  r.other_before = other;
  r.keep_after = merged_fields(keep, other, other_wins);
  r.changed = changed_fields(keep, r.keep_after);
  r.keep_after.updated_at = ctx.now();
  r.other_after = other;
  r.other_after.deleted_at = r.other_after.updated_at = ctx.now();
  if (other.external_id && r.keep_after.external_id == other.external_id)
    r.other_after.external_id.reset(); // it moved to KEEP (unique among all customers)
  r.interactions = merges.interaction_ids(other.id);
  r.followups = merges.followup_ids(other.id);
  store::OrderRepository orders(ctx.db());
  r.orders = orders.order_ids(other.id);

  // Rolled back in a dry run: running every write checks what a real merge would meet.
  store::Transaction transaction(ctx.db());
  store::ConsentRepository consents(ctx.db());
  const auto keep_consent = consents.current(keep.id);
  const auto other_consent = consents.current(other.id);
  store::CustomerRepository repo(ctx.db());
  repo.update(r.other_after); // first: frees OTHER's email for KEEP (unique among live)
  repo.update(r.keep_after);
  r.consent = merge_consent(ctx, keep, other);
  merges.move_interactions(r.interactions, other.id, keep.id);
  merges.move_followups(r.followups, other.id, keep.id);
  orders.move(r.orders, keep.id); // refreshes both customers' metrics
  store::MergeRecord record;
  record.keep_id = keep.id;
  record.other_id = other.id;
  record.at = ctx.now();
  record.user = ctx.user();
  record.command = ctx.command_line();
  record.journal_json = "{}";
  r.merge_id = merges.insert(record);
  audit(ctx, "customer", other.id, "merge", customer_json(other), customer_json(r.other_after));
  audit(ctx, "customer", keep.id, "merge", customer_json(keep), customer_json(r.keep_after));
  audit(ctx, "merge", r.merge_id, "create", std::nullopt, merge_summary(r), keep.id);
  merges.set_journal(
      r.merge_id,
      journal_json(r, keep_consent, other_consent, prefer, merges.last_audit_id()).dump());
  if (input.dry_run)
    r.merge_id = 0;
  else
    transaction.commit();
  return r;
}

MergeResult unmerge(Context& ctx, std::int64_t merge_id, bool dry_run) {
  store::MergeRepository merges(ctx.db());
  const auto merge = merges.find(merge_id);
  if (!merge)
    throw util::NotFoundError(
        fmt::format("no merge with id {} (crm customer merges lists them)", merge_id));
  if (merge->undone_at)
    throw util::ConflictError(fmt::format("merge {} was already undone at {}", merge_id,
                                          util::format_iso_utc(*merge->undone_at)));
  store::CustomerRepository repo(ctx.db());
  const auto keep = repo.find(merge->keep_id);
  const auto other = repo.find(merge->other_id);
  for (const auto& [id, found] : {std::pair(merge->keep_id, keep.has_value()),
                                  std::pair(merge->other_id, other.has_value())}) {
    if (!found)
      throw util::ConflictError(
          fmt::format("cannot unmerge {}: customer {} was purged since the merge", merge_id, id));
  }
  const util::Json journal = util::Json::parse(merge->journal_json);
  if (const auto* erased = journal.find("erased"))
    throw util::ConflictError(fmt::format("cannot unmerge {}: its journal was erased when a "
                                          "customer of it was {}",
                                          merge_id,
                                          erased->to_text() == "purge" ? "purged" : "forgotten"));
  check_unchanged(merges, *merge, journal.find("audit_id")->as_int());

  MergeResult r;
  r.merge_id = merge_id;
  r.keep_before = *keep;
  r.other_before = *other;
  r.keep_after = customer_from_json(*journal.find("keep"));
  r.keep_after.updated_at = ctx.now();
  r.other_after = customer_from_json(*journal.find("other"));
  r.other_after.updated_at = ctx.now();
  r.changed = changed_fields(r.keep_before, r.keep_after);
  r.interactions = ids_from_json(*journal.find("interactions"));
  r.followups = ids_from_json(*journal.find("followups"));
  const auto* journalled_orders = journal.find("orders"); // none in journals before orders
  if (journalled_orders != nullptr) r.orders = ids_from_json(*journalled_orders);
  if (const auto stray = merges.first_order_not_of(r.orders, keep->id))
    throw util::ConflictError(
        stray->owner ? fmt::format("cannot unmerge {}: order {} now belongs to customer {}",
                                   merge_id, stray->order, *stray->owner)
                     : fmt::format("cannot unmerge {}: order {} was deleted since the merge",
                                   merge_id, stray->order));

  store::Transaction transaction(ctx.db());
  repo.update(r.keep_after); // first: gives back what KEEP took (email, external id)
  try {
    repo.update(r.other_after);
  } catch (const util::ConflictError& e) {
    throw util::ConflictError(fmt::format("cannot unmerge {}: {}", merge_id, e.what()));
  }
  r.consent =
      restore_consent(ctx, merge_id, keep->id, consents_from_json(*journal.find("keep_consent")));
  merges.move_interactions(r.interactions, keep->id, other->id);
  merges.move_followups(r.followups, keep->id, other->id);
  store::OrderRepository(ctx.db()).move(r.orders, other->id); // refreshes both metrics
  merges.mark_undone(merge_id, ctx.now());
  audit(ctx, "customer", keep->id, "unmerge", customer_json(r.keep_before),
        customer_json(r.keep_after));
  audit(ctx, "customer", other->id, "unmerge", customer_json(r.other_before),
        customer_json(r.other_after));
  audit(ctx, "merge", merge_id, "undo", std::nullopt, merge_summary(r), keep->id);
  if (!dry_run) transaction.commit();
  return r;
}

util::Json merge_result_json(const MergeResult& r) {
  util::Json json = merge_summary(r);
  json.set("keep_before", customer_json(r.keep_before));
  json.set("keep_after", customer_json(r.keep_after));
  return json;
}

std::vector<util::Json> list_merges(Context& ctx, const std::optional<std::string>& customer) {
  std::optional<domain::CustomerId> id;
  if (customer) {
    const auto number = util::parse_int(util::trim(*customer)); // a purged id still finds it
    id = number ? *number : resolve_customer(ctx, *customer).id;
  }
  std::vector<util::Json> rows;
  for (const auto& m : store::MergeRepository(ctx.db()).list(id)) {
    const util::Json journal = util::Json::parse(m.journal_json);
    const auto count = [&journal](std::string_view key) {
      const auto* ids = journal.find(key);
      return ids != nullptr && ids->is_array()
                 ? util::Json(static_cast<std::int64_t>(ids->as_array().size()))
                 : util::Json();
    };
    rows.push_back(util::Json::object()
                       .set("id", m.id)
                       .set("at", ctx.time_json(m.at))
                       .set("keep_id", m.keep_id)
                       .set("other_id", m.other_id)
                       .set("user", m.user)
                       .set("interactions", count("interactions"))
                       .set("followups", count("followups"))
                       .set("orders", count("orders"))
                       .set("undone_at", ctx.time_json(m.undone_at))
                       .set("command", m.command));
  }
  return rows;
}

} // namespace crm::actions
