#pragma once
// Consent, interactions, follow-ups and the audit log.
#include <optional>
#include <string>
#include <vector>

#include "actions/context.hpp"
#include "domain/customer.hpp"
#include "util/json.hpp"

namespace crm::actions {

util::Json interaction_json(const Context& ctx, const domain::Interaction& interaction);
util::Json followup_json(const Context& ctx, const domain::Followup& followup);

struct SetConsent {
  std::string channel, state, source;
  std::optional<std::string> at; // when given; default now
  bool dry_run = false;
};
// Returns the consent as recorded, with the customer id.
util::Json set_consent(Context& ctx, std::string_view ref, const SetConsent& input);

struct AddNote {
  std::string kind = "note";
  std::optional<std::string> channel, direction, at, author;
  std::string text;
  bool dry_run = false;
};
util::Json add_note(Context& ctx, std::string_view ref, const AddNote& input);
// Interactions, newest first.
std::vector<util::Json> customer_history(Context& ctx, std::string_view ref,
                                         std::optional<std::string> kind,
                                         std::optional<std::int64_t> limit);

struct AddFollowup {
  std::string due;                  // DATE, today, tomorrow, +3d
  std::optional<std::string> owner; // default: the acting user
  std::string text;
  bool dry_run = false;
};
util::Json add_followup(Context& ctx, std::string_view ref, const AddFollowup& input);

struct ListFollowups {
  std::optional<std::string> owner, customer;
  std::optional<std::string> due; // today | overdue | DATE (due on or before) ; none = all open
  bool include_done = false;
};
std::vector<util::Json> list_followups(Context& ctx, const ListFollowups& input);
util::Json complete_followup(Context& ctx, std::int64_t id, bool dry_run);

struct ListAudit {
  std::optional<std::string> customer; // REF
  std::optional<std::string> since;    // TIME
  std::optional<std::int64_t> limit;
};
std::vector<util::Json> list_audit(Context& ctx, const ListAudit& input);

} // namespace crm::actions
