#pragma once
// Store: merges.
#include "store/database.hpp"

namespace crm::store {} // namespace crm::store
