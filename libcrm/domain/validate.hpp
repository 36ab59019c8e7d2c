#pragma once
// Validation and normalisation of user-given values. Each function returns the value to
// store or throws util::UsageError naming the field and saying what is expected.
#include <string>
#include <string_view>

namespace crm::domain {

// Trimmed (Unicode spaces too); one '@', a non-empty local part without spaces or control
// characters, a domain of dot-separated labels with a dot. Case is kept.
std::string normalize_email(std::string_view value);
// The comparison key of an email: trimmed and lower-cased.
std::string email_key(std::string_view email);
// Trimmed; digits with optional leading '+', spaces, '-', '.', '(' ')' and 5..15 digits.
std::string normalize_phone(std::string_view value, std::string_view field = "phone");
// The digits of a phone number (with a leading '+' kept), for search.
std::string phone_digits(std::string_view phone);
// ISO 3166-1 alpha-2, any case in, upper case out.
std::string normalize_country(std::string_view value);
// BCP 47 language tag such as "zh", "zh-CN", "en-US".
std::string normalize_language(std::string_view value);
// lead | active | inactive
std::string normalize_status(std::string_view value);
// Letters (any script), digits and - _ . : /, at most 64 bytes.
std::string normalize_tag(std::string_view value);
// An attribute name: letters, digits, '_' and '-', starting with a letter, at most 64 bytes.
std::string normalize_attribute_key(std::string_view value);
// Any text field: trimmed, valid UTF-8, no control characters except none; empty -> error.
std::string normalize_text(std::string_view value, std::string_view field);
// Validates and normalises a customer text field by name (see text_field_names()).
std::string normalize_field(std::string_view field, std::string_view value);

// email | sms | phone | postal
std::string normalize_channel(std::string_view value);
// opt-in | opt-out | unknown (also accepts optin/opt_in/in, optout/opt_out/out)
std::string normalize_consent_state(std::string_view value);
// note | call | email | meeting | complaint | service
std::string normalize_interaction_kind(std::string_view value);
// in | out
std::string normalize_direction(std::string_view value);

bool is_country_code(std::string_view upper_code);

} // namespace crm::domain
