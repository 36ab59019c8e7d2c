#include "actions/customer.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "actions/privacy.hpp"
#include "domain/validate.hpp"
#include "store/audit.hpp"
#include "store/timeline.hpp"
#include "util/error.hpp"
#include "util/strings.hpp"

namespace crm::actions {

namespace {

using domain::Customer;

std::vector<std::string> settable_fields() {
  auto names = domain::text_field_names();
  names.emplace_back("status");
  return names;
}

[[noreturn]] void unknown_field(std::string_view field) {
  std::string message = fmt::format("unknown field '{}'", field);
  if (auto near = util::nearest(field, settable_fields()))
    message += fmt::format(" (did you mean '{}'?)", *near);
  message += "; fields: " + util::join(settable_fields(), ", ") + ", attr.NAME";
  throw util::UsageError(message);
}

void set_attribute(Customer& c, const std::string& key, std::optional<std::string> value) {
  auto& attrs = c.attributes;
  auto it =
      std::find_if(attrs.begin(), attrs.end(), [&](const auto& kv) { return kv.first == key; });
  if (it != attrs.end()) attrs.erase(it);
  if (value) attrs.emplace_back(key, std::move(*value));
  std::sort(attrs.begin(), attrs.end());
}

void set_field(Customer& c, std::string_view field, std::optional<std::string_view> value) {
  if (field.substr(0, 5) == "attr.") {
    const std::string key = domain::normalize_attribute_key(field.substr(5));
    if (value && util::trim(*value).empty()) value.reset(); // "--set attr.x=" clears
    set_attribute(c, key,
                  value ? std::optional(domain::normalize_text(*value, field)) : std::nullopt);
    return;
  }
  if (field == "status") {
    if (!value) throw util::UsageError("status cannot be unset: use lead, active or inactive");
    c.status = domain::normalize_status(*value);
    return;
  }
  auto* member = domain::text_field(c, field);
  if (member == nullptr) unknown_field(field);
  if (value && util::trim(*value).empty()) value.reset(); // "--set city=" clears
  *member = value ? std::optional(domain::normalize_field(field, *value)) : std::nullopt;
}

void add_tags(Customer& c, const std::vector<std::string>& tags) {
  for (const auto& tag : tags) c.tags.push_back(domain::normalize_tag(tag));
  std::sort(c.tags.begin(), c.tags.end());
  c.tags.erase(std::unique(c.tags.begin(), c.tags.end()), c.tags.end());
}

} // namespace

std::vector<std::string> changed_fields(const Customer& a, const Customer& b) {
  std::vector<std::string> changed;
  for (const auto& name : domain::text_field_names()) {
    if (*domain::text_field(a, name) != *domain::text_field(b, name)) changed.push_back(name);
  }
  if (a.status != b.status) changed.emplace_back("status");
  if (a.tags != b.tags) changed.emplace_back("tags");
  if (a.attributes != b.attributes) changed.emplace_back("attributes");
  return changed;
}

namespace {

Change save_change(Context& ctx, const Customer& before, Customer after, bool dry_run,
                   std::string_view action) {
  Change change{before, std::move(after), {}};
  change.changed = changed_fields(change.before, change.after);
  if (change.changed.empty()) return change;
  if (change.after.email != change.before.email || change.after.phone != change.before.phone) {
    if (auto why = forgotten_contact_message(ctx.db(), change.after); !why.empty())
      throw util::ConflictError(why);
  }
  if (dry_run) {
    store::CustomerRepository(ctx.db()).check_unique(change.after);
    return change;
  }
  change.after.updated_at = ctx.now();
  store::Transaction transaction(ctx.db());
  store::CustomerRepository(ctx.db()).update(change.after);
  audit(ctx, "customer", change.after.id, action, customer_json(change.before),
        customer_json(change.after));
  transaction.commit();
  return change;
}

} // namespace

util::Json customer_json(const Customer& c) {
  const auto time = [](std::optional<util::Timestamp> t) {
    return t ? util::Json(util::format_iso_utc(*t)) : util::Json();
  };
  util::Json json = util::Json::object();
  json.as_object().reserve(32); // the fields below, and the metrics lists add
  json.append("id", c.id != 0 ? util::Json(c.id) : util::Json()); // null: not stored (dry run)
  for (const auto& name : domain::text_field_names()) {
    const auto& value = *domain::text_field(c, name);
    json.append(name, value ? util::Json(*value) : util::Json());
    if (name == "owner") json.append("status", c.status);
  }
  util::Json tags = util::Json::array();
  for (const auto& tag : c.tags) tags.push_back(tag);
  json.append("tags", std::move(tags));
  util::Json attributes = util::Json::object();
  for (const auto& [key, value] : c.attributes) attributes.append(key, value);
  json.append("attributes", std::move(attributes));
  json.append("created_at", time(c.created_at));
  json.append("updated_at", time(c.updated_at));
  json.append("deleted_at", time(c.deleted_at));
  return json;
}

Customer resolve_customer(Context& ctx, std::string_view ref) {
  store::CustomerRepository repo(ctx.db());
  const std::string text = util::trim(ref);
  std::optional<Customer> found;
  if (text.rfind("ext:", 0) == 0) {
    found = repo.find_by_external_id(text.substr(4));
  } else if (text.find('@') != std::string::npos) {
    found = repo.find_live_by_email(text);
  } else if (auto id = util::parse_int(text); id && *id > 0) {
    found = repo.find(*id);
  } else {
    throw util::UsageError(fmt::format(
        "invalid customer reference '{}': use an id, an email or ext:EXTERNAL_ID", ref));
  }
  if (!found) throw util::NotFoundError(fmt::format("no customer matches '{}'", ref));
  return *found;
}

Customer resolve_live_customer(Context& ctx, std::string_view ref) {
  Customer c = resolve_customer(ctx, ref);
  if (c.forgotten_at)
    throw util::ConflictError(
        fmt::format("customer {} was forgotten: its personal data is erased for good", c.id));
  if (c.deleted_at)
    throw util::ConflictError(
        fmt::format("customer {} is deleted: run 'crm customer restore {}' first", c.id, c.id));
  return c;
}

Customer add_customer(Context& ctx, const AddCustomer& input) {
  Customer c;
  c.status = ctx.settings().get_string("customer.default_status");
  for (const auto& [field, value] : input.fields) set_field(c, field, value);
  add_tags(c, input.tags);
  for (const auto& assignment : input.attributes) {
    const auto kv = util::split_assignment(assignment);
    if (!kv) throw util::UsageError(fmt::format("--attr '{}': expected NAME=VALUE", assignment));
    set_field(c, "attr." + kv->first, kv->second);
  }
  if (!c.email && !c.phone && !c.first_name && !c.last_name && !c.company && !c.external_id)
    throw util::UsageError("a customer needs at least one of --email, --phone, --first-name, "
                           "--last-name, --company or --external-id");
  c.created_at = c.updated_at = ctx.now();
  if (auto why = forgotten_contact_message(ctx.db(), c); !why.empty())
    throw util::ConflictError(why);
  if (input.dry_run) {
    store::CustomerRepository(ctx.db()).check_unique(c);
    return c;
  }
  store::Transaction transaction(ctx.db());
  c.id = store::CustomerRepository(ctx.db()).insert(c);
  audit(ctx, "customer", c.id, "create", std::nullopt, customer_json(c));
  transaction.commit();
  return c;
}

Change edit_customer(Context& ctx, std::string_view ref, const EditCustomer& input) {
  const Customer before = resolve_live_customer(ctx, ref);
  Customer after = before;
  for (const auto& assignment : input.set) {
    const auto kv = util::split_assignment(assignment);
    if (!kv) throw util::UsageError(fmt::format("--set '{}': expected FIELD=VALUE", assignment));
    set_field(after, util::trim(kv->first), kv->second);
  }
  for (const auto& field : input.unset) set_field(after, util::trim(field), std::nullopt);
  return save_change(ctx, before, std::move(after), input.dry_run, "update");
}

Change tag_customer(Context& ctx, std::string_view ref, const std::vector<std::string>& tags,
                    bool add, bool dry_run) {
  const Customer before = resolve_live_customer(ctx, ref);
  Customer after = before;
  if (add) {
    add_tags(after, tags);
  } else {
    for (const auto& tag : tags) {
      const std::string name = domain::normalize_tag(tag);
      after.tags.erase(std::remove(after.tags.begin(), after.tags.end(), name), after.tags.end());
    }
  }
  return save_change(ctx, before, std::move(after), dry_run, add ? "tag" : "untag");
}

void audit(Context& ctx, std::string_view entity, std::optional<std::int64_t> id,
           std::string_view action, const std::optional<util::Json>& before,
           const std::optional<util::Json>& after, std::optional<std::int64_t> customer_id) {
  store::AuditEntry entry;
  entry.at = util::system_now(); // when it really happened, whatever --now says
  entry.user = ctx.user();
  entry.command = ctx.command_line();
  entry.entity = entity;
  entry.entity_id = id;
  entry.customer_id = entity == "customer" ? id : customer_id;
  entry.action = action;
  if (before) entry.before_json = before->dump();
  if (after) entry.after_json = after->dump();
  store::AuditRepository(ctx.db()).record(entry);
}

} // namespace crm::actions
