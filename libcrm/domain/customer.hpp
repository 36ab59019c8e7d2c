#pragma once
// The customer aggregate and its satellites (consent, interactions, follow-ups).
// Plain data: validation lives in validate.hpp, persistence in store/.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "util/time.hpp"

namespace crm::domain {

using CustomerId = std::int64_t;
using OptText = std::optional<std::string>;

struct Customer {
  CustomerId id = 0;
  OptText external_id, email, phone, fax, first_name, last_name, company, address_line1,
      address_line2, postcode, city, region, country, language, owner, source;
  std::string status = "lead";
  std::vector<std::string> tags;                               // sorted, unique
  std::vector<std::pair<std::string, std::string>> attributes; // sorted by key, unique keys
  util::Timestamp created_at = 0;
  util::Timestamp updated_at = 0;
  std::optional<util::Timestamp> deleted_at;
  // Set by `crm customer forget` (personal data erased; the row stays for aggregate facts),
  // never cleared: CustomerRepository::update does not write it.
  std::optional<util::Timestamp> forgotten_at;
};

// The optional text fields of a customer, in display order. The names are the JSON keys,
// the `--set` field names and (with '_' as '-') the `crm customer add` options.
const std::vector<std::string>& text_field_names();
// The member for a text field name; nullptr when there is none.
OptText* text_field(Customer& customer, std::string_view name);
const OptText* text_field(const Customer& customer, std::string_view name);
// "Wang Xiaoming" / "王小明": a display name from first/last name, company or email.
std::string display_name(const Customer& customer);

struct Consent {
  std::string channel; // email | sms | phone | postal
  std::string state;   // opt-in | opt-out | unknown
  std::string source;
  util::Timestamp at = 0;          // when the customer gave or withdrew it
  util::Timestamp recorded_at = 0; // when crm learnt it
  std::string recorded_by;
};

struct Interaction {
  std::int64_t id = 0;
  CustomerId customer_id = 0;
  std::string kind;  // note | call | email | meeting | complaint | service
  OptText channel;   // free text (phone, wechat, email, ...)
  OptText direction; // in | out
  std::string author;
  std::string text;
  util::Timestamp at = 0;
};

struct Followup {
  std::int64_t id = 0;
  CustomerId customer_id = 0;
  std::string due; // YYYY-MM-DD
  std::string owner;
  std::string text;
  util::Timestamp created_at = 0;
  std::optional<util::Timestamp> done_at;
};

} // namespace crm::domain
