#include "segment/ast.hpp"

namespace crm::segment {

const std::vector<FieldInfo>& fields() {
  using F = Field;
  using T = FieldType;
  static const std::vector<FieldInfo> catalogue = {
      {"external_id", F::external_id, T::text, "the customer's id in another system"},
      {"email", F::email, T::text, "email address (compared case-insensitively)"},
      {"phone", F::phone, T::text, "phone number as stored"},
      {"first_name", F::first_name, T::text, "first name"},
      {"last_name", F::last_name, T::text, "last name"},
      {"company", F::company, T::text, "company name"},
      {"city", F::city, T::text, "city"},
      {"postcode", F::postcode, T::text, "postal code"},
      {"region", F::region, T::text, "region, state or province"},
      {"country", F::country, T::text, "ISO 3166 alpha-2 country code (CN, DE, ...)"},
      {"language", F::language, T::text, "language tag (zh, zh-CN, en, ...)"},
      {"owner", F::owner, T::text, "who looks after the customer"},
      {"status", F::status, T::text, "lead, active or inactive"},
      {"source", F::source, T::text, "where the customer came from"},
      {"created", F::created, T::time, "when the customer was added"},
      {"orders", F::orders, T::count, "number of non-cancelled orders (0 without orders)"},
      {"revenue", F::revenue, T::money,
       "total of the non-cancelled orders, in the store currency (0 without orders)"},
      {"aov", F::aov, T::money, "average order value: revenue / orders (0 without orders)"},
      {"first_order", F::first_order, T::time,
       "when the first order was placed (empty without orders)"},
      {"last_order", F::last_order, T::time,
       "when the latest order was placed (empty without orders)"},
      {"rfm.r", F::rfm_r, T::score,
       "recency score 1-5 (5 = ordered most recently; empty without orders)"},
      {"rfm.f", F::rfm_f, T::score, "frequency score 1-5 (5 = most orders; empty without orders)"},
      {"rfm.m", F::rfm_m, T::score,
       "monetary score 1-5 (5 = highest revenue; empty without orders)"},
      {"attr.", F::attribute, T::text, "attr.NAME: the custom attribute NAME"},
      {"consent.", F::consent, T::text,
       "consent.CHANNEL: opt-in, opt-out or unknown for email, sms, phone or postal"},
  };
  return catalogue;
}

const FieldInfo& info(Field field) {
  for (const auto& entry : fields()) {
    if (entry.field == field) return entry;
  }
  return fields().front(); // unreachable: every Field is in the catalogue
}

std::string_view to_string(Op op) {
  switch (op) {
  case Op::eq:
    return "=";
  case Op::ne:
    return "!=";
  case Op::lt:
    return "<";
  case Op::le:
    return "<=";
  case Op::gt:
    return ">";
  case Op::ge:
    return ">=";
  }
  return "=";
}

} // namespace crm::segment
