#include "actions/privacy.hpp"

#include "util/file.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <unistd.h>

#include <fmt/format.h>

#include "actions/customer.hpp"
#include "actions/order.hpp"
#include "actions/timeline.hpp"
#include "domain/validate.hpp"
#include "store/audit.hpp"
#include "store/customers.hpp"
#include "store/timeline.hpp"
#include "util/error.hpp"

namespace crm::actions {

namespace {

using domain::Customer;

util::Json json_or_null(const std::optional<std::string>& text) {
  return text ? util::Json::parse(*text) : util::Json();
}

std::optional<std::string> email_key_of(const Customer& c) {
  if (!c.email) return std::nullopt;
  return domain::email_key(*c.email);
}

std::string phone_key_of(const Customer& c) { return domain::phone_digits(c.phone.value_or("")); }

util::Json imports_json(const Context& ctx, const std::vector<store::ImportTrace>& traces) {
  util::Json array = util::Json::array();
  for (const auto& t : traces) {
    array.push_back(util::Json::object()
                        .set("batch_id", t.batch_id)
                        .set("role", t.role)
                        .set("file", t.file)
                        .set("mode", t.mode)
                        .set("at", ctx.time_json(t.at))
                        .set("user", t.user)
                        .set("before", json_or_null(t.before_json))
                        .set("undone_at", ctx.time_json(t.undone_at)));
  }
  return array;
}

util::Json merges_json(const Context& ctx, const std::vector<store::MergeTrace>& traces,
                       domain::CustomerId id) {
  util::Json array = util::Json::array();
  for (const auto& t : traces) {
    array.push_back(util::Json::object()
                        .set("merge_id", t.id)
                        .set("role", t.keep_id == id ? "kept" : "merged")
                        .set("keep_id", t.keep_id)
                        .set("other_id", t.other_id)
                        .set("at", ctx.time_json(t.at))
                        .set("user", t.user)
                        .set("journal", util::Json::parse(t.journal_json))
                        .set("undone_at", ctx.time_json(t.undone_at)));
  }
  return array;
}

// The customer's orders, oldest first, each with its items and its events (timeline).
util::Json orders_json(Context& ctx, domain::CustomerId id) {
  store::OrderRepository repo(ctx.db());
  util::Json array = util::Json::array();
  for (const auto order_id : repo.order_ids(id)) {
    const auto order = repo.find(order_id);
    if (!order) continue;
    util::Json events = util::Json::array();
    for (const auto& event : repo.events(order_id))
      events.push_back(order_event_json(ctx, *order, event));
    util::Json json = order_json(ctx, *order);
    json.set("events", std::move(events));
    array.push_back(std::move(json));
  }
  return array;
}

// Whether the customer's own email and phone are suppressed (a forgotten one has neither).
util::Json suppressions_json(Context& ctx, const Customer& c) {
  store::SuppressionRepository repo(ctx.db());
  util::Json array = util::Json::array();
  const auto add = [&](std::string_view channel, const std::string& key) {
    if (auto s = repo.find(channel, key)) {
      array.push_back(util::Json::object()
                          .set("channel", s->channel)
                          .set("reason", s->reason)
                          .set("at", ctx.time_json(s->at)));
    }
  };
  add("email", email_key_of(c).value_or(""));
  add("phone", phone_key_of(c));
  return array;
}

// The audit entry of a forget: the summary alone, and a command line without the REF given
// (it may be the address that was just erased).
void audit_forget(Context& ctx, const ForgetResult& result) {
  store::AuditEntry entry;
  entry.at = util::system_now();
  entry.user = ctx.user();
  entry.command = fmt::format("crm customer forget {}", result.after.id);
  entry.entity = "customer";
  entry.entity_id = entry.customer_id = result.after.id;
  entry.action = "forget";
  entry.after_json = forget_json(ctx, result).dump();
  store::AuditRepository(ctx.db()).record(entry);
}

} // namespace

const std::vector<std::string>& personal_field_names() {
  static const std::vector<std::string> names = {
      "external_id", "email",         "phone",         "fax",      "first_name", "last_name",
      "company",     "address_line1", "address_line2", "postcode", "city",       "region"};
  return names;
}

util::Json export_personal_data(Context& ctx, std::string_view ref, std::string_view generator) {
  const Customer c = resolve_customer(ctx, ref);
  const std::string id = std::to_string(c.id);
  const util::Json shown = show_customer(ctx, id);
  util::Json customer = customer_json(c);
  customer.set("forgotten_at", ctx.time_json(c.forgotten_at));

  util::Json interactions = util::Json::array();
  for (const auto& i : store::InteractionRepository(ctx.db()).for_customer(c.id, {}, {}))
    interactions.push_back(interaction_json(ctx, i));
  store::PersonalDataRepository personal(ctx.db());
  util::Json followups = util::Json::array();
  for (const auto& f : personal.followups(c.id)) followups.push_back(followup_json(ctx, f));
  util::Json audit_log = util::Json::array();
  for (auto& entry : list_audit(ctx, ListAudit{id, std::nullopt, std::nullopt}))
    audit_log.push_back(std::move(entry));

  return util::Json::object()
      .set("export_version", 1)
      .set("exported_at", ctx.time_json(ctx.now()))
      .set("generator", generator)
      .set("customer", std::move(customer))
      .set("consent", *shown.find("consent"))
      .set("consent_history", *shown.find("consent_history"))
      .set("interactions", std::move(interactions))
      .set("followups", std::move(followups))
      .set("orders", orders_json(ctx, c.id))
      .set("imports", imports_json(ctx, personal.imports(c.id)))
      .set("merges", merges_json(ctx, personal.merges(c.id), c.id))
      .set("suppressions", suppressions_json(ctx, c))
      .set("audit_log", std::move(audit_log));
}

void write_private_file(const std::filesystem::path& target, std::string_view content, bool force) {
  util::AtomicFile file(target, force);
  file.stream().write(content.data(), static_cast<std::streamsize>(content.size()));
  file.commit();
}

namespace {

// The customer with its personal fields and attributes blanked, deleted and forgotten now.
ForgetResult blanked(const Context& ctx, const Customer& before) {
  ForgetResult result;
  result.before = before;
  Customer& after = result.after = before;
  for (const auto& name : personal_field_names()) {
    auto& value = *domain::text_field(after, name);
    if (value) result.erased_fields.push_back(name);
    value.reset();
  }
  result.attributes = after.attributes.size();
  after.attributes.clear();
  after.updated_at = ctx.now();
  if (!after.deleted_at) after.deleted_at = ctx.now();
  after.forgotten_at = ctx.now();
  return result;
}

void check_forgettable(Context& ctx, const Customer& c, const std::vector<Customer>& all) {
  if (c.forgotten_at)
    throw util::ConflictError(fmt::format("customer {} is already forgotten (since {})", c.id,
                                          util::format_iso_utc(*c.forgotten_at)));
  const auto key = email_key_of(c);
  if (!key) return;
  const auto other = store::PersonalDataRepository(ctx.db()).other_with_email(c.id, *key);
  const auto listed = [&](domain::CustomerId id) {
    return std::any_of(all.begin(), all.end(), [id](const Customer& x) { return x.id == id; });
  };
  if (other && !listed(*other))
    throw util::ConflictError(fmt::format(
        "customer {} has the same email as customer {}: forget both at once (crm customer "
        "forget {} {}), or merge them first",
        *other, c.id, c.id, *other));
}

} // namespace

std::vector<ForgetResult> forget_customers(Context& ctx, const std::vector<std::string>& refs,
                                           bool dry_run) {
  std::vector<Customer> customers;
  for (const auto& ref : refs) {
    Customer c = resolve_customer(ctx, ref);
    const bool seen = std::any_of(customers.begin(), customers.end(),
                                  [&c](const Customer& x) { return x.id == c.id; });
    if (!seen) customers.push_back(std::move(c));
  }
  for (const auto& c : customers) check_forgettable(ctx, c, customers);

  std::vector<ForgetResult> results;
  store::Transaction transaction(ctx.db());
  store::SuppressionRepository suppressions(ctx.db());
  store::PersonalDataRepository personal(ctx.db());
  for (const auto& before : customers) {
    auto& result = results.emplace_back(blanked(ctx, before));
    const auto email_key = email_key_of(before);
    if (email_key) {
      suppressions.add("email", *email_key, "forgotten", ctx.now());
      result.suppressed.emplace_back("email");
    }
    if (const auto phone = phone_key_of(before); !phone.empty()) {
      suppressions.add("phone", phone, "forgotten", ctx.now());
      result.suppressed.emplace_back("phone");
    }
    store::CustomerRepository(ctx.db()).update(result.after);
    result.erased = personal.forget(before.id, email_key, ctx.now());
    audit_forget(ctx, result);
  }
  if (dry_run) return results; // rolled back
  transaction.commit();
  personal.flush_erased();
  return results;
}

util::Json forget_json(const Context& ctx, const ForgetResult& result) {
  util::Json fields = util::Json::array();
  for (const auto& name : result.erased_fields) fields.push_back(name);
  util::Json suppressed = util::Json::array();
  for (const auto& channel : result.suppressed) suppressed.push_back(channel);
  const auto& e = result.erased;
  return util::Json::object()
      .set("id", result.after.id)
      .set("forgotten_at", ctx.time_json(result.after.forgotten_at))
      .set("erased_fields", std::move(fields))
      .set("attributes", static_cast<std::int64_t>(result.attributes))
      .set("consent_records", e.consent_records)
      .set("interactions", e.interactions)
      .set("followups", e.followups)
      .set("audit_entries", e.audit_entries)
      .set("import_records", e.import_records)
      .set("merges", e.merges)
      .set("orders", e.orders)
      .set("suppressed", std::move(suppressed));
}

std::string forgotten_contact_message(store::Database& db, const domain::Customer& customer) {
  store::SuppressionRepository suppressions(db);
  const auto refuse = [](const std::string& address) {
    return fmt::format("{} belongs to a person who asked to be forgotten ('crm customer "
                       "forget'): it cannot come back",
                       address);
  };
  if (customer.email &&
      suppressions.reason_for("email", domain::email_key(*customer.email)) == "forgotten")
    return refuse(*customer.email);
  if (customer.phone &&
      suppressions.reason_for("phone", domain::phone_digits(*customer.phone)) == "forgotten")
    return refuse(*customer.phone);
  return {};
}

} // namespace crm::actions
