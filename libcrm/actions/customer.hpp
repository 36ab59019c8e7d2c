#pragma once
// Customer actions: what `crm customer ...` does, callable from the CLI and from tests.
// Actions never print and never exit; they return data (util::Json) or throw util errors.
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "actions/context.hpp"
#include "domain/customer.hpp"
#include "store/customers.hpp"
#include "util/json.hpp"

namespace crm::actions {

// The customer as JSON, as printed and as recorded in the audit log: keys are the `add`
// option names (id, email, first_name, ..., tags, attributes, created_at, updated_at,
// deleted_at), times ISO 8601 UTC, unset fields null.
util::Json customer_json(const domain::Customer& customer);

// REF: an id, an email (case-insensitive, trimmed) or ext:EXTERNAL_ID. Throws NotFoundError.
domain::Customer resolve_customer(Context& ctx, std::string_view ref);
// As resolve_customer, but a soft-deleted customer throws ConflictError (restore it first).
domain::Customer resolve_live_customer(Context& ctx, std::string_view ref);

struct AddCustomer {
  std::vector<std::pair<std::string, std::string>> fields; // text field name -> value
  std::vector<std::string> tags;
  std::vector<std::string> attributes; // "key=value"
  bool dry_run = false;
};
// Returns the customer as stored (dry run: as it would be, with id 0).
domain::Customer add_customer(Context& ctx, const AddCustomer& input);

struct EditCustomer {
  std::vector<std::string> set;   // "field=value" or "attr.KEY=value"
  std::vector<std::string> unset; // "field" or "attr.KEY"
  bool dry_run = false;
};
// The fields that differ: text field names, "status", "tags", "attributes".
std::vector<std::string> changed_fields(const domain::Customer& a, const domain::Customer& b);

struct Change {
  domain::Customer before, after;
  std::vector<std::string> changed; // field names ("tags", "attr.vip", ...), empty = no change
};
// Throws UsageError naming an unknown field (with a suggestion) or an invalid value.
Change edit_customer(Context& ctx, std::string_view ref, const EditCustomer& input);
Change tag_customer(Context& ctx, std::string_view ref, const std::vector<std::string>& tags,
                    bool add, bool dry_run);

// Soft delete / restore / hard delete. Each returns the customers changed.
std::vector<domain::Customer> remove_customers(Context& ctx, const std::vector<std::string>& refs,
                                               bool dry_run);
std::vector<domain::Customer> restore_customers(Context& ctx, const std::vector<std::string>& refs,
                                                bool dry_run);
// Only soft-deleted customers can be purged (rm first): a live one throws ConflictError.
// With all_deleted, purges every soft-deleted customer.
std::vector<domain::Customer> purge_customers(Context& ctx, const std::vector<std::string>& refs,
                                              bool all_deleted, bool dry_run);

// Validates and normalises the filters of a query (status, country, tags) as users type them.
void normalize_filters(store::CustomerQuery& query);

struct ListCustomers {
  store::CustomerQuery query;
  std::string sort = "id"; // "-name" style: a leading '-' means descending
};
// Each customer with its order metrics (store/orders.hpp; all zero without orders).
void list_customers(
    Context& ctx, ListCustomers input,
    const std::function<void(const domain::Customer&, const store::CustomerMetrics&)>& visit);

// Everything known: fields, order metrics (orders, revenue, aov, first_order, last_order,
// currency), consent (current + history), recent interactions, open follow-ups, recent orders.
util::Json show_customer(Context& ctx, std::string_view ref);

// The audit record of a change made by the current command. `customer_id` links entries
// about a customer's satellites (notes, follow-ups) to the customer; for entity "customer"
// it is `id`.
void audit(Context& ctx, std::string_view entity, std::optional<std::int64_t> id,
           std::string_view action, const std::optional<util::Json>& before,
           const std::optional<util::Json>& after,
           std::optional<std::int64_t> customer_id = std::nullopt);

} // namespace crm::actions
