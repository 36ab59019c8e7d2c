#pragma once
// Store: suppressions.
#include "store/database.hpp"

namespace crm::store {} // namespace crm::store
