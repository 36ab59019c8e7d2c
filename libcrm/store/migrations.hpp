#pragma once
// The numbered schema migrations. A migration is never edited once released: add a new one.
#include <string_view>
#include <vector>

namespace crm::store {

struct Migration {
  int version;
  std::string_view description;
  std::string_view sql;
};

const std::vector<Migration>& migrations();
int latest_schema_version();

} // namespace crm::store
