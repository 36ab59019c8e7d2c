#include "domain/customer.hpp"

namespace crm::domain {

namespace {

struct FieldMember {
  const char* name;
  OptText Customer::*member;
};

// NOLINTNEXTLINE(cert-err58-cpp): a constant table
const FieldMember field_members[] = {
    {"external_id", &Customer::external_id},
    {"email", &Customer::email},
    {"phone", &Customer::phone},
    {"fax", &Customer::fax},
    {"first_name", &Customer::first_name},
    {"last_name", &Customer::last_name},
    {"company", &Customer::company},
    {"address_line1", &Customer::address_line1},
    {"address_line2", &Customer::address_line2},
    {"postcode", &Customer::postcode},
    {"city", &Customer::city},
    {"region", &Customer::region},
    {"country", &Customer::country},
    {"language", &Customer::language},
    {"owner", &Customer::owner},
    {"source", &Customer::source},
};

bool is_cjk_text(std::string_view text) {
  for (const unsigned char c : text) {
    if (c >= 0xE0) return true; // 3- and 4-byte UTF-8 sequences: CJK and beyond
  }
  return false;
}

} // namespace

const std::vector<std::string>& text_field_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> result;
    for (const auto& field : field_members) result.emplace_back(field.name);
    return result;
  }();
  return names;
}

OptText* text_field(Customer& customer, std::string_view name) {
  for (const auto& field : field_members) {
    if (name == field.name) return &(customer.*field.member);
  }
  return nullptr;
}

const OptText* text_field(const Customer& customer, std::string_view name) {
  return text_field(const_cast<Customer&>(customer), name); // NOLINT: read-only use
}

std::string display_name(const Customer& customer) {
  const std::string first = customer.first_name.value_or("");
  const std::string last = customer.last_name.value_or("");
  if (!first.empty() || !last.empty()) {
    // Chinese names are written family name first, without a space.
    if (is_cjk_text(first + last)) return last + first;
    if (first.empty() || last.empty()) return first + last;
    return first + " " + last;
  }
  if (customer.company) return *customer.company;
  return customer.email.value_or("");
}

} // namespace crm::domain
