#pragma once
// Customer privacy actions: `crm customer export-data` (everything crm holds about one
// person) and `crm customer forget` (erase it, keep the anonymous facts, suppress the address).
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "actions/context.hpp"
#include "domain/customer.hpp"
#include "store/suppressions.hpp"
#include "util/json.hpp"

namespace crm::actions {

// The customer fields forget erases (the rest — country, language, owner, source, status,
// tags, times — stays as anonymous aggregate facts). Custom attributes are erased too.
const std::vector<std::string>& personal_field_names();

// One JSON document with everything the store holds about the customer REF (soft-deleted and
// forgotten ones too): the customer, consent and its history, every interaction and
// follow-up, the orders (with items and events), the import batches and merges that touched
// it, the suppressions of its email and phone, and the audit log entries about it. `generator`
// names the program ("crm 0.1").
util::Json export_personal_data(Context& ctx, std::string_view ref, std::string_view generator);
// Writes `content` to `target` as a file of mode 0600 (it holds personal data), through a
// temporary file renamed at the end. An existing file is a ConflictError unless `force`.
void write_private_file(const std::filesystem::path& target, std::string_view content, bool force);

struct ForgetResult {
  domain::Customer before, after;
  std::vector<std::string> erased_fields; // those of personal_field_names() that had a value
  std::size_t attributes = 0;             // custom attributes erased
  std::vector<std::string> suppressed;    // channels suppressed: "email", "phone"
  store::ErasedCounts erased;
};

// Erases the personal data of the customers REFs in one transaction (dry run: rolled back),
// recording for each a "forget" audit entry that holds none. Throws NotFoundError, and
// ConflictError when one is already forgotten or a customer record not among them has the
// same email (the same person: forget both at once, or merge them first).
std::vector<ForgetResult> forget_customers(Context& ctx, const std::vector<std::string>& refs,
                                           bool dry_run);
// Why `customer` must not be stored: its email or phone belongs to a person who was forgotten
// (a "forgotten" suppression). Empty when nothing stands in the way. Import rejects such a
// row with this message; add and edit refuse with it (exit 4).
std::string forgotten_contact_message(store::Database& db, const domain::Customer& customer);

// The summary row printed by `crm customer forget` (and recorded in the audit log).
util::Json forget_json(const Context& ctx, const ForgetResult& result);

} // namespace crm::actions
