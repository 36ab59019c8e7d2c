#include "actions/timeline.hpp"

#include <fmt/format.h>

#include "actions/customer.hpp"
#include "domain/validate.hpp"
#include "store/audit.hpp"
#include "store/timeline.hpp"
#include "util/error.hpp"
#include "util/strings.hpp"

namespace crm::actions {

namespace {

util::Json parse_or_null(const std::optional<std::string>& text) {
  return text ? util::Json::parse(*text) : util::Json();
}

util::Timestamp time_option(const Context& ctx, const std::optional<std::string>& text,
                            std::string_view option) {
  return text ? ctx.parse_time_option(option, *text) : ctx.now();
}

} // namespace

util::Json set_consent(Context& ctx, std::string_view ref, const SetConsent& input) {
  domain::Consent consent;
  consent.channel = domain::normalize_channel(input.channel);
  consent.state = domain::normalize_consent_state(input.state);
  consent.source = domain::normalize_text(input.source, "--source");
  consent.at = time_option(ctx, input.at, "--at");
  consent.recorded_at = util::system_now();
  consent.recorded_by = ctx.user();
  const auto customer = resolve_live_customer(ctx, ref);
  util::Json json = util::Json::object()
                        .set("customer_id", customer.id)
                        .set("channel", consent.channel)
                        .set("state", consent.state)
                        .set("source", consent.source)
                        .set("at", ctx.time_json(consent.at));
  if (input.dry_run) return json;
  store::Transaction transaction(ctx.db());
  store::ConsentRepository(ctx.db()).record(customer.id, consent);
  audit(ctx, "customer", customer.id, "consent", std::nullopt, json);
  transaction.commit();
  return json;
}

util::Json add_note(Context& ctx, std::string_view ref, const AddNote& input) {
  domain::Interaction note;
  note.kind = domain::normalize_interaction_kind(input.kind);
  if (input.channel) note.channel = domain::normalize_text(*input.channel, "--channel");
  if (input.direction) note.direction = domain::normalize_direction(*input.direction);
  note.author = input.author ? domain::normalize_text(*input.author, "--by") : ctx.user();
  note.text = domain::normalize_text(input.text, "--text");
  note.at = time_option(ctx, input.at, "--at");
  note.customer_id = resolve_live_customer(ctx, ref).id;
  if (input.dry_run) return interaction_json(ctx, note);
  store::Transaction transaction(ctx.db());
  note.id = store::InteractionRepository(ctx.db()).insert(note);
  audit(ctx, "interaction", note.id, "create", std::nullopt, interaction_json(ctx, note),
        note.customer_id);
  transaction.commit();
  return interaction_json(ctx, note);
}

std::vector<util::Json> customer_history(Context& ctx, std::string_view ref,
                                         std::optional<std::string> kind,
                                         std::optional<std::int64_t> limit) {
  if (kind) kind = domain::normalize_interaction_kind(*kind);
  const auto customer = resolve_customer(ctx, ref);
  std::vector<util::Json> result;
  for (const auto& i :
       store::InteractionRepository(ctx.db()).for_customer(customer.id, kind, limit))
    result.push_back(interaction_json(ctx, i));
  return result;
}

util::Json add_followup(Context& ctx, std::string_view ref, const AddFollowup& input) {
  domain::Followup f;
  try {
    f.due = ctx.parse_date(input.due);
  } catch (const util::UsageError& e) {
    throw util::UsageError(fmt::format("--due: {}", e.what()));
  }
  f.owner = input.owner ? domain::normalize_text(*input.owner, "--owner") : ctx.user();
  f.text = domain::normalize_text(input.text, "--text");
  f.created_at = ctx.now();
  f.customer_id = resolve_live_customer(ctx, ref).id;
  if (input.dry_run) return followup_json(ctx, f);
  store::Transaction transaction(ctx.db());
  f.id = store::FollowupRepository(ctx.db()).insert(f);
  audit(ctx, "followup", f.id, "create", std::nullopt, followup_json(ctx, f), f.customer_id);
  transaction.commit();
  return followup_json(ctx, f);
}

std::vector<util::Json> list_followups(Context& ctx, const ListFollowups& input) {
  store::FollowupQuery query;
  query.owner = input.owner;
  query.include_done = input.include_done;
  if (input.customer) query.customer = resolve_customer(ctx, *input.customer).id;
  if (input.due) {
    const std::string due = util::to_lower_ascii(util::trim(*input.due));
    const std::string today = ctx.today();
    if (due == "today") {
      query.due_to = today; // what is to be done today: due today, or overdue
    } else if (due == "overdue") {
      query.due_to = util::parse_date("-1d", ctx.now(), ctx.timezone());
    } else {
      try {
        query.due_to = ctx.parse_date(due);
      } catch (const util::UsageError& e) {
        throw util::UsageError(fmt::format("--due: {} (or overdue)", e.what()));
      }
    }
  }
  std::vector<util::Json> result;
  for (const auto& f : store::FollowupRepository(ctx.db()).list(query))
    result.push_back(followup_json(ctx, f));
  return result;
}

util::Json complete_followup(Context& ctx, std::int64_t id, bool dry_run) {
  store::FollowupRepository repo(ctx.db());
  auto f = repo.find(id);
  if (!f) throw util::NotFoundError(fmt::format("no follow-up with id {}", id));
  if (f->done_at) throw util::ConflictError(fmt::format("follow-up {} is already done", id));
  const auto before = followup_json(ctx, *f);
  f->done_at = ctx.now();
  if (dry_run) return followup_json(ctx, *f);
  store::Transaction transaction(ctx.db());
  repo.mark_done(id, *f->done_at);
  audit(ctx, "followup", id, "done", before, followup_json(ctx, *f), f->customer_id);
  transaction.commit();
  return followup_json(ctx, *f);
}

std::vector<util::Json> list_audit(Context& ctx, const ListAudit& input) {
  store::AuditQuery query;
  query.limit = input.limit;
  if (input.customer) {
    // A purged customer's id still finds what the log keeps about it.
    const auto id = util::parse_int(util::trim(*input.customer));
    query.customer_id = id ? *id : resolve_customer(ctx, *input.customer).id;
  }
  if (input.since) query.since = time_option(ctx, input.since, "--since");
  std::vector<util::Json> result;
  for (const auto& e : store::AuditRepository(ctx.db()).list(query)) {
    result.push_back(
        util::Json::object()
            .set("id", e.id)
            .set("at", ctx.time_json(e.at))
            .set("user", e.user)
            .set("entity", e.entity)
            .set("entity_id", e.entity_id ? util::Json(*e.entity_id) : util::Json())
            .set("customer_id", e.customer_id ? util::Json(*e.customer_id) : util::Json())
            .set("action", e.action)
            .set("command", e.command)
            .set("before", parse_or_null(e.before_json))
            .set("after", parse_or_null(e.after_json)));
  }
  return result;
}

} // namespace crm::actions
